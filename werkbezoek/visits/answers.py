"""The guest's personal answer link: signed, expiring, bound to one guest of one visit.

The link carries the organisation, visit and guest ids under a signature with its own
salt, so it cannot be forged or moved to another guest; reading it enters that
organisation's scope (no scope is widened). Removing the guest makes the link dead.
"""

from django.core import signing
from django.urls import reverse
from django_scopes import scope

from werkbezoek.organisations.models import Organisation

from .models import Guest

SALT = "werkbezoek.visits.answer"
# Long enough for invitations sent months ahead; a stale link asks the guest to reply by mail.
VALID_DAYS = 120


class LinkError(Exception):
    """The link is tampered with, expired, or its guest no longer exists."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def answer_token(guest: Guest) -> str:
    return signing.dumps(
        [guest.organisation_id, guest.visit_id, guest.pk], salt=SALT, compress=True
    )


def answer_path(guest: Guest) -> str:
    return reverse("visits:answer", kwargs={"token": answer_token(guest)})


def organisation_and_ids(token: str) -> tuple[Organisation, int, int]:
    """The organisation, visit id and guest id a link was made for, or LinkError."""
    try:
        organisation_pk, visit_pk, guest_pk = signing.loads(
            token, salt=SALT, max_age=VALID_DAYS * 24 * 3600
        )
    except signing.SignatureExpired:
        raise LinkError(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError() from None
    organisation = Organisation.objects.filter(pk=organisation_pk).first()
    if organisation is None:
        raise LinkError()
    return organisation, visit_pk, guest_pk


def guest_for(token: str) -> tuple[Organisation, Guest]:
    """Look up the guest inside the organisation's scope; the caller stays in that scope."""
    organisation, visit_pk, guest_pk = organisation_and_ids(token)
    with scope(organisation=organisation):
        guest = (
            Guest.objects.filter(pk=guest_pk, visit_id=visit_pk, person__isnull=False)
            .select_related("visit", "person")
            .first()
        )
    if guest is None:
        raise LinkError()
    return organisation, guest
