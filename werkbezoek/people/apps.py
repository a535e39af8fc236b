from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "werkbezoek.people"
    verbose_name = _("People and public bodies")

    def ready(self):
        from werkbezoek.organisations import home

        from .views import home_part

        home.register_part(
            home_part,
            name="contacten",
            order=30,
            later=_("Contacts per party group and relationships going stale"),
        )
