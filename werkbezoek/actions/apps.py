import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "werkbezoek.actions"
    verbose_name = _("Actions and the election calendar")

    def ready(self):
        from werkbezoek.lib import periodic
        from werkbezoek.organisations import home

        from .tasks import digests_due
        from .views import home_part

        home.register_part(home_part, name="fasen", order=20)
        periodic.register("actions.digests", every=datetime.timedelta(hours=1), task=digests_due)
