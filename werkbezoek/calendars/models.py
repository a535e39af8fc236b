"""Meetings of councils and committees, and the calendars an organisation imports, so that
proposed visit dates avoid meeting days."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.organisations.scoping import OrganisationScopedManager, SharedOrOwnManager


class CalendarFeed(models.Model):
    class Kind(models.TextChoices):
        ICS_FILE = "ics_file", _("Calendar file (ICS)")
        NOTUBIZ_FILE = "notubiz_file", _("Meeting file (Open Raadsinformatie / Notubiz JSON)")
        SUBSCRIPTION = "subscription", _("Subscription (web address)")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    body = models.ForeignKey(
        "reference.Body", on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)  # file name or web address
    url = models.URLField(_("web address"), max_length=500, blank=True)
    meeting_count = models.PositiveIntegerField(default=0)
    # Does a meeting that starts in the evening keep the members busy all day? Many
    # councils meet at 19:30, and a morning visit that day may still suit them.
    evening_blocks_day = models.BooleanField(
        _("an evening meeting blocks the whole day"),
        default=True,
        help_text=_(
            "Off: on a day with an evening meeting, a morning or afternoon visit is possible."
        ),
    )
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["body__name", "created_at"]
        verbose_name = _("meeting calendar")
        verbose_name_plural = _("meeting calendars")

    def __str__(self):
        return self.name


class Meeting(models.Model):
    """A council or committee meeting (reference data, from public calendars): a day that
    its members are busy, used when proposing dates for a visit."""

    # NULL: a public calendar loaded for everyone; set: a council calendar this
    # organisation imported itself (it decides what it trusts, so others do not see it).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    feed = models.ForeignKey(
        CalendarFeed,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
    )
    body = models.ForeignKey("reference.Body", on_delete=models.CASCADE, related_name="meetings")
    uid = models.CharField(max_length=255, unique=True)
    title = models.CharField(_("subject"), max_length=500)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    closed = models.BooleanField(_("closed meeting"), null=True)
    attendees = models.ManyToManyField("people.Person", blank=True, related_name="meetings")
    source = models.CharField(max_length=300, blank=True)

    objects = SharedOrOwnManager()

    class Meta:
        db_table = "people_meeting"  # the table kept its name when the model moved here
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d} {self.title}"
