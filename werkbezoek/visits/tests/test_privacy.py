"""Personal-data duties reach the guest lists and the outbox: erasure erases there too,
merging moves guest rows, and the access export shows them, readable for the person."""

import json

from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.mail.models import OutgoingEmail
from werkbezoek.organisations.models import AuditEntry
from werkbezoek.people import services as register
from werkbezoek.people.models import Person
from werkbezoek.testing import run_queued_tasks
from werkbezoek.visits import services
from werkbezoek.visits.models import Guest


def url(name, *args):
    return reverse(name, args=["welzijn-a", *args])


def invited(personas, visit, person, django_capture_on_commit_callbacks):
    """The person on the guest list with an answer, notes and consent, and e-mailed."""
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=personas.editor, person=person)
        services.guest_answer_save(
            visit=visit,
            actor=personas.editor,
            guest=guest,
            rsvp="accepted",
            notes="Komt met de fiets; allergisch voor noten",
            photos_allowed=True,
            handle="@geheim",
        )
        services.guest_add_named(
            visit=visit,
            actor=personas.editor,
            name="Assistent",
            kind="entourage",
            accompanies=guest,
        )
        testing.ready_to_invite(visit, personas.editor)
        with django_capture_on_commit_callbacks(execute=False):
            services.invitations_send(
                visit=visit, actor=personas.editor, base_url="https://werkbezoek.example"
            )
    return guest


def test_erasing_a_public_person_erases_the_guest_row_and_the_mail(
    client_as, personas, visit, people, django_capture_on_commit_callbacks
):
    mp = people["mp"]  # has a public e-mail address: the invitation went out by mail
    guest = invited(personas, visit, mp, django_capture_on_commit_callbacks)
    with scopes_disabled():
        assert OutgoingEmail.objects.get().to == "kamerlid@example.org"
    response = client_as(personas.admin).post(url("people:erase", mp.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert not Guest.objects.filter(pk=guest.pk).exists()
        entourage = Guest.objects.get(name="Assistent")
        assert entourage.accompanies is None  # stays on the list, tied to no one
        mail = OutgoingEmail.objects.get()
        assert mail.to == "gewist@invalid" and mail.status == "failed"
        assert "Kamerlid" not in mail.body_text + mail.body_html + mail.subject
        subjects = AuditEntry.objects.filter(object_type="visits.guest", object_id=guest.pk)
        assert {entry.subject for entry in subjects} == {f"gewiste persoon #{mp.pk}"}
        assert Person.objects.filter(pk=mp.pk).exists()  # the public record itself stays
    run_queued_tasks()  # the queued invitation is not sent any more
    with scopes_disabled():
        assert OutgoingEmail.objects.get().status == "failed"


def test_erasing_an_own_person_on_a_guest_list_works(
    client_as, personas, visit, django_capture_on_commit_callbacks
):
    with scope(organisation=personas.org_a):
        own = register.person_create(
            organisation=personas.org_a,
            actor=personas.editor,
            family_name="Eigen",
            email="eigen@example.org",
        )
    invited(personas, visit, own, django_capture_on_commit_callbacks)
    response = client_as(personas.admin).post(url("people:erase", own.pk))
    assert response.status_code == 302  # was a 500: the guest row protected the person
    with scopes_disabled():
        assert not Person.objects.filter(pk=own.pk).exists()
        assert not Guest.objects.filter(person_id=own.pk).exists()


def test_merging_moves_the_guest_rows(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        twice = register.person_create(
            organisation=personas.org_a, actor=personas.editor, family_name="Raadslid"
        )
        services.guest_add(visit=visit, actor=personas.editor, person=twice)
    response = client_as(personas.editor).post(
        url("people:merge", twice.pk), {"target": people["member"].pk}
    )
    assert response.status_code == 302  # was a 500: the guest row protected the record
    with scopes_disabled():
        assert not Person.objects.filter(pk=twice.pk).exists()
        assert Guest.objects.get(visit=visit).person == people["member"]


def test_the_export_shows_guest_lists_and_mail_in_dutch_with_local_times(
    client_as, personas, visit, people, django_capture_on_commit_callbacks
):
    mp = people["mp"]
    invited(personas, visit, mp, django_capture_on_commit_callbacks)
    client = client_as(personas.admin)
    data = json.loads(client.get(url("people:privacy-export", mp.pk), {"formaat": "json"}).content)
    (row,) = data["guest_lists"]
    assert (row["answer"], row["notes"], row["photos_allowed"], row["handle"]) == (
        "Komt",
        "Komt met de fiets; allergisch voor noten",
        True,
        "@geheim",
    )
    (message,) = data["messages_sent"]
    assert message["to"] == "kamerlid@example.org"
    assert data["exported_at"].endswith(("+01:00", "+02:00"))  # local time, not UTC
    page = client.get(url("people:privacy-export", mp.pk)).text
    for label in (
        "Gastenlijsten van werkbezoeken",
        "Mag gefotografeerd worden",
        "Verstuurde berichten",
    ):
        assert label in page
    for raw_key in ("do_not_contact", "photos_allowed", "+00:00", "T1"):
        assert raw_key not in page
