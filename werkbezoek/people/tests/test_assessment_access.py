"""Who may see assessments, and a log line per person for every page and export that
shows one."""

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations.models import Membership
from werkbezoek.people.models import AccessLogEntry
from werkbezoek.people.services import assessment_update, stance_record

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
