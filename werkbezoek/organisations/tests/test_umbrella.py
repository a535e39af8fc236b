"""Membership between organisations: an umbrella invites or a member asks, the other side's
administrator agrees, either side ends it — at once, and the history stays."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations import umbrellas
from werkbezoek.organisations.models import Organisation, Role, UmbrellaLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def koepel(personas):
    """An umbrella body of housing corporations with its own administrator."""
    with scopes_disabled():
        umbrella = testing.make_organisation(
            "woonkoepel", "Koepel van woningcorporaties", kind=Organisation.Kind.UMBRELLA
        )
        admin = testing.make_user("beheer@koepel.example", "Kees Koepel")
        testing.add_member(umbrella, admin, Role.ADMIN)
    return umbrella, admin


def url(name, slug, *args):
    return reverse(f"organisations:{name}", args=[slug, *args])


def test_the_umbrella_invites_and_the_member_agrees_then_ends_it(client_as, personas, koepel):
    umbrella, umbrella_admin = koepel
    client = client_as(umbrella_admin)
    response = client.post(
        url("umbrella-invite", "woonkoepel"), {"address": "Welzijn-A"}, follow=True
    )
    assert "wacht op de beheerder van de andere organisatie" in response.text
    link = UmbrellaLink.objects.get()
    assert link.status == "invited" and link.member == personas.org_a
    # The umbrella cannot answer its own invitation.
    response = client.post(
        url("umbrella-decide", "woonkoepel", link.pk), {"agree": "1"}, follow=True
    )
    assert "De andere organisatie beantwoordt dit voorstel" in response.text
    assert not umbrellas.is_active_member(umbrella=umbrella, member=personas.org_a)

    member = client_as(personas.admin)
    page = member.get(url("umbrella", "welzijn-a")).text
    assert "Koepel van woningcorporaties" in page and "Akkoord" in page
    member.post(url("umbrella-decide", "welzijn-a", link.pk), {"agree": "1"})
    assert umbrellas.is_active_member(umbrella=umbrella, member=personas.org_a)
    assert umbrellas.active_members(umbrella) == [personas.org_a]

    # Either side ends it; from that moment the umbrella has no member.
    client_as(umbrella_admin).post(url("umbrella-end", "woonkoepel", link.pk))
    assert not umbrellas.is_active_member(umbrella=umbrella, member=personas.org_a)
    link.refresh_from_db()
    assert link.status == "ended" and link.ended_by == umbrella_admin  # the history stays


def test_a_member_asks_and_the_umbrella_declines(client_as, personas, koepel):
    umbrella, umbrella_admin = koepel
    member = client_as(personas.admin)
    page = member.get(url("umbrella", "welzijn-a")).text
    assert "Koepel van woningcorporaties" in page  # umbrella bodies can be asked
    member.post(url("umbrella-request", "welzijn-a"), {"umbrella": umbrella.pk})
    link = UmbrellaLink.objects.get()
    assert link.status == "requested"
    response = member.post(
        url("umbrella-request", "welzijn-a"), {"umbrella": umbrella.pk}, follow=True
    )
    assert "Kies een koepelorganisatie uit de lijst" in response.text  # asked already
    client_as(umbrella_admin).post(url("umbrella-decide", "woonkoepel", link.pk), {"agree": "0"})
    link.refresh_from_db()
    assert link.status == "declined"
    assert not umbrellas.is_active_member(umbrella=umbrella, member=personas.org_a)


def test_refusals(client_as, personas, koepel):
    umbrella, umbrella_admin = koepel
    # An ordinary organisation has no members to invite.
    response = client_as(personas.admin).post(
        url("umbrella-invite", "welzijn-a"), {"address": "natuur-b"}, follow=True
    )
    assert "Alleen een koepelorganisatie kan leden hebben" in response.text
    response = client_as(umbrella_admin).post(
        url("umbrella-invite", "woonkoepel"), {"address": "bestaat-niet"}, follow=True
    )
    assert "Geen organisatie heeft het webadres “bestaat-niet”" in response.text
    # Only administrators decide on memberships.
    assert (
        client_as(personas.editor).post(url("umbrella-request", "welzijn-a"), {}).status_code == 403
    )
    # A link between two other organisations is not found.
    link = umbrellas.umbrella_invite(umbrella=umbrella, actor=umbrella_admin, address="natuur-b")
    response = client_as(personas.admin).post(url("umbrella-end", "welzijn-a", link.pk))
    assert response.status_code == 404
    assert not UmbrellaLink.objects.exclude(status="invited").exists()
