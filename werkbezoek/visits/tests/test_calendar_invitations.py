"""Calendar invitations per RFC 5545/5546, read back with icalendar from what a real SMTP
server received: REQUEST on confirmation, an update with a higher SEQUENCE when time or
place changes, CANCEL when the visit is cancelled; and the downloadable file."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations.models import Membership
from werkbezoek.testing import run_queued_tasks
from werkbezoek.visits import services
from werkbezoek.visits.models import DateOption, Status

from .conftest import days_ahead

pytestmark = pytest.mark.django_db


def _ics(message):
    (part,) = list(message.iter_attachments())
    assert part.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(part.get_content())
    return part.get_param("method"), calendar


def _event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_confirming_sends_a_request_and_changes_send_updates_then_a_cancel(
    personas, visit, people, smtp, django_capture_on_commit_callbacks
):
    with scope(organisation=personas.org_a), django_capture_on_commit_callbacks(execute=True):
        guest = services.guest_add(visit=visit, actor=None, person=people["mp"])
        services.guest_add(visit=visit, actor=None, person=people["member"])  # no answer
        testing.ready_to_invite(visit, options=[days_ahead(20)])
        member = Membership.objects.get(user=personas.editor, organisation=personas.org_a)
        services.team_add(visit=visit, actor=None, role="guide", membership=member)
        services.visit_update(
            visit=visit,
            actor=None,
            title=visit.title,
            kind=visit.kind,
            goal_type=visit.goal_type,
            ask=visit.ask,
            core_message=visit.core_message,
            theme="Schooltuinen",
            location_name="Schooltuin De Eik",
            address="Eikenlaan 1, Testassen",
        )
        services.invitations_send(visit=visit, actor=personas.editor, base_url="http://t")
        services.guest_answer_by_link(
            guest=guest, rsvp="accepted", available_dates={days_ahead(20)}, note=""
        )
        option = DateOption.objects.get(visit=visit)
        smtp.clear()
        run_queued_tasks()
        smtp.clear()
        services.date_confirm(visit=visit, option=option, actor=personas.editor)
    run_queued_tasks()
    received = {m["to"][0]: m["message"] for m in smtp.messages}
    assert set(received) == {"kamerlid@example.org", personas.editor.email}
    method, calendar = _ics(received["kamerlid@example.org"])
    event = _event(calendar)
    assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    assert (
        event["SEQUENCE"] == 0 and event["LOCATION"] == "Schooltuin De Eik, Eikenlaan 1, Testassen"
    )
    start = event.decoded("DTSTART")
    assert start.date() == days_ahead(20) and start.hour == 10
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert str(event["ORGANIZER"]) == f"mailto:{personas.editor.email}"
    assert [str(a) for a in [event["ATTENDEE"]]] == ["mailto:kamerlid@example.org"]
    uid = str(event["UID"])
    assert "Welzijn A" in received["kamerlid@example.org"]["Subject"]

    smtp.clear()
    with scope(organisation=personas.org_a), django_capture_on_commit_callbacks(execute=True):
        services.date_set(
            visit=visit, actor=personas.editor, date=days_ahead(21), start_time=datetime.time(14)
        )
    run_queued_tasks()
    method, calendar = _ics(smtp.messages[0]["message"])
    event = _event(calendar)
    assert method == "REQUEST" and event["SEQUENCE"] == 1 and str(event["UID"]) == uid
    assert event.decoded("DTSTART").hour == 14
    assert "Gewijzigd" in smtp.messages[0]["message"]["Subject"]

    smtp.clear()
    with scope(organisation=personas.org_a), django_capture_on_commit_callbacks(execute=True):
        services.transition(visit=visit, to=Status.CANCELLED, actor=personas.editor)
    run_queued_tasks()
    method, calendar = _ics(smtp.messages[0]["message"])
    event = _event(calendar)
    assert method == "CANCEL" and calendar["METHOD"] == "CANCEL"
    assert event["SEQUENCE"] == 2 and str(event["UID"]) == uid and event["STATUS"] == "CANCELLED"


def test_the_calendar_file_can_be_downloaded(client_as, personas, visit):
    client = client_as(personas.reader)
    url = reverse("visits:calendar", args=["welzijn-a", visit.pk])
    assert client.get(url).status_code == 302  # no date yet: back to the visit with a word
    with scope(organisation=personas.org_a):
        testing.ready_to_invite(visit, date=days_ahead(10))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f"werkbezoek-{days_ahead(10):%Y-%m-%d}.ics" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert _event(calendar).decoded("DTSTART").date() == days_ahead(10)
    with scopes_disabled():
        assert not visit.calendar_sent_at


def test_opening_the_date_again_takes_the_item_out_of_calendars_and_holding_does_not(
    personas, visit, people, smtp, django_capture_on_commit_callbacks
):
    def step(action):
        """One user action: its messages are queued on commit and delivered."""
        smtp.clear()
        with scope(organisation=personas.org_a), django_capture_on_commit_callbacks(execute=True):
            action()
        run_queued_tasks()
        return [_ics(m["message"]) for m in smtp.messages if any(m["message"].iter_attachments())]

    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=people["mp"])
        testing.ready_to_invite(visit, options=[days_ahead(20)])
        services.guest_answer_save(visit=visit, actor=None, guest=guest, rsvp="accepted")
        option = DateOption.objects.get(visit=visit)
    editor = personas.editor
    step(lambda: services.invitations_send(visit=visit, actor=editor, base_url="http://t"))
    (sent,) = step(lambda: services.date_confirm(visit=visit, option=option, actor=editor))
    assert sent[0] == "REQUEST" and _event(sent[1])["SEQUENCE"] == 0
    (sent,) = step(lambda: services.transition(visit=visit, to=Status.INVITED, actor=editor))
    assert sent[0] == "CANCEL" and _event(sent[1])["SEQUENCE"] == 1
    (sent,) = step(lambda: services.date_confirm(visit=visit, option=option, actor=editor))
    assert sent[0] == "REQUEST" and _event(sent[1])["SEQUENCE"] == 2
    step(
        lambda: services.date_set(
            visit=visit, actor=editor, date=days_ahead(-1), start_time=datetime.time(10)
        )
    )
    assert step(lambda: services.transition(visit=visit, to=Status.HELD, actor=editor)) == []
