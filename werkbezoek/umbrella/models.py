"""Questions between a member organisation and its umbrella body: a thread only those two
see. Not an organisation-scoped table: like the umbrella link, it belongs to both parties
and is read only through the selectors in questions.py, from the current organisation's
side."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Question(models.Model):
    umbrella = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # The member's visit it is about; shown to the member only (its title is not shared).
    visit = models.ForeignKey(
        "visits.Visit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    # When the other side last wrote: what the list sorts and marks by.
    last_message_at = models.DateTimeField(default=timezone.now)
    answered = models.BooleanField(default=False)

    class Meta:
        ordering = ["-last_message_at"]
        indexes = [
            models.Index(fields=["umbrella", "-last_message_at"]),
            models.Index(fields=["member", "-last_message_at"]),
        ]

    def __str__(self):
        return self.subject


class QuestionMessage(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    from_umbrella = models.BooleanField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("message"))
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self):
        return self.text[:60]
