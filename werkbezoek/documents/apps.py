from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "werkbezoek.documents"
    verbose_name = _("Documents")

    def ready(self):
        from werkbezoek.people.privacy import register_keeper

        from .privacy import KEEPER

        register_keeper(KEEPER)
