"""The register journey in real Chromium: import (with a bad row first), stance change,
contact, the map, a party coverage warning, and an XLSX export opened with openpyxl."""

import datetime
import re

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from playwright.sync_api import expect

from werkbezoek.people.models import Person, Position, Role
from werkbezoek.reference.models import Body, Party, PartyGroup
from werkbezoek.testing import run_queued_tasks

from .test_foundation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV_BAD = (
    "kenmerk;achternaam;voorletters;functie;standpunt;invloed\n"
    "W1;Jansen;P.;ambtenaar;twijfelaar;3\n"
    "W2;Smit;K.;journalist;;zeven\n"
)


@pytest.fixture
def council(personas):
    with scopes_disabled():
        body = Body.objects.create(
            code="GR-T", kind=Body.Kind.COUNCIL, name="Gemeenteraad Testdorp"
        )
        group = PartyGroup.objects.create(
            body=body, name="Testpartij", party=Party.objects.create(name="Testpartij")
        )
        person = Person.objects.create(family_name="Raadslid", initials="R.", external_id="r1")
        Position.objects.create(
            person=person,
            body=body,
            role=Role.COUNCIL_MEMBER,
            party_group=group,
            start_date=datetime.date(2022, 3, 30),
        )
    return body, person


def dot_x(page, name):
    return float(
        page.locator("svg a", has=page.locator(f"title:text-matches('{name}')"))
        .locator("circle")
        .get_attribute("cx")
    )


def test_register_journey(page, live_server, personas, council, tmp_path):
    body, councillor = council
    log_in(page, live_server, "editor@a.example")
    page.get_by_role("navigation", name="Organisatie").get_by_role("link", name="Relaties").click()
    page.get_by_role("link", name="Personen importeren").click()

    # 1. A file with one bad row: a clear message and nothing written.
    page.get_by_label("CSV-bestand").set_input_files(
        files=[{"name": "contacten.csv", "mimeType": "text/csv", "buffer": CSV_BAD.encode()}]
    )
    page.get_by_role("button", name="Controleren en importeren").click()
    expect(page.get_by_role("alert")).to_contain_text("Regel 3, kolom invloed")
    with scopes_disabled():
        assert not Person.objects.filter(organisation=personas.org_a).exists()

    # 2. Fixed and imported.
    page.get_by_label("CSV-bestand").set_input_files(
        files=[
            {
                "name": "contacten.csv",
                "mimeType": "text/csv",
                "buffer": CSV_BAD.replace("zeven", "2").encode(),
            }
        ]
    )
    page.get_by_role("button", name="Controleren en importeren").click()
    expect(page.get_by_role("status")).to_contain_text("gecontroleerd en in orde")
    expect(page.locator("#import-jobs")).to_contain_text("0 van 2 rijen geïmporteerd")
    run_queued_tasks()  # the worker writes the file; the page notices by itself
    expect(page.locator("#import-jobs")).to_contain_text("2 toegevoegd, 0 bijgewerkt")

    # 3. Jansen is a doubter on the map.
    page.goto(f"{live_server.url}/o/welzijn-a/relaties/kaart/")
    before = dot_x(page, "P. Jansen")

    # 4. Record a stance change and log a contact.
    page.goto(f"{live_server.url}/o/welzijn-a/relaties/?q=Jansen")
    page.locator("main table").get_by_role("link", name="P. Jansen").click()
    page.get_by_role("link", name="Standpunt vastleggen").click()
    page.get_by_label("Waar staat deze persoon nu?").select_option("supporter")
    page.get_by_label("Waarom denkt u dat?").fill("Enthousiast na het werkbezoek")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het standpunt is vastgelegd")
    page.get_by_role("link", name="Contact vastleggen").click()
    page.get_by_label("Soort contact").select_option("call")
    page.get_by_label("Samenvatting").fill("Nagebeld over de cijfers")
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.locator(".timeline")).to_contain_text("Nagebeld over de cijfers")
    expect(page.locator(".timeline")).to_contain_text("Enthousiast na het werkbezoek")

    # 5. The dot moved right, towards the supporters.
    page.goto(f"{live_server.url}/o/welzijn-a/relaties/kaart/")
    assert dot_x(page, "P. Jansen") > before
    page.screenshot(path="test-results/map.png", full_page=True)

    # 6. A key council member without contact shows up as a coverage warning.
    page.goto(f"{live_server.url}/o/welzijn-a/relaties/{councillor.pk}/beoordeling/")
    page.get_by_label("Invloed").select_option("5")
    page.get_by_role("button", name="Opslaan").click()
    page.goto(f"{live_server.url}/o/welzijn-a/relaties/fracties/")
    page.get_by_label("Raad of parlement").select_option(label="Gemeenteraad Testdorp")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator(".warnings")).to_contain_text(
        re.compile(r"R\. Raadslid \(Testpartij\) heeft invloed 5 maar al meer dan 6 maanden")
    )

    # 7. Export the selection and open the XLSX.
    page.goto(f"{live_server.url}/o/welzijn-a/relaties/?in_register=on")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    target = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(target)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["P. Jansen"][4] == "Voorstander"
    assert set(by_name) == {"P. Jansen", "K. Smit", "R. Raadslid"}


def test_a_long_register_pages_on_and_shows_its_count_when_it_arrives(page, live_server, personas):
    """Over 250 people the page comes first and its number a moment later; the next page
    follows on, also without a total."""
    with scopes_disabled():
        Person.objects.bulk_create(
            [Person(organisation=personas.org_a, family_name=f"Eigen{n:03d}") for n in range(270)]
        )
    log_in(page, live_server, "reader@a.example")
    page.goto(f"{live_server.url}/o/welzijn-a/relaties/")
    expect(page.locator("main [role=status]").first).to_have_text("270 personen")
    expect(page.locator("main table")).to_contain_text("Eigen000")
    page.get_by_role("navigation", name="Pagina's").get_by_role("link", name="Volgende").click()
    expect(page.get_by_role("navigation", name="Pagina's")).to_contain_text("Pagina 2")
    expect(page.locator("main table")).to_contain_text("Eigen025")
    expect(page.locator("main [role=status]").first).to_have_text("270 personen")
