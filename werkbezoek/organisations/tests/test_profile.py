import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from werkbezoek.organisations.models import Organisation
from werkbezoek.organisations.services import organisation_create
from werkbezoek.reference.models import Municipality, Province


@pytest.fixture
def assen(db):
    drenthe = Province.objects.create(code="PV22", name="Drenthe")
    return Municipality.objects.create(code="GM0106", name="Assen", province=drenthe)


def test_admin_edits_the_profile(client_as, personas, assen):
    client = client_as(personas.admin)
    response = client.post(
        reverse("organisations:profile-edit", args=["welzijn-a"]),
        {
            "name": "Welzijn Assen",
            "kind": Organisation.Kind.SOCIAL_WORK,
            "municipalities": [assen.pk],
            "themes": "Schuldhulp\n  Eenzaamheid  \nSchuldhulp\n",
            "postcode": "9401ab",
            "contact_email": "info@welzijn.example",
            "stale_contact_months": 6,
            "retention_months": 24,
        },
    )
    assert response.status_code == 302
    personas.org_a.refresh_from_db()
    assert personas.org_a.name == "Welzijn Assen"
    assert personas.org_a.themes == ["Schuldhulp", "Eenzaamheid"]
    assert personas.org_a.postcode == "9401 AB"
    assert list(personas.org_a.municipalities.all()) == [assen]
    page = client.get(reverse("organisations:profile", args=["welzijn-a"]))
    assert "Assen" in page.text and "Schuldhulp" in page.text


def test_bad_postcode_gets_dutch_message_and_saves_nothing(client_as, personas):
    response = client_as(personas.admin).post(
        reverse("organisations:profile-edit", args=["welzijn-a"]),
        {"name": "Ander", "kind": Organisation.Kind.SOCIAL_WORK, "postcode": "12345"},
    )
    assert response.status_code == 200
    assert "Nederlandse postcode" in response.text
    personas.org_a.refresh_from_db()
    assert personas.org_a.name == "Welzijn A"


def test_duplicate_slug_is_refused_in_dutch(personas):
    with pytest.raises(ValidationError) as error:
        organisation_create(
            name="Dubbel", slug="welzijn-a", kind=Organisation.Kind.OTHER, created_by=personas.admin
        )
    assert "al in gebruik" in str(error.value)
    assert Organisation.objects.filter(slug="welzijn-a").count() == 1


def test_home_sends_single_member_to_their_organisation(client_as, personas):
    response = client_as(personas.editor).get("/")
    assert response["Location"] == reverse("organisations:dashboard", args=["welzijn-a"])


def test_home_offers_a_choice_to_members_of_two(client_as, personas):
    from werkbezoek.organisations.models import Role
    from werkbezoek.testing import add_member

    add_member(personas.org_b, personas.editor, Role.READER)
    client = client_as(personas.editor)
    assert client.get("/")["Location"] == reverse("organisations:choose")
    page = client.get(reverse("organisations:choose"))
    assert "Welzijn A" in page.text and "Natuur B" in page.text
    client.get(reverse("organisations:dashboard", args=["natuur-b"]))
    assert client.get("/")["Location"] == reverse("organisations:dashboard", args=["natuur-b"])
