"""Writes to organisations, memberships and invitations. Each one is atomic and logged."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope, scopes_disabled

from werkbezoek.mail.services import email_queue

from . import audit
from .models import Invitation, Membership, Organisation, Role, hash_token

PROFILE_FIELDS = [
    "name",
    "kind",
    "themes",
    "description",
    "contact_email",
    "phone",
    "website",
    "address",
    "postcode",
    "city",
    "stale_contact_months",
    "retention_months",
    "share_visits_with_umbrella",
    "invitation_load_threshold",
]


ORGANISATION_CREATED = audit.action(
    "organisations.organisation.created", gettext_lazy("organisation created")
)
PROFILE_UPDATED = audit.action(
    "organisations.organisation.updated", gettext_lazy("profile updated")
)
INVITATION_SENT = audit.action("organisations.invitation.sent", gettext_lazy("invitation sent"))
INVITATION_REVOKED = audit.action(
    "organisations.invitation.revoked", gettext_lazy("invitation withdrawn")
)
INVITATION_ACCEPTED = audit.action(
    "organisations.invitation.accepted", gettext_lazy("invitation accepted")
)
ROLE_CHANGED = audit.action("organisations.membership.role_changed", gettext_lazy("role changed"))
MEMBER_REMOVED = audit.action("organisations.membership.removed", gettext_lazy("member removed"))
ASSESSMENT_ACCESS_CHANGED = audit.action(
    "organisations.membership.assessment_access_changed",
    gettext_lazy("access to assessments changed"),
)


@transaction.atomic
def organisation_create(*, name: str, slug: str, kind: str, created_by, **profile) -> Organisation:
    """A new organisation with its creator as administrator."""
    municipalities = profile.pop("municipalities", [])
    organisation = Organisation(name=name, slug=slug, kind=kind, **profile)
    organisation.full_clean()
    organisation.save()
    organisation.municipalities.set(municipalities)
    with scope(organisation=organisation):
        Membership.objects.create(organisation=organisation, user=created_by, role=Role.ADMIN)
        audit.record(
            organisation=organisation,
            actor=created_by,
            action=ORGANISATION_CREATED,
            target=organisation,
        )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor,
    name: str,
    kind: str,
    municipalities=(),
    themes: list[str] | None = None,
    description: str = "",
    contact_email: str = "",
    phone: str = "",
    website: str = "",
    address: str = "",
    postcode: str = "",
    city: str = "",
    stale_contact_months: int = 6,
    retention_months: int = 24,
    share_visits_with_umbrella: bool | None = None,
    invitation_load_threshold: int | None = None,
) -> Organisation:
    """Save the whole profile, as the profile form shows it (an umbrella body's form has
    no sharing default, a member's no invitation warning: None keeps what is there)."""
    organisation.name, organisation.kind = name, kind
    organisation.themes, organisation.description = themes or [], description
    organisation.contact_email, organisation.phone = contact_email, phone
    organisation.website, organisation.address = website, address
    organisation.postcode, organisation.city = postcode, city
    organisation.stale_contact_months = stale_contact_months
    organisation.retention_months = retention_months
    if share_visits_with_umbrella is not None:
        organisation.share_visits_with_umbrella = share_visits_with_umbrella
    if invitation_load_threshold is not None:
        organisation.invitation_load_threshold = invitation_load_threshold
    organisation.full_clean(exclude=["slug"])
    organisation.save()
    organisation.municipalities.set(municipalities)
    organisation.__dict__.pop("working_area", None)  # read again when next asked
    audit.record(
        organisation=organisation, actor=actor, action=PROFILE_UPDATED, target=organisation
    )
    return organisation


def _invitation_url(token: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("organisations:invitation-accept", args=[token])


@transaction.atomic
def invitation_send(
    *, organisation: Organisation, email: str, role: str, invited_by, base_url: str
) -> Invitation:
    """Invite a colleague by e-mail. An earlier open invitation to the same address is replaced."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise ValidationError(
            _("%(email)s is already a member of this organisation.") % {"email": email}
        )
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=invited_by,
        token_hash=hash_token(token),
        expires_at=now + timedelta(days=settings.WERKBEZOEK_INVITATION_VALID_DAYS),
    )
    email_queue(
        to=email,
        template="organisations/emails/invitation",
        context={
            "organisation": organisation,
            "invited_by": invited_by,
            "role": invitation.get_role_display(),
            "url": _invitation_url(token, base_url),
            "expires_at": invitation.expires_at,
        },
    )
    audit.record(
        organisation=organisation,
        actor=invited_by,
        action=INVITATION_SENT,
        target=invitation,
        subject=email,
        role=role,
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            organisation=invitation.organisation,
            actor=actor,
            action=INVITATION_REVOKED,
            target=invitation,
            subject=invitation.email,
        )


def invitation_by_token(token: str) -> Invitation | None:
    """Named cross-organisation query: the link itself is the proof of who may look."""
    with scopes_disabled():
        return (
            Invitation.objects.select_related("organisation", "invited_by")
            .filter(token_hash=hash_token(token))
            .first()
        )


def invitation_problem(invitation: Invitation | None, user=None) -> str | None:
    """Why this invitation cannot be accepted (Dutch text), or None when it can."""
    if invitation is None:
        return _("This invitation link is not valid. Check that you copied the whole link.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been used. Log in to reach the organisation.")
    if invitation.revoked_at is not None:
        return _("This invitation has been withdrawn. Ask for a new invitation.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask the person who invited you for a new one.")
    if user is not None and user.is_authenticated and user.email.lower() != invitation.email:
        return _(
            "This invitation is meant for %(invited)s, but you are logged in as %(current)s. "
            "Log out and open the link again, or ask for an invitation to your own address."
        ) % {"invited": invitation.email, "current": user.email}
    return None


@transaction.atomic
def invitation_accept(*, token: str, user=None, full_name: str = "", password: str = ""):
    """Accept an invitation: as the logged-in user, or by creating the account it names.

    The row is locked, so a link used twice at the same moment still works only once.
    Returns the new membership.
    """
    with scopes_disabled():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        problem = invitation_problem(invitation, user)
        if problem:
            raise ValidationError(problem)
        if user is None or not user.is_authenticated:
            User = get_user_model()
            if User.objects.filter(email=invitation.email).exists():
                raise ValidationError(
                    _("An account with this e-mail address already exists. Log in first.")
                )
            user = User.objects.create_user(
                email=invitation.email, password=password, full_name=full_name
            )
        organisation = invitation.organisation
    with scope(organisation=organisation):
        if Membership.objects.filter(organisation=organisation, user=user).exists():
            raise ValidationError(_("You are already a member of this organisation."))
        membership = Membership.objects.create(
            organisation=organisation, user=user, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            organisation=organisation,
            actor=user,
            action=INVITATION_ACCEPTED,
            target=membership,
            subject=user.email,
            role=invitation.role,
        )
    return membership


def _lock_admins(membership: Membership) -> tuple[Membership, int]:
    """Lock the organisation's administrators (and this membership) until the transaction
    ends, and return this membership as stored now with the number of administrators.

    Two administrators demoting each other at the same moment: the second waits for the
    first, then sees that only one is left and is refused."""
    rows = list(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id)
        .filter(Q(role=Role.ADMIN) | Q(pk=membership.pk))
        .order_by("pk")  # one lock order for everyone: no deadlocks
    )
    current = next((row for row in rows if row.pk == membership.pk), None)
    if current is None:
        raise ValidationError(_("This member has been removed in the meantime."))
    return current, sum(1 for row in rows if row.role == Role.ADMIN)


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    current, admins = _lock_admins(membership)
    old = membership.role = current.role
    if old == role:
        return membership
    if old == Role.ADMIN and admins <= 1:
        raise ValidationError(
            _(
                "An organisation needs at least one administrator. Make someone else "
                "administrator first."
            )
        )
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        organisation=membership.organisation,
        actor=actor,
        action=ROLE_CHANGED,
        target=membership,
        subject=membership.user.email,
        old=old,
        new=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """Remove a member; the middleware checks membership on every request, so access ends now."""
    current, admins = _lock_admins(membership)
    if current.role == Role.ADMIN and admins <= 1:
        raise ValidationError(
            _("The last administrator cannot be removed. Make someone else administrator first.")
        )
    audit.record(
        organisation=membership.organisation,
        actor=actor,
        action=MEMBER_REMOVED,
        target=membership,
        subject=membership.user.email,
        role=membership.role,
    )
    membership.delete()


@transaction.atomic
def membership_set_assessment_access(*, membership: Membership, allowed: bool, actor) -> None:
    """Let a member see the organisation's assessments, or not (from the next request)."""
    membership.may_see_assessments = allowed
    membership.save(update_fields=["may_see_assessments"])
    audit.record(
        organisation=membership.organisation,
        actor=actor,
        action=ASSESSMENT_ACCESS_CHANGED,
        target=membership,
        subject=membership.user.email,
        allowed=allowed,
    )
