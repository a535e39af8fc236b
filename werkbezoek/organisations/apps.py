from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "werkbezoek.organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from . import checks  # noqa: F401  (registers the scoped-manager system check)
