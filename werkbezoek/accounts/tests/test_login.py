from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from werkbezoek.testing import PASSWORD

LOGIN = reverse("accounts:login")


def test_it_logs_in_with_email_in_any_case(client, personas):
    response = client.post(LOGIN, {"username": "Editor@A.example", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == personas.editor.pk


def test_wrong_password_gets_a_dutch_message(client, personas):
    response = client.post(LOGIN, {"username": "editor@a.example", "password": "fout"})
    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.text
    assert SESSION_KEY not in client.session


def test_session_key_changes_at_login(client, personas):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    client.post(LOGIN, {"username": "editor@a.example", "password": PASSWORD})
    assert client.session.session_key != before


def test_account_is_locked_after_repeated_failures(client, personas, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "editor@a.example", "password": "fout"})
    response = client.post(LOGIN, {"username": "editor@a.example", "password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.text
    assert SESSION_KEY not in client.session


def test_lockout_does_not_reveal_whether_an_account_exists(client, db, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "niemand@a.example", "password": "fout"})
    response = client.post(LOGIN, {"username": "niemand@a.example", "password": "fout"})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.text


def test_one_address_trying_many_accounts_is_locked_by_ip(client, personas, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": f"gok{number}@a.example", "password": "fout"})
    response = client.post(LOGIN, {"username": "reader@a.example", "password": PASSWORD})
    assert response.status_code == 429


def test_logout_ends_the_session(client_as, personas):
    client = client_as(personas.editor)
    client.post(reverse("accounts:logout"))
    response = client.get(reverse("organisations:dashboard", args=["welzijn-a"]))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
