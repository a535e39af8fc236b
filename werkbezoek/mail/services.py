"""Queue and deliver e-mail. Callers use email_queue inside their own transaction."""

import logging
import smtplib
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends import smtp as smtp_backend
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.text import Truncator

from .models import OutgoingAttachment, OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 60 * 60


SUBJECT_MAX_CHARS = 200


def plain_subject(template: str, context: dict) -> str:
    """The subject as plain text ("Jong & Oud", not "Jong &amp; Oud"), on one line (no
    header injection) and short enough for every mail client and the outbox column."""
    rendered = get_template(template).template.render(Context(context, autoescape=False))
    return Truncator(" ".join(rendered.split())).chars(SUBJECT_MAX_CHARS)


def email_queue(
    *,
    to: str,
    template: str,
    context: dict,
    from_name: str = "",
    reply_to: str = "",
    organisation_pk: int | None = None,
    about: str = "",
    topic: str = "",
    attachments: tuple = (),
) -> OutgoingEmail:
    """Render `<template>-subject.txt`, `-body.txt` and `-body.html` and queue one message.

    One recipient per message: bulk mail never shows other recipients.
    The send task is enqueued when the surrounding transaction commits, so a rollback
    leaves neither a row nor a task. `organisation_pk` and `about` ("people.person:12")
    let a request for access or erasure find this copy; `topic` ("visits.visit:7") the
    outbox of what it belongs to. `attachments`: (filename, bytes or str, mimetype).
    """
    email = OutgoingEmail.objects.create(
        to=to,
        subject=plain_subject(f"{template}-subject.txt", context),
        body_text=render_to_string(f"{template}-body.txt", context),
        body_html=render_to_string(f"{template}-body.html", context),
        message_id=make_msgid(domain="werkbezoek.local"),
        from_name=from_name[:200],
        reply_to=reply_to,
        organisation_pk=organisation_pk,
        about=about,
        topic=topic,
    )
    OutgoingAttachment.objects.bulk_create(
        OutgoingAttachment(
            email=email,
            filename=filename,
            mimetype=mimetype,
            content=content.encode() if isinstance(content, str) else content,
        )
        for filename, content, mimetype in attachments
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def outbox(*, organisation_pk: int, topic: str = ""):
    """An organisation's messages, newest first; of one visit with topic="visits.visit:7"."""
    messages = OutgoingEmail.objects.filter(organisation_pk=organisation_pk)
    return messages.filter(topic=topic) if topic else messages


@transaction.atomic
def email_resend(*, organisation_pk: int, email_id: int) -> OutgoingEmail:
    """Queue a failed or uncertain message again, with the same Message-ID: a receiver
    that did get the first attempt sees the same message, not a second one."""
    email = (
        OutgoingEmail.objects.select_for_update()
        .filter(organisation_pk=organisation_pk, pk=email_id)
        .first()
    )
    if email is None:
        raise OutgoingEmail.DoesNotExist
    if not email.may_resend:
        raise ValueError("not resendable")
    email.status = OutgoingEmail.Status.QUEUED
    email.attempts = 0
    email.next_attempt_at = None
    email.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _sender(name: str) -> str:
    """The configured address, under the organisation's name when there is one."""
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    _default_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((name, address))


def outbox_copies(*, organisation_pk: int, about: str):
    """The messages an organisation sent about someone (for an access request)."""
    return OutgoingEmail.objects.filter(organisation_pk=organisation_pk, about=about)


def outbox_redact(*, organisation_pk: int, about: str, tombstone: str) -> int:
    """Erase the content of those messages; one not yet sent is not sent any more."""
    copies = outbox_copies(organisation_pk=organisation_pk, about=about)
    OutgoingAttachment.objects.filter(email__in=copies).delete()
    copies.filter(status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.FAILED, last_error=tombstone
    )
    return copies.update(
        to="gewist@invalid", subject=tombstone, body_text="", body_html="", reply_to=""
    )


def _enqueue(email_id: int, run_after=None):
    from .tasks import email_send

    task = email_send.using(run_after=run_after) if run_after else email_send
    task.enqueue(email_id=email_id)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_CAP_SECONDS))


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


# One SMTP connection per worker process, kept open between messages: connecting anew for
# every message (TCP, EHLO, maybe TLS and login) halved the rate. Keyed by the settings,
# so a changed MAILERS (tests, a reconfigured server) gets a fresh connection.
_kept = {"key": None, "backend": None}


def _send(message) -> None:
    key = repr(settings.MAILERS)
    if _kept["key"] != key:
        if _kept["backend"] is not None:
            _kept["backend"].close()
        _kept.update(key=key, backend=mailers.default)
    backend = _kept["backend"]
    if not isinstance(backend, smtp_backend.EmailBackend):
        backend.send_messages([message])  # files or memory: nothing to keep open
        return
    for attempt in (1, 2):
        try:
            backend.open()  # does nothing while the connection is open
            backend.send_messages([message])
            return
        except smtplib.SMTPServerDisconnected:
            # The server closed an idle connection: once more on a new one.
            backend.close()
            if attempt == 2:
                raise


def email_deliver(*, email_id: int) -> str:
    """Send one queued message; returns its new status.

    The claim is a compare-and-set from QUEUED to SENDING, so two workers never both send.
    A temporary failure (4xx, connection trouble) goes back to QUEUED with a growing delay;
    a 5xx answer or too many attempts ends in FAILED with the reason.
    """
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    if claimed != 1:
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=_sender(email.from_name),
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments.all():
        content = bytes(attachment.content)
        if attachment.mimetype.startswith("text/"):
            content = content.decode()
        message.attach(attachment.filename, content, attachment.mimetype)
    try:
        _send(message)
    except (smtplib.SMTPException, OSError) as error:
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if _is_permanent(error) or email.attempts >= MAX_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
            email.next_attempt_at = None
            email.save(update_fields=["status", "last_error", "next_attempt_at"])
            logger.warning("email failed", extra={"email_id": email.pk, "error": email.last_error})
            return email.status
        email.status = OutgoingEmail.Status.QUEUED
        email.next_attempt_at = timezone.now() + backoff(email.attempts)
        email.save(update_fields=["status", "last_error", "next_attempt_at"])
        _enqueue(email.pk, run_after=email.next_attempt_at)
        logger.info("email retry scheduled", extra={"email_id": email.pk})
        return email.status
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error"])
    return email.status
