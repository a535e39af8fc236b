"""The working visit ("werkbezoek"): goal and ask, who comes, date options, programme,
checklist, media plan and RSVP. Every model is owned by one organisation and scoped."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.lib.dates import sane_date
from werkbezoek.organisations.scoping import OrganisationScopedManager, SharedOrOwnManager

from . import checklist, scheduling


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class ProgrammeTemplate(models.Model):
    """A programme template with its rules as data: the limits the builder checks.

    organisation NULL: a standard template everyone sees. An organisation can add its own
    with other limits; an umbrella body publishes its templates to its members. Each
    publication is a new version (a new row with the same code): a visit keeps the version
    it was planned with, and a member adopts a newer one only on purpose.
    """

    class Kind(models.TextChoices):
        LOCAL = "local", _("Local visit")
        NATIONAL = "national", _("Visit by members of parliament")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="programme_templates",
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    min_minutes = models.PositiveSmallIntegerField(_("shortest programme (minutes)"))
    max_minutes = models.PositiveSmallIntegerField(_("longest programme (minutes)"))
    max_story_minutes = models.PositiveSmallIntegerField(_("longest story (minutes)"))
    require_experience = models.BooleanField(_("something to see or do is required"), default=True)
    require_closing_ask = models.BooleanField(_("must end with the concrete ask"), default=True)
    warn_slides = models.BooleanField(_("warn about slide presentations"), default=True)
    # [{"kind": "reception", "title": "...", "minutes": 5}, ...]
    blocks = models.JSONField(default=list)
    # Who comes: the method's small group; an umbrella may allow its own example group.
    max_visitors = models.PositiveSmallIntegerField(
        _("largest group of visitors"), default=6, validators=[MaxValueValidator(50)]
    )
    max_journalists = models.PositiveSmallIntegerField(
        _("most journalists"), default=1, validators=[MaxValueValidator(10)]
    )
    # An umbrella's uniform way of working: its agenda themes (a visit's theme is one of
    # them), tasks on top of the method's checklist, and its texts.
    themes = models.JSONField(_("agenda themes"), default=list, blank=True)
    # [{"step": 1, "title": "...", "offset_days": -21}, ...]
    extra_tasks = models.JSONField(default=list, blank=True)
    invitation_text = models.TextField(_("invitation text"), blank=True)
    press_text = models.TextField(_("paragraph for the press release"), blank=True)
    post_text = models.TextField(_("suggested post"), blank=True)
    # Default ratings of the actions for the members: {action code: {criterion: stars}}.
    ratings = models.JSONField(default=dict, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SharedOrOwnManager()

    class Meta:
        ordering = ["kind", "name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(organisation__isnull=True),
                name="one_standard_template_per_code",
            ),
            models.UniqueConstraint(
                fields=["organisation", "code", "version"], name="one_own_template_version"
            ),
        ]
        verbose_name = _("programme template")
        verbose_name_plural = _("programme templates")

    def __str__(self):
        return self.name


class Visit(models.Model):
    class Kind(models.TextChoices):
        LOCAL = "local", _("Local (council, aldermen)")
        NATIONAL = "national", _("National (members of parliament)")
        MIXED = "mixed", _("Mixed")

    class GoalType(models.TextChoices):
        INFORM = "inform", _("Inform")
        INFLUENCE = "influence", _("Influence policy")
        COOPERATE = "cooperate", _("Propose cooperation")

    class PartyMix(models.TextChoices):
        CROSS_SECTION = "cross_section", _("A cross-section of parties")
        ONE_PARTY = "one_party", _("One party, on purpose")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="visits"
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("dossier or theme"), max_length=200, blank=True)
    kind = models.CharField(_("kind of visit"), max_length=10, choices=Kind.choices)
    goal_type = models.CharField(_("goal"), max_length=10, choices=GoalType.choices)
    goal = models.TextField(_("what do you want to show, share or achieve?"), blank=True)
    core_message = models.TextField(_("core message"), blank=True)
    ask = models.TextField(_("concrete ask"), blank=True)
    location_name = models.CharField(_("location"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Where the visit takes place."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("expected duration (minutes)"),
        default=45,
        validators=[MinValueValidator(10), MaxValueValidator(480)],
    )
    party_mix = models.CharField(
        _("guest list"),
        max_length=20,
        choices=PartyMix.choices,
        default=PartyMix.CROSS_SECTION,
    )
    template = models.ForeignKey(
        ProgrammeTemplate,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("programme template"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONCEPT
    )
    # The searched period and the chosen date.
    period_start = models.DateField(_("from"), null=True, blank=True, validators=[sane_date])
    period_end = models.DateField(_("until"), null=True, blank=True, validators=[sane_date])
    time_of_day = models.CharField(
        _("time of day"), max_length=10, choices=TimeOfDay.choices, default=TimeOfDay.MORNING
    )
    date = models.DateField(_("date"), null=True, blank=True, validators=[sane_date])
    start_time = models.TimeField(_("start time"), default=datetime.time(10, 0))
    # Media plan
    press_present = models.BooleanField(_("a journalist will be present"), default=False)
    photographer_present = models.BooleanField(_("a photographer will be present"), default=False)
    press_release = models.BooleanField(_("press release afterwards"), default=False)
    media_notes = models.TextField(_("notes on media"), blank=True)
    # The invitation: whom guests reply to, what the letter says for this visit.
    contact = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
        help_text=_("Replies to the invitations go to this colleague."),
    )
    involvement = models.TextField(
        _("how the municipality is already involved"),
        blank=True,
        help_text=_("For example: the municipality subsidises the project, or owns the building."),
    )
    # Calendar invitations: SEQUENCE of the last one sent (RFC 5545), and when they went.
    calendar_sequence = models.PositiveIntegerField(default=0)
    calendar_sent_at = models.DateTimeField(null=True, blank=True)
    thank_you_sent_at = models.DateTimeField(null=True, blank=True)
    # The visit on every guest's timeline: one contact, logged when it is held.
    logged_contact = models.ForeignKey(
        "people.Interaction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The factsheet handed out on the day: a few key figures and one story.
    key_figures = models.TextField(
        _("key figures"), blank=True, help_text=_("One figure per line, e.g. “120 volunteers”.")
    )
    story = models.TextField(
        _("one story"), blank=True, help_text=_("One person or moment that shows what it means.")
    )
    # An optional picture for the factsheet, re-encoded on upload (no camera metadata).
    factsheet_image = models.BinaryField(blank=True, default=b"", editable=True)
    letter_text = models.TextField(
        _("invitation text for this visit"),
        blank=True,
        help_text=_("Empty: your organisation's invitation template."),
    )
    # The member's choice to show this visit's public facts to its umbrella body.
    shared_with_umbrella = models.BooleanField(_("shared with our umbrella body"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            # The umbrella's overview: shared visits, newest first, a page at a time.
            models.Index(
                fields=["-date", "-id"],
                condition=Q(shared_with_umbrella=True),
                name="visit_shared_idx",
            ),
        ]
        verbose_name = _("working visit")
        verbose_name_plural = _("working visits")

    def __str__(self):
        return self.title

    @property
    def media_present(self):
        return self.press_present or self.photographer_present

    @property
    def is_open(self):
        return self.status not in {Status.CLOSED, Status.CANCELLED}


class StatusChange(models.Model):
    """History of the pipeline: who moved the visit, when, from what to what."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.visit}: {self.from_status} -> {self.to_status}"


class Stop(models.Model):
    """One stop of a route (a bike tour, a walk through the neighbourhood)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="stops")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    arrives_at = models.TimeField(_("arrival"))
    leaves_at = models.TimeField(_("departure"))

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["arrives_at", "pk"]
        verbose_name = _("stop")

    def __str__(self):
        return self.name


class Guest(models.Model):
    """Someone invited from outside: a politician or official, their entourage, a journalist."""

    class Kind(models.TextChoices):
        GUEST = "guest", _("Guest")
        ENTOURAGE = "entourage", _("Entourage")
        JOURNALIST = "journalist", _("Journalist")

    class Rsvp(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="guests")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)  # without a register entry
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.GUEST)
    accompanies = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="entourage",
        verbose_name=_("accompanies"),
    )
    rsvp = models.CharField(_("answer"), max_length=10, choices=Rsvp.choices, default=Rsvp.PENDING)
    preferred_option = models.ForeignKey(
        "DateOption",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preferred_by",
        verbose_name=_("preferred date"),
    )
    notes = models.TextField(_("notes"), blank=True)
    photos_allowed = models.BooleanField(_("may be photographed"), default=False)
    tagging_allowed = models.BooleanField(_("may be tagged in posts"), default=False)
    handle = models.CharField(_("handle for posts"), max_length=100, blank=True)
    # Who was really there: ticked on arrival or corrected in the report. Empty: not
    # recorded, and an accepted invitation counts as there.
    attended = models.BooleanField(_("was there"), null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["kind", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "person"],
                condition=Q(person__isnull=False),
                name="guest_once_per_visit",
            )
        ]
        verbose_name = _("guest")

    def __str__(self):
        return str(self.person) if self.person_id else self.name


class TeamMember(models.Model):
    """The own team on the day: exactly one host receives the guests and leads."""

    class Role(models.TextChoices):
        HOST = "host", _("Host (receives the guests and leads)")
        GUIDE = "guide", _("Guide on the tour")
        SPEAKER = "speaker", _("Tells the story")
        RESIDENT = "resident", _("Resident, pupil or volunteer in conversation")
        PHOTOGRAPHER = "photographer", _("Photographer")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="team")
    membership = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("colleague"),
    )
    name = models.CharField(_("or name (volunteer, resident)"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit"], condition=Q(role="host"), name="one_host_per_visit"
            )
        ]

    def __str__(self):
        if self.membership_id:
            return str(self.membership.user)
        return self.name


class DateOption(models.Model):
    """A proposed date with the reasons it was chosen and what it avoids."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="date_options")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    rank = models.PositiveSmallIntegerField(default=1)
    # Codes with their values, shown in the reader's language (scheduling.reason_text):
    # [{"code": "recess", "name": "Zomerreces"}, ...]; [{"date": "2027-02-03", "what": ...}]
    reasons = models.JSONField(default=list)
    avoided = models.JSONField(default=list)
    chosen = models.BooleanField(default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["rank", "date"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "date"], name="one_option_per_date"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    @property
    def reason_texts(self) -> list[str]:
        return [scheduling.reason_text(reason) for reason in self.reasons]

    @property
    def avoided_texts(self) -> list[str]:
        return [scheduling.avoided_text(item) for item in self.avoided]


class ProgrammeBlock(models.Model):
    class Kind(models.TextChoices):
        RECEPTION = "reception", _("Reception")
        STORY = "story", _("The story")
        TOUR = "tour", _("Tour or demonstration")
        CONVERSATION = "conversation", _("Conversation")
        DEEP_DIVE = "deep_dive", _("Deep dive")
        NETWORKING = "networking", _("Networking")
        LUNCH = "lunch", _("Lunch")
        CLOSING = "closing", _("Closing with the ask")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    minutes = models.PositiveSmallIntegerField(_("minutes"), validators=[MaxValueValidator(480)])
    led_by = models.CharField(_("led by"), max_length=200, blank=True)
    stop = models.ForeignKey(
        Stop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blocks",
        verbose_name=_("stop"),
    )
    with_people = models.BooleanField(
        _("talking with a resident, pupil or volunteer"), default=False
    )
    slides = models.BooleanField(_("slide presentation"), default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class ChecklistTask(models.Model):
    """A task of one of the six steps, due a number of days before or after the visit."""

    class Step(models.IntegerChoices):
        GOAL = 1, _("Goal and message")
        INVITATION = 2, _("Invitation")
        PROGRAMME = 3, _("Programme")
        TEAM = 4, _("Team and location")
        COMMUNICATION = 5, _("Communication")
        FOLLOW_UP = 6, _("Follow-up")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="tasks")
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    code = models.SlugField(max_length=40, blank=True)  # for the default tasks
    title = models.CharField(_("task"), max_length=300, blank=True)
    tip = models.TextField(blank=True)
    # Negative: days before the visit; positive: after. Working days skip weekends and
    # public holidays (the thank-you goes out within two working days).
    offset_days = models.SmallIntegerField(
        _("days from the visit"), validators=[MinValueValidator(-365), MaxValueValidator(365)]
    )
    working_days = models.BooleanField(_("count working days"), default=False)
    assignee = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    done_at = models.DateTimeField(null=True, blank=True)
    # The due day worked out from the visit's date (checklist.due_date), kept so that the
    # home page and the reminders can ask the database what is overdue. Empty: no date yet.
    due_on = models.DateField(null=True, blank=True)
    # The next contact agreed with one guest after the visit is a task about that guest.
    guest = models.ForeignKey(
        Guest, on_delete=models.CASCADE, null=True, blank=True, related_name="next_contacts"
    )

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["offset_days", "step", "pk"]
        # What is still open and overdue: the home page and the reminders ask for it.
        indexes = [
            models.Index(
                fields=["organisation", "due_on"],
                name="task_open_due_idx",
                condition=Q(done_at__isnull=True),
            )
        ]

    def __str__(self):
        return self.label

    # A default task stores its code and an empty title and tip: they are shown in the
    # reader's language. A title someone typed is stored and shown as typed.
    @property
    def label(self) -> str:
        return self.title or checklist.default_title(self.code)

    @property
    def hint(self) -> str:
        return self.tip or checklist.default_tip(self.code)


class PlannedPost(models.Model):
    """A social-media post or press release planned around the visit."""

    class Channel(models.TextChoices):
        X = "x", "X"
        BLUESKY = "bluesky", "Bluesky"
        LINKEDIN = "linkedin", "LinkedIn"
        INSTAGRAM = "instagram", "Instagram"
        WEBSITE = "website", _("Own website or newsletter")
        PRESS = "press", _("Press release")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="posts")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    days_after = models.PositiveSmallIntegerField(_("days after the visit"), default=0)
    text = models.TextField(_("text"))

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["days_after", "pk"]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.text[:40]}"


class LetterTemplate(models.Model):
    """An organisation's own text for a kind of letter, with placeholders such as
    {{ aanhef }} (visits.letter.PLACEHOLDERS); without one the Dutch default is used."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")

    class Salutation(models.TextChoices):
        FORMAL = "formal", _("Formal: “Geachte mevrouw Hoekstra”")
        PERSONAL = "personal", _("Personal: “Beste Marleen”")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    salutation = models.CharField(
        _("salutation"), max_length=10, choices=Salutation.choices, default=Salutation.FORMAL
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="one_letter_per_kind")
        ]

    def __str__(self):
        return self.get_kind_display()


class GuestInvitation(models.Model):
    """One guest's invitation: the letter as edited for this guest, when it went out, and
    the guest's own answer through the personal link."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="invitations")
    guest = models.OneToOneField(Guest, on_delete=models.CASCADE, related_name="invitation")

    class Channel(models.TextChoices):
        EMAIL = "email", _("by e-mail")
        POST = "post", _("by post")

    # Empty: the visit's text filled in for this guest.
    text = models.TextField(_("letter for this guest"), blank=True)
    channel = models.CharField(max_length=5, choices=Channel.choices, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    times_sent = models.PositiveSmallIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_note = models.TextField(_("the guest's note"), blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return str(self.guest)


class Availability(models.Model):
    """Whether a guest can come on a proposed date. Kept by date, not by option: proposing
    new dates removes options, never the answers already given."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    guest = models.ForeignKey(Guest, on_delete=models.CASCADE, related_name="availability")
    date = models.DateField()
    available = models.BooleanField()

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["guest", "date"], name="one_answer_per_date")
        ]

    def __str__(self):
        return f"{self.guest}: {self.date:%Y-%m-%d}"


class AskOutcome(models.TextChoices):
    MET = "met", _("Yes")
    PARTLY = "partly", _("Partly")
    NOT_MET = "not_met", _("No")
    NOT_YET = "not_yet", _("Not yet")


class Report(models.Model):
    """What happened on the day, measured against the goal and the ask, and the visit rated
    on the method's six criteria (evaluation.CRITERIA)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="report")
    what_happened = models.TextField(_("what happened"))
    quotes = models.TextField(
        _("quotes"), blank=True, help_text=_("What the guests said, in their own words.")
    )
    ask_outcome = models.CharField(
        _("was the ask met?"), max_length=10, choices=AskOutcome.choices, blank=True
    )
    outcome = models.TextField(_("outcome against the goal"), blank=True)
    # {"voter_visibility": 4, "network": 3, ...}: 1-5 per criterion, absent when not rated.
    ratings = models.JSONField(default=dict, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    def __str__(self):
        return str(self.visit)


class Photo(models.Model):
    """A photo of the day, re-encoded without metadata, with the consent of everyone on it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")
    image = models.BinaryField()
    thumbnail = models.BinaryField()
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    guests = models.ManyToManyField(
        Guest, blank=True, related_name="photos", verbose_name=_("guests in the photo")
    )
    others_visible = models.TextField(
        _("others in the photo"),
        blank=True,
        help_text=_("Residents, pupils, volunteers, colleagues: who can be recognised."),
    )
    consent = models.TextField(
        _("how consent was given"),
        help_text=_(
            "For example: asked on the spot; signed form; for pupils, their parents' form."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.caption or f"{self.visit} #{self.pk}"


class Commitment(models.Model):
    """A promise ("toezegging") made by one politician or several (a pledge signed by list
    leaders): what, when, by whom, by when, and whether it was kept."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        PARTLY_KEPT = "partly_kept", _("Partly kept")
        NOT_KEPT = "not_kept", _("Not kept")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("working visit"),
    )
    people = models.ManyToManyField(
        "people.Person", related_name="+", verbose_name=_("promised by")
    )
    text = models.TextField(_("what was promised"))
    made_on = models.DateField(_("promised on"), validators=[sane_date])
    due_on = models.DateField(_("due on"), null=True, blank=True, validators=[sane_date])
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    owner = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("followed by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["due_on", "made_on", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.text[:80]

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class CommitmentChange(models.Model):
    """The history of a commitment: each status it had, who recorded it, and the evidence."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=12, choices=Commitment.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Commitment.Status.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    link = models.URLField(_("link"), blank=True, max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.commitment}: {self.from_status} -> {self.to_status}"


class CoHost(models.Model):
    """A member organisation co-hosting its umbrella body's visit (a dialogue session): it
    sees the session's public facts through visits.shared, nothing more."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )  # the umbrella body: the visit is its own
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="cohosts")
    member = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "member"], name="one_cohost_per_member")
        ]

    def __str__(self):
        return f"{self.member} / {self.visit}"
