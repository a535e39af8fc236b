"""Inviting a colleague: the e-mail goes over SMTP; the link is tied to one address, expires,
and works once. Every refusal is a clear Dutch message and changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.mail.models import OutgoingEmail
from werkbezoek.organisations.models import AuditEntry, Invitation, Membership, Role
from werkbezoek.organisations.services import invitation_accept, invitation_send
from werkbezoek.testing import make_user, run_queued_tasks


def send(personas, email="nieuw@a.example", role=Role.EDITOR):
    with scope(organisation=personas.org_a):
        return invitation_send(
            organisation=personas.org_a,
            email=email,
            role=role,
            invited_by=personas.admin,
            base_url="http://testserver",
        )


def token_from(smtp):
    return smtp.last_link().rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def sent(personas, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(personas)
    run_queued_tasks()
    return token_from(smtp)


def test_it_sends_one_mail_over_smtp(personas, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(personas, email="Nieuw@A.example")
    assert smtp.messages == []  # queued, not sent inside the request
    run_queued_tasks()
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["to"] == ["nieuw@a.example"]
    assert message["message"]["Cc"] is None
    assert "Welzijn A" in message["message"]["Subject"]
    assert "/uitnodiging/" in smtp.bodies()[0]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_it_stores_only_a_hash_of_the_token(sent):
    with scopes_disabled():
        invitation = Invitation.objects.get()
    assert sent not in invitation.token_hash


def test_it_refuses_an_existing_member(personas):
    with pytest.raises(ValidationError, match="al lid"):
        send(personas, email="editor@a.example")
    with scopes_disabled():
        assert not Invitation.objects.exists()


def test_a_new_invitation_replaces_the_open_one(personas):
    first = send(personas)
    send(personas)
    first.refresh_from_db()
    assert first.revoked_at is not None


def test_new_colleague_creates_account_and_joins(client, personas, sent):
    page = client.get(reverse("organisations:invitation-accept", args=[sent]))
    assert page.status_code == 200
    assert "Word lid van Welzijn A" in page.text
    response = client.post(
        reverse("organisations:invitation-accept", args=[sent]),
        {"full_name": "Nina Nieuw", "password1": "Lange-zin-2026!", "password2": "Lange-zin-2026!"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:dashboard", args=["welzijn-a"])
    with scopes_disabled():
        membership = Membership.objects.get(user__email="nieuw@a.example")
        assert membership.role == Role.EDITOR
        assert AuditEntry.objects.filter(action="organisations.invitation.accepted").exists()
    assert client.get(response["Location"]).status_code == 200


def test_weak_password_is_refused_with_dutch_message(client, personas, sent):
    response = client.post(
        reverse("organisations:invitation-accept", args=[sent]),
        {"full_name": "Nina", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert "te kort" in response.text or "te veel gebruikt" in response.text
    with scopes_disabled():
        assert not Membership.objects.filter(user__email="nieuw@a.example").exists()


def test_existing_account_accepts_after_logging_in(client_as, personas, sent):
    user = make_user("nieuw@a.example", "Nina")
    client = client_as(user)
    response = client.post(reverse("organisations:invitation-accept", args=[sent]))
    assert response.status_code == 302
    with scopes_disabled():
        assert Membership.objects.filter(user=user, organisation=personas.org_a).exists()


def test_link_works_only_once(client_as, personas, sent):
    client = client_as(make_user("nieuw@a.example"))
    client.post(reverse("organisations:invitation-accept", args=[sent]))
    response = client.post(reverse("organisations:invitation-accept", args=[sent]))
    assert response.status_code == 400
    assert "al gebruikt" in response.text
    with pytest.raises(ValidationError):
        invitation_accept(token=sent, user=personas.reader)


def test_expired_link_is_refused(client, personas, sent):
    with scopes_disabled():
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(
        reverse("organisations:invitation-accept", args=[sent]),
        {"full_name": "Nina", "password1": "Lange-zin-2026!", "password2": "Lange-zin-2026!"},
    )
    assert response.status_code == 400
    assert "verlopen" in response.text
    with scopes_disabled():
        assert not Membership.objects.filter(user__email="nieuw@a.example").exists()


def test_link_for_another_address_is_refused(client_as, personas, sent):
    client = client_as(personas.outsider)
    response = client.post(reverse("organisations:invitation-accept", args=[sent]))
    assert response.status_code == 400
    assert "bedoeld voor nieuw@a.example" in response.text
    with scopes_disabled():
        assert not Membership.objects.filter(user=personas.outsider, organisation=personas.org_a)


def test_forged_token_is_refused(client, db):
    response = client.get(reverse("organisations:invitation-accept", args=["verzonnen-token"]))
    assert response.status_code == 400
    assert "niet geldig" in response.text


def test_withdrawn_invitation_is_refused(client_as, personas, sent):
    with scopes_disabled():
        invitation = Invitation.objects.get()
    client_as(personas.admin).post(
        reverse("organisations:invitation-withdraw", args=["welzijn-a", invitation.pk])
    )
    response = client_as(make_user("nieuw@a.example")).post(
        reverse("organisations:invitation-accept", args=[sent])
    )
    assert "ingetrokken" in response.text


def test_invite_page_sends_and_lists_it(
    client_as, personas, smtp, django_capture_on_commit_callbacks
):
    client = client_as(personas.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=["welzijn-a"]),
            {"email": "collega@a.example", "role": Role.READER},
        )
    assert response.status_code == 302
    page = client.get(reverse("organisations:members", args=["welzijn-a"]))
    assert "collega@a.example" in page.text
    run_queued_tasks()
    assert smtp.messages[0]["to"] == ["collega@a.example"]


def test_invite_page_rejects_bad_address(client_as, personas):
    response = client_as(personas.admin).post(
        reverse("organisations:invite", args=["welzijn-a"]), {"email": "geen-adres", "role": "x"}
    )
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in" in response.text
    with scopes_disabled():
        assert not Invitation.objects.exists()
