"""Dialogue sessions: the umbrella's own visit, co-hosted by members, who see its public
facts — and only while they are members."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations import umbrellas
from werkbezoek.organisations.models import UmbrellaLink
from werkbezoek.visits import services
from werkbezoek.visits.models import CoHost

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(personas, koepel):
    umbrella, umbrella_admin, link = koepel
    with scopes_disabled():
        UmbrellaLink.objects.create(umbrella=umbrella, member=personas.org_b, status="active")
    council = testing.make_council(parties=("GL",))
    mp = testing.make_public_person(
        "Yilmaz", "member_of_parliament", council.council, council.groups["GL"], given_name="Esra"
    )
    with scope(organisation=umbrella):
        visit = testing.make_visit(
            umbrella, umbrella_admin, title="Dialoogsessie wonen", kind="national",
            goal="Intern: GEHEIM-DOEL", location_name="Buurthuis De Brug",
        )  # fmt: skip
        services.guest_add(visit=visit, actor=umbrella_admin, person=mp)
    return umbrella, umbrella_admin, link, visit


def test_the_umbrella_chooses_co_hosts_who_then_see_the_session(client_as, personas, session):
    umbrella, umbrella_admin, link, visit = session
    staff = client_as(umbrella_admin)
    page = staff.get(reverse("umbrella:sessions", args=["woonkoepel"])).text
    assert "Dialoogsessie wonen" in page and "Welzijn A" in page and "Natuur B" in page
    staff.post(
        reverse("umbrella:session-cohosts", args=["woonkoepel", visit.pk]),
        {"member": [personas.org_a.pk]},
    )
    with scopes_disabled():
        assert list(CoHost.objects.values_list("member__slug", flat=True)) == ["welzijn-a"]

    member = client_as(personas.editor).get(reverse("umbrella:sessions", args=["welzijn-a"]))
    text = member.text
    assert "Dialoogsessie wonen" in text and "Buurthuis De Brug" in text
    assert "Esra Yilmaz" in text and "Ontvangst" in text  # guests and programme
    assert "GEHEIM-DOEL" not in text
    # Natuur B is a member but no co-host: it sees no session.
    other = client_as(personas.outsider).get(reverse("umbrella:sessions", args=["natuur-b"]))
    assert "Dialoogsessie wonen" not in other.text
    # A member cannot open the umbrella's visit page itself.
    url = reverse("visits:detail", args=["welzijn-a", visit.pk])
    assert client_as(personas.editor).get(url).status_code == 404

    # The membership ends: the session is gone for the member at once.
    with scopes_disabled():
        umbrellas.umbrella_end(link=link, organisation=umbrella, actor=umbrella_admin)
    member = client_as(personas.editor).get(reverse("umbrella:sessions", args=["welzijn-a"]))
    assert "Dialoogsessie wonen" not in member.text


def test_only_members_can_be_co_hosts(client_as, personas, session):
    umbrella, umbrella_admin, link, visit = session
    stranger = testing.make_organisation("vreemd", "Vreemde organisatie")
    with scope(organisation=umbrella), pytest.raises(ValidationError, match="leden"):
        from django.utils import translation

        with translation.override("nl"):
            services.cohosts_set(visit=visit, actor=umbrella_admin, members=[stranger])
    # Through the page a stranger's id is simply not a choice.
    client_as(umbrella_admin).post(
        reverse("umbrella:session-cohosts", args=["woonkoepel", visit.pk]),
        {"member": [stranger.pk, "99999999999999999999"]},
    )
    with scopes_disabled():
        assert not CoHost.objects.exists()
