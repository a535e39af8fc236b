from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "werkbezoek.people"
    verbose_name = _("People and public bodies")

    def ready(self):
        from werkbezoek.organisations import home

        from .views import home_part

        home.register_part(home_part, order=30)
