import datetime

import pytest
from django.utils import timezone
from django_scopes import scope

from werkbezoek import testing
from werkbezoek.reference.models import Body, PartyGroup


@pytest.fixture
def places(db):
    """A municipality with its council, a party group, and a parliamentary committee."""
    town = testing.make_council("GM9106", "Testassen", parties=("TP", "AP"))
    tk = Body.objects.get_or_create(
        code="TK", defaults={"kind": Body.Kind.PARLIAMENT, "name": "Tweede Kamer"}
    )[0]
    return {
        "municipality": town.municipality,
        "council": town.council,
        "executive": town.executive,
        "tk": tk,
        "committee": Body.objects.create(
            code="TK-TEST", kind=Body.Kind.COMMITTEE, name="Commissie SZW"
        ),
        "group": town.groups["TP"],
        "other_group": town.groups["AP"],
        "tk_group": PartyGroup.objects.create(body=tk, party=town.groups["TP"].party, name="TP"),
    }


public_person = testing.make_public_person


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
        return testing.make_visit(personas.org_a, personas.editor)


@pytest.fixture
def in_a(personas):
    with scope(organisation=personas.org_a):
        yield


def days_ahead(n):
    return timezone.localdate() + datetime.timedelta(days=n)
