"""Who may see assessments, and a log line per person for every page and export that
shows one."""

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.lib.inserts import ROWS_PER_STATEMENT, insert_rows
from werkbezoek.organisations.models import Membership
from werkbezoek.people.models import AccessLogEntry, Person
from werkbezoek.people.services import access_log_many, assessment_update, stance_record

SECRET = "Wil de subsidie schrappen"


@pytest.fixture
def assessed(personas):
    council = testing.make_council("GM0106", "Assen")
    person = testing.make_public_person(
        "Hoekstra", "council_member", council.council, council.groups["TP"]
    )
    with scope(organisation=personas.org_a):
        assessment_update(
            organisation=personas.org_a,
            actor=personas.admin,
            person=person,
            influence=5,
            drivers=SECRET,
            notes=SECRET,
        )
        stance_record(
            organisation=personas.org_a,
            person=person,
            stance="opponent",
            date=day_of_record(),
            reason=SECRET,
            actor=personas.admin,
        )
        visit = testing.make_visit(personas.org_a, personas.admin)
        from werkbezoek.visits import services

        services.guest_add(visit=visit, actor=personas.admin, person=person)
    return {"person": person, "council": council, "visit": visit}


def day_of_record():
    import datetime

    return datetime.date(2026, 6, 1)


def url(name, *args, **query):
    address = reverse(name, args=["welzijn-a", *args])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def deny(personas):
    with scopes_disabled():
        Membership.objects.filter(user=personas.editor).update(may_see_assessments=False)


def pages(assessed):
    person, council, visit = assessed["person"], assessed["council"], assessed["visit"]
    return [
        url("people:register"),
        url("people:detail", person.pk),
        url("people:coverage", body=council.council.pk),
        url("people:export", formaat="csv"),
        url("visits:guests", visit.pk),
        url("visits:detail", visit.pk),
    ]


def test_without_the_permission_no_stance_influence_drivers_or_notes_anywhere(
    client_as, personas, assessed
):
    deny(personas)
    client = client_as(personas.editor)
    for page in pages(assessed):
        response = client.get(page)
        assert response.status_code == 200, page
        text = response.content.decode("utf-8-sig")
        assert SECRET not in text, page
        assert "Tegenstander" not in text and "tegenstander" not in text, page
    person = assessed["person"]
    for page in (
        url("people:map"),
        url("people:assessment", person.pk),
        url("people:stance", person.pk),
    ):
        assert client.get(page).status_code == 403, page
    # Filtering or sorting on them is not offered either.
    assert 'name="stance"' not in client.get(url("people:register")).text


def test_with_the_permission_every_person_shown_is_logged(client_as, personas, assessed):
    client = client_as(personas.editor)
    person = assessed["person"]
    for page in [*pages(assessed), url("people:map"), url("people:assessment", person.pk)]:
        with scopes_disabled():
            before = AccessLogEntry.objects.filter(person=person).count()
        response = client.get(page)
        assert response.status_code == 200, page
        with scopes_disabled():
            entries = AccessLogEntry.objects.filter(person=person).order_by("-pk")
            assert entries.count() == before + 1, page
            newest = entries.first()
        assert newest.actor == personas.editor
        assert newest.action == ("export" if "export" in page else "view"), page


def test_an_admin_switches_the_permission_for_a_member(client_as, personas, assessed):
    with scopes_disabled():
        member = Membership.objects.get(user=personas.editor)
    admin = client_as(personas.admin)
    admin.post(reverse("organisations:member-assessments", args=["welzijn-a", member.pk]))
    with scopes_disabled():
        member.refresh_from_db()
    assert member.may_see_assessments is False
    editor = client_as(personas.editor)
    assert SECRET not in editor.get(url("people:detail", assessed["person"].pk)).text
    admin = client_as(personas.admin)
    admin.post(
        reverse("organisations:member-assessments", args=["welzijn-a", member.pk]),
        {"allowed": "1"},
    )
    editor = client_as(personas.editor)
    assert SECRET in editor.get(url("people:detail", assessed["person"].pk)).text


def test_a_long_export_logs_each_person_once_with_who_what_and_when(personas):
    """More people than one INSERT statement takes (insert_rows writes a thousand per
    statement): every one logged once, a person given twice too."""
    with scopes_disabled():
        people = Person.objects.bulk_create(
            Person(organisation=personas.org_a, family_name=f"Export{n:04d}", initials="E.")
            for n in range(2345)
        )
    before = timezone.now()
    with scope(organisation=personas.org_a):
        written = access_log_many(
            organisation=personas.org_a,
            actor=personas.editor,
            people=[*people, people[7]],
            action=AccessLogEntry.Action.EXPORT,
        )
    after = timezone.now()
    assert written == 2345
    with scopes_disabled():
        entries = list(AccessLogEntry.objects.order_by("person_id"))
    assert [entry.person_id for entry in entries] == sorted(person.pk for person in people)
    entry = entries[1234]
    assert (entry.organisation, entry.actor, entry.action) == (
        personas.org_a,
        personas.editor,
        "export",
    )
    assert entry.person_name == "E. Export1234"
    assert before <= entry.at <= after
    assert {e.at for e in entries} == {entry.at}  # one moment, aware and read back as written


@pytest.mark.django_db(transaction=True)
def test_an_access_log_is_written_whole_or_not_at_all(personas):
    """A row that cannot be stored (a missing name) in the second statement: the first
    statement's thousand rows are not kept either."""
    with scopes_disabled():
        person = Person.objects.create(organisation=personas.org_a, family_name="Kok")
    row = (personas.org_a.pk, person.pk, "Kok", personas.admin.pk, "view", timezone.now())
    fields = ("organisation", "person", "person_name", "actor", "action", "at")
    rows = [row] * (ROWS_PER_STATEMENT + 5)
    rows[-1] = (*row[:2], None, *row[3:])
    with pytest.raises(IntegrityError):
        insert_rows(AccessLogEntry, fields, rows)
    with scopes_disabled():
        assert not AccessLogEntry.objects.exists()
    assert insert_rows(AccessLogEntry, fields, []) == 0
