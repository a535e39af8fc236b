"""The planner's pages: bad input changes nothing, live programme warnings, invitations over
real SMTP, and a fixed number of queries however many guests and blocks a visit has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, translation
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.people.models import Interaction, Person
from werkbezoek.testing import run_queued_tasks
from werkbezoek.visits import services
from werkbezoek.visits.models import (
    DateOption,
    ProgrammeBlock,
    ProgrammeTemplate,
    Status,
    Visit,
)
from werkbezoek.visits.templatetags.visit_tabs import TABS

from .conftest import days_ahead, public_person

pytestmark = pytest.mark.django_db


def url(name, visit, *args):
    return reverse(f"visits:{name}", args=["welzijn-a", visit.pk, *args])


def test_create_a_visit_through_the_form(client_as, personas, db):
    client = client_as(personas.editor)
    response = client.get(reverse("visits:create", args=["welzijn-a"]))
    assert "Stap 1: doel en boodschap" in response.text
    with scope(organisation=personas.org_a):
        template = ProgrammeTemplate.objects.get(code="local")
    response = client.post(
        reverse("visits:create", args=["welzijn-a"]),
        {
            "title": "Schooltuin",
            "kind": "local",
            "goal_type": "inform",
            "duration_minutes": 45,
            "party_mix": "cross_section",
            "template": template.pk,
        },
        follow=True,
    )
    assert "Het bezoek is aangemaakt" in response.text
    assert "Nog niet ingevuld: nodig voordat u uitnodigt." in response.text


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (60, 50, "De einddatum ligt vóór de begindatum."),
        (-3, 20, "Deze datum ligt in het verleden"),
        (10, 400, "hoogstens zes maanden"),
        (10, "31-02-2027", "Voer een geldige datum in"),
    ],
)
def test_bad_periods_get_a_dutch_message_and_change_nothing(
    client_as, personas, visit, start, end, message
):
    def iso(value):
        return value if isinstance(value, str) else days_ahead(value).isoformat()

    response = client_as(personas.editor).post(
        url("dates-propose", visit),
        {
            "start": iso(start),
            "end": iso(end),
            "time_of_day": "morning",
            "count": 3,
        },
    )
    assert response.status_code == 200
    assert message in response.text
    with scopes_disabled():
        assert not DateOption.objects.exists()
        visit.refresh_from_db()
        assert visit.period_start is None


def test_a_date_in_the_past_cannot_be_set(client_as, personas, visit):
    response = client_as(personas.editor).post(
        url("date-set", visit),
        {"date": days_ahead(-1).isoformat(), "start_time": "10:00"},
    )
    assert "Deze datum ligt in het verleden" in response.text
    with scopes_disabled():
        visit.refresh_from_db()
        assert visit.date is None


def test_the_visit_page_asks_for_a_guest_before_inviting(client_as, personas, visit, people):
    """The page reads the guests once; whether inviting waits for a guest proper is
    judged from them (a journalist is not one)."""
    hint = "Voeg minstens één gast toe voordat u uitnodigingen verstuurt."
    client = client_as(personas.editor)
    assert hint in client.get(url("detail", visit)).text
    with scope(organisation=personas.org_a):
        services.guest_add_named(visit=visit, actor=None, name="Verslaggever", kind="journalist")
    assert hint in client.get(url("detail", visit)).text
    with scope(organisation=personas.org_a):
        services.guest_add(visit=visit, actor=None, person=people["alderman"])
    assert hint not in client.get(url("detail", visit)).text


def test_programme_warnings_come_and_go_as_a_block_changes(client_as, personas, visit):
    client = client_as(personas.editor)
    with scopes_disabled():
        story = visit.blocks.get(kind="story")
    fields = {
        f"b{story.pk}-kind": "story",
        f"b{story.pk}-title": story.title,
        f"b{story.pk}-minutes": "25",
        f"b{story.pk}-led_by": "",
    }
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": ""}
    response = client.post(url("block", visit, story.pk), fields, **htmx)
    assert 'id="programme-status" aria-live="polite" hx-swap-oob="true"' in response.text
    assert "duurt 25 minuten; houd het op 15" in response.text
    assert "Het programma duurt 60 minuten" not in response.text  # exactly 60: fine
    assert f'id="time-{story.pk}"' in response.text
    fields[f"b{story.pk}-minutes"] = "10"
    response = client.post(url("block", visit, story.pk), fields, **htmx)
    assert "Het programma volgt de methode." in response.text


def test_block_with_negative_minutes_is_not_saved(client_as, personas, visit):
    with scopes_disabled():
        tour = visit.blocks.get(kind="tour")
    response = client_as(personas.editor).post(
        url("block", visit, tour.pk),
        {
            f"b{tour.pk}-kind": "tour",
            f"b{tour.pk}-title": "Rondleiding",
            f"b{tour.pk}-minutes": "-5",
        },
        follow=True,
    )
    assert "is niet opgeslagen" in response.text
    with scopes_disabled():
        assert ProgrammeBlock.objects.get(pk=tour.pk).minutes == 15


def test_reorder_and_move_by_keyboard(client_as, personas, visit):
    client = client_as(personas.editor)
    with scopes_disabled():
        order = list(visit.blocks.values_list("pk", flat=True))
    client.post(url("programme-reorder", visit), {"order": order[::-1]})
    with scopes_disabled():
        assert list(visit.blocks.values_list("pk", flat=True)) == order[::-1]
    client.post(url("block-move", visit, order[0]), {"direction": "up"})
    with scopes_disabled():
        assert list(visit.blocks.values_list("pk", flat=True))[-2] == order[0]
    # A forged or stale order changes nothing.
    response = client.post(
        url("programme-reorder", visit), {"order": [order[0], 999999]}, follow=True
    )
    assert "Het programma is intussen gewijzigd" in response.text


def test_search_the_register_and_invite(client_as, personas, visit, people):
    client = client_as(personas.editor)
    response = client.get(
        url("guests", visit),
        {"q": "Wethouder"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="search-results",
    )
    assert "A. Wethouder" in response.text and "<html" not in response.text
    response = client.post(url("guest-add", visit), {"person": people["alderman"].pk}, follow=True)
    assert "staat op de gastenlijst" in response.text
    assert "Kies één gastheer of gastvrouw" in response.text  # composition check
    response = client.post(url("guest-add", visit), {"person": "abc"})
    assert response.status_code == 404


def test_a_reader_sees_but_cannot_change(client_as, personas, visit):
    client = client_as(personas.reader)
    assert client.get(url("programme", visit)).status_code == 200
    assert client.post(url("programme", visit)).status_code == 405
    assert client.post(url("block-add", visit), {"title": "x"}).status_code == 403


def _queries(client, path):
    client.get(path)  # warm up: session and caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _date_options(visit):
    """Date options proposed for three weeks of September 2030, mornings."""
    monday = datetime.date(2030, 9, 16)
    services.dates_propose(
        actor=None,
        visit=visit,
        start=monday,
        end=monday + datetime.timedelta(days=20),
        time_of_day="morning",
    )
    return list(visit.date_options.all())


def test_visit_page_and_list_use_a_fixed_number_of_queries(
    client_as, personas, visit, places, people
):
    """However many guests (each with a preferred date and someone accompanying them) and
    programme blocks (each at a stop of the route) a visit has."""
    client = client_as(personas.editor)

    def guest_with_company(person, option):
        guest = services.guest_add(actor=None, visit=visit, person=person)
        guest.preferred_option = option
        guest.save()
        services.guest_add_named(
            actor=None,
            visit=visit,
            name=f"Secretaris van {person}",
            kind="entourage",
            accompanies=guest,
        )

    with scope(organisation=personas.org_a):
        option = _date_options(visit)[0]
        guest_with_company(people["alderman"], option)
        stop = services.stop_add(
            actor=None,
            visit=visit,
            name="Moestuin",
            arrives_at=datetime.time(10),
            leaves_at=datetime.time(10, 20),
        )
        services.block_add(actor=None, visit=visit, kind="tour", title="Tuin", minutes=5, stop=stop)
    small = _queries(client, url("detail", visit))
    small_guests = _queries(client, url("guests", visit))
    small_list = _queries(client, reverse("visits:list", args=["welzijn-a"]))
    with scope(organisation=personas.org_a):
        for n in range(20):
            person = public_person(f"Gast{n}", "council_member", places["council"], places["group"])
            guest_with_company(person, option)
        for n in range(6):
            stop = services.stop_add(
                actor=None,
                visit=visit,
                name=f"Stop {n}",
                arrives_at=datetime.time(11, n),
                leaves_at=datetime.time(11, n + 1),
            )
            services.block_add(
                actor=None, visit=visit, kind="tour", title=f"Blok {n}", minutes=5, stop=stop
            )
        for n in range(5):
            Visit.objects.create(
                organisation=personas.org_a,
                title=f"B{n}",
                kind="local",
                goal_type="inform",
                template=visit.template,
            )
        assert visit.blocks.count() == 12
    assert _queries(client, url("detail", visit)) == small
    page = client.get(url("detail", visit)).text
    # Whom each of the entourage accompanies, and each guest's preferred date.
    assert page.count("<td>met A. Gast") == 20 and "<td>met A. Wethouder" in page
    with translation.override("nl"):
        preferred = f'<br><span class="muted">{dateformat.format(option.date, "j F")}</span>'
    assert page.count(preferred) == 21
    assert _queries(client, url("guests", visit)) == small_guests
    assert _queries(client, reverse("visits:list", args=["welzijn-a"])) == small_list


def test_confirming_a_date_keeps_every_guests_choice(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        guest = services.guest_add(actor=None, visit=visit, person=people["alderman"])
        first, second = _date_options(visit)[:2]
        guest.rsvp, guest.preferred_option = "accepted", second
        guest.save()
        services.transition(visit=visit, to=Status.INVITED, actor=personas.editor)
    response = client_as(personas.editor).post(url("confirm", visit, first.pk), follow=True)
    assert "het bezoek is nu bevestigd" in response.text
    with scopes_disabled():
        guest.refresh_from_db()
        assert (guest.rsvp, guest.preferred_option_id) == ("accepted", second.pk)


def test_invitation_mail_has_a_plain_subject_the_organisation_as_sender_and_a_reply_to(
    client_as, personas, visit, people, smtp, django_capture_on_commit_callbacks
):
    personas.org_a.contact_email = "info@welzijn-a.example"
    personas.org_a.save()
    with scope(organisation=personas.org_a):
        visit.theme = ("Jong & Oud " + "in de tuin " * 20)[:200]  # as long as it may be, with &
        visit.save()
        services.guest_add(actor=None, visit=visit, person=people["mp"])
        testing.ready_to_invite(visit)
    with django_capture_on_commit_callbacks(execute=True):
        client_as(personas.editor).post(url("invitations-send", visit))
    run_queued_tasks()
    (sent,) = smtp.messages
    message = sent["message"]
    assert message["Subject"].startswith("Uitnodiging werkbezoek Welzijn A: Jong & Oud in de tuin")
    assert "&amp;" not in message["Subject"] and len(message["Subject"]) <= 200
    # Replies go to the visit's contact person: here none is named, so the sender.
    assert message["Reply-To"] == personas.editor.email
    assert message["From"].startswith("Welzijn A <")


def test_a_date_in_year_9999_is_refused_and_the_page_keeps_working(client_as, personas, visit):
    client = client_as(personas.editor)
    response = client.post(url("date-set", visit), {"date": "9999-12-31", "start_time": "10:00"})
    assert "Vul een datum in tussen 1900 en 2100" in response.text
    with scopes_disabled():
        visit.refresh_from_db()
        assert visit.date is None
    assert client.get(url("detail", visit)).status_code == 200


def test_posting_a_create_form_twice_makes_one_visit_person_and_contact(
    client_as, personas, people
):
    """A double click, a second tab or a retry: the same form makes one thing."""
    client = client_as(personas.editor)
    page = client.get(reverse("visits:create", args=["welzijn-a"]))
    token = page.context["form"]["submission"].value()
    assert token and f'value="{token}"' in page.text
    with scope(organisation=personas.org_a):
        template = ProgrammeTemplate.objects.get(code="local", organisation=None)
    visit_form = {
        "title": "Twee keer geklikt",
        "kind": "local",
        "goal_type": "inform",
        "duration_minutes": 45,
        "party_mix": "cross_section",
        "template": template.pk,
        "submission": token,
    }
    first = client.post(reverse("visits:create", args=["welzijn-a"]), visit_form)
    second = client.post(reverse("visits:create", args=["welzijn-a"]), visit_form)
    assert first["Location"] == second["Location"]
    person_form = {"family_name": "Dubbel", "role": "civil_servant", "submission": "p-1"}
    url = reverse("people:create", args=["welzijn-a"])
    assert client.post(url, person_form)["Location"] == client.post(url, person_form)["Location"]
    with scopes_disabled():
        assert Visit.objects.filter(title="Twee keer geklikt").count() == 1
        person = Person.objects.get(family_name="Dubbel")
    contact = {
        "date": days_ahead(-1).isoformat(),
        "kind": "call",
        "people": [person.pk],
        "summary": "Gebeld",
        "submission": "c-1",
    }
    contact_url = reverse("people:contact", args=["welzijn-a", person.pk])
    client.post(contact_url, contact)
    client.post(contact_url, contact)
    with scopes_disabled():
        assert Interaction.objects.filter(summary="Gebeld").count() == 1


def test_the_date_step_names_councils_without_a_calendar_and_the_import_returns_here(
    client_as, personas, visit, people, places
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with scope(organisation=personas.org_a):
        services.guest_add(actor=None, visit=visit, person=people["member"])
    client = client_as(personas.editor)
    page = client.get(url("dates", visit))
    assert "Voor de gemeenteraad van Testassen is geen vergaderkalender bekend" in page.text
    link = reverse("calendars:list", args=["welzijn-a"])
    assert f"{link}?gemeente={places['municipality'].pk}" in page.text
    ics = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:r1\r\nSUMMARY:Raad\r\n"
        b"DTSTART:20270105T193000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    response = client.post(
        reverse("calendars:add", args=["welzijn-a"]),
        {
            "municipality": places["municipality"].pk,
            "file": SimpleUploadedFile("raad.ics", ics),
            "terug": url("dates", visit),
        },
    )
    assert response["Location"] == url("dates", visit)  # back to the visit's date step
    assert "geen vergaderkalender bekend" not in client.get(url("dates", visit)).text
    # A return address elsewhere is ignored.
    response = client.post(
        reverse("calendars:add", args=["welzijn-a"]),
        {
            "municipality": places["municipality"].pk,
            "file": SimpleUploadedFile("raad2.ics", ics),
            "terug": "https://elders.example/",
        },
    )
    assert response["Location"] == link


def test_a_visits_tabs_link_where_reverse_links_and_mark_the_page_shown(client_as, personas, visit):
    page = client_as(personas.reader).get(url("guests", visit)).text
    tabs = page[page.index('<nav class="tabs"') : page.index("</nav>", page.index('class="tabs"'))]
    for viewname, _label in TABS:
        assert f'href="{reverse(viewname, args=["welzijn-a", visit.pk])}"' in tabs
    assert f'<a href="{url("guests", visit)}" aria-current="page">Wie komen er</a>' in tabs
    assert tabs.count("aria-current") == 1


def test_a_visit_id_too_large_for_the_database_is_not_found(client_as, personas, visit):
    client = client_as(personas.reader)
    for name in ("detail", "programme", "checklist"):
        path = reverse(f"visits:{name}", args=["welzijn-a", 2**70])
        assert client.get(path).status_code == 404
