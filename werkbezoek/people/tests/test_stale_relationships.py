"""Key relationships going stale (the home page and the daily reminder): which ones, in
which order, how many."""

import datetime

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.organisations.models import Membership
from werkbezoek.people.models import Assessment, Person
from werkbezoek.people.selectors import stale_key_relationships, stale_key_relationships_now
from werkbezoek.people.services import interaction_log


def key_person(personas, name, influence, *, owner=None, do_not_contact=False, org=None):
    org = org or personas.org_a
    with scopes_disabled():
        person = Person.objects.create(family_name=name, external_id=f"stale:{name}")
        Assessment.objects.create(
            organisation=org,
            person=person,
            influence=influence,
            owner=owner,
            do_not_contact=do_not_contact,
        )
    return person


def test_the_most_influential_first_then_by_name_and_at_most_the_limit(personas):
    today = timezone.localdate()
    with scopes_disabled():
        admin = Membership.objects.get(organisation=personas.org_a, user=personas.admin)
    for name, influence in [("Vier-B", 4), ("Vijf-Z", 5), ("Vier-A", 4), ("Vijf-A", 5)]:
        key_person(personas, name, influence, owner=admin if name.endswith("A") else None)
    key_person(personas, "Drie", 3)  # not a key person
    key_person(personas, "Niet-benaderen", 5, do_not_contact=True)
    key_person(personas, "Ander", 5, org=personas.org_b)  # another organisation's
    recent = key_person(personas, "Recent", 5)
    long_ago = key_person(personas, "Lang-geleden", 4)
    with scope(organisation=personas.org_a):
        for person, days in [(recent, 10), (long_ago, 400)]:
            interaction_log(
                organisation=personas.org_a,
                actor=personas.admin,
                date=today - datetime.timedelta(days=days),
                kind="meeting",
                people=[person],
                summary="Gesprek",
            )
        every = stale_key_relationships(personas.org_a, today)
        first_three = stale_key_relationships(personas.org_a, today, limit=3)
        owned = stale_key_relationships(personas.org_a, today, owner=admin)
        on_home = stale_key_relationships_now()  # its query built once, for the home page
    names = [assessment.person.family_name for assessment in every]
    assert names == ["Vijf-A", "Vijf-Z", "Lang-geleden", "Vier-A", "Vier-B"]
    assert [a.person.family_name for a in first_three] == names[:3]
    assert [(a.person.family_name, a.last_contact) for a in on_home] == [
        (a.person.family_name, a.last_contact) for a in every
    ]
    assert [a.person.family_name for a in owned] == ["Vijf-A", "Vier-A"]
    assert every[2].last_contact == today - datetime.timedelta(days=400)
    assert every[0].last_contact is None and str(every[0].owner.user) == str(personas.admin)
