"""Outbox: every message is a row first, so a failure is visible and nothing is sent twice.

Not organisation-owned: password-reset mails belong to no organisation. Only superusers see
these rows (Django admin).
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A message still "sending" after this long was interrupted (see OutgoingEmail.uncertain).
UNCERTAIN_AFTER = timedelta(minutes=15)


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    # Shown as the sender's name (the organisation); replies go to reply_to.
    from_name = models.CharField(max_length=200, blank=True)
    reply_to = models.EmailField(blank=True)
    # Whose message and about whom, so access and erasure requests find the copies. Plain
    # values, not relations: the outbox sits below the apps that own those rows.
    organisation_pk = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    about = models.CharField(max_length=60, blank=True, db_index=True)  # "people.person:12"
    # What the message belongs to, for the outbox of one visit: "visits.visit:7".
    topic = models.CharField(max_length=60, blank=True, db_index=True)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @property
    def uncertain(self) -> bool:
        """Claimed for sending long ago and never finished: the worker stopped mid-way, so
        the server may or may not have taken the message."""
        return (
            self.status == self.Status.SENDING
            and self.claimed_at is not None
            and timezone.now() - self.claimed_at > UNCERTAIN_AFTER
        )

    @property
    def shown_status(self) -> str:
        if self.uncertain:
            return str(_("uncertain"))
        return {
            self.Status.QUEUED: _("in the queue"),
            self.Status.SENDING: _("being sent"),
            self.Status.SENT: _("sent"),
            self.Status.FAILED: _("failed"),
        }[self.status]

    @property
    def may_resend(self) -> bool:
        return self.status == self.Status.FAILED or self.uncertain


class OutgoingAttachment(models.Model):
    """A file sent with a message (a calendar invitation, a letter)."""

    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    content = models.BinaryField()

    def __str__(self):
        return self.filename
