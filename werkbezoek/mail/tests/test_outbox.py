"""The outbox against a real SMTP server: retries on 4xx, gives up on 5xx, never sends twice."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from werkbezoek.mail.models import OutgoingEmail
from werkbezoek.mail.services import backoff, email_deliver, email_queue, email_resend
from werkbezoek.testing import run_queued_tasks

TEMPLATE = "organisations/emails/invitation"


def queue(**extra):
    context = {
        "organisation": "Welzijn A",
        "invited_by": "Anna",
        "role": "bewerker",
        "url": "http://testserver/uitnodiging/x/",
        "expires_at": None,
        **extra,
    }
    return email_queue(to="iemand@a.example", template=TEMPLATE, context=context)


def test_temporary_failures_are_retried_until_delivered(
    db, smtp, django_capture_on_commit_callbacks
):
    smtp.replies = ["451 4.3.0 Probeer later", "451 4.3.0 Probeer later"]
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert email_deliver(email_id=email.pk) == OutgoingEmail.Status.QUEUED
    email.refresh_from_db()
    assert email.attempts == 1 and "451" in email.last_error and email.next_attempt_at
    # The retry is a deferred task, so the worker does not pick it up before its time.
    # ("no delay" is stored as the largest date, hence the upper bound)
    soon = DBTaskResult.objects.filter(
        run_after__gt=timezone.now(), run_after__lt=timezone.now() + timedelta(hours=1)
    )
    assert soon.count() == 1
    OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=None)
    assert email_deliver(email_id=email.pk) == OutgoingEmail.Status.QUEUED
    assert email_deliver(email_id=email.pk) == OutgoingEmail.Status.SENT
    email.refresh_from_db()
    assert email.attempts == 3 and email.last_error == ""
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["message"]["Message-ID"] == email.message_id


def test_permanent_failure_is_final(db, smtp):
    smtp.replies = ["550 5.1.1 Onbekende ontvanger"]
    email = queue()
    assert email_deliver(email_id=email.pk) == OutgoingEmail.Status.FAILED
    email.refresh_from_db()
    assert "550" in email.last_error
    assert email_deliver(email_id=email.pk) == "skipped"
    assert smtp.messages == []


def test_unreachable_server_is_a_temporary_failure(db, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    email = queue()
    assert email_deliver(email_id=email.pk) == OutgoingEmail.Status.QUEUED


def test_a_claimed_message_is_not_sent_again(db, smtp):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.SENDING)
    assert email_deliver(email_id=email.pk) == "skipped"
    assert smtp.messages == []


def test_rollback_leaves_no_message_and_no_task(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("something later in the same change failed")
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_worker_sends_queued_mail_once(db, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue()
    run_queued_tasks()
    run_queued_tasks()
    assert len(smtp.messages) == 1


def test_backoff_grows_and_is_capped():
    assert backoff(1).total_seconds() == 30
    assert backoff(2).total_seconds() == 60
    assert backoff(20).total_seconds() == 3600


def test_an_attachment_arrives_and_a_resend_keeps_the_message_id(
    db, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_with(
            attachments=[
                (
                    "uitnodiging.ics",
                    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                    "text/calendar; method=REQUEST",
                )
            ],
            organisation_pk=7,
        )
    smtp.replies = ["550 5.1.1 Onbekende ontvanger"]
    run_queued_tasks()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED and email.may_resend
    with django_capture_on_commit_callbacks(execute=True):
        email_resend(organisation_pk=7, email_id=email.pk)
    run_queued_tasks()
    (received,) = smtp.messages
    message = received["message"]
    assert message["Message-ID"] == email.message_id
    (part,) = list(message.iter_attachments())
    assert part.get_filename() == "uitnodiging.ics"
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    with pytest.raises(OutgoingEmail.DoesNotExist):
        email_resend(organisation_pk=8, email_id=email.pk)  # another organisation's message


def test_a_message_left_sending_by_a_stopped_worker_shows_as_uncertain(db):
    email = queue_with(organisation_pk=7)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENDING, claimed_at=timezone.now() - timedelta(hours=1)
    )
    email.refresh_from_db()
    assert email.uncertain and email.may_resend and email.shown_status == "onzeker"
    OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now())
    email.refresh_from_db()
    assert not email.uncertain and not email.may_resend


def queue_with(**options):
    context = {
        "organisation": "Welzijn A",
        "invited_by": "Anna",
        "role": "bewerker",
        "url": "http://testserver/uitnodiging/x/",
        "expires_at": None,
    }
    return email_queue(to="iemand@a.example", template=TEMPLATE, context=context, **options)


def test_one_connection_serves_many_messages_and_a_dropped_one_is_reopened(
    db, smtp, django_capture_on_commit_callbacks
):
    from werkbezoek.mail import services

    with django_capture_on_commit_callbacks(execute=False):
        first, second, third = (queue_with(organisation_pk=7) for _ in range(3))
    assert email_deliver(email_id=first.pk) == OutgoingEmail.Status.SENT
    connection = services._kept["backend"].connection
    assert email_deliver(email_id=second.pk) == OutgoingEmail.Status.SENT
    assert services._kept["backend"].connection is connection  # kept, not reconnected
    connection.close()  # the server hung up on an idle connection
    assert email_deliver(email_id=third.pk) == OutgoingEmail.Status.SENT
    assert len(smtp.messages) == 3
