"""Membership between organisations: an umbrella body and its members. Both sides agree,
either side ends it. The reads here are the only way to the links, always from the side of
the current organisation; everything an umbrella may later read of a member goes through
`active_members` / `is_active_member`, checked on every request, so ending a membership
stops all sharing at once."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .models import Organisation, UmbrellaLink

Status = UmbrellaLink.Status

LINK_PROPOSED = audit.action(
    "organisations.umbrella.proposed", gettext_lazy("umbrella link proposed")
)
LINK_AGREED = audit.action(
    "organisations.umbrella.agreed", gettext_lazy("umbrella membership agreed")
)
LINK_DECLINED = audit.action(
    "organisations.umbrella.declined", gettext_lazy("umbrella link declined")
)
LINK_ENDED = audit.action("organisations.umbrella.ended", gettext_lazy("umbrella membership ended"))


# --- Reads ---------------------------------------------------------------------------------


def links_of(organisation) -> list[UmbrellaLink]:
    """The links this organisation is a party to, open ones first, with both names."""
    links = UmbrellaLink.objects.filter(
        Q(umbrella=organisation) | Q(member=organisation)
    ).select_related("umbrella", "member", "proposed_by", "decided_by", "ended_by")
    return sorted(links, key=lambda link: (not link.is_open, -link.proposed_at.timestamp()))


def link_of(organisation, pk) -> UmbrellaLink | None:
    """One link, only when this organisation is a party to it (else None: a 404)."""
    return (
        UmbrellaLink.objects.filter(pk=pk)
        .filter(Q(umbrella=organisation) | Q(member=organisation))
        .select_related("umbrella", "member")
        .first()
    )


def active_members(umbrella) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            pk__in=UmbrellaLink.objects.filter(umbrella=umbrella, status=Status.ACTIVE).values(
                "member_id"
            )
        )
    )


def active_member_count(umbrella) -> int:
    return UmbrellaLink.objects.filter(umbrella=umbrella, status=Status.ACTIVE).count()


def active_umbrellas(member) -> list[Organisation]:
    """The umbrella bodies this organisation is a member of today."""
    return list(
        Organisation.objects.filter(
            pk__in=UmbrellaLink.objects.filter(member=member, status=Status.ACTIVE).values(
                "umbrella_id"
            )
        )
    )


def is_active_member(*, umbrella, member) -> bool:
    return UmbrellaLink.objects.filter(
        umbrella=umbrella, member=member, status=Status.ACTIVE
    ).exists()


def umbrellas_to_join(organisation) -> list[Organisation]:
    """Umbrella bodies this organisation has no open link with (their names are public)."""
    linked = UmbrellaLink.objects.filter(
        member=organisation, status__in=[Status.INVITED, Status.REQUESTED, Status.ACTIVE]
    ).values("umbrella_id")
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.UMBRELLA)
        .exclude(pk=organisation.pk)
        .exclude(pk__in=linked)
    )


# --- Writes --------------------------------------------------------------------------------


def _record(organisation, actor, action, link, **data):
    audit.record(
        organisation=organisation,
        actor=actor,
        action=action,
        target=link,
        subject=f"{link.member} / {link.umbrella}"[:254],
        **data,
    )


def _propose(*, umbrella, member, actor, status) -> UmbrellaLink:
    if not umbrella.is_umbrella:
        raise ValidationError(_("Only an umbrella body can have member organisations."))
    if umbrella.pk == member.pk:
        raise ValidationError(_("An organisation cannot be its own member."))
    try:
        with transaction.atomic():
            link = UmbrellaLink.objects.create(
                umbrella=umbrella, member=member, status=status, proposed_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            _("%(member)s and %(umbrella)s are already linked, or a proposal is waiting.")
            % {"member": member, "umbrella": umbrella}
        ) from None
    return link


@transaction.atomic
def umbrella_invite(*, umbrella, actor, address: str) -> UmbrellaLink:
    """The umbrella invites an organisation by its web address (the name in its links)."""
    member = Organisation.objects.filter(slug=address.strip().lower()).first()
    if member is None:
        raise ValidationError(
            _("No organisation has the web address “%(address)s”. Ask the organisation for it.")
            % {"address": address.strip()[:60]}
        )
    link = _propose(umbrella=umbrella, member=member, actor=actor, status=Status.INVITED)
    _record(umbrella, actor, LINK_PROPOSED, link)
    return link


@transaction.atomic
def umbrella_request(*, member, actor, umbrella) -> UmbrellaLink:
    """A member asks to join an umbrella body."""
    link = _propose(umbrella=umbrella, member=member, actor=actor, status=Status.REQUESTED)
    _record(member, actor, LINK_PROPOSED, link)
    return link


def _locked(link: UmbrellaLink) -> UmbrellaLink:
    return UmbrellaLink.objects.select_for_update().get(pk=link.pk)


def deciding_side(link: UmbrellaLink):
    """Who answers a proposal: the member an invitation, the umbrella a request."""
    return link.member_id if link.status == Status.INVITED else link.umbrella_id


@transaction.atomic
def umbrella_decide(*, link, organisation, actor, agree: bool) -> UmbrellaLink:
    """The other side's administrator agrees to (or declines) a proposal."""
    link = _locked(link)
    if link.status not in {Status.INVITED, Status.REQUESTED}:
        raise ValidationError(_("This proposal has already been answered."))
    if deciding_side(link) != organisation.pk:
        raise ValidationError(_("The other organisation answers this proposal."))
    link.status = Status.ACTIVE if agree else Status.DECLINED
    link.decided_by, link.decided_at = actor, timezone.now()
    link.save(update_fields=["status", "decided_by", "decided_at"])
    _record(organisation, actor, LINK_AGREED if agree else LINK_DECLINED, link)
    return link


@transaction.atomic
def umbrella_end(*, link, organisation, actor) -> UmbrellaLink:
    """Either side ends a membership (or withdraws its proposal). From the next request on,
    the umbrella reads nothing more of the member."""
    link = _locked(link)
    if not link.is_open:
        raise ValidationError(_("This link has already ended."))
    link.status = Status.ENDED
    link.ended_by, link.ended_at = actor, timezone.now()
    link.save(update_fields=["status", "ended_by", "ended_at"])
    _record(organisation, actor, LINK_ENDED, link)
    return link
