"""The umbrella journey in a real browser: the umbrella publishes a template; a member
plans a visit with it and shares it; a second member, picking the same alderman, sees how
many invitations she already has; a member asks a question and the umbrella answers."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from werkbezoek import testing
from werkbezoek.organisations.models import Organisation, Role, UmbrellaLink
from werkbezoek.visits import services
from werkbezoek.visits.models import Visit

from .test_foundation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(personas):
    with scopes_disabled():
        umbrella = testing.make_organisation(
            "woonkoepel", "Koepel van woningcorporaties", kind=Organisation.Kind.UMBRELLA,
            invitation_load_threshold=1,
        )  # fmt: skip
        staff = testing.make_user("staf@koepel.example", "Stijn Staf")
        testing.add_member(umbrella, staff, Role.EDITOR)
        admin = testing.make_user("beheer@koepel.example", "Kees Koepel")
        testing.add_member(umbrella, admin, Role.ADMIN)
        for member in (personas.org_a, personas.org_b):
            UmbrellaLink.objects.create(umbrella=umbrella, member=member, status="active")
    council = testing.make_council(parties=("GL",))
    alderman = testing.make_public_person(
        "Hoekstra", "alderman", council.executive, council.groups["GL"],
        given_name="Marleen", email="m.hoekstra@testassen.example",
    )  # fmt: skip
    return umbrella, alderman


def test_template_share_load_and_question(page, live_server, personas, network):
    umbrella, alderman = network
    base = live_server.url

    # 1. The umbrella publishes a template with its agenda themes.
    log_in(page, live_server, "beheer@koepel.example")
    page.goto(f"{base}/o/woonkoepel/sjablonen/")
    page.get_by_role("link", name="Nieuw sjabloon").click()
    page.get_by_label("Naam").fill("Kamerlid in de wijk")
    page.get_by_label("Agendathema’s").fill("Leefbare wijken\nBetaalbaar wonen")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_contain_text("Versie 1 van “Kamerlid in de wijk”")
    expect(page.locator("main")).to_contain_text("Leefbare wijken")
    page.context.clear_cookies()

    # 2. A member plans a visit with it and shares it with the umbrella.
    log_in(page, live_server, "editor@a.example")
    page.goto(f"{base}/o/welzijn-a/bezoeken/")
    page.get_by_role("link", name="Sjablonen voor bezoeken").click()
    page.get_by_role("link", name="Plan een bezoek met dit sjabloon").click()
    page.get_by_label("Titel").fill("Kamerlid bij de buurtkamer")
    page.get_by_label("Dossier of thema").select_option("Leefbare wijken")
    page.get_by_label("Beleid beïnvloeden").check()
    page.get_by_label("Concrete vraag").fill("Steun het amendement over wijkbudgetten")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Kamerlid in de wijk (versie 1")
    page.get_by_role("button", name="Delen met de koepel").click()
    expect(page.get_by_role("status")).to_contain_text("Uw koepel ziet nu")
    with scope(organisation=personas.org_a):
        visit = Visit.objects.get(title="Kamerlid bij de buurtkamer")
        assert visit.shared_with_umbrella and visit.template.organisation == umbrella
        # The invitation goes out (the sending itself is tested with the documents).
        services.guest_add(visit=visit, actor=personas.editor, person=alderman)
        day = timezone.localdate() + datetime.timedelta(days=30)
        testing.ready_to_invite(visit, personas.editor, date=day)
        services.invitations_send(visit=visit, actor=personas.editor, base_url=base)
    page.context.clear_cookies()

    # 3. A second member picks the same alderman and sees her load, not who invited her.
    with scope(organisation=personas.org_b):
        own = testing.make_visit(personas.org_b, personas.outsider, title="Natuur in de wijk")
    log_in(page, live_server, "outsider@b.example")
    page.goto(f"{base}/o/natuur-b/bezoeken/{own.pk}/gasten/")
    page.get_by_label("Zoeken op naam").fill("Hoekstra")
    results = page.locator("#search-results")
    expect(results).to_contain_text("1 uitnodiging deze maand van andere leden")
    expect(results).not_to_contain_text("Welzijn A")
    results.get_by_role("button", name="Uitnodigen").click()
    expect(page.locator("main")).to_contain_text("al veel uitnodigingen")

    # 4. The member asks the umbrella a question; the umbrella answers.
    page.goto(f"{base}/o/natuur-b/koepel/vragen/")
    page.get_by_label("Onderwerp").fill("Samen met een ander lid?")
    page.get_by_label("Uw vraag").fill("Kunnen wij een gezamenlijk bezoek organiseren?")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw vraag is verstuurd")
    page.context.clear_cookies()
    log_in(page, live_server, "staf@koepel.example")
    page.goto(f"{base}/o/woonkoepel/koepel/vragen/")
    page.get_by_role("link", name="Samen met een ander lid?").click()
    page.get_by_label("Uw antwoord").fill("Ja, wij brengen u met elkaar in contact.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("main")).to_contain_text("wij brengen u met elkaar in contact")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("koepel/bezoeken/", "koepel/vragen/", "sjablonen/"):
        page.goto(f"{base}/o/woonkoepel/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    expect(page.locator("main")).to_contain_text("Kamerlid in de wijk")
