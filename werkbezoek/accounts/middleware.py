"""Sessions end: after an idle period (SESSION_COOKIE_AGE, renewed by activity) and after
an absolute lifetime that no activity can extend."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

STARTED = "session_started_at"
SEEN = "session_seen_at"
RENEW_AFTER_SECONDS = 60  # write the session at most once a minute to renew the idle time


def mark_session_start(sender, request, user, **kwargs):
    """Connected to user_logged_in: the absolute lifetime counts from the login."""
    request.session[STARTED] = request.session[SEEN] = time.time()


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(STARTED, now)
            if now - started > settings.WERKBEZOEK_SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(request, _("You have been logged out for your safety; log in again."))
                return redirect_to_login(request.get_full_path())
            if now - request.session.get(SEEN, 0) > RENEW_AFTER_SECONDS:
                request.session[SEEN] = now  # saving renews the idle expiry
        return self.get_response(request)
