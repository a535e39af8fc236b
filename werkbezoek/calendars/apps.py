import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "werkbezoek.calendars"
    verbose_name = _("Meeting calendars")

    def ready(self):
        from werkbezoek.lib import periodic

        from .tasks import subscriptions_refresh

        periodic.register(
            "calendars.subscriptions_refresh",
            every=datetime.timedelta(hours=1),
            task=subscriptions_refresh,
        )
