"""After the visit, in real Chromium: the visit is held, the report is written with a photo,
a commitment is recorded; days later it is due on the home page and is marked kept. And no
page of an organisation scrolls sideways on a phone (390 px)."""

import datetime
import io
from unittest import mock

import pytest
from django.urls import resolve
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from werkbezoek import testing
from werkbezoek.organisations.models import Role
from werkbezoek.visits import services
from werkbezoek.visits.models import Commitment, Photo
from werkbezoek.visits.tests.conftest import public_person

from ..test_tenancy_sweep import ORGANISATION_URLS, url_for
from ..test_tenancy_sweep import objects as objects  # noqa: F401  (the sweep's fixture)
from .test_foundation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def held_visit(personas):
    council = testing.make_council("GM9109", "Tuindorp-test", parties=("GR",))
    personas.org_a.municipalities.add(council.municipality)  # its council on the home page
    testing.make_public_person("Zetel", "council_member", council.council, council.groups["GR"])
    alderman = public_person(
        "Akkerman", "alderman", council.executive, given_name="Sofie", email="s@tuindorp.example"
    )
    today = timezone.localdate()
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(personas.org_a, personas.editor, title="Bezoek aan de tuin")
        guest = services.guest_add(visit=visit, actor=personas.editor, person=alderman)
        testing.ready_to_invite(visit, personas.editor, date=today + datetime.timedelta(days=9))
        services.guest_answer_save(
            visit=visit, actor=personas.editor, guest=guest, rsvp="accepted", photos_allowed=True
        )
        services.transition(visit=visit, to="invited", actor=personas.editor)
        services.transition(visit=visit, to="confirmed", actor=personas.editor)
        services.date_set(
            visit=visit,
            actor=personas.editor,
            date=today - datetime.timedelta(days=1),
            start_time=datetime.time(10),
        )
    return visit


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (60, 140, 80)).save(out, "JPEG")
    return out.getvalue()


def test_hold_report_promise_and_see_it_due_later(page, live_server, personas, held_visit):
    visit = held_visit
    base = f"{live_server.url}/o/welzijn-a/bezoeken/{visit.pk}"
    log_in(page, live_server, "editor@a.example")
    page.goto(f"{base}/")
    page.get_by_role("button", name="Markeren als “Gehouden”").click()
    expect(page.get_by_role("status")).to_contain_text("Het bezoek is nu “Gehouden”")

    page.get_by_role("navigation", name="Onderdelen van het bezoek").get_by_role(
        "link", name="Verslag"
    ).click()
    # She accepted, so she came.
    expect(page.locator("#who-came").get_by_label("Sofie Akkerman")).to_be_checked()
    page.get_by_role("textbox", name="Wat er gebeurde").fill(
        "De wethouder plantte zelf een appelboom."
    )
    page.get_by_label("Gedeeltelijk").check()
    page.get_by_label("Verbetering van het netwerk met de partijen").select_option("4")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het verslag is opgeslagen")

    page.locator("#photos input[type=file]").set_input_files(
        {"name": "tuin.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    )
    page.get_by_label("Bijschrift").fill("De nieuwe appelboom")
    page.locator("#photos").get_by_label("Sofie Akkerman").check()
    page.get_by_label("Hoe gaf iedereen op de foto toestemming?").fill("Ter plekke gevraagd")
    page.get_by_role("button", name="De foto toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("De foto is toegevoegd")
    expect(page.get_by_role("img", name="De nieuwe appelboom")).to_be_visible()

    commitments = page.locator("#commitments")
    commitments.get_by_label("Sofie Akkerman").check()
    commitments.get_by_label("Wat is er toegezegd").fill("Zoekt uit of er een tweede tuin kan.")
    due = timezone.localdate() + datetime.timedelta(days=3)
    commitments.get_by_label("Uiterlijk op").fill(due.isoformat())
    page.get_by_role("button", name="De toezegging vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De toezegging is vastgelegd")
    with scopes_disabled():
        assert Photo.objects.filter(visit=visit).count() == 1
        assert Commitment.objects.get().due_on == due

    # A week later the promise is overdue on the home page.
    later = timezone.now() + datetime.timedelta(days=7)
    with mock.patch("django.utils.timezone.now", return_value=later):
        log_in(page, live_server, "editor@a.example")
        page.goto(f"{live_server.url}/o/welzijn-a/")
        due_soon = page.locator("section", has_text="Te laat en binnenkort")
        expect(due_soon).to_contain_text("Zoekt uit of er een tweede tuin kan.")
        expect(due_soon).to_contain_text("te laat")
        due_soon.get_by_role("link", name="Zoekt uit of er een tweede tuin kan.").click()
        page.get_by_label("Nagekomen", exact=True).check()
        page.get_by_label("Bewijs of notitie").fill("Raadsinformatiebrief over de tweede tuin.")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("status")).to_contain_text("De toezegging is opgeslagen")
        expect(page.locator("main")).to_contain_text("Nagekomen")
        page.goto(f"{live_server.url}/o/welzijn-a/")
        expect(page.locator("main")).not_to_contain_text("Zoekt uit of er een tweede tuin kan.")
        # Contacts per party group load once scrolled into view: none yet with the council.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        groups = page.locator("section", has_text="Contacten per fractie, afgelopen twaalf maanden")
        expect(groups).to_contain_text("geen contact met een van deze fracties")
        expect(groups.locator("tbody")).to_contain_text("GR Tuindorp-test")


def test_no_organisation_page_scrolls_sideways_on_a_phone(page, live_server, personas, objects):
    """Every page a reader can open, at 320 px (the narrowest phone WCAG's reflow criterion
    names): nothing wider than the screen."""
    log_in(page, live_server, "admin@a.example")
    page.set_viewport_size({"width": 320, "height": 640})
    checked = []
    for name in sorted(ORGANISATION_URLS):
        path = url_for(name, objects["a"])
        if getattr(resolve(path).func, "required_role", None) != Role.READER:
            continue
        response = page.request.get(live_server.url + path)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # a download: a file, not a page
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name} ({path}) is {width} px wide"
        # The organisation's menu (where the page has it) wraps instead of hiding items.
        hidden = page.evaluate(
            "(u => u ? u.scrollWidth - u.clientWidth : 0)(document.querySelector('.org-nav ul'))"
        )
        assert hidden <= 0, f"{name}: the menu hides {hidden} px"
        checked.append(name)
    assert len(checked) > 25 and "visits:report" in checked and "actions:choose" in checked
