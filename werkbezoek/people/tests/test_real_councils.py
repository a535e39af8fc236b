"""A new organisation in Assen finds its council, aldermen and party groups in the register
(the real Register van Overheidsorganisaties rows of Assen and Aa en Hunze)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.organisations.models import AuditEntry
from werkbezoek.people.models import AccessLogEntry, Assessment, Interaction, Person, Position
from werkbezoek.people.services import interaction_log
from werkbezoek.reference.models import Body, Municipality
from werkbezoek.testing import load_real_councils


@pytest.fixture
def councils(personas, tmp_path):
    load_real_councils(tmp_path, codes=("GM0106", "GM1680"))
    personas.org_a.municipalities.set([Municipality.objects.get(code="GM0106")])
    return personas


def log_contact(councils, person, kind, summary):
    """Organisation A logs a contact with `person` today."""
    with scope(organisation=councils.org_a):
        interaction_log(
            organisation=councils.org_a,
            actor=councils.admin,
            date=timezone.localdate(),
            kind=kind,
            people=[person],
            summary=summary,
        )


def url(name, *args, org="welzijn-a"):
    return reverse(name, args=[org, *args])


def person(family_name, **filters):
    """A public person of Assen."""
    with scopes_disabled():
        return (
            Person.objects.filter(organisation=None, family_name=family_name, **filters)
            .filter(positions__body__municipality__code="GM0106")
            .distinct()
            .get()
        )


def test_the_register_opens_on_assens_office_holders_with_their_parties(client_as, councils):
    page = client_as(councils.reader).get(url("people:register")).text
    # 33 council members, 5 aldermen, the mayor and the clerk; Aa en Hunze is not shown.
    assert "40 personen" in page
    assert "Raadslid, fractievoorzitter · VVD · Gemeenteraad Assen" in page  # S. Alberts
    table = page.split("<tbody>")[1]
    assert "Aa en Hunze" not in table
    aldermen = client_as(councils.reader).get(url("people:register"), {"role": "alderman"}).text
    assert "5 personen" in aldermen
    assert "Wethouder, locoburgemeester · College van B&amp;W Assen" in aldermen
    # A name search looks in every municipality.
    found = client_as(councils.reader).get(url("people:register"), {"q": "Hiemstra"}).text
    assert "A.W. Hiemstra" in found and "Burgemeester" in found


def test_an_empty_result_says_what_to_do_next(client_as, councils):
    page = client_as(councils.editor).get(url("people:register"), {"q": "Xyzzy"}).text
    assert "Niemand voldoet aan deze filters." in page
    assert "show=all" in page
    assert url("people:create") in page and url("imports:people") in page


def test_coverage_lists_every_group_with_its_seats(client_as, councils):
    client = client_as(councils.reader)
    page = client.get(url("people:coverage")).text
    assert "Gemeenteraad Assen" in page
    assert "contact met 0 van de 12 fracties, 0 van de 33 zetels" in page
    assert page.count("7 zetels") == 2  # Assen Centraal and PRO
    member = person("Weening")
    log_contact(councils, member, "call", "Gebeld")
    page = client.get(url("people:coverage")).text
    assert "contact met 1 van de 12 fracties, 4 van de 33 zetels" in page  # ChristenUnie: 4


def test_an_unknown_party_group_is_completed_by_the_organisation_alone(client_as, councils):
    with scopes_disabled():
        council = Body.objects.get(code="GR-GM1680")
        seat = Position.objects.filter(body=council, role="council_member", title="").first()
        member, group = seat.person, council.party_groups.get(name="VVD")
    client = client_as(councils.editor)
    page = client.get(url("people:detail", member.pk)).text
    assert "fractie onbekend" in page and "Welke fractie?" in page
    assert "volgens het Register van Overheidsorganisaties, april 2026" in page
    response = client.post(
        url("people:party-group", member.pk, council.pk), {"party_group": group.pk}
    )
    assert response.status_code == 302
    page = client.get(url("people:detail", member.pk)).text
    assert "VVD" in page and "aangevuld door uw organisatie" in page
    coverage = client.get(url("people:coverage"), {"body": council.pk}).text
    assert member.display_name in coverage.split("VVD", 1)[1].split("</section>", 1)[0]
    with scopes_disabled():
        own = Position.objects.get(organisation=councils.org_a, person=member)
        assert own.party_group == group
        assert AuditEntry.objects.filter(action="people.party_group.completed").exists()
        # The public position is untouched; another organisation does not see the answer.
        assert Position.objects.get(pk=seat.pk).party_group is None
    with scope(organisation=councils.org_b):
        assert not Position.objects.filter(pk=own.pk).exists()
    # A group of another council is refused.
    with scopes_disabled():
        assen_group = Body.objects.get(code="GR-GM0106").party_groups.get(name="VVD")
    client.post(url("people:party-group", member.pk, council.pk), {"party_group": assen_group.pk})
    with scopes_disabled():
        assert Position.objects.get(pk=own.pk).party_group == group


def test_the_party_group_choice_follows_the_chosen_body(client_as, councils):
    with scopes_disabled():
        executive = Body.objects.get(code="BW-GM0106")
        vvd = Body.objects.get(code="GR-GM0106").party_groups.get(name="VVD")
    client = client_as(councils.editor)
    options = client.get(url("people:group-options"), {"body": executive.pk}).text
    # An alderman belongs to a group of the municipality's council; each option names it.
    assert options.count("<option") == 13  # 12 groups with seats and the empty choice
    assert "VVD — Gemeenteraad Assen" in options
    form = client.get(url("people:create")).text
    assert "VVD — Gemeenteraad" not in form  # no body chosen: no group list yet
    response = client.post(
        url("people:create"),
        {
            "family_name": "Nieuw",
            "initials": "N.",
            "role": "alderman",
            "body": executive.pk,
            "party_group": vvd.pk,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        created = Position.objects.get(organisation=councils.org_a, person__family_name="Nieuw")
        assert (created.body, created.party_group) == (executive, vvd)
    # The just-added person is found by the register's default view.
    assert "N. Nieuw" in client.get(url("people:register")).text


def test_people_for_a_contact_are_found_by_typing(client_as, councils):
    client = client_as(councils.editor)
    weening, smit = person("Weening"), person("Smit", initials="A.", positions__role="alderman")
    form = client.get(url("people:contact", weening.pk)).text
    assert f'value="{weening.pk}" checked' in form
    assert '<select name="people"' not in form  # no list of the whole register
    found = client.get(url("people:choose"), {"people-q": "Smit", "target": "x"}).text
    assert "A. Smit" in found and "Wethouder" in found
    chosen = client.get(url("people:choose"), {"person": smit.pk}).text
    assert f'name="people" value="{smit.pk}" checked' in chosen
    response = client.post(
        url("people:contact", weening.pk),
        {
            "date": timezone.localdate().isoformat(),
            "kind": "meeting",
            "people": [weening.pk, smit.pk],
            "summary": "Kennismaking",
            "submission": "tok-1",
        },
    )
    assert response.status_code == 302
    with scope(organisation=councils.org_a):
        assert set(Interaction.objects.get().people.all()) == {weening, smit}


def test_repeated_views_of_an_assessment_are_one_line(client_as, councils):
    weening = person("Weening")
    with scopes_disabled():
        Assessment.objects.create(organisation=councils.org_a, person=weening, influence=4)
    client = client_as(councils.admin)
    for _ in range(3):
        page = client.get(url("people:detail", weening.pk)).text
    with scopes_disabled():
        assert AccessLogEntry.objects.filter(person=weening).count() == 3
    log = page.split("Wie deze beoordeling heeft ingezien")[1]
    assert log.count("<li>") == 1
    assert "3 keer" in log


def test_what_changed_after_a_newer_register(client_as, councils, tmp_path):
    """A newer register leaves out an alderman the organisation assessed and lists a new
    one; the Kamer files show an MP it contacted moving to another party group."""
    from django.conf import settings

    from werkbezoek.people.office_holders import load_office_holders_from
    from werkbezoek.people.public_data import load_tweede_kamer

    smit = person("Smit", initials="A.", positions__role="alderman")
    load_tweede_kamer(settings.WERKBEZOEK_SHARED_DATA)
    with scopes_disabled():
        lammers = Person.objects.get(external_id="tk:lammers:a")
        Assessment.objects.create(organisation=councils.org_a, person=smit)
    log_contact(councils, lammers, "email", "Mail over huurtoeslag")
    newer = tmp_path / "newer"
    newer.mkdir()
    earlier = tmp_path / "roo_bestuurders_en_raadsleden_2026-04.csv"
    text = earlier.read_text(encoding="utf-8").replace("Dhr. A. Smit", "Mw. K. Nieuwenhuis")
    target = newer / "roo_bestuurders_en_raadsleden_2026-09.csv"
    target.write_text(text.replace("2026-04-13", "2026-09-01"), encoding="utf-8")
    data = settings.WERKBEZOEK_SHARED_DATA / "gemeenteraad"
    load_office_holders_from(
        target,
        seats_path=data / "roo_raad_zetels_per_partij_2026-04.csv",
        municipalities_path=data / "roo_gemeenten_2026-04.csv",
    )

    page = client_as(councils.reader).get(url("people:changes"), {"maanden": "12"}).text
    assert "A. Smit" in page and "niet meer wethouder van College van B&amp;W Assen" in page
    assert "31 augustus 2026" in page
    assert (
        "K. Nieuwenhuis" in page
        and "nieuw in functie: Wethouder, College van B&amp;W Assen" in page
    )
    assert "volgens het Register van Overheidsorganisaties, september 2026" in page
    assert "Annelotte Lammers" in page
    assert "van fractie PVV naar Groep Markuszower, Tweede Kamer" in page
    # Someone the organisation does not follow, outside its municipalities: not listed.
    assert "Wilders" not in page
    # Listed by the first register already: a snapshot, not a change; and a candidacy
    # that ended at the election is no office left.
    assert "C.J. Staal" not in page and "kandidaat" not in page
    # The congratulation starts a contact with its subject filled in.
    link = url("people:contact", person("Nieuwenhuis").pk)
    assert link not in page  # a reader logs no contacts
    assert link in client_as(councils.editor).get(url("people:changes"), {"maanden": "12"}).text
    form = (
        client_as(councils.editor)
        .get(link, {"soort": "letter", "onderwerp": "Gefeliciteerd met de nieuwe functie"})
        .text
    )
    assert "Gefeliciteerd met de nieuwe functie" in form


def test_coverage_takes_a_fixed_number_of_queries(
    client_as, councils, django_assert_max_num_queries
):
    client = client_as(councils.reader)
    with scopes_disabled():
        small = Body.objects.get(code="GR-GM1680")  # Aa en Hunze: 21 seats, 5 groups
        assen = Body.objects.get(code="GR-GM0106")  # 33 seats, 12 groups
    client.get(url("people:coverage"), {"body": small.pk})
    with django_assert_max_num_queries(20) as few:
        client.get(url("people:coverage"), {"body": small.pk})
    # More members and groups: not one query more.
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("people:coverage"), {"body": assen.pk})


def test_forged_ids_in_the_pickers_are_refused_quietly(client_as, councils):
    client = client_as(councils.editor)
    huge = "9" * 30
    assert client.get(url("people:group-options"), {"body": huge}).status_code == 200
    assert client.get(url("people:choose"), {"person": huge}).status_code == 404
    assert client.get(url("people:choose"), {"person": "abc"}).status_code == 404
