from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "werkbezoek.calendars"
    verbose_name = _("Meeting calendars")
