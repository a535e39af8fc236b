import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations.models import Organisation, Role, UmbrellaLink
from werkbezoek.umbrella.forms import initial_from
from werkbezoek.visits.models import ProgrammeTemplate


@pytest.fixture
def koepel(personas):
    """An umbrella of housing corporations with its administrator; Welzijn A is a member
    (agreed by both sides), Natuur B is not."""
    with scopes_disabled():
        umbrella = testing.make_organisation(
            "woonkoepel", "Koepel van woningcorporaties", kind=Organisation.Kind.UMBRELLA
        )
        admin = testing.make_user("beheer@koepel.example", "Kees Koepel")
        testing.add_member(umbrella, admin, Role.ADMIN)
        link = UmbrellaLink.objects.create(
            umbrella=umbrella, member=personas.org_a, status=UmbrellaLink.Status.ACTIVE
        )
    return umbrella, admin, link


def template_post(**changes) -> dict:
    """The template form as a browser posts it, filled from the method's MP template."""
    with scopes_disabled():
        national = ProgrammeTemplate.objects.get(organisation=None, code="national")
    data = {
        key: ("on" if value is True else value)
        for key, value in initial_from(national).items()
        if value is not False
    }
    data |= {
        "name": "Werkbezoek woningcorporatie",
        "themes": "Genoeg betaalbare woningen\nLeefbare wijken\nVerduurzaming",
        "max_visitors": 10,
        "task_0_step": 2,
        "task_0_title": "Uitnodiging ook naar de koepel sturen",
        "task_0_days": -28,
        "press_text": "Dit bezoek hoort bij de campagne Thuis in de wijk van de koepel.",
        "post_text": "Vandaag op bezoek: zien wat betaalbaar wonen vraagt. #thuisindewijk",
        "invitation_text": "{{ aanhef }},\n\nSamen met onze koepel nodigt {{ organisatie }} "
        "u uit om te zien wat {{ thema }} hier vraagt.",
        "rating_pledge_network": 5,
    }
    return data | changes


def publish(client, slug="woonkoepel", **changes):
    return client.post(reverse("umbrella:template-new", args=[slug]), template_post(**changes))
