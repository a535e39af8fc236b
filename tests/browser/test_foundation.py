"""Journeys through the foundation in real Chromium: log in, edit the profile, invite a
colleague who accepts in a second browser, switch organisations, meet a 404 as an outsider."""

import base64
import re

import pytest
from playwright.sync_api import expect

from werkbezoek.organisations.models import Role
from werkbezoek.reference.models import Municipality, Province
from werkbezoek.testing import PASSWORD, add_member, run_queued_tasks, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email, password=PASSWORD):
    page.goto(f"{live_server.url}/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/tweede-stap/instellen/" in page.url:
        # An administrator links an authenticator app: the test is the app.
        secret = page.locator("code.secret").inner_text().replace(" ", "")
        page.get_by_label("Code").fill(totp_code(base64.b32decode(secret).hex()))
        page.get_by_role("button", name="De app koppelen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
        page.get_by_role("link", name="Ik heb ze bewaard; verder").click()
    elif "/tweede-stap/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        key = TOTPDevice.objects.get(user__email=email, confirmed=True).key
        page.get_by_label("Code").fill(totp_code(key))
        page.locator("main").get_by_role("button", name="Inloggen").click()


def test_login_with_a_wrong_then_the_right_password(page, live_server, personas):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_title(re.compile("Inloggen"))
    log_in(page, live_server, "editor@a.example", "fout")
    expect(page.get_by_role("alert")).to_contain_text("horen niet bij elkaar")
    log_in(page, live_server, "editor@a.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welzijn A")
    expect(page.get_by_role("link", name="Overzicht")).to_have_attribute("aria-current", "page")
    # Keyboard users reach the skip link first, and it moves focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_admin_edits_the_organisation_profile(page, live_server, personas):
    drenthe = Province.objects.create(code="PV22", name="Drenthe")
    Municipality.objects.create(code="GM0106", name="Assen", province=drenthe)
    Municipality.objects.create(code="GM1680", name="Aa en Hunze", province=drenthe)
    log_in(page, live_server, "admin@a.example")
    page.get_by_role("navigation", name="Organisatie").get_by_role("link", name="Profiel").click()
    page.get_by_role("link", name="Profiel bewerken").click()
    page.get_by_label("Naam:", exact=True).fill("Welzijn Assen")
    page.get_by_label("Thema's").fill("Schuldhulp\nEenzaamheid")
    page.get_by_text("Drenthe").click()  # open the province, then tick by keyboard
    page.get_by_label("Assen").focus()
    page.keyboard.press("Space")
    page.get_by_label("Postcode").fill("94")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Verbeter de velden")
    expect(page.locator(".has-error")).to_contain_text("Nederlandse postcode")
    page.get_by_label("Postcode").fill("9401ab")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het profiel is opgeslagen")
    expect(page.locator("main")).to_contain_text("9401 AB")
    expect(page.locator("main")).to_contain_text("Assen (Drenthe)")
    expect(page.locator("main .tag")).to_have_text(["Schuldhulp", "Eenzaamheid"])
    page.screenshot(path="test-results/profile.png", full_page=True)


def test_invite_a_colleague_who_accepts_in_a_second_browser(
    page, browser, live_server, personas, smtp
):
    log_in(page, live_server, "admin@a.example")
    page.get_by_role("link", name="Team").click()
    page.get_by_role("link", name="Collega uitnodigen").click()
    page.get_by_label("E-mailadres van uw collega").fill("nieuwe.collega@a.example")
    page.get_by_label("Rol").select_option(Role.EDITOR)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text("nieuwe.collega@a.example")
    expect(page.locator("main")).to_contain_text("Openstaande uitnodigingen")

    run_queued_tasks()  # the background worker sends the mail over SMTP
    assert [m["to"] for m in smtp.messages] == [["nieuwe.collega@a.example"]]
    link = smtp.last_link()
    assert link.startswith(live_server.url)

    colleague = browser.new_context(locale="nl-NL").new_page()
    colleague.goto(link)
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Word lid van Welzijn A")
    colleague.get_by_label("Uw naam").fill("Nina Nieuw")
    colleague.get_by_label("Kies een wachtwoord").fill("Lange-zin-2026!")
    colleague.get_by_label("Herhaal het wachtwoord").fill("Lange-zin-2026!")
    colleague.get_by_role("button", name="Account aanmaken en lid worden").click()
    expect(colleague.get_by_role("status")).to_contain_text("Welkom bij Welzijn A")
    colleague.screenshot(path="test-results/accepted.png", full_page=True)

    # The same link a second time: a clear message, nothing happens.
    colleague.goto(link)
    expect(colleague.get_by_role("alert")).to_contain_text("al gebruikt")

    page.reload()
    expect(page.locator("table").first).to_contain_text("Nina Nieuw")
    expect(page.locator("main")).to_contain_text("Geen openstaande uitnodigingen")


def test_switch_between_two_organisations(page, live_server, personas):
    add_member(personas.org_b, personas.editor, Role.READER)
    log_in(page, live_server, "editor@a.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw organisaties")
    page.locator("main").get_by_role("link", name="Natuur B").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Natuur B")
    switcher = page.locator("details.switcher")
    switcher.locator("summary").click()
    switcher.get_by_role("link", name=re.compile("Welzijn A")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welzijn A")
    expect(switcher.locator("summary")).to_contain_text("Welzijn A")
    page.screenshot(path="test-results/switched.png", full_page=True)


def test_outsider_sees_a_404_page(page, live_server, personas):
    log_in(page, live_server, "outsider@b.example")
    response = page.goto(f"{live_server.url}/o/welzijn-a/team/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.locator("main")).not_to_contain_text("Rik Reader")
