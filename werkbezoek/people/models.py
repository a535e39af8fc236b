"""The register: people, their dated positions, the organisation's view of them, contacts.

Public persons and positions loaded from open data (organisation NULL) are global and
read-only to users. An organisation's own
people and positions carry the organisation. Its view of anyone (Assessment, StanceRecord)
is kept apart from the public facts: those are the organisation's assessments, treated as
special-category personal data.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.dates import sane_date
from werkbezoek.organisations.scoping import OrganisationScopedManager, SharedOrOwnManager
from werkbezoek.reference.models import Body, PartyGroup


class Role(models.TextChoices):
    COUNCIL_MEMBER = "council_member", _("Council member")
    ALDERMAN = "alderman", _("Alderman")
    MAYOR = "mayor", _("Mayor")
    MEMBER_OF_PARLIAMENT = "member_of_parliament", _("Member of parliament")
    SENATOR = "senator", _("Senator")
    PROVINCIAL_MEMBER = "provincial_member", _("Member of the provincial council")
    CANDIDATE = "candidate", _("Candidate")
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    STAFF = "staff", _("Staff member of a politician")
    JOURNALIST = "journalist", _("Journalist")
    PARTNER = "partner", _("Partner organisation")
    BASE = "base", _("Own base (member, volunteer, resident)")
    OTHER = "other", _("Other")


# The roles that sit for a party group (a seat), as opposed to aldermen, clerks or staff.
GROUP_ROLES = frozenset({Role.COUNCIL_MEMBER, Role.MEMBER_OF_PARLIAMENT, Role.PROVINCIAL_MEMBER})


def standalone_surname(prefix: str, family_name: str) -> str:
    """ "De Vries", "Van der Berg": with no first name or initials before it, a Dutch prefix
    is written with a capital (in "Geachte heer De Vries", "wethouder Van der Berg")."""
    return f"{prefix[:1].upper()}{prefix[1:]} {family_name}" if prefix else family_name


class Person(models.Model):
    """Public facts about someone: who they are and how to reach them publicly.

    organisation NULL: a public record loaded from open data, shared read-only.
    organisation set: someone that organisation added itself, visible only to it.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_people",
    )
    given_name = models.CharField(_("first name"), max_length=100, blank=True)
    initials = models.CharField(_("initials"), max_length=30, blank=True)
    prefix = models.CharField(_("prefix"), max_length=30, blank=True)  # tussenvoegsel
    family_name = models.CharField(_("last name"), max_length=150)
    salutation = models.CharField(
        _("salutation for letters"),
        max_length=150,
        blank=True,
        help_text=_("For example: Geachte heer De Vries"),
    )
    email = models.EmailField(_("public e-mail address"), blank=True)
    phone = models.CharField(_("public telephone"), max_length=30, blank=True)
    x_handle = models.CharField("X", max_length=100, blank=True)
    bluesky_handle = models.CharField("Bluesky", max_length=100, blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    instagram_handle = models.CharField("Instagram", max_length=100, blank=True)
    sources = models.TextField(_("public sources"), blank=True)
    # Stable key of a public record in its source, so re-imports update instead of duplicate.
    external_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SharedOrOwnManager()

    class Meta:
        ordering = ["family_name", "initials", "given_name"]
        indexes = [
            # Everyone in name order, with what the register's default list filters on
            # (whose record, which id) in the index itself: the list walks it without
            # reading the table (PostgreSQL: an index-only scan of a vacuumed table).
            models.Index(
                fields=["family_name", "initials", "given_name", "organisation", "id"],
                name="people_by_name",
            ),
            # An organisation's own people in name order (SQLite: selectors.ids_in_name_order).
            models.Index(
                fields=["organisation", "family_name", "initials", "given_name", "id"],
                name="people_own_by_name",
            ),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    # What display_name reads: enough for a list of names (QuerySet.only).
    NAME_FIELDS = ("given_name", "initials", "prefix", "family_name")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        first = self.given_name or self.initials
        return " ".join(part for part in (first, self.prefix, self.family_name) if part)

    @property
    def surname(self):
        return standalone_surname(self.prefix, self.family_name)

    @property
    def is_public_record(self):
        return self.organisation_id is None


def organisation_rows_about_people() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) through which an organisation keeps rows about a person, in any
    app (assessments, stances, contacts, guest rows, …): the apps above this one register
    none, Django's relations name them all."""
    return [
        (relation.related_model, relation.field.name)
        for relation in Person._meta.related_objects
        if "organisation" in {field.name for field in relation.related_model._meta.fields}
    ]


class PositionQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date):
        """The positions held on that day: the one rule for "current" (open ends count)."""
        return self.filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=day),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day),
        )


class Position(models.Model):
    """A dated role of a person, e.g. council member for a party group from..to."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_positions",
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("body"),
    )
    party_group = models.ForeignKey(
        PartyGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("party group"),
    )
    title = models.CharField(
        _("title or organisation"),
        max_length=200,
        blank=True,
        help_text=_("For people outside a council: e.g. policy adviser, Dagblad van het Noorden"),
    )
    portfolio = models.CharField(_("portfolio"), max_length=300, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True, validators=[sane_date])
    end_date = models.DateField(_("until"), null=True, blank=True, validators=[sane_date])
    source = models.CharField(_("source"), max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = SharedOrOwnManager.from_queryset(PositionQuerySet)()

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [models.Index(fields=["person", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_start",
            )
        ]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self):
        return f"{self.get_role_display()} {self.body or self.title}"

    def is_current(self, on=None):
        """For one row already loaded; the same rule as PositionQuerySet.held_on."""
        on = on or timezone.localdate()
        return (self.start_date is None or self.start_date <= on) and (
            self.end_date is None or self.end_date >= on
        )


class Stance(models.TextChoices):
    SUPPORTER = "supporter", _("Supporter")
    ADHERENT = "adherent", _("Adherent")
    DOUBTER = "doubter", _("Doubter")
    OPPONENT = "opponent", _("Opponent")
    UNKNOWN = "unknown", _("Unknown")


class Assessment(models.Model):
    """The organisation's own view of one person. Special-category data: reads are logged."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="assessments"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    # Cached from the newest StanceRecord by stance_record(); never set directly.
    stance = models.CharField(
        _("stance"), max_length=10, choices=Stance.choices, default=Stance.UNKNOWN
    )
    influence = models.PositiveSmallIntegerField(
        _("influence"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = little weight on the decision, 5 = decisive."),
    )
    drivers = models.TextField(_("drivers"), blank=True, help_text=_("What motivates this person?"))
    notes = models.TextField(_("notes"), blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    owner = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="relationships",
        verbose_name=_("relationship owner"),
    )
    do_not_contact = models.BooleanField(
        _("do not contact"),
        default=False,
        help_text=_("This person asked not to be approached, or must not be for another reason."),
    )
    updated_at = models.DateTimeField(default=timezone.now)
    # Raised by every save; a form carries the version it showed, so a save over someone
    # else's newer change is noticed instead of silently undoing it.
    version = models.PositiveIntegerField(default=0)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"], name="one_assessment_per_person"
            )
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"{self.person}: {self.get_stance_display()}"


class StanceRecord(models.Model):
    """One observation of where a person stands, with date, reason and source. Append-only."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="stance_records"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="stance_records")
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    date = models.DateField(_("date"), validators=[sane_date])
    reason = models.TextField(_("reason"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-date", "-recorded_at", "-pk"]
        verbose_name = _("stance record")
        verbose_name_plural = _("stance records")

    def __str__(self):
        return f"{self.date} {self.person}: {self.stance}"


class AccessLogEntry(models.Model):
    """Who looked at, exported or erased the organisation's assessment of a person.

    Its references are kept by Django (on_delete), not by database constraints: pages log
    every assessment they show, and on PostgreSQL the constraints' checks locked each
    person shown, a write to that person's row at every view. The register list's 25
    entries took 1.2 ms to commit instead of 0.35, and after a checkpoint wrote 70 kB of
    write-ahead log instead of 10 (whole pages of the people's table). Only this code
    writes these rows, with ids it has just read."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        ERASE = "erase", _("erased")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="access_log",
        db_constraint=False,
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        related_name="access_log",
        db_constraint=False,
    )
    person_name = models.CharField(max_length=300)  # kept when the person is gone
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.person_name}"


class Interaction(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        CALL = "call", _("Phone call")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")
        VISIT = "visit", _("Working visit")
        COUNCIL_MEETING = "council_meeting", _("Council meeting attended")
        EVENT = "event", _("Event")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="interactions"
    )
    date = models.DateField(_("date"), default=timezone.localdate, validators=[sane_date])
    kind = models.CharField(_("kind of contact"), max_length=20, choices=Kind.choices)
    people = models.ManyToManyField(
        Person, related_name="interactions", verbose_name=_("people involved")
    )
    summary = models.TextField(_("summary"))
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    follow_up = models.CharField(_("what follow-up"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        db_table = "interactions_interaction"  # the table kept its name when the model moved here
        ordering = ["-date", "-recorded_at"]
        indexes = [models.Index(fields=["organisation", "date"])]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"
