import datetime

import pytest
from django.utils import timezone
from django_scopes import scope

from werkbezoek.people.models import Person, Position
from werkbezoek.reference.models import Body, Municipality, Party, PartyGroup, Province
from werkbezoek.visits import services
from werkbezoek.visits.models import ProgrammeTemplate


@pytest.fixture
def places(db):
    """A municipality with its council, a party group, and a parliamentary committee."""
    province = Province.objects.create(code="PV99", name="Testprovincie")
    assen = Municipality.objects.create(code="GM9106", name="Testassen", province=province)
    council = Body.objects.create(
        code="GR-GM9106",
        kind=Body.Kind.COUNCIL,
        name="Gemeenteraad Testassen",
        municipality=assen,
    )
    executive = Body.objects.create(
        code="BW-GM9106", kind=Body.Kind.EXECUTIVE, name="College Testassen", municipality=assen
    )
    tk = Body.objects.get_or_create(
        code="TK", defaults={"kind": Body.Kind.PARLIAMENT, "name": "Tweede Kamer"}
    )[0]
    committee = Body.objects.create(code="TK-TEST", kind=Body.Kind.COMMITTEE, name="Commissie SZW")
    party = Party.objects.create(name="Testpartij", abbreviation="TP")
    other = Party.objects.create(name="Andere partij", abbreviation="AP")
    return {
        "municipality": assen,
        "council": council,
        "executive": executive,
        "tk": tk,
        "committee": committee,
        "group": PartyGroup.objects.create(body=council, party=party, name="TP Testassen"),
        "other_group": PartyGroup.objects.create(body=council, party=other, name="AP Testassen"),
        "tk_group": PartyGroup.objects.create(body=tk, party=party, name="TP"),
    }


def public_person(family, role, body, group=None, **fields):
    person = Person.objects.create(family_name=family, initials="A.", **fields)
    Position.objects.create(
        person=person,
        role=role,
        body=body,
        party_group=group,
        start_date=datetime.date(2022, 1, 1),
    )
    return person


@pytest.fixture
def people(places):
    return {
        "alderman": public_person("Wethouder", "alderman", places["executive"], places["group"]),
        "member": public_person("Raadslid", "council_member", places["council"], places["group"]),
        "member2": public_person(
            "Tweede", "council_member", places["council"], places["other_group"]
        ),
        "mp": public_person(
            "Kamerlid",
            "member_of_parliament",
            places["tk"],
            places["tk_group"],
            email="kamerlid@example.org",
        ),
    }


@pytest.fixture
def visit(personas, people):
    with scope(organisation=personas.org_a):
        return services.visit_create(
            organisation=personas.org_a,
            actor=personas.editor,
            template=ProgrammeTemplate.objects.get(code="local"),
            title="Wethouder in de schooltuin",
            kind="local",
            goal_type="influence",
            ask="Behoud de subsidie",
        )


@pytest.fixture
def in_a(personas):
    with scope(organisation=personas.org_a):
        yield


def days_ahead(n):
    return timezone.localdate() + datetime.timedelta(days=n)
