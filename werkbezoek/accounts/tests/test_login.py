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


def test_made_up_accounts_from_one_address_do_not_lock_out_its_other_users(
    client, personas, settings
):
    """Behind a shared proxy everyone has one address: a stranger guessing must not be
    able to lock all of them out."""
    for number in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(LOGIN, {"username": f"gok{number}@a.example", "password": "fout"})
    response = client.post(LOGIN, {"username": "reader@a.example", "password": PASSWORD})
    assert response.status_code == 302


def test_spraying_many_accounts_from_one_address_meets_a_generous_limit(client, personas, settings):
    settings.WERKBEZOEK_LOGIN_IP_FAILURE_LIMIT = 8
    for number in range(8):
        client.post(LOGIN, {"username": f"gok{number}@a.example", "password": "fout"})
    response = client.post(LOGIN, {"username": "reader@a.example", "password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.text
    # From another address the same account logs in.
    other = client.post(
        LOGIN, {"username": "reader@a.example", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 302


def test_a_locked_account_stays_locked_from_another_address(client, personas, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN, {"username": "Editor@a.example", "password": "fout"}, REMOTE_ADDR="10.0.0.1"
        )
    response = client.post(
        LOGIN, {"username": "editor@a.example", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 429


def test_the_proxy_header_counts_only_behind_our_proxy(rf, settings):
    from werkbezoek.accounts.throttle import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    settings.WERKBEZOEK_BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.1"  # a client cannot choose its own address
    settings.WERKBEZOEK_BEHIND_PROXY = True
    assert client_ip(request) == "5.6.7.8"  # the address our proxy added


def test_logout_ends_the_session(client_as, personas):
    client = client_as(personas.editor)
    client.post(reverse("accounts:logout"))
    response = client.get(reverse("organisations:dashboard", args=["welzijn-a"]))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
