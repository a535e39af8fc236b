"""Tenancy outside requests: code run by a worker sees one organisation, never another's.

The reviewer's scenario: a public person (an alderman) is assessed by organisation B as
"do not contact" with private notes. Organisation A plans a visit with that alderman in a
background task. Through `organisation_task` nothing of B's comes back; without a scope,
or with scopes disabled, the private-data code refuses instead of guessing.
"""

import datetime
import json

import pytest
from django.utils import timezone
from django_scopes import ScopeError, scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.accounts.models import User
from werkbezoek.calendars.models import CalendarFeed
from werkbezoek.calendars.tasks import calendar_refresh
from werkbezoek.organisations.tasks import GONE, organisation_task
from werkbezoek.people import privacy
from werkbezoek.people import selectors as register_selectors
from werkbezoek.people import services as people_services
from werkbezoek.people.coverage import party_coverage
from werkbezoek.people.models import Person
from werkbezoek.reference.models import Body
from werkbezoek.visits import selectors as visit_selectors
from werkbezoek.visits import services as visit_services
from werkbezoek.visits.models import Visit

SECRET = "GEHEIM-VAN-B"


def private_reads(organisation, visit, person, body, actor) -> dict:
    """Every service and selector that reads private data, for one visit and person."""
    guest = visit_services.guest_add(visit=visit, actor=None, person=person)
    rows = visit_selectors.guest_rows(visit)
    people_services.stance_record(
        organisation=organisation,
        person=person,
        stance="supporter",
        date=datetime.date(2026, 1, 1),  # older than B's record: B's must not win
        reason="Kwam kijken",
        actor=actor,
    )
    register = list(register_selectors.register(organisation, filters={"q": person.family_name}))
    register = register_selectors.with_last_contact(register, organisation)
    coverage = party_coverage(organisation, body, timezone.localdate())
    return {
        "guest": guest.pk,
        "guest_rows": [
            (str(row.guest), repr(row.assessment and vars(row.assessment))) for row in rows
        ],
        "person_data": privacy.person_data(organisation=organisation, person=person),
        "register": [
            (
                repr(
                    register_selectors.assessment_of(p)
                    and vars(register_selectors.assessment_of(p))
                ),
                str(p.last_contact),
            )
            for p in register
        ],
        "coverage": repr(coverage),
        "review": [repr(vars(a)) for a in privacy.due_for_review(organisation)],
        "stance": Person.objects.get(pk=person.pk).assessments.get().stance,
    }


@organisation_task()
def private_reads_task(
    *, organisation, visit_id: int, person_id: int, body_id: int, actor_id: int
) -> str:
    result = private_reads(
        organisation,
        Visit.objects.get(pk=visit_id),
        Person.objects.get(pk=person_id),
        Body.objects.get(pk=body_id),
        User.objects.get(pk=actor_id),
    )
    return json.dumps(result, default=str)


@pytest.fixture
def scenario(personas):
    council = testing.make_council()
    alderman = testing.make_public_person(
        "Hoekstra", "council_member", council.council, council.groups["TP"]
    )
    with scope(organisation=personas.org_b):
        testing.seed_private_data(personas.org_b, alderman, personas.outsider, SECRET)
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(personas.org_a, personas.editor)
    return personas, visit, alderman, council.council


def test_through_the_wrapper_nothing_of_another_organisation_comes_back(scenario):
    personas, visit, alderman, body = scenario
    result = private_reads_task.enqueue(
        organisation_id=personas.org_a.pk,
        visit_id=visit.pk,
        person_id=alderman.pk,
        body_id=body.pk,
        actor_id=personas.editor.pk,
    )
    testing.run_queued_tasks()
    result.refresh()
    assert result.status == "SUCCESSFUL", result.errors
    reads = json.loads(result.return_value)
    # B's "do not contact" did not stop A; B's notes, stance and contacts are nowhere.
    assert reads["guest"]
    assert SECRET not in result.return_value
    assert "opponent" not in json.dumps(reads["guest_rows"])
    assert reads["stance"] == "supporter"
    with scopes_disabled():
        assert Person.objects.get(pk=alderman.pk).assessments.count() == 2  # one each


PRIVATE_READS = {
    "guest_add": lambda o, visit, person, body: visit_services.guest_add(
        visit=visit, actor=None, person=person
    ),
    "guest_rows": lambda o, visit, person, body: visit_selectors.guest_rows(visit),
    "person_data": lambda o, visit, person, body: privacy.person_data(
        organisation=o, person=person
    ),
    "register": lambda o, visit, person, body: list(register_selectors.register(o)),
    "party_coverage": lambda o, visit, person, body: party_coverage(o, body, timezone.localdate()),
    "due_for_review": lambda o, visit, person, body: list(privacy.due_for_review(o)),
}


@pytest.mark.parametrize("read", PRIVATE_READS)
@pytest.mark.parametrize("context", ["scopes_disabled", "no scope"])
def test_each_private_read_refuses_to_run_without_one_organisation(scenario, read, context):
    """Run as the old calendar task ran (scopes disabled) each one used to return B's rows."""
    personas, visit, alderman, body = scenario
    with pytest.raises(ScopeError):
        if context == "scopes_disabled":
            with scopes_disabled():
                PRIVATE_READS[read](personas.org_a, visit, alderman, body)
        else:
            PRIVATE_READS[read](personas.org_a, visit, alderman, body)


def test_a_task_for_one_organisation_finds_nothing_of_another(personas, monkeypatch):
    council = testing.make_council()
    with scopes_disabled():
        feed = CalendarFeed.objects.create(
            organisation=personas.org_b,
            body=council.council,
            kind=CalendarFeed.Kind.SUBSCRIPTION,
            name="https://example.org/raad.ics",
            url="https://example.org/raad.ics",
        )
    fetched = []
    monkeypatch.setattr("werkbezoek.calendars.services.fetch", lambda url: fetched.append(url))
    # A's id with B's feed: the body runs in A's scope and does not see the feed.
    assert calendar_refresh.call(organisation_id=personas.org_a.pk, feed_id=feed.pk) == GONE
    assert fetched == []


def test_a_task_for_a_deleted_organisation_ends_quietly(personas):
    assert calendar_refresh.call(organisation_id=987654, feed_id=1) == GONE
