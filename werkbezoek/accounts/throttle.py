"""Limits on attempts that a stranger could repeat: failed logins from one address (spraying
many accounts), and password-reset mails per address and per client. The lockout of one
account (or one account from one address) is django-axes's; this adds what it lacks."""

import contextlib
import datetime
import ipaddress

from django.conf import settings
from django.utils import timezone

from .models import ThrottleHit


def client_ip(request) -> str:
    """The client's address. Behind our own proxy (WERKBEZOEK_BEHIND_PROXY) that is the last
    address in X-Forwarded-For, the one the proxy added; otherwise the connection's own,
    so a client cannot choose its address by sending the header itself."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.WERKBEZOEK_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        with contextlib.suppress(ValueError):  # a malformed header keeps the connection's
            address = str(ipaddress.ip_address(last))
    return address


def count(key: str, window: datetime.timedelta) -> int:
    return ThrottleHit.objects.filter(key=key, at__gte=timezone.now() - window).count()


def record(key: str) -> None:
    ThrottleHit.objects.create(key=key[:300])


def forget_old(older_than=datetime.timedelta(days=1)) -> int:
    return ThrottleHit.objects.filter(at__lt=timezone.now() - older_than).delete()[0]


def login_ip_key(request) -> str:
    return f"login-failed-ip:{client_ip(request)}"


def login_spraying(request) -> bool:
    """True when this address failed to log in too often, whichever accounts it tried."""
    return count(login_ip_key(request), settings.AXES_COOLOFF_TIME) >= (
        settings.WERKBEZOEK_LOGIN_IP_FAILURE_LIMIT
    )


def reset_allowed(request, email: str) -> bool:
    """Whether another password-reset mail may go out, counted per address and per client."""
    hour = datetime.timedelta(hours=1)
    keys = [f"reset-email:{email.lower()}", f"reset-ip:{client_ip(request)}"]
    limits = [settings.WERKBEZOEK_RESET_EMAIL_LIMIT, settings.WERKBEZOEK_RESET_IP_LIMIT]
    if any(count(key, hour) >= limit for key, limit in zip(keys, limits, strict=True)):
        return False
    for key in keys:
        record(key)
    return True


def login_username(request, credentials=None) -> str:
    """The account a login attempt names, as axes counts it: the e-mail address in lower
    case, so "Anna@X.nl" and "anna@x.nl" are one account."""
    source = credentials if credentials else getattr(request, "POST", {})
    return str(source.get("username") or "").strip().lower()[:254]
