import datetime
import json

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.people.models import AccessLogEntry, Assessment, Interaction, Person, StanceRecord
from werkbezoek.people.services import interaction_log, stance_record


def fill(personas, person, org=None):
    org = org or personas.org_a
    with scope(organisation=org):
        Assessment.objects.create(organisation=org, person=person, influence=4, notes="Privé")
        stance_record(
            organisation=org,
            person=person,
            stance="doubter",
            date=datetime.date(2026, 5, 1),
            reason="Gesprek",
            actor=personas.admin,
        )
        other = Person.objects.create(organisation=org, family_name="Collega")
        interaction_log(
            organisation=org,
            actor=personas.admin,
            date=datetime.date(2026, 5, 2),
            kind="meeting",
            people=[person],
            summary="Alleen met hem",
        )
        interaction_log(
            organisation=org,
            actor=personas.admin,
            date=datetime.date(2026, 5, 3),
            kind="meeting",
            people=[person, other],
            summary="Met twee",
        )


def public_person():
    with scopes_disabled():
        return Person.objects.create(family_name="Publiek", initials="P.", external_id="pub")


def url(name, *args):
    return reverse(name, args=["welzijn-a", *args])


def test_export_contains_everything_and_is_logged(client_as, personas):
    person = public_person()
    fill(personas, person)
    fill(personas, person, org=personas.org_b)
    client = client_as(personas.admin)
    data = json.loads(
        client.get(url("people:privacy-export", person.pk), {"formaat": "json"}).content
    )
    assert data["assessment"]["notes"] == "Privé"
    assert [s["reason"] for s in data["stance_history"]] == ["Gesprek"]
    assert {c["summary"] for c in data["contacts"]} == {"Alleen met hem", "Met twee"}
    html = client.get(url("people:privacy-export", person.pk)).text
    assert "Alleen met hem" in html
    with scopes_disabled():
        assert (
            AccessLogEntry.objects.filter(organisation=personas.org_a, action="export").count() == 2
        )


def test_erasing_removes_this_organisations_data_only(client_as, personas):
    person = public_person()
    fill(personas, person)
    fill(personas, person, org=personas.org_b)
    client_as(personas.admin).get(url("people:detail", person.pk))  # a logged view
    response = client_as(personas.admin).post(url("people:erase", person.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert not Assessment.objects.filter(organisation=personas.org_a).exists()
        assert not StanceRecord.objects.filter(organisation=personas.org_a).exists()
        own = Interaction.objects.filter(organisation=personas.org_a)
        assert [i.summary for i in own] == ["Met twee"]
        assert person not in own.get().people.all()
        # The public record and the other organisation's data remain.
        assert Person.objects.filter(pk=person.pk).exists()
        assert Assessment.objects.filter(organisation=personas.org_b).count() == 1
        names = set(
            AccessLogEntry.objects.filter(organisation=personas.org_a).values_list(
                "person_name", flat=True
            )
        )
    assert names == {f"gewiste persoon #{person.pk}"}


def test_erasing_an_own_person_removes_the_person(client_as, personas):
    with scopes_disabled():
        person = Person.objects.create(organisation=personas.org_a, family_name="Eigen")
    client_as(personas.admin).post(url("people:erase", person.pk))
    with scopes_disabled():
        assert not Person.objects.filter(pk=person.pk).exists()
        # The log keeps its entries, by name (its references are kept by Django, not by
        # database constraints: AccessLogEntry).
        entries = AccessLogEntry.objects.filter(person_name=f"gewiste persoon #{person.pk}")
        assert [(e.person_id, e.action) for e in entries] == [(None, "erase")]


def test_the_access_log_follows_deleted_users_and_organisations(client_as, personas):
    person = public_person()
    fill(personas, person)
    fill(personas, person, org=personas.org_b)
    client_as(personas.editor).get(url("people:detail", person.pk))
    client_as(personas.outsider).get(
        reverse("people:detail", args=[personas.org_b.slug, person.pk])
    )
    with scopes_disabled():
        logged_by = dict(AccessLogEntry.objects.values_list("organisation", "actor"))
        assert logged_by == {
            personas.org_a.pk: personas.editor.pk,
            personas.org_b.pk: personas.outsider.pk,
        }
        personas.editor.delete()
        assert AccessLogEntry.objects.get(organisation=personas.org_a).actor_id is None
        personas.org_a.delete()
        assert [e.organisation_id for e in AccessLogEntry.objects.all()] == [personas.org_b.pk]


def test_retention_review_lists_untouched_assessments(client_as, personas):
    old, fresh, contacted = public_person(), None, None
    with scopes_disabled():
        fresh = Person.objects.create(family_name="Vers", external_id="v")
        contacted = Person.objects.create(family_name="Gesproken", external_id="g")
        long_ago = timezone.now() - datetime.timedelta(days=800)
        for person in (old, fresh, contacted):
            Assessment.objects.create(organisation=personas.org_a, person=person)
        Assessment.objects.filter(person__in=[old, contacted]).update(updated_at=long_ago)
    with scope(organisation=personas.org_a):
        interaction_log(
            organisation=personas.org_a,
            actor=personas.admin,
            date=timezone.localdate(),
            kind="call",
            people=[contacted],
            summary="x",
        )
    # Another organisation's recent contact does not make ours current.
    with scope(organisation=personas.org_b):
        interaction_log(
            organisation=personas.org_b,
            actor=personas.admin,
            date=timezone.localdate(),
            kind="call",
            people=[old],
            summary="x",
        )
    client = client_as(personas.admin)
    page = client.get(url("people:review")).text
    assert "P. Publiek" in page and "Vers" not in page and "Gesproken" not in page
    with scopes_disabled():
        assessment = Assessment.objects.get(organisation=personas.org_a, person=old)
    client.post(url("people:review"), {"assessment": assessment.pk})
    assert "P. Publiek" not in client.get(url("people:review")).text
    assert client.post(url("people:review"), {"assessment": "x"}).status_code == 404


def test_readers_and_editors_cannot_erase(client_as, personas):
    person = public_person()
    fill(personas, person)
    for user in (personas.reader, personas.editor):
        assert client_as(user).post(url("people:erase", person.pk)).status_code == 403
    with scopes_disabled():
        assert Assessment.objects.filter(organisation=personas.org_a).exists()
