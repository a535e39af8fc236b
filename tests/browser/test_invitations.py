"""Invitations that get answered, in real Chromium against a real SMTP server: three
guests, one letter changed by hand, the invitations sent, one guest answering through the
personal link in a fresh browser (no account), the answer on the visit, and the calendar
invitation arriving once the date is confirmed."""

import datetime
import re

import icalendar
import pytest
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from werkbezoek import testing
from werkbezoek.testing import run_queued_tasks
from werkbezoek.visits import services
from werkbezoek.visits.models import Guest
from werkbezoek.visits.tests.conftest import public_person

from .test_foundation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST, SECOND = datetime.date(2030, 9, 17), datetime.date(2030, 9, 24)


@pytest.fixture
def visit_with_guests(personas):
    council = testing.make_council("GM9108", "Veldhoven-test", parties=("GR", "LK"))
    alderman = public_person(
        "Akkerman",
        "alderman",
        council.executive,
        given_name="Sofie",
        salutation="Geachte mevrouw Akkerman",
        email="s.akkerman@veldhoven.example",
    )
    member = public_person(
        "Beekman",
        "council_member",
        council.council,
        council.groups["GR"],
        given_name="Ruud",
        salutation="Geachte heer Beekman",
        email="r.beekman@veldhoven.example",
    )
    other = public_person(
        "Claassen",
        "council_member",
        council.council,
        council.groups["LK"],
        given_name="Mira",
        email="m.claassen@veldhoven.example",
    )
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(personas.org_a, personas.editor, theme="Schooltuinen")
        for person in (alderman, member, other):
            services.guest_add(visit=visit, actor=personas.editor, person=person)
        testing.ready_to_invite(visit, personas.editor, options=[FIRST, SECOND])
    return visit


def test_invite_three_guests_one_answers_by_link_and_the_calendar_follows(
    page, browser, live_server, personas, visit_with_guests, smtp
):
    visit = visit_with_guests
    base = f"{live_server.url}/o/welzijn-a/bezoeken/{visit.pk}"
    log_in(page, live_server, "editor@a.example")
    page.goto(f"{base}/uitnodiging/")
    expect(page.locator("#send-title")).to_be_visible()

    # One guest's letter, changed by hand before sending.
    beekman = page.locator("section.card", has_text="Ruud Beekman").filter(
        has=page.get_by_role("heading", name="Ruud Beekman")
    )
    beekman.get_by_text("De brief voor deze gast aanpassen").click()
    letter = beekman.get_by_label("Brief voor deze gast")
    expect(letter).to_contain_text("Geachte heer Beekman,")
    letter.fill(
        "Geachte heer Beekman,\n\nWat fijn dat u als fractievoorzitter meedenkt over onze "
        "schooltuinen. Komt u kijken?"
    )
    beekman.get_by_role("button", name="Deze brief opslaan").click()
    expect(page.get_by_text("De brief voor Ruud Beekman is opgeslagen")).to_be_visible()

    page.get_by_role("button", name="Verstuur de uitnodiging aan 3 gasten").click()
    expect(page.get_by_text("3 uitnodigingen zijn per e-mail verstuurd")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Verstuurd op \d+ \w+ aan 3 gasten"))).to_be_visible()
    run_queued_tasks()
    received = {m["to"][0]: m["message"] for m in smtp.messages}
    assert set(received) == {
        "s.akkerman@veldhoven.example",
        "r.beekman@veldhoven.example",
        "m.claassen@veldhoven.example",
    }
    beekman_mail = received["r.beekman@veldhoven.example"].get_body(("plain",)).get_content()
    assert "als fractievoorzitter meedenkt" in beekman_mail
    akkerman_mail = received["s.akkerman@veldhoven.example"].get_body(("plain",)).get_content()
    assert akkerman_mail.startswith("Geachte mevrouw Akkerman,")
    link = re.search(r"http\S+/antwoord/\S+/", akkerman_mail)[0]

    # The guest answers in a fresh browser: no account, no session.
    guest_context = browser.new_context(locale="nl-NL")
    guest_page = guest_context.new_page()
    guest_page.goto(link)
    expect(guest_page.get_by_role("heading", level=1)).to_contain_text("Werkbezoek aan")
    guest_page.get_by_label("Ja, ik kom").check()
    guest_page.get_by_label(re.compile("dinsdag 24 september 2030")).check()
    guest_page.get_by_label("Een bericht voor ons").fill("Ik neem mijn beleidsmedewerker mee.")
    guest_page.get_by_label("Er mogen foto's van mij gemaakt en gedeeld worden").check()
    guest_page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(guest_page.get_by_role("heading", name="Bedankt voor uw antwoord")).to_be_visible()
    guest_context.close()

    # The organiser sees the answer on the visit.
    page.goto(f"{base}/antwoorden/")
    row = page.locator("tr", has_text="Sofie Akkerman").last
    expect(row).to_contain_text("Ik neem mijn beleidsmedewerker mee.")
    expect(page.get_by_label("Antwoord van Sofie Akkerman")).to_have_value("accepted")
    with scopes_disabled():
        assert Guest.objects.get(person__family_name="Akkerman").photos_allowed

    # Confirming the date the guest chose sends her the calendar invitation.
    smtp.clear()
    page.goto(f"{base}/datums/")
    option = page.get_by_test_id("option").filter(has_text="dinsdag 24 september 2030")
    expect(option).to_contain_text("1 gast kan")
    option.get_by_role("button", name="Deze datum bevestigen").click()
    expect(page.locator(".status")).to_have_text("Bevestigd")
    run_queued_tasks()
    to_akkerman = [m for m in smtp.messages if m["to"] == ["s.akkerman@veldhoven.example"]]
    (message,) = to_akkerman
    (attachment,) = list(message["message"].iter_attachments())
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert event.decoded("DTSTART").date() == SECOND
