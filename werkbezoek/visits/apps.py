from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "werkbezoek.visits"
    verbose_name = _("Working visits")

    def ready(self):
        from werkbezoek.organisations import home
        from werkbezoek.people.pages import register_part
        from werkbezoek.people.privacy import register_keeper

        from .follow_up_views import home_part, person_commitments
        from .privacy import KEEPER

        register_keeper(KEEPER)
        register_part(person_commitments)
        home.register_part(home_part, name="bezoeken", order=10)
