"""A new welfare organisation in Assen, in real Chromium: its council members with their
party groups, its aldermen and the council's twelve groups with their seats are there from
the start (the real Register van Overheidsorganisaties rows of Assen), and people for a
contact are found by typing."""

import re

import pytest
from django_scopes import scope
from playwright.sync_api import expect

from werkbezoek.organisations.models import Role
from werkbezoek.people.models import Interaction
from werkbezoek.reference.models import Municipality
from werkbezoek.testing import add_member, load_real_councils, make_organisation, make_user

from .test_foundation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_organisation_in_assen_finds_its_council(page, live_server, tmp_path):
    load_real_councils(tmp_path, codes=("GM0106",))
    organisation = make_organisation("welzijn-assen", "Welzijn Assen")
    organisation.municipalities.set([Municipality.objects.get(code="GM0106")])
    add_member(organisation, make_user("nieuw@welzijn.example", "Nina Nieuw"), Role.EDITOR)

    log_in(page, live_server, "nieuw@welzijn.example")
    page.get_by_role("navigation", name="Organisatie").get_by_role("link", name="Relaties").click()
    # 33 council members, 5 aldermen, the mayor and the clerk of Assen: nobody typed them in.
    expect(page.get_by_role("status").first).to_have_text("40 personen")
    table = page.locator("table")
    expect(table).to_contain_text("Raadslid, fractievoorzitter · VVD · Gemeenteraad Assen")
    page.screenshot(path="test-results/assen-register.png", full_page=True)

    page.get_by_label("Rol").select_option(label="Wethouder")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("status").first).to_have_text("5 personen")
    expect(table).to_contain_text("Wethouder, locoburgemeester · College van B&W Assen")

    # The less used filters are filled in when opened: the council's own members.
    page.get_by_label("Rol").select_option(label="Raadslid")
    page.locator("summary", has_text="Meer filters").click()
    page.get_by_label("Raad of parlement").select_option(label="Gemeenteraad Assen")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("status").first).to_have_text("33 personen")
    expect(page.get_by_label("Raad of parlement")).to_have_value(re.compile(r"\d+"))

    page.get_by_role("link", name="Fractiedekking").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Gemeenteraad Assen")
    expect(page.locator("main")).to_contain_text(
        "contact met 0 van de 12 fracties, 0 van de 33 zetels"
    )
    groups = page.locator("section.card h3")
    expect(groups).to_have_count(12)
    expect(groups.first).to_have_text(re.compile(r"Assen Centraal\s+\(7 zetels\)"))

    # A contact with the ChristenUnie chair and an alderman found by typing.
    page.get_by_role("link", name="B.J. Weening").click()
    page.get_by_role("link", name="Contact vastleggen").click()
    page.get_by_label("Soort contact").select_option(label="Telefoongesprek")
    page.get_by_label("Iemand toevoegen: typ een deel van de naam").fill("Broekema")
    page.get_by_role("button", name="Kies J. Broekema").click()
    expect(page.get_by_label("J. Broekema")).to_be_checked()
    page.get_by_label("Samenvatting").fill("Gebeld over de wijkteams.")
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het contact is vastgelegd")
    with scope(organisation=organisation):
        names = {p.display_name for p in Interaction.objects.get().people.all()}
    assert names == {"B.J. Weening", "J. Broekema"}

    page.goto(f"{live_server.url}/o/welzijn-assen/relaties/fracties/")
    expect(page.locator("main")).to_contain_text(
        "contact met 1 van de 12 fracties, 4 van de 33 zetels"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="test-results/assen-coverage-phone.png", full_page=True)
