"""Invitations that get answered: sending that cannot go wrong quietly, over real SMTP;
later guests and changed letters; the guest's own answer through a signed link; the
organiser's answers table; answers per date that survive new date proposals."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations.models import Membership
from werkbezoek.people.models import Interaction
from werkbezoek.testing import run_queued_tasks
from werkbezoek.visits import answers, services
from werkbezoek.visits.models import Availability, DateOption, Guest, GuestInvitation, Status

from .conftest import days_ahead

pytestmark = pytest.mark.django_db


def url(name, visit, *args):
    return reverse(f"visits:{name}", args=["welzijn-a", visit.pk, *args])


def _with_email(person, address):
    person.email = address
    person.save()
    return person


def test_sending_is_refused_with_the_reasons(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        services.guest_add(visit=visit, actor=None, person=people["mp"])
    client = client_as(personas.editor)
    page = client.get(url("invitation", visit)).text
    for reason in ("kernboodschap", "datumopties", "gastheer"):
        assert reason in page, reason
    response = client.post(url("invitations-send", visit), follow=True)
    assert "kernboodschap" in response.text
    with scopes_disabled():
        visit.refresh_from_db()
        assert visit.status == Status.CONCEPT
        assert not GuestInvitation.objects.exists()


def test_invitations_go_out_over_smtp_with_reply_to_and_an_answer_link(
    client_as, personas, visit, people, smtp, django_capture_on_commit_callbacks
):
    alderman = _with_email(people["alderman"], "wethouder@testassen.example")
    with scope(organisation=personas.org_a):
        services.guest_add(visit=visit, actor=None, person=people["mp"])
        services.guest_add(visit=visit, actor=None, person=alderman)
        services.guest_add(visit=visit, actor=None, person=people["member"])  # no e-mail
        testing.ready_to_invite(visit, options=[days_ahead(20), days_ahead(27)])
        contact = Membership.objects.get(user=personas.admin, organisation=personas.org_a)
        services.visit_letter_save(
            visit=visit,
            actor=None,
            text="{{ aanhef }},\n\nWelkom bij {{ organisatie }}: één €-bijdrage voor ĳs.",
            contact=contact,
            involvement="",
        )
    client = client_as(personas.editor)
    page = client.get(url("invitation", visit)).text
    assert "geen openbaar e-mailadres: stuur de brief per post" in page
    assert "Verstuur de uitnodiging aan 2 gasten" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("invitations-send", visit), follow=True)
    assert "2 uitnodigingen zijn per e-mail verstuurd" in response.text
    assert re.search(r"Verstuurd op \d+ \w+ aan 2 gasten", response.text)
    run_queued_tasks()
    assert sorted(m["to"][0] for m in smtp.messages) == [
        "kamerlid@example.org",
        "wethouder@testassen.example",
    ]
    message = smtp.messages[0]["message"]
    assert message["Reply-To"] == personas.admin.email
    assert message["Subject"] == "Uitnodiging werkbezoek Welzijn A"
    body = message.get_body(("plain",)).get_content()
    assert "één €-bijdrage voor ĳs" in body and "Wanneer:" in body
    link = re.search(r"https?://\S+/antwoord/\S+/", body)[0]
    assert client.get(link).status_code == 200
    with scopes_disabled():
        visit.refresh_from_db()
        assert visit.status == Status.INVITED
        assert Interaction.objects.get().people.count() == 2


def test_a_guest_added_later_is_invited_and_a_changed_letter_goes_again(
    client_as, personas, visit, people, smtp, django_capture_on_commit_callbacks
):
    with scope(organisation=personas.org_a):
        first = services.guest_add(visit=visit, actor=None, person=people["mp"])
        testing.ready_to_invite(visit)
    client = client_as(personas.editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("invitations-send", visit))
    later = _with_email(people["alderman"], "wethouder@testassen.example")
    with scope(organisation=personas.org_a):
        services.guest_add(visit=visit, actor=None, person=later)
    assert "Verstuur de uitnodiging aan 1 gast" in client.get(url("invitation", visit)).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("invitations-send", visit))
    # One guest's letter changed, sent again to that guest only.
    response = client.post(
        url("invitation-guest-letter", visit, first.pk),
        {f"g{first.pk}-text": "Geachte heer Kamerlid,\n\nEen aangepaste brief."},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("invitations-send", visit), {"guest": first.pk})
    run_queued_tasks()
    assert [m["to"][0] for m in smtp.messages].count("kamerlid@example.org") == 2
    assert [m["to"][0] for m in smtp.messages].count("wethouder@testassen.example") == 1
    assert "Een aangepaste brief." in smtp.bodies()[-1]
    with scopes_disabled():
        assert GuestInvitation.objects.get(guest=first).times_sent == 2


def test_a_wrong_placeholder_is_reported_when_saving(client_as, personas, visit):
    client = client_as(personas.editor)
    response = client.post(
        url("invitation-letter", visit), {"text": "{{ aanhef }}, {{ voornaam }}", "involvement": ""}
    )
    assert response.status_code == 422
    assert "Onbekend veld: voornaam" in response.text
    response = client.post(
        reverse("visits:letter-template", args=["welzijn-a"]),
        {"text": "{{ titel }}", "salutation": "formal"},
    )
    assert response.status_code == 422 and "Onbekend veld: titel" in response.text


def _invited(visit, guest_person, personas, django_capture_on_commit_callbacks, client):
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=guest_person)
        testing.ready_to_invite(visit, options=[days_ahead(20), days_ahead(27)])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("invitations-send", visit))
    return guest


def test_the_guest_answers_through_the_link_without_an_account(
    client, client_as, personas, visit, people, smtp, django_capture_on_commit_callbacks
):
    guest = _invited(
        visit,
        people["mp"],
        personas,
        django_capture_on_commit_callbacks,
        client_as(personas.editor),
    )
    run_queued_tasks()
    link = re.search(r"https?://\S+/antwoord/\S+/", smtp.bodies()[0])[0]
    smtp.clear()
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "Kunt u komen?" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link,
            {
                "rsvp": "accepted",
                "dates": [days_ahead(27).isoformat()],
                "note": "Ik kom met de trein.",
                "photos_allowed": "on",
            },
        )
    assert response.status_code == 200 and "Bedankt voor uw antwoord" in response.text
    with scopes_disabled():
        guest.refresh_from_db()
        assert guest.rsvp == Guest.Rsvp.ACCEPTED and guest.photos_allowed
        assert not guest.tagging_allowed
        assert guest.preferred_option.date == days_ahead(27)
        assert dict(Availability.objects.values_list("date", "available")) == {
            days_ahead(20): False,
            days_ahead(27): True,
        }
        assert GuestInvitation.objects.get(guest=guest).answer_note == "Ik kom met de trein."
        logged = Interaction.objects.filter(people=guest.person).order_by("-pk").first()
        assert "Geaccepteerd" in logged.summary or "accepted" not in logged.summary
    run_queued_tasks()
    (notice,) = smtp.messages
    assert notice["to"] == [personas.editor.email]
    assert "Ik kom met de trein." in smtp.bodies()[0]
    # The organiser sees it on the answers page.
    answers_page = client_as(personas.editor).get(url("answers", visit)).text
    assert "Ik kom met de trein." in answers_page and "kan komen" in answers_page


def test_a_tampered_or_expired_link_changes_nothing(
    client, client_as, personas, visit, people, monkeypatch, django_capture_on_commit_callbacks
):
    guest = _invited(
        visit,
        people["mp"],
        personas,
        django_capture_on_commit_callbacks,
        client_as(personas.editor),
    )
    client.logout()
    token = answers.answer_token(guest)
    forged = signing.dumps([personas.org_b.pk, visit.pk, guest.pk], salt="other")
    for bad in (token[:-2] + "xx", forged, "abc"):
        response = client.post(reverse("visits:answer", args=[bad]), {"rsvp": "declined"})
        assert response.status_code == 404 and "Deze link werkt niet" in response.text
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 200 * 24 * 3600)
    old = answers.answer_token(guest)
    monkeypatch.undo()
    response = client.post(reverse("visits:answer", args=[old]), {"rsvp": "declined"})
    assert response.status_code == 410 and "verlopen" in response.text
    with scopes_disabled():
        guest.refresh_from_db()
        assert guest.rsvp == Guest.Rsvp.PENDING
        assert not Availability.objects.exists()


def test_the_organiser_records_answers_for_all_guests_in_one_table(
    client_as, personas, visit, people
):
    with scope(organisation=personas.org_a):
        mp = services.guest_add(visit=visit, actor=None, person=people["mp"])
        member = services.guest_add(visit=visit, actor=None, person=people["member"])
        testing.ready_to_invite(visit, options=[days_ahead(20)])
        option = DateOption.objects.get(visit=visit)
    client = client_as(personas.editor)
    assert client.get(url("answers", visit)).status_code == 200
    response = client.post(
        url("answers-save", visit),
        {
            f"a{mp.pk}-rsvp": "accepted",
            f"a{mp.pk}-preferred_option": option.pk,
            f"a{mp.pk}-tagging_allowed": "on",
            f"a{member.pk}-rsvp": "declined",
            f"a{member.pk}-preferred_option": "",
        },
        follow=True,
    )
    assert "De antwoorden van 2 gasten zijn opgeslagen" in response.text
    with scopes_disabled():
        mp.refresh_from_db()
        member.refresh_from_db()
        assert (mp.rsvp, mp.preferred_option, mp.tagging_allowed) == ("accepted", option, True)
        assert member.rsvp == "declined"
    # A reader sees the table but cannot save it.
    reader = client_as(personas.reader)
    assert reader.post(url("answers-save", visit), {}).status_code == 403


def test_new_date_proposals_keep_the_answers_already_given(personas, visit, people, in_a):
    guest = services.guest_add(visit=visit, actor=None, person=people["mp"])
    testing.ready_to_invite(visit, options=[days_ahead(20), days_ahead(27)])
    services.guest_answer_by_link(
        guest=guest, rsvp="accepted", available_dates={days_ahead(20)}, note=""
    )
    DateOption.objects.filter(visit=visit).delete()  # what a new proposal does to old options
    assert dict(Availability.objects.filter(guest=guest).values_list("date", "available")) == {
        days_ahead(20): True,
        days_ahead(27): False,
    }


def test_proposing_new_dates_after_invitations_warns_and_keeps_the_answers(
    client_as, personas, visit, people, django_capture_on_commit_callbacks
):
    client = client_as(personas.editor)
    guest = _invited(visit, people["mp"], personas, django_capture_on_commit_callbacks, client)
    with scope(organisation=personas.org_a):
        services.guest_answer_by_link(
            guest=guest, rsvp="accepted", available_dates={days_ahead(20)}, note=""
        )
    assert "1 gast heeft de uitnodiging al" in client.get(url("dates", visit)).text
    start = days_ahead(60)
    response = client.post(
        url("dates-propose", visit),
        {
            "start": start.isoformat(),
            "end": (start + datetime.timedelta(days=20)).isoformat(),
            "time_of_day": "morning",
            "count": 3,
        },
        follow=True,
    )
    assert "De antwoorden per datum blijven bewaard" in response.text
    with scopes_disabled():
        assert Availability.objects.get(guest=guest, date=days_ahead(20)).available


def test_the_thank_you_goes_by_mail_to_the_guests_who_came(
    client_as, personas, visit, people, smtp, django_capture_on_commit_callbacks
):
    with scope(organisation=personas.org_a):
        came = services.guest_add(visit=visit, actor=None, person=people["mp"])
        services.guest_answer_save(visit=visit, actor=None, guest=came, rsvp="accepted")
        testing.ready_to_invite(visit, date=days_ahead(10))
        for status in (Status.INVITED, Status.CONFIRMED):
            services.transition(visit=visit, to=status, actor=None)
    client = client_as(personas.editor)
    documents = reverse("documents:list", args=["welzijn-a", visit.pk])
    assert "nadat het bezoek heeft plaatsgevonden" in client.get(documents).text
    with scope(organisation=personas.org_a):
        services.date_set(
            visit=visit, actor=None, date=days_ahead(-2), start_time=datetime.time(10)
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("thank-you-send", visit), follow=True)
    assert "De bedankmail is verstuurd aan 1 gast" in response.text
    run_queued_tasks()
    (message,) = smtp.messages
    assert message["to"] == ["kamerlid@example.org"]
    body = smtp.bodies()[0]
    assert body.startswith("Geachte A. Kamerlid,") and "Hartelijk dank voor uw bezoek" in body
    with scopes_disabled():
        visit.refresh_from_db()
        assert visit.thank_you_sent_at is not None


def test_coming_back_through_the_link_shows_the_answer_given(client, personas, visit, people, in_a):
    guest = services.guest_add(visit=visit, actor=None, person=people["mp"])
    testing.ready_to_invite(visit, options=[days_ahead(20), days_ahead(27)])
    services.guest_answer_by_link(
        guest=guest,
        rsvp="accepted",
        available_dates={days_ahead(27)},
        note="Met de trein",
        tagging_allowed=True,
    )
    page = client.get(reverse("visits:answer", args=[answers.answer_token(guest)])).text
    assert re.search(r'value="accepted"[^>]*checked', page)
    assert re.search(rf'value="{days_ahead(27).isoformat()}"[^>]*checked', page)
    assert not re.search(rf'value="{days_ahead(20).isoformat()}"[^>]*checked', page)
    assert "Met de trein" in page


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_invitation_answers_and_documents_pages_cost_the_same_with_more_guests(
    client_as, personas, visit, places, people
):
    from .conftest import public_person

    client = client_as(personas.editor)
    with scope(organisation=personas.org_a):
        services.guest_add(visit=visit, actor=None, person=people["mp"])
        testing.ready_to_invite(visit, options=[days_ahead(20), days_ahead(27)])
    pages = [
        url("invitation", visit),
        url("answers", visit),
        reverse("documents:list", args=["welzijn-a", visit.pk]),
    ]
    few = [_queries(client, page) for page in pages]
    with scope(organisation=personas.org_a):
        for n in range(15):
            person = public_person(f"Gast{n}", "council_member", places["council"], places["group"])
            guest = services.guest_add(visit=visit, actor=None, person=person)
            services.guest_letter_save(visit=visit, actor=None, guest=guest, text=f"Brief {n}")
    assert [_queries(client, page) for page in pages] == few
