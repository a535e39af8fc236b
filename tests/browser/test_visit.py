"""A whole working visit in real Chromium, from an empty organisation to a confirmed date:
goal and ask, guests from the register, date options with their reasons, programme warnings
that come and go while editing, the checklist following the date, invitations and RSVP."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from werkbezoek.calendars.models import Meeting
from werkbezoek.visits.models import Visit
from werkbezoek.visits.tests.conftest import public_person

from .test_foundation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A quiet stretch years ahead (no public holidays), so the test never depends on today.
MONDAY = datetime.date(2030, 9, 16)
COUNCIL_DAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture
def register(personas):
    from werkbezoek.reference.models import Body, Municipality, Party, PartyGroup, Province

    with scopes_disabled():
        province = Province.objects.create(code="PV97", name="Drenthe-test")
        town = Municipality.objects.create(code="GM9107", name="Tuindorp", province=province)
        council = Body.objects.create(
            code="GR-GM9107", kind="council", name="Gemeenteraad Tuindorp", municipality=town
        )
        executive = Body.objects.create(
            code="BW-GM9107", kind="executive", name="College Tuindorp", municipality=town
        )
        green = PartyGroup.objects.create(
            body=council, name="Groen Tuindorp", party=Party.objects.create(name="Groen")
        )
        local = PartyGroup.objects.create(
            body=council, name="Lokaal Tuindorp", party=Party.objects.create(name="Lokaal")
        )
        public_person(
            "Akkerman",
            "alderman",
            executive,
            green,
            given_name="Sofie",
            email="s.akkerman@tuindorp.example",
        )
        public_person("Beekman", "council_member", council, green, given_name="Ruud")
        public_person("Claassen", "council_member", council, local, given_name="Mira")
        zone = timezone.get_current_timezone()
        Meeting.objects.create(
            body=council,
            uid="tuindorp-raad",
            title="Raadsvergadering",
            starts_at=datetime.datetime.combine(COUNCIL_DAY, datetime.time(19, 30), tzinfo=zone),
        )


def invite(page, name):
    page.get_by_label("Zoeken op naam").fill(name)
    row = page.locator("#search-results li", has_text=name)
    row.get_by_role("button", name="Uitnodigen").click()
    expect(page.locator(".message", has_text=name)).to_contain_text("staat op de gastenlijst")


def test_plan_a_visit_from_nothing_to_confirmed(page, live_server, personas, register):
    log_in(page, live_server, "editor@a.example")
    page.goto(f"{live_server.url}/o/welzijn-a/bezoeken/")
    expect(page.get_by_text("Nog geen werkbezoeken.")).to_be_visible()

    # Step 1: goal, core message and the concrete ask.
    page.get_by_role("link", name="Nieuw werkbezoek plannen").click()
    page.get_by_label("Titel").fill("Wethouder Akkerman in de schooltuin")
    page.get_by_label("Lokaal (raad, wethouders)").check()
    page.get_by_label("Beleid beïnvloeden").check()
    page.get_by_label("Wat wilt u laten zien").fill("Kinderen die hun eigen groente kweken.")
    page.get_by_label("Kernboodschap").fill("Een schooltuin leert kinderen gezond eten.")
    page.get_by_label("Concrete vraag").fill("Behoud de subsidie voor schooltuinen.")
    page.locator("main button[type=submit]").click()
    expect(page.get_by_text("Het bezoek is aangemaakt")).to_be_visible()
    expect(page.locator(".pipeline [aria-current=step]")).to_have_text("Concept")

    # Who comes: three guests from the register, and one host.
    page.get_by_role("link", name="Wie komen er").first.click()
    invite(page, "Akkerman")
    expect(page.locator(".finding", has_text="Alle gasten zijn van Groen")).to_have_count(0)
    invite(page, "Beekman")
    expect(page.locator(".finding", has_text="Alle gasten zijn van Groen")).to_be_visible()
    invite(page, "Claassen")
    expect(page.locator(".finding", has_text="Alle gasten zijn van")).to_have_count(0)
    page.get_by_label("Rol").select_option("host")
    page.get_by_label("Collega").select_option(label="Eddy Editor")
    page.get_by_role("button", name="Aan het team toevoegen").click()
    expect(page.locator(".finding", has_text="Kies één gastheer")).to_have_count(0)

    # Date options with reasons; the council's meeting day is avoided.
    page.get_by_role("link", name="Datum").first.click()
    page.get_by_label("Van:", exact=True).fill(MONDAY.isoformat())
    page.get_by_label("Tot en met:", exact=True).fill(
        (MONDAY + datetime.timedelta(days=4)).isoformat()
    )
    page.get_by_role("button", name="Data voorstellen").click()
    options = page.get_by_test_id("option")
    expect(options).to_have_count(3)
    expect(options.first).to_contain_text("Waarom deze datum")
    expect(options.first).to_contain_text(
        "Geen van de gasten heeft een raads- of commissievergadering"
    )
    expect(options.first).to_contain_text("Gemeenteraad Tuindorp: Raadsvergadering")
    expect(page.locator("td.day.busy")).to_have_count(1)
    expect(options.filter(has_text="dinsdag 17 september")).to_have_count(0)

    # Programme: warnings appear and disappear as blocks change.
    page.get_by_role("link", name="Programma").first.click()
    page.wait_for_load_state()  # htmx (a deferred script) listens only once the page loaded
    expect(page.get_by_text("Het programma volgt de methode.")).to_be_visible()
    story = page.locator("li.block-story")
    story.get_by_label("Minuten").fill("30")
    story.get_by_label("Minuten").blur()
    expect(page.locator(".finding", has_text="houd het op 15")).to_be_visible()
    expect(page.locator(".finding", has_text="Het programma duurt 65 minuten")).to_be_visible()
    expect(story.locator(".time")).to_have_text("10:05–10:35")
    story.get_by_label("Minuten").fill("10")
    story.get_by_label("Minuten").blur()
    expect(page.get_by_text("Het programma volgt de methode.")).to_be_visible()
    story.get_by_label("presentatie met dia’s").check()
    expect(page.locator(".finding", has_text="Laat de dia’s weg")).to_be_visible()
    story.get_by_label("presentatie met dia’s").uncheck()
    expect(page.locator(".finding")).to_have_count(0)
    # Keyboard: move the closing up one place; the programme must then end with the ask.
    closing = "“Afsluiting: kernboodschap, concrete vraag en vervolgafspraak”"
    up = page.get_by_role("button", name=f"{closing} omhoog")
    up.press("Enter")
    expect(page.locator(".finding", has_text="Sluit het programma af met")).to_be_visible()
    expect(up).to_be_focused()  # the focus stays on the moved block's button
    page.wait_for_load_state("networkidle")  # the redrawn list is live before the next key
    page.get_by_role("button", name=f"{closing} omlaag").press("Enter")
    expect(page.get_by_text("Het programma volgt de methode.")).to_be_visible()

    # Invitations go out; the visit becomes "invited".
    page.get_by_role("link", name="Uitnodiging").first.click()
    expect(page.locator(".letter").first).to_contain_text(
        "Graag nodigen wij u uit voor een werkbezoek"
    )
    page.get_by_role("button", name="Verstuur de uitnodiging aan 1 gast").click()
    expect(page.get_by_text("1 uitnodiging is per e-mail verstuurd")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Uitgenodigd")

    # RSVP: the alderman accepts and prefers the second option.
    page.get_by_role("link", name="Wie komen er").first.click()
    page.get_by_role("link", name="Antwoord en media Sofie Akkerman").click()
    page.get_by_label("Komt", exact=True).check()
    page.get_by_label("Voorkeursdatum").select_option(index=2)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("td .rsvp-accepted")).to_have_count(1)

    # The checklist counts back once a date is confirmed, and follows when it moves.
    page.get_by_role("link", name="Datum").first.click()
    page.get_by_role("button", name="Deze datum bevestigen").first.click()
    expect(page.locator(".pipeline [aria-current=step]")).to_have_text("Bevestigd")
    with scopes_disabled():
        visit = Visit.objects.get()
        first_date = visit.date
        assert visit.guests.get(person__family_name="Akkerman").preferred_option.rank == 2
    page.get_by_role("link", name="Checklist").first.click()
    invite_task = page.locator("li.task", has_text="Uitnodiging versturen")
    expected = first_date - datetime.timedelta(days=28)
    expect(invite_task.locator("time")).to_have_attribute("datetime", expected.isoformat())

    page.get_by_role("link", name="Datum").first.click()
    page.get_by_text("Naar een andere datum verplaatsen").click()
    later = first_date + datetime.timedelta(days=7)
    page.get_by_label("Datum:", exact=True).fill(later.isoformat())
    page.get_by_role("button", name="Datum wijzigen").click()
    expect(page.get_by_text("de checklist schuift mee")).to_be_visible()
    page.get_by_role("link", name="Checklist").first.click()
    moved = later - datetime.timedelta(days=28)
    expect(invite_task.locator("time")).to_have_attribute("datetime", moved.isoformat())


def test_drag_a_block_to_reorder_the_programme(page, live_server, personas):
    from django_scopes import scope

    from werkbezoek.visits import services
    from werkbezoek.visits.models import ProgrammeTemplate

    with scope(organisation=personas.org_a):
        visit = services.visit_create(
            organisation=personas.org_a,
            actor=personas.editor,
            template=ProgrammeTemplate.objects.get(code="local"),
            title="Slepen",
            kind="local",
            goal_type="inform",
            ask="Kom terug",
        )
    log_in(page, live_server, "editor@a.example")
    page.goto(f"{live_server.url}/o/welzijn-a/bezoeken/{visit.pk}/programma/")
    tour = page.locator("li.block-tour .handle")
    tour.drag_to(page.locator("li.block-reception"), target_position={"x": 20, "y": 5})
    expect(page.locator("#block-list > li").first).to_have_class("block block-tour")
    expect(page.locator("li.block-tour .time")).to_have_text("10:00–10:15")
    with scopes_disabled():
        assert list(visit.blocks.values_list("kind", flat=True))[:2] == ["tour", "reception"]
