"""An organisation rates actions its own way; earlier ratings stay as history, and the
chooser ranks with the organisation's own."""

import pytest
from django.urls import reverse
from django_scopes import scope

from werkbezoek.actions import services
from werkbezoek.actions.models import ActionRating

pytestmark = pytest.mark.django_db

CRITERIA = ["voter_visibility", "network", "policy_progress", "base", "difficulty", "two_in_one"]


def _post(client, code, stars, note=""):
    data = dict(zip(CRITERIA, map(str, stars), strict=True), note=note)
    return client.post(reverse("actions:rating-save", args=["welzijn-a", code]), data, follow=True)


def test_own_ratings_with_history_change_the_ranking(client_as, personas):
    client = client_as(personas.editor)
    page = client.get(reverse("actions:rating", args=["welzijn-a", "steering_group"]))
    assert "Indicatieve beoordeling" in page.text
    response = _post(client, "steering_group", (5, 5, 5, 5, 1, 5), "Werkt goed in onze gemeente")
    assert "Uw eigen beoordeling is opgeslagen" in response.text
    _post(client, "steering_group", (4, 5, 5, 5, 1, 5), "Iets minder zichtbaar")
    with scope(organisation=personas.org_a):
        assert ActionRating.objects.filter(action="steering_group").count() == 2
        own = services.ratings_of(personas.org_a)["steering_group"]
    assert own["voter_visibility"] == 4 and own["own"]
    page = client.get(reverse("actions:rating", args=["welzijn-a", "steering_group"])).text
    assert "Werkt goed in onze gemeente" in page and "Iets minder zichtbaar" in page
    choose = client.get(reverse("actions:choose", args=["welzijn-a"]), {"network": "3"}).text
    assert "uw eigen beoordeling" in choose


def test_incomplete_ratings_and_readers_are_refused(client_as, personas):
    response = _post(client_as(personas.editor), "pledge", (5, 5, 9, 5, 1, 5))
    assert "Beoordeel de actie op alle zes criteria" in response.text
    assert _post(client_as(personas.reader), "pledge", (5, 5, 5, 5, 1, 5)).status_code == 403
    with scope(organisation=personas.org_a):
        assert not ActionRating.objects.exists()
    assert (
        client_as(personas.reader)
        .get(reverse("actions:rating", args=["welzijn-a", "bestaat-niet"]))
        .status_code
        == 404
    )
