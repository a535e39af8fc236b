"""Sessions end after an hour without activity and after twelve hours whatever happens;
passwords that contain the obvious words are refused."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from werkbezoek.accounts.middleware import SEEN, STARTED
from werkbezoek.testing import PASSWORD

DASHBOARD = reverse("organisations:dashboard", args=["welzijn-a"])


def log_in(client):
    client.post(reverse("accounts:login"), {"username": "editor@a.example", "password": PASSWORD})
    assert SESSION_KEY in client.session


def test_the_idle_timeout_is_an_hour_and_activity_renews_it(client, personas):
    log_in(client)
    stored = Session.objects.get(session_key=client.session.session_key)
    left = (stored.expire_date - timezone.now()).total_seconds()
    assert 55 * 60 < left <= 60 * 60
    session = client.session
    session[SEEN] = time.time() - 30 * 60  # half an hour without a request
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + timezone.timedelta(minutes=30)
    )
    assert client.get(DASHBOARD).status_code == 200
    renewed = Session.objects.get(session_key=session.session_key).expire_date
    assert (renewed - timezone.now()).total_seconds() > 55 * 60


def test_after_an_idle_hour_the_session_is_gone(client, personas):
    log_in(client)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_activity_cannot_stretch_a_session_past_twelve_hours(client, personas):
    log_in(client)
    session = client.session
    session[STARTED] = time.time() - 12 * 3600 - 60
    session.save()
    # Switching organisation (or anything else) keeps the session active, not alive.
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "password", ["Werkbezoek2026!", "welzijnA-wachtwoord", "mijn-editor-sleutel-9"]
)
def test_passwords_with_the_product_organisation_or_address_are_refused(personas, password):
    personas.editor.email = "editor@welzijna.example"
    with pytest.raises(ValidationError):
        validate_password(password, personas.editor)


def test_a_good_password_passes(personas):
    validate_password("Nieuwe-zin-voor-de-tuin-2026", personas.editor)
