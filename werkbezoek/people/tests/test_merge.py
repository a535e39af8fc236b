import datetime

from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek.people.models import Assessment, Interaction, Person, StanceRecord
from werkbezoek.people.services import interaction_log, stance_record


def history(personas, person, stance, day, notes, org=None):
    org = org or personas.org_a
    with scope(organisation=org):
        Assessment.objects.update_or_create(
            organisation=org, person=person, defaults={"notes": notes, "themes": [notes]}
        )
        stance_record(
            organisation=org,
            person=person,
            stance=stance,
            date=datetime.date(2026, 1, day),
            reason=notes,
            actor=personas.admin,
        )
        interaction_log(
            organisation=org,
            actor=personas.admin,
            date=datetime.date(2026, 1, day),
            kind="call",
            people=[person],
            summary=notes,
        )


def test_merging_an_own_duplicate_keeps_all_history(client_as, personas):
    with scopes_disabled():
        target = Person.objects.create(family_name="Waveren", initials="A.", external_id="ori:1")
        duplicate = Person.objects.create(organisation=personas.org_a, family_name="Waveren")
    history(personas, target, "doubter", 1, "Eerste")
    history(personas, duplicate, "supporter", 5, "Tweede")
    client = client_as(personas.editor)
    page = client.get(reverse("people:merge", args=["welzijn-a", duplicate.pk]))
    assert "A. Waveren" in page.text
    response = client.post(
        reverse("people:merge", args=["welzijn-a", duplicate.pk]), {"target": target.pk}
    )
    assert response["Location"] == reverse("people:detail", args=["welzijn-a", target.pk])
    with scopes_disabled():
        assert not Person.objects.filter(pk=duplicate.pk).exists()
        assessment = Assessment.objects.get(organisation=personas.org_a, person=target)
        assert assessment.stance == "supporter"  # the newest record of both
        assert assessment.notes == "Eerste\n\nTweede" and assessment.themes == ["Eerste", "Tweede"]
        assert StanceRecord.objects.filter(person=target).count() == 2
        assert Interaction.objects.filter(people=target).count() == 2


def test_merging_a_public_record_moves_only_this_organisations_data(client_as, personas):
    with scopes_disabled():
        public = Person.objects.create(family_name="Dubbel", external_id="ori:2")
        target = Person.objects.create(family_name="Dubbel", external_id="ori:3")
    history(personas, public, "doubter", 1, "Van ons")
    history(personas, public, "opponent", 2, "Van hen", org=personas.org_b)
    client_as(personas.editor).post(
        reverse("people:merge", args=["welzijn-a", public.pk]), {"target": target.pk}
    )
    with scopes_disabled():
        assert Person.objects.filter(pk=public.pk).exists()
        assert Assessment.objects.get(organisation=personas.org_a).person == target
        assert Assessment.objects.get(organisation=personas.org_b).person == public
        assert StanceRecord.objects.get(organisation=personas.org_b).person == public


def test_merging_into_another_organisations_person_is_404(client_as, personas):
    with scopes_disabled():
        mine = Person.objects.create(organisation=personas.org_a, family_name="Mijn")
        theirs = Person.objects.create(organisation=personas.org_b, family_name="Hun")
    response = client_as(personas.editor).post(
        reverse("people:merge", args=["welzijn-a", mine.pk]), {"target": theirs.pk}
    )
    assert response.status_code == 404
    with scopes_disabled():
        assert Person.objects.filter(pk=mine.pk).exists()
