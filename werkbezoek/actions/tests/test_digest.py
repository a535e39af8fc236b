"""The daily reminder over a real SMTP server: exactly the due items, once a day, only when
something is due, and not for who switched it off."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.actions import digest
from werkbezoek.actions.models import DigestSent
from werkbezoek.actions.tasks import digests_due
from werkbezoek.organisations.models import Membership
from werkbezoek.people.services import assessment_update
from werkbezoek.testing import run_queued_tasks
from werkbezoek.visits import follow_up, services
from werkbezoek.visits.models import Status

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def due_things(personas, people):
    """For the editor: a promise due in three days, one overdue task, a visit held a week
    ago without its follow-up. Not for the editor: a promise due in two months."""
    org = personas.org_a
    with scope(organisation=org):
        editor = Membership.objects.get(user=personas.editor)
        follow_up.commitment_add(
            organisation=org,
            actor=personas.editor,
            people=[people["alderman"]],
            text="Stuurt de cijfers over de wachtlijst",
            made_on=days(-20),
            due_on=days(3),
            owner=editor,
        )
        follow_up.commitment_add(
            organisation=org,
            actor=personas.editor,
            people=[people["member"]],
            text="Komt in het voorjaar terug",
            made_on=days(-20),
            due_on=days(60),
            owner=editor,
        )
        visit = testing.make_visit(org, personas.editor, title="Bezoek aan de moestuin")
        guest = services.guest_add(visit=visit, actor=None, person=people["mp"])
        testing.ready_to_invite(visit, date=days(10))
        services.guest_answer_save(visit=visit, actor=None, guest=guest, rsvp="accepted")
        services.transition(visit=visit, to=Status.INVITED, actor=None)
        services.transition(visit=visit, to=Status.CONFIRMED, actor=None)
        services.date_set(visit=visit, actor=None, date=days(-7), start_time=datetime.time(10))
        services.transition(visit=visit, to=Status.HELD, actor=None)
        # Every task of the visit done, but one: the briefing, for the editor.
        visit.tasks.exclude(code="briefing").update(done_at=timezone.now())
        visit.tasks.filter(code="briefing").update(assignee=editor)
        # A key person of the admin's without contact: not in the editor's mail.
        assessment_update(
            organisation=org,
            actor=personas.admin,
            person=people["member2"],
            influence=5,
            owner=Membership.objects.get(user=personas.admin),
        )
    return visit


def test_the_digest_lists_exactly_whats_due_once(
    personas, people, due_things, smtp, settings, django_capture_on_commit_callbacks
):
    settings.WERKBEZOEK_SITE_URL = "https://werkbezoek.example"
    with scope(organisation=personas.org_a), django_capture_on_commit_callbacks(execute=True):
        sent = digest.digests_send(personas.org_a, timezone.localdate())
    run_queued_tasks()
    to_editor = [m for m in smtp.messages if m["to"] == ["editor@a.example"]]
    assert len(to_editor) == 1
    body = to_editor[0]["message"].get_body(("plain",)).get_content()
    assert "Stuurt de cijfers over de wachtlijst" in body
    assert "Komt in het voorjaar terug" not in body  # due in two months
    assert "Collega’s en vrijwilligers briefen" in body  # the overdue task
    assert "Bezoek aan de moestuin" in body  # held a week ago, no thank-you or report
    assert "Tweede" not in body  # the admin's key relationship
    assert "https://werkbezoek.example/account/herinneringen/" in body
    assert to_editor[0]["message"]["subject"].startswith("Welzijn A: ")
    # The admin gets their own: the key relationship without contact.
    to_admin = [m for m in smtp.messages if m["to"] == ["admin@a.example"]]
    assert (
        len(to_admin) == 1
        and "A. Tweede" in to_admin[0]["message"].get_body(("plain",)).get_content()
    )
    # The reader has nothing due: no mail.
    assert not [m for m in smtp.messages if m["to"] == ["reader@a.example"]]
    assert sent == 2
    # Running again the same day sends nothing twice.
    smtp.clear()
    with scope(organisation=personas.org_a), django_capture_on_commit_callbacks(execute=True):
        assert digest.digests_send(personas.org_a, timezone.localdate()) == 0
    run_queued_tasks()
    assert smtp.messages == []


def test_switched_off_means_no_mail(
    client_as, personas, people, due_things, smtp, django_capture_on_commit_callbacks
):
    client = client_as(personas.editor)
    response = client.post(reverse("accounts:reminders"), {}, follow=True)
    assert "U krijgt de dagelijkse herinnering niet meer" in response.text
    with scope(organisation=personas.org_a), django_capture_on_commit_callbacks(execute=True):
        digest.digests_send(personas.org_a, timezone.localdate())
    run_queued_tasks()
    assert not [m for m in smtp.messages if m["to"] == ["editor@a.example"]]


def test_the_hourly_job_waits_for_the_morning_then_fans_out(
    personas, people, due_things, smtp, django_capture_on_commit_callbacks
):
    early = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(5)))
    assert digest.morning(early) is None
    assert digest.morning(early + datetime.timedelta(hours=3)) == timezone.localdate()
    # At five the hourly job queues nothing; from the morning on it does, once a day.
    with mock.patch.object(digest, "morning", return_value=None):
        assert digests_due.call() == 0
    with mock.patch.object(digest, "morning", return_value=timezone.localdate()):
        for _hour in range(2):  # the next hour it is queued again, and sent once
            with django_capture_on_commit_callbacks(execute=True):
                digests_due.call()
                run_queued_tasks()
            run_queued_tasks()
    assert len([m for m in smtp.messages if m["to"] == ["editor@a.example"]]) == 1
    with scopes_disabled():
        assert DigestSent.objects.filter(user=personas.editor).count() == 1
