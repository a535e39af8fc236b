from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from werkbezoek.testing import PASSWORD, run_queued_tasks


def test_password_reset_by_email_over_smtp(
    client, personas, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password-reset"), {"email": "editor@a.example"})
    assert response.status_code == 302
    run_queued_tasks()
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["message"]["Subject"] == "Kies een nieuw wachtwoord voor Werkbezoek"
    link = smtp.last_link()
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.text
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nieuwe-zin-2026!", "new_password2": "Nieuwe-zin-2026!"},
    )
    assert response.status_code == 302
    personas.editor.refresh_from_db()
    assert personas.editor.check_password("Nieuwe-zin-2026!")
    # The link works once.
    assert "werkt niet meer" in client.get(path, follow=True).text


def test_reset_for_unknown_address_looks_the_same_and_sends_nothing(client, db, smtp):
    response = client.post(reverse("accounts:password-reset"), {"email": "niemand@a.example"})
    assert response.status_code == 302
    run_queued_tasks()
    assert smtp.messages == []


def test_changing_password_logs_out_other_sessions(personas):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post(
            reverse("accounts:login"), {"username": "editor@a.example", "password": PASSWORD}
        )
    response = laptop.post(
        reverse("accounts:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Nieuwe-zin-2026!",
            "new_password2": "Nieuwe-zin-2026!",
        },
    )
    assert response.status_code == 302
    assert laptop.get(reverse("organisations:dashboard", args=["welzijn-a"])).status_code == 200
    assert phone.get(reverse("organisations:dashboard", args=["welzijn-a"])).status_code == 302
    assert SESSION_KEY not in phone.session


def test_common_password_is_refused_in_dutch(client_as, personas):
    response = client_as(personas.editor).post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )
    assert response.status_code == 200
    assert "te algemeen" in response.text


def test_reset_mails_are_limited_per_address_and_per_client(
    client, personas, smtp, settings, django_capture_on_commit_callbacks
):
    settings.WERKBEZOEK_RESET_EMAIL_LIMIT = 2
    settings.WERKBEZOEK_RESET_IP_LIMIT = 3
    url = reverse("accounts:password-reset")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url, {"email": "editor@a.example"}) for _ in range(4)]
    assert {answer.status_code for answer in answers} == {302}  # the same page every time
    run_queued_tasks()
    assert len(smtp.messages) == 2  # per address
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "reader@a.example"})
        client.post(url, {"email": "admin@a.example"})
    run_queued_tasks()
    assert len(smtp.messages) == 3  # per client: the third reset request of this address
