import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "werkbezoek.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from werkbezoek.lib import periodic

        from .middleware import mark_session_start
        from .tasks import throttle_cleanup
        from .throttle import login_ip_key, record

        def count_failed_login(sender, credentials, request=None, **kwargs):
            if request is not None:
                record(login_ip_key(request))

        user_login_failed.connect(
            count_failed_login, weak=False, dispatch_uid="werkbezoek-login-failed"
        )
        user_logged_in.connect(mark_session_start, dispatch_uid="werkbezoek-session-start")
        periodic.register(
            "accounts.throttle_cleanup", every=datetime.timedelta(hours=6), task=throttle_cleanup
        )
