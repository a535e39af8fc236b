"""Council and committee calendars an organisation imports, so proposed visit dates avoid
meeting days. The meetings themselves are people.Meeting rows owned by the organisation."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.organisations.scoping import OrganisationScopedManager


class CalendarFeed(models.Model):
    class Kind(models.TextChoices):
        ICS_FILE = "ics_file", _("Calendar file (ICS)")
        NOTUBIZ_FILE = "notubiz_file", _("Meeting file (Open Raadsinformatie / Notubiz JSON)")
        SUBSCRIPTION = "subscription", _("Subscription (web address)")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    body = models.ForeignKey(
        "people.Body", on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)  # file name or web address
    url = models.URLField(_("web address"), max_length=500, blank=True)
    meeting_count = models.PositiveIntegerField(default=0)
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
