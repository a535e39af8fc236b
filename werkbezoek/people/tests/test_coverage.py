import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.people.models import Assessment, Person, Position, Role
from werkbezoek.people.services import interaction_log

ON = datetime.date(2026, 11, 1)


@pytest.fixture
def council(personas):
    with scopes_disabled():
        town = testing.make_council("GM9997", "X", parties=("Rood", "Blauw"))
        body, groups = town.council, town.groups
        people = {}
        for family, group in (("Rood1", "Rood"), ("Rood2", "Rood"), ("Blauw1", "Blauw")):
            person = Person.objects.create(family_name=family, external_id=family)
            Position.objects.create(
                person=person,
                body=body,
                role=Role.COUNCIL_MEMBER,
                party_group=groups[group],
                start_date=datetime.date(2022, 3, 30),
            )
            people[family] = person
        # A candidate whose position ended at the election: only shown for an earlier date.
        old = Person.objects.create(family_name="Kandidaat", external_id="k")
        Position.objects.create(
            person=old,
            body=body,
            role=Role.CANDIDATE,
            party_group=groups["Blauw"],
            start_date=datetime.date(2026, 2, 2),
            end_date=datetime.date(2026, 3, 18),
        )
    return body, people


def contact(personas, person, date, org=None):
    org = org or personas.org_a
    with scope(organisation=org):
        interaction_log(
            organisation=org,
            actor=personas.admin,
            date=date,
            kind="meeting",
            people=[person],
            summary="Gesprek",
        )


def get(client, body, on=ON):
    return client.get(
        reverse("people:coverage", args=["welzijn-a"]), {"body": body.pk, "on": on.isoformat()}
    )


def test_groups_with_members_and_last_contact(client_as, personas, council):
    body, people = council
    contact(personas, people["Rood1"], datetime.date(2026, 10, 1))
    response = get(client_as(personas.reader), body)
    text = response.text
    assert "Rood1" in text and "Blauw1" in text and "Kandidaat" not in text
    assert "1 oktober 2026" in text


def test_warns_when_contacts_lean_on_one_party(client_as, personas, council):
    body, people = council
    for day in range(1, 5):
        contact(personas, people["Rood1"], datetime.date(2026, 9, day))
    contact(personas, people["Blauw1"], datetime.date(2026, 9, 10))
    # Another organisation's contacts do not count.
    for day in range(1, 9):
        contact(personas, people["Blauw1"], datetime.date(2026, 9, day), org=personas.org_b)
    text = get(client_as(personas.reader), body).text
    assert "80% van uw contacten" in text and "Rood" in text


def test_members_without_a_known_party_group_are_no_party_to_lean_on(client_as, personas, council):
    """Contacts with council members whose party group no source gives count in the total,
    but "fractie onbekend" is no party: no warning that the cause leans on it."""
    body, people = council
    with scopes_disabled():
        unknown = Person.objects.create(family_name="Zonderfractie", external_id="z")
        Position.objects.create(
            person=unknown,
            body=body,
            role=Role.COUNCIL_MEMBER,
            start_date=datetime.date(2022, 3, 30),
        )
    for day in range(1, 5):
        contact(personas, unknown, datetime.date(2026, 9, day))
    contact(personas, people["Blauw1"], datetime.date(2026, 9, 10))
    text = get(client_as(personas.reader), body).text
    assert "Zonderfractie" in text
    assert "van uw contacten" not in text
    for day in range(11, 17):  # now Blauw has 7 of 11 contacts: a real lean
        contact(personas, people["Blauw1"], datetime.date(2026, 9, day))
    text = get(client_as(personas.reader), body).text
    assert "64% van uw contacten in het afgelopen jaar was met Blauw" in text


def test_warns_about_key_people_without_recent_contact(client_as, personas, council):
    body, people = council
    with scopes_disabled():
        Assessment.objects.create(organisation=personas.org_a, person=people["Blauw1"], influence=5)
        Assessment.objects.create(organisation=personas.org_a, person=people["Rood2"], influence=4)
    contact(personas, people["Rood2"], datetime.date(2026, 8, 1))  # within 6 months
    text = get(client_as(personas.reader), body).text
    assert "Blauw1 (Blauw X) heeft invloed 5" in text
    assert "Rood2 (Rood X) heeft invloed" not in text
    personas.org_a.stale_contact_months = 2
    personas.org_a.save()
    assert "Rood2 (Rood X) heeft invloed 4" in get(client_as(personas.reader), body).text


def test_an_earlier_date_shows_the_candidates(client_as, personas, council):
    body, _people = council
    assert "Kandidaat" in get(client_as(personas.reader), body, datetime.date(2026, 3, 1)).text


def test_the_home_page_shows_groups_without_contact_and_stale_key_people(
    client_as, personas, council
):
    body, people = council
    with scopes_disabled():
        personas.org_a.municipalities.add(body.municipality)
        Assessment.objects.create(organisation=personas.org_a, person=people["Blauw1"], influence=5)
    contact(personas, people["Rood1"], timezone.localdate() - datetime.timedelta(days=20))
    contact(personas, people["Rood2"], timezone.localdate() - datetime.timedelta(days=30))
    # Neither counts for Blauw: more than a year ago, and another organisation's contact.
    contact(personas, people["Blauw1"], timezone.localdate() - datetime.timedelta(days=400))
    contact(personas, people["Blauw1"], timezone.localdate(), org=personas.org_b)
    client = client_as(personas.admin)
    home = client.get(reverse("organisations:dashboard", args=["welzijn-a"]))
    # The part loads after the page, once it scrolls into view; without JavaScript it is a link.
    part_url = reverse("organisations:home-part", args=["welzijn-a", "contacten"])
    assert f'hx-get="{part_url}"' in home.text and f'href="{part_url}"' in home.text
    assert "Blauw X" not in home.text
    page = client.get(part_url, headers={"HX-Request": "true"})
    assert "<html" not in page.text
    text = " ".join(page.text.split())
    assert "Een jaar geen contact met: Blauw X (Gemeenteraad X)." in text
    # The chart and its table carry the same numbers: Rood 2 contacts, Blauw none.
    assert '<th scope="row">Rood X</th><td>Gemeenteraad X</td><td>—</td><td>2</td>' in page.text
    assert "Sleutelrelaties die verwateren" in page.text and "Blauw1" in page.text
    with scopes_disabled():  # the stance list is a read of assessments, logged
        assert people["Blauw1"].access_log.filter(actor=personas.admin).exists()
    # A member who may not see assessments does not see the key people.
    with scopes_disabled():
        personas.org_a.memberships.filter(user=personas.reader).update(may_see_assessments=False)
    page = client_as(personas.reader).get(part_url)
    assert "<html" in page.text and "Rood X" in page.text  # the part on a page of its own
    assert "Sleutelrelaties die verwateren" not in page.text


def test_a_home_part_that_does_not_load_later_has_no_page_of_its_own(client_as, personas):
    url = reverse("organisations:home-part", args=["welzijn-a", "bezoeken"])
    assert client_as(personas.admin).get(url).status_code == 404
