from django.urls import reverse
from django_scopes import scopes_disabled

from werkbezoek.organisations.models import AuditEntry, Membership, Organisation, Role
from werkbezoek.testing import make_user, pass_second_factor

URL = reverse("organisations:create")


def test_a_user_starts_an_organisation_and_becomes_its_admin(client_as, db):
    user = make_user("starter@c.example", "Sam Starter")
    client = client_as(user)
    assert "U bent nog geen lid" in client.get(reverse("organisations:choose")).text
    response = client.post(
        URL, {"name": "Vogelwacht Zwolle", "slug": "Vogelwacht-Zwolle", "kind": "nature_education"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:profile-edit", args=["vogelwacht-zwolle"])
    organisation = Organisation.objects.get(slug="vogelwacht-zwolle")
    with scopes_disabled():
        assert Membership.objects.get(organisation=organisation).role == Role.ADMIN
        assert AuditEntry.objects.filter(organisation=organisation).count() == 1
    # Now an administrator: first the second factor, then the profile.
    assert "/account/tweede-stap/instellen/" in client.get(response["Location"])["Location"]
    pass_second_factor(client, user)
    assert client.get(response["Location"]).status_code == 200


def test_a_taken_web_address_is_refused_in_dutch(client_as, personas):
    response = client_as(personas.editor).post(
        URL, {"name": "Nog een", "slug": "welzijn-a", "kind": "other"}
    )
    assert response.status_code == 200
    assert "al in gebruik bij een andere organisatie" in response.text
    assert Organisation.objects.count() == 2


def test_reserved_and_malformed_addresses_are_refused(client_as, personas):
    client = client_as(personas.editor)
    assert "gereserveerd" in client.post(URL, {"name": "X", "slug": "admin", "kind": "other"}).text
    response = client.post(URL, {"name": "X", "slug": "met spatie!", "kind": "other"})
    assert "geldige" in response.text  # Django's own Dutch slug message
    assert Organisation.objects.count() == 2


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_chooser_query_count_does_not_grow(client_as, db, django_assert_max_num_queries):
    from werkbezoek.testing import add_member, make_organisation

    user = make_user("veel@c.example")
    for number in range(2):
        add_member(make_organisation(f"org-{number}"), user, Role.READER)
    client = client_as(user)
    url = reverse("organisations:choose")
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for number in range(2, 12):
        add_member(make_organisation(f"org-{number}"), user, Role.READER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Org-11" in response.text
