"""A second factor (a code from an authenticator app, TOTP, with recovery codes) for the
people who can do most harm with a stolen password: superusers and organisation admins.

Built on django-otp: a TOTPDevice per person, a StaticDevice with the recovery codes.
The middleware sends such a person, once logged in, to set up or enter a code before
anything else; everyone else is never asked.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10

# Whether a user administers an organisation; set by the organisations app (above accounts)
# in its AppConfig.ready().
is_organisation_admin = None


def needs_second_factor(user) -> bool:
    if settings.WERKBEZOEK_SECOND_FACTOR != "required" or not user.is_authenticated:
        return False
    return user.is_superuser or bool(is_organisation_admin and is_organisation_admin(user))


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app(user) -> TOTPDevice:
    """The authenticator being set up (a new secret until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret for typing into an app by hand, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]  # without the XML declaration, to place it inline


@transaction.atomic
def confirm_app(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app that shows this code: returns new recovery codes, or None."""
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user) -> list[str]:
    """Replace the recovery codes; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


# Pages a person who still owes the second factor may open.
OPEN_PATHS = ("/account/tweede-stap/", "/account/uitloggen/", "/i18n/", "/static/", "/healthz")


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: an admin or superuser without a verified second
    factor in this session goes to set it up or to enter a code first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and needs_second_factor(user)
            and not user.is_verified()
            and not request.path_info.startswith(OPEN_PATHS)
        ):
            step = "accounts:second-factor" if has_app(user) else "accounts:second-factor-setup"
            return redirect(f"{reverse(step)}?next={request.get_full_path()}")
        return self.get_response(request)
