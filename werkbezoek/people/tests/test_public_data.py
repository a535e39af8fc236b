"""The real Tweede Kamer and Assen 2026 files from ../shared/data."""

import datetime
import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from werkbezoek.people.models import Person, Position, Role
from werkbezoek.people.public_data import parse_dutch_date, split_prefix
from werkbezoek.reference.models import Body


@pytest.fixture
def loaded(db):
    load_public_sources()


def load_public_sources():
    """Every loader this module checks, without the command's slow register of 13,000
    office holders (tests/test_office_holders.py; the whole command: test_reference_data)."""
    from werkbezoek.calendars.public_meetings import load_committee_meetings
    from werkbezoek.people.public_data import load_almanak, load_assen_2026, load_tweede_kamer
    from werkbezoek.reference.calendar import load_calendar
    from werkbezoek.reference.loaders import load_municipalities

    data = settings.WERKBEZOEK_SHARED_DATA
    load_municipalities(data / "gemeenten" / "gemeenten_2025.csv")
    results = [load_tweede_kamer(data), load_assen_2026(data), load_committee_meetings(data)]
    results += [load_almanak(data), load_calendar(data)]
    return results


def positions(person):
    return sorted((p.party_group.name, p.start_date, p.end_date) for p in person.positions.all())


def test_tweede_kamer_members_with_dated_party_groups(loaded):
    with scopes_disabled():
        mps = Person.objects.filter(positions__body__code="TK").distinct()
        assert mps.count() == 250
        current = Position.objects.filter(body__code="TK", end_date__isnull=True)
        # The 150 elected in 2025, the 15 successors seen in committee agendas, and two
        # VVD members the agendas show who are in neither list: each one open position.
        assert current.count() == current.values("person").distinct().count() == 167
        seats = Body.objects.get(code="TK").party_groups.filter(seats__isnull=False)
        assert sum(seats.values_list("seats", flat=True)) == 150
        assert seats.get(name="GroenLinks-PvdA").seats_source.startswith("de Kiesraad")
        # Elected without attending a committee: seated from the installation.
        wilders = Person.objects.get(external_id="tk:wilders:g")
        assert wilders.salutation == "Geachte heer Wilders"
        assert positions(wilders)[-1] == ("PVV", datetime.date(2025, 11, 12), None)
        # A successor sits from the first meeting seen, not from the installation.
        bolhuis = mps.get(family_name="Bolhuis", given_name="Wimar")
        assert positions(bolhuis) == [("PRO", datetime.date(2026, 7, 1), None)]
        # Keyed once by first name ("Tony") and once by initial ("A."): one person.
        mps = Person.objects.filter(external_id__startswith="tk:")
        van_dijck = mps.get(family_name="Dijck", prefix="van")
        assert [p[0] for p in positions(van_dijck)] == ["PVV", "PVV"]
        # Spelt "El Boujdaini" in the agendas and "El" + "Boujdaini" on the list: one person.
        assert mps.filter(family_name__contains="Boujdaini").count() == 1
        assert Person.objects.get(external_id="tk:mulder:e").given_name == "Edgar"
        lammers = Person.objects.get(external_id="tk:lammers:a")
        assert positions(lammers) == [
            ("Groep Markuszower", datetime.date(2026, 3, 12), None),
            ("PVV", datetime.date(2025, 11, 12), datetime.date(2026, 3, 11)),
        ]
        # Linked across both files: the 2023 Kamer (Wikipedia) and the 2025 agenda.
        van_der_plas = Person.objects.get(external_id="tk:plas:c")
        assert van_der_plas.display_name == "Caroline van der Plas"
        assert van_der_plas.initials == "C.A.M."
        assert [p[0] for p in positions(van_der_plas)] == ["BBB", "BBB"]


def test_party_labels_of_both_files_are_unified(loaded):
    with scopes_disabled():
        labels = set(Body.objects.get(code="TK").party_groups.values_list("name", flat=True))
    assert "GroenLinks-PvdA" in labels and "GL-PvdA" not in labels
    assert "ChristenUnie" in labels and "CU" not in labels


def test_assen_2026_candidates(loaded):
    with scopes_disabled():
        candidates = Position.objects.filter(body__code="GR-GM0106", role=Role.CANDIDATE)
        assert candidates.count() == 228
        assert candidates.values("party_group").distinct().count() == 13
        top = candidates.get(details__list_number=1, details__list_position=1)
        assert top.person.display_name == "W. Bouwmeester"
        assert top.details["votes"] == 1945
        assert top.end_date == datetime.date(2026, 3, 18)
        assert sum(p.details["votes"] for p in candidates) == 32073  # every valid vote
        assert Body.objects.get(code="GR-GM0106").municipality.name == "Assen"


def test_reloading_duplicates_nothing(loaded):
    with scopes_disabled():
        before = (Person.objects.count(), Position.objects.count())
    again = load_public_sources()
    assert [(result.created, result.updated) for result in again] == [(0, 0)] * len(again)
    with scopes_disabled():
        assert (Person.objects.count(), Position.objects.count()) == before


def test_a_bad_member_file_writes_no_member(db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(settings.WERKBEZOEK_SHARED_DATA, data)
    member_file = data / "tweede_kamer" / "tk_leden_2023-2025_wikipedia_subset.csv"
    member_file.chmod(0o644)
    text = member_file.read_text().replace("6 december 2023", "6 decembre 2023", 1)
    member_file.write_text(text)
    with pytest.raises(CommandError, match="6 decembre 2023"):
        call_command("load_reference_data", data_dir=data, stdout=StringIO())
    with scopes_disabled():
        assert not Person.objects.exists()


def test_name_helpers():
    assert parse_dutch_date("13 september 2018") == datetime.date(2018, 9, 13)
    assert split_prefix("van der Kolk - Kruithof") == ("van der", "Kolk - Kruithof")
    assert split_prefix("Struijs") == ("", "Struijs")


def test_committee_meetings_with_linked_mps(loaded):
    from werkbezoek.calendars.models import Meeting

    with scopes_disabled():
        assert Meeting.objects.count() == 1232
        assert Body.objects.filter(kind=Body.Kind.COMMITTEE).count() == 15
        navo = Meeting.objects.get(uid="7a68930b-f035-49d1-a0db-3d4ae4cc9a9c@7a68.org")
        assert navo.body.name == "Vaste commissie voor Defensie"
        assert navo.starts_at.isoformat() == "2025-02-05T10:00:00+00:00"
        assert navo.closed is False
        linked = set(navo.attendees.values_list("external_id", flat=True))
        # "J.J. van der Werf (D66)" and "O.C. (Olger) van Dijk (NSC)" are known MPs;
        # "R.P. Brekelmans (onbekend)" (a minister) and the committees are not linked.
        assert {"tk:werf:j", "tk:dijk:o"} <= linked
        assert "tk:brekelmans:r" not in linked
        assert Meeting.objects.filter(attendees__isnull=False).distinct().count() > 1000


def test_elections_and_recesses(loaded):
    from werkbezoek.reference.models import Election, Recess

    assert Election.objects.count() == 8
    assert Election.objects.get(kind="election", code="GR2026").date == datetime.date(2026, 3, 18)
    assert Election.objects.get(code="GR2030").date is None  # expected, no source for the date
    assert Recess.objects.count() == 10
    kerst = Recess.objects.get(name="Kerstreces 2025")
    assert (kerst.start_date, kerst.end_date) == (
        datetime.date(2025, 12, 19),
        datetime.date(2026, 1, 12),
    )


def test_almanak_councils_as_historical_positions(loaded):
    from werkbezoek.people.office_holders import load_office_holders

    load_office_holders(settings.WERKBEZOEK_SHARED_DATA)
    with scopes_disabled():
        people = Person.objects.filter(external_id__startswith="ori:")
        assert people.count() == 231
        positions = Position.objects.filter(person__in=people, source__startswith="Almanak")
        assert positions.count() == 231
        # Some of them are still in office in 2026: the register's positions join theirs.
        still = Position.objects.filter(person__in=people, source__startswith="het Register")
        assert 0 < still.values("person").distinct().count() < 231
        assert set(positions.values_list("end_date", flat=True)) == {datetime.date(2015, 9, 28)}
        assert not any(p.is_current() for p in positions)
        griffier = people.get(family_name="Espeldoorn-Bloemendal")
        assert griffier.salutation == "Geachte mevrouw Espeldoorn-Bloemendal"
        assert griffier.positions.get(source__startswith="Almanak").title == "Raadsgriffier"
        aldermen = positions.filter(role=Role.ALDERMAN, body__code="BW-GM0344")
        # Utrecht in 2015: six wethouders, one of them also listed as locoburgemeester.
        assert aldermen.filter(title="").count() == 6
        assert aldermen.filter(title="Locoburgemeester").count() == 1


def test_a_calendar_that_is_not_a_calendar_writes_nothing(db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(settings.WERKBEZOEK_SHARED_DATA, data)
    broken = data / "tweede_kamer" / "ics" / "Vaste-commissie-voor-Defensie.ics"
    broken.chmod(0o644)
    broken.write_text("dit is geen agenda")
    with pytest.raises(
        CommandError, match="Vaste-commissie-voor-Defensie.ics: Dit bestand is geen agenda"
    ):
        call_command("load_reference_data", data_dir=data, stdout=StringIO())
    from werkbezoek.calendars.models import Meeting

    assert not Meeting.objects.exists()


def test_loading_over_an_older_register_keeps_every_organisations_data_on_the_person(db):
    """A database made before the 2025 list: Tony van Dijck recorded twice (by first name
    from Wikipedia, by initial from the agendas), an organisation's assessment, stance,
    contact and guest row on the first-name record."""
    from django_scopes import scope

    from werkbezoek.testing import make_organisation, make_user, make_visit, seed_private_data
    from werkbezoek.visits import services as visits
    from werkbezoek.visits.models import Guest

    with scopes_disabled():
        body = Body.objects.create(code="TK", kind=Body.Kind.PARLIAMENT, name="Tweede Kamer")
        by_name = Person.objects.create(
            external_id="tk:dijck:t", given_name="Tony", prefix="van", family_name="Dijck"
        )
        by_initial = Person.objects.create(
            external_id="tk:dijck:a", initials="A.", prefix="van", family_name="Dijck"
        )
        wilders = Person.objects.create(external_id="tk:wilders:g", family_name="Wilders")
        for person in (by_name, by_initial, wilders):
            Position.objects.create(person=person, body=body, role=Role.MEMBER_OF_PARLIAMENT)
    organisation, actor = make_organisation("woonbond-test"), make_user("w@example.org")
    with scope(organisation=organisation):
        visit = make_visit(organisation, actor)
        visits.guest_add(actor=actor, visit=visit, person=by_name)
        seed_private_data(organisation, by_name, actor, "GEHEIM-1")
        seed_private_data(organisation, wilders, actor, "GEHEIM-2")

    from werkbezoek.people.public_data import load_tweede_kamer

    load_tweede_kamer(settings.WERKBEZOEK_SHARED_DATA)

    with scopes_disabled():
        assert not Person.objects.filter(pk=by_name.pk).exists()
        kept = Person.objects.get(pk=by_initial.pk)
        assert kept.display_name == "Tony van Dijck"
        assert Person.objects.get(external_id="tk:wilders:g").pk == wilders.pk
    with scope(organisation=organisation):
        from werkbezoek.people.models import Assessment, Interaction, StanceRecord

        assert Assessment.objects.own().get(person=kept).notes == "GEHEIM-1"
        assert StanceRecord.objects.own().get(person=kept).reason == "GEHEIM-1"
        assert Interaction.objects.own().get(people=kept).summary == "GEHEIM-1"
        assert Guest.objects.get(visit=visit).person_id == kept.pk
        assert Assessment.objects.own().get(person_id=wilders.pk).notes == "GEHEIM-2"
