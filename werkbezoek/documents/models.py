"""Files the app makes for an organisation: letters, run sheets, briefings, factsheets,
press releases and posts, in Word and PDF. Kept in the database, so every app process
(and a backup) has them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.organisations.scoping import OrganisationScopedManager


class Kind(models.TextChoices):
    INVITATION = "invitation", _("Invitation letter")
    RUN_SHEET = "run_sheet", _("Run sheet")
    BRIEFING = "briefing", _("Team briefing")
    FACTSHEET = "factsheet", _("Factsheet")
    PRESS_BEFORE = "press_before", _("Press release before the visit")
    PRESS_AFTER = "press_after", _("Press release after the visit")
    POSTS = "posts", _("Social media posts")
    THANK_YOU = "thank_you", _("Thank-you letter")


# One per guest; the others are one per visit.
PER_GUEST = {Kind.INVITATION, Kind.THANK_YOU}
# Holds the organisation's assessments of the guests: only for members who may see them.
WITH_ASSESSMENTS = {Kind.BRIEFING}


class GeneratedFile(models.Model):
    class Format(models.TextChoices):
        DOCX = "docx", "Word"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    visit = models.ForeignKey("visits.Visit", on_delete=models.CASCADE, related_name="+")
    guest = models.ForeignKey(
        "visits.Guest", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    error = models.TextField(blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(blank=True, default=b"")
    size = models.PositiveIntegerField(default=0)
    # Whom the file names ("|12|45|": person ids), so an erasure request finds it.
    named_people = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "visit"])]

    def __str__(self):
        return self.filename or self.get_kind_display()

    @property
    def pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def with_assessments(self) -> bool:
        return self.kind in WITH_ASSESSMENTS
