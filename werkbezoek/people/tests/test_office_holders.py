"""The office holders of every municipality, from the Register van Overheidsorganisaties
(../shared/data/gemeenteraad/roo_*.csv)."""

import csv
import datetime
from collections import Counter

import pytest
from django.conf import settings
from django_scopes import scopes_disabled

from werkbezoek.people.models import Person, Position, Role
from werkbezoek.people.office_holders import (
    load_office_holders,
    load_office_holders_from,
    parse_office_holder_name,
)
from werkbezoek.people.public_data import load_almanak, load_assen_2026
from werkbezoek.reference.loaders import ReferenceDataError, load_municipalities
from werkbezoek.reference.models import PartyGroup

DATA = settings.WERKBEZOEK_SHARED_DATA
FOLDER = DATA / "gemeenteraad"
HOLDERS = FOLDER / "roo_bestuurders_en_raadsleden_2026-04.csv"
SEATS = FOLDER / "roo_raad_zetels_per_partij_2026-04.csv"
MUNICIPALITIES = FOLDER / "roo_gemeenten_2026-04.csv"
TODAY = datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("Dhr. B.J. Weening", ("male", "B.J.", "", "Weening")),
        ("Mw. A.  de Rijke-Criens", ("female", "A.", "de", "Rijke-Criens")),
        ("Mw. T.C van Brakel-Engberts", ("female", "T.C.", "van", "Brakel-Engberts")),
        ("Mw. H. de Hoog - Ferwerda", ("female", "H.", "de", "Hoog-Ferwerda")),
        (
            "Mw. J.A.W. van der Mark-Leijssenaar",
            ("female", "J.A.W.", "van der", "Mark-Leijssenaar"),
        ),
        ("Dhr. D,W. van Dijken", ("male", "D.W.", "van", "Dijken")),
        ("Dhr. drs. P.D. Nap, CMC", ("male", "P.D.", "", "Nap")),
        ("Mw. mr. E.P. van Corbach", ("female", "E.P.", "van", "Corbach")),
        ("drs. M Lucassen", ("", "M.", "", "Lucassen")),
        ("G. van Iterson Scholten", ("", "G.", "van", "Iterson Scholten")),
        ("Reekers", ("", "", "", "Reekers")),
    ],
)
def test_names_as_the_municipalities_typed_them(typed, parsed):
    name = parse_office_holder_name(typed)
    assert (name.gender, name.initials, name.prefix, name.family_name) == parsed


def test_every_typed_name_in_the_file_parses_to_a_family_name():
    with HOLDERS.open(encoding="utf-8") as handle:
        names = [row["naam_zoals_in_roo"] for row in csv.DictReader(handle)]
    parsed = [parse_office_holder_name(name) for name in names]
    assert all(name.family_name for name in parsed)
    # Almost every row has an honorific; every initial ends in a dot.
    assert sum(1 for name in parsed if name.gender) > 13_000
    assert all(not name.initials or name.initials.endswith(".") for name in parsed)


def write_subset(tmp_path, codes, change=None):
    """The register's own rows for some municipalities, under the register's file name."""
    target = tmp_path / HOLDERS.name.replace("2026-04", change or "2026-04")
    with HOLDERS.open(encoding="utf-8") as source, target.open("w", encoding="utf-8") as out:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(out, reader.fieldnames)
        writer.writeheader()
        for row in reader:
            if row["gemeentecode"] in codes or row["gemeentenaam"] in codes:
                writer.writerow(row)
    return target


@pytest.fixture
def reference(db):
    load_municipalities(DATA / "gemeenten" / "gemeenten_2025.csv")
    load_assen_2026(DATA)


def load(path):
    return load_office_holders_from(path, seats_path=SEATS, municipalities_path=MUNICIPALITIES)


def current(body_code, **filters):
    return Position.objects.held_on(TODAY).filter(body__code=body_code, **filters)


def test_assen_council_members_have_their_party_from_the_candidate_list(reference, tmp_path):
    load(write_subset(tmp_path, {"GM0106"}))
    with scopes_disabled():
        members = current("GR-GM0106", role=Role.COUNCIL_MEMBER, title="")
        assert members.count() == 33
        by_group = Counter(members.values_list("party_group__name", flat=True))
        seats = dict(
            PartyGroup.objects.filter(body__code="GR-GM0106", seats__gt=0).values_list(
                "name", "seats"
            )
        )
        # Every elected member matched to a candidate, and the groups fill their seats.
        assert by_group == seats
        assert seats["PRO"] == 7 and seats["Assen Centraal"] == 7 and sum(seats.values()) == 33
        # One person per real person: the council member is the candidate.
        weening = Person.objects.get(external_id__startswith="gr2026-assen:", family_name="Weening")
        assert sorted(weening.positions.values_list("role", "title")) == [
            ("candidate", ""),
            ("council_member", ""),
            ("council_member", "Fractievoorzitter"),
        ]
        assert weening.salutation == "Geachte heer Weening"
        # "E.V.J. Bue" in the register is candidate "de Bue, E.V.J." of Assen Centraal.
        bue = Person.objects.get(family_name="Bue", initials="E.V.J.")
        assert current("GR-GM0106", person=bue).get().party_group.name == "Assen Centraal"


def test_a_deputy_mayor_who_is_also_alderman_is_one_person(reference, tmp_path):
    load(write_subset(tmp_path, {"GM0106"}))
    with scopes_disabled():
        ten_oever = Person.objects.get(family_name="Oever", prefix="ten")
        # He stood for the council too: the same person again.
        assert sorted(ten_oever.positions.values_list("role", "title", "body__code")) == [
            ("alderman", "", "BW-GM0106"),
            ("alderman", "Locoburgemeester", "BW-GM0106"),
            ("candidate", "", "GR-GM0106"),
        ]
        aldermen = current("BW-GM0106", role=Role.ALDERMAN)
        assert aldermen.values("person").distinct().count() == 5
        mayor = current("BW-GM0106", role=Role.MAYOR).get()
        assert mayor.person.display_name == "M.L.J. Out"
        assert mayor.source == "het Register van Overheidsorganisaties, april 2026"
        assert mayor.details == {"first_seen": "2026-04-13"}
        clerk = current("GR-GM0106", role=Role.CIVIL_SERVANT).get()
        assert clerk.title == "Raadsgriffier"


def test_municipalities_without_a_code_in_the_register_are_found_by_name(reference, tmp_path):
    load(write_subset(tmp_path, {"Westerwolde", "Altena"}))
    with scopes_disabled():
        assert current("GR-GM1950", role=Role.COUNCIL_MEMBER, title="").exists()
        assert PartyGroup.objects.filter(body__code="GR-GM1959", seats__gt=0).exists()


def test_loading_again_changes_nothing(reference, tmp_path):
    subset = write_subset(tmp_path, {"GM0106", "GM1680"})
    first = load(subset)
    with scopes_disabled():
        snapshot = sorted(Position.objects.public().values_list("pk", "person", "end_date"))
    again = load(subset)
    assert first.created > 0
    assert (again.created, again.updated) == (0, 0)
    with scopes_disabled():
        assert sorted(Position.objects.public().values_list("pk", "person", "end_date")) == snapshot


def test_a_newer_register_closes_who_left_and_opens_who_came(reference, tmp_path):
    load(write_subset(tmp_path, {"GM0106"}))
    newer = tmp_path / "newer"
    newer.mkdir()
    rows = write_subset(newer, {"GM0106"}, change="2026-09").read_text(encoding="utf-8")
    rows = rows.replace("Dhr. A. Smit", "Mw. K. Nieuwenhuis").replace("2026-04-13", "2026-09-01")
    (newer / "roo_bestuurders_en_raadsleden_2026-09.csv").write_text(rows, encoding="utf-8")
    load(newer / "roo_bestuurders_en_raadsleden_2026-09.csv")
    with scopes_disabled():
        smit = Person.objects.get(
            family_name="Smit", initials="A.", external_id__startswith="roo:GM0106"
        )
        gone = smit.positions.get()
        assert gone.end_date == datetime.date(2026, 8, 31)
        new = Person.objects.get(family_name="Nieuwenhuis")
        arrived = new.positions.get()
        assert arrived.is_current(TODAY)
        assert arrived.source == "het Register van Overheidsorganisaties, september 2026"
        assert arrived.details == {"first_seen": "2026-09-01"}
        # Those still listed keep the position they had.
        assert current("BW-GM0106", role=Role.ALDERMAN, title="").count() == 5


def test_a_bad_row_writes_nothing_and_says_where(reference, tmp_path):
    subset = write_subset(tmp_path, {"GM0106"})
    text = subset.read_text(encoding="utf-8").replace(",Raadsgriffier,", ",Gemeentesecretaris,")
    subset.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as error:
        load(subset)
    assert "Gemeentesecretaris" in error.value.errors[0]
    assert "56" in error.value.errors[0]
    with scopes_disabled():
        assert (
            not Position.objects.public()
            .filter(body__code="GR-GM0106", role="council_member")
            .exists()
        )


def test_the_whole_register(reference):
    load_almanak(DATA)
    result = load_office_holders(DATA)
    assert result.created > 23_000
    with scopes_disabled():
        councils = PartyGroup.objects.filter(seats__gt=0, body__kind="council")
        assert councils.values("body").distinct().count() == 342
        assert sum(councils.values_list("seats", flat=True)) == 8240
        members = Position.objects.public().filter(role=Role.COUNCIL_MEMBER, title="")
        # Namesakes of either sex in one council ("Dhr. M. Westerink", "Mw. M. Westerink")
        # stay two people.
        assert (
            members.filter(source__startswith="het Register").count() == 8314 - duplicates_in_file()
        )
        # A 2015 Almanak council member still listed in 2026 is the same person.
        reused = Person.objects.filter(
            external_id__startswith="ori:", positions__source__startswith="het Register"
        )
        assert reused.exists()


def duplicates_in_file():
    """Council members typed twice, word for word, in one municipality: one person."""
    with HOLDERS.open(encoding="utf-8") as handle:
        rows = [
            (row["gemeentenaam"], row["naam_zoals_in_roo"])
            for row in csv.DictReader(handle)
            if row["functie"] == "Raadslid"
        ]
    return len(rows) - len(set(rows))
