import datetime

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "werkbezoek.operations"
    verbose_name = _("Operations")

    def ready(self):
        from werkbezoek.lib import periodic
        from werkbezoek.lib.maintenance import keep_wal_on_close, query_statistics_refresh

        connection_created.connect(keep_wal_on_close)

        periodic.register(
            "lib.query_statistics_refresh",
            every=datetime.timedelta(hours=1),
            task=query_statistics_refresh,
        )
