"""The tenant (Organisation) and everything that ties users to it.

Organisation itself is the scope, so it is not scoped. Every other model here carries
`organisation` and uses ScopedManager: a query outside `scope(organisation=...)` raises.
"""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .scoping import OrganisationScopedManager


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SOCIAL_WORK = "social_work", _("Social work / welfare")
        HOUSING = "housing", _("Housing corporation")
        NATURE_EDUCATION = "nature_education", _("Nature and education")
        CARE = "care", _("Care")
        MUNICIPAL_TEAM = "municipal_team", _("Municipal team")
        UMBRELLA = "umbrella", _("Umbrella body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("web address"),
        max_length=60,
        unique=True,
        help_text=_("Short name in the web address, e.g. welzijn-assen."),
        error_messages={"unique": _("This web address is already taken by another organisation.")},
    )
    kind = models.CharField(_("kind of organisation"), max_length=30, choices=Kind.choices)
    municipalities = models.ManyToManyField(
        "reference.Municipality",
        verbose_name=_("working area"),
        blank=True,
        related_name="organisations",
        help_text=_("The municipalities where the organisation works."),
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    stale_contact_months = models.PositiveSmallIntegerField(
        _("warn about key people without contact after (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    retention_months = models.PositiveSmallIntegerField(
        _("review assessments untouched for (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Assessments of people without changes or contact for this long are "
            "listed for review: keep them or erase them."
        ),
    )
    # What a member shows its umbrella body: a choice per visit, this is its default.
    share_visits_with_umbrella = models.BooleanField(
        _("share new visits with our umbrella body"),
        default=False,
        help_text=_(
            "Shared: the date, municipality, theme and status, the guests' public roles and "
            "party groups, and the template. Never your assessments, notes, contacts, "
            "documents or the guests' answers. You can change it per visit."
        ),
    )
    # For an umbrella body: warn a member picking a politician who already has this many
    # invitations from other members this month.
    invitation_load_threshold = models.PositiveSmallIntegerField(
        _("warn members from this many invitations per politician per month"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def is_umbrella(self):
        return self.kind == self.Kind.UMBRELLA

    @cached_property
    def working_area(self) -> list:
        """Its municipalities, alphabetically: read once per instance (a request's
        organisation) for all that a page asks of them (the home page's card and the phase
        of its councils, the register's filters and default list), in a plain query where
        a prefetch cost Django twice as much."""
        return list(self.municipalities.order_by("name"))


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    READER = "reader", _("Reader")


# Higher number: more rights. A role includes every right of the roles below it.
ROLE_RANK = {Role.READER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


class Membership(models.Model):
    """A user's place in an organisation, with one role."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    # Stances, influence, drivers and notes are special-category data: an administrator
    # can keep them from a member who does not need them (the member still sees people).
    may_see_assessments = models.BooleanField(_("may see assessments"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")
        ]
        ordering = ["user__full_name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.organisation}"

    def has_role(self, required: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[required]

    @property
    def is_admin(self):
        return self.role == Role.ADMIN

    @property
    def can_edit(self):
        return self.has_role(Role.EDITOR)

    @property
    def sees_assessments(self) -> bool:
        """Administrators always; others unless an administrator switched it off."""
        return self.is_admin or self.may_see_assessments


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An e-mail invitation to join; the link's token is stored only as a hash."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class AuditEntry(models.Model):
    """The one audit log: each change made through a service is one entry (who, when,
    which action, on what, with a little data). Append-only; written by `audit.record`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # A dotted name, "<app>.<object>.<what happened>", e.g. "visits.guest.removed".
    action = models.CharField(max_length=60)
    # The object it happened to, as "<app>.<model>" and id (the object may be gone since).
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A readable name of the object at the time, e.g. the guest's or member's name.
    subject = models.CharField(max_length=254, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"

    @property
    def label(self) -> str:
        from .audit import ACTIONS

        return str(ACTIONS.get(self.action, self.action))


class FormSubmission(models.Model):
    """A create form, once saved: its one-off token and what it made. Posting the same
    form again (a double click, a second tab, a retry) finds this row and shows the thing
    already made instead of making it twice."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    object_type = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    def __str__(self):
        return f"{self.object_type}:{self.object_id}"


class UmbrellaLink(models.Model):
    """An organisation's membership of an umbrella body. One side proposes (the umbrella
    invites, or the member asks to join), the other side's administrator agrees; either side
    can end it. Rows are never deleted: the history stays.

    It belongs to two organisations, so it has no single scope: it is read only through the
    named selectors of `umbrellas.py`, always from the side of the current organisation."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited by the umbrella")
        REQUESTED = "requested", _("Asked to join")
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    umbrella = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["umbrella", "member"],
                condition=models.Q(status__in=["invited", "requested", "active"]),
                name="one_open_link_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(umbrella=models.F("member")), name="no_link_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.umbrella} ({self.status})"

    @property
    def is_open(self):
        return self.status in {self.Status.INVITED, self.Status.REQUESTED, self.Status.ACTIVE}
