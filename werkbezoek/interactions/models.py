"""Contact moments ("contactmomenten") with the people in the register."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.organisations.scoping import OrganisationScopedManager


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
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind of contact"), max_length=20, choices=Kind.choices)
    people = models.ManyToManyField(
        "people.Person", related_name="interactions", verbose_name=_("people involved")
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
        ordering = ["-date", "-recorded_at"]
        indexes = [models.Index(fields=["organisation", "date"])]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"
