"""Oversized requests are refused from their Content-Length, before the body is read."""

from django.urls import reverse
from django_scopes import scopes_disabled

from werkbezoek.imports.models import ImportJob


def test_a_huge_upload_is_refused_before_reading_it(client_as, personas):
    url = reverse("imports:people", args=["welzijn-a"])
    # The body is tiny; only the header claims 400 MB. Reading it would hang or fail.
    response = client_as(personas.editor).post(
        url, {"file": ""}, CONTENT_LENGTH=str(400 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "groter dan 6 MB" in response.text
    with scopes_disabled():
        assert not ImportJob.objects.exists()


def test_anonymous_requests_get_a_small_limit(client, db):
    response = client.post(reverse("accounts:login"), {"username": "x" * 70_000, "password": "y"})
    assert response.status_code == 413
    assert "groter dan 1 MB" in response.text


def test_normal_forms_pass(client, db):
    response = client.post(reverse("accounts:login"), {"username": "a@b.nl", "password": "y"})
    assert response.status_code == 200
