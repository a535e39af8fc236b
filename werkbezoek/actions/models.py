"""The organisation's own ratings of the actions in the catalogue (with history), and simple
plans for actions other than a working visit. Elections and recesses moved to the reference
app; this app keeps their migration history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbezoek.organisations.scoping import OrganisationScopedManager


class ActionRating(models.Model):
    """An organisation's own ratings of one action (catalogue code) on the six criteria.
    Append-only: the newest is the one used, the earlier ones are its history."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=40)
    ratings = models.JSONField()  # {"voter_visibility": 4, ...}, every criterion 1-5
    note = models.CharField(_("why"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "action"])]

    def __str__(self):
        return f"{self.action} {self.recorded_at:%Y-%m-%d}"


class ActionPlan(models.Model):
    """A simple plan for an action from the catalogue: a title and a few dated tasks."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body_kind = models.CharField(max_length=2, blank=True)  # "GR" or "TK": for whom
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class PlanTask(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    done_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class DigestSent(models.Model):
    """That a colleague got the daily reminder of this organisation on this day: a second
    run on the same day finds it and sends nothing again."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveSmallIntegerField(default=0)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "day"], name="one_digest_per_user_and_day"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.day}"
