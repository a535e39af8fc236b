"""Public persons and positions from open data: the Tweede Kamer members, the Assen 2026
election, and the 2015 Almanak councils (committee meetings: calendars.public_meetings).

Each loader reads and checks its whole file first, then writes in one transaction. Re-runs
update by natural key (Person.external_id; one position per person, body, role and start),
so nothing is duplicated. Reference rows have organisation NULL. Opinions are never loaded.
"""

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from werkbezoek.reference.loaders import LoadResult, ReferenceDataError, read_rows, upsert
from werkbezoek.reference.models import Body, Municipality, Party, PartyGroup

from .models import (
    Person,
    Position,
    Role,
    organisation_rows_about_people,
    standalone_surname,
)

DUTCH_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
# The same party under two labels in the two member files.
PARTY_ALIASES = {"GL-PvdA": "GroenLinks-PvdA", "CU": "ChristenUnie"}
# The Kamer elected in 2023 sat until the new one was installed (kalender/verkiezingen_en_reces).
TK2025_INSTALLED = datetime.date(2025, 11, 12)
# Where a position comes from, as the person page says it: "volgens …".
WIKIPEDIA_SOURCE = "Wikipedia (Tweede Kamerleden 2023-2025)"
AGENDA_SOURCE = "de commissieagenda's van de Tweede Kamer"
ELECTED_SOURCE = "de kandidatenlijsten en de zetelverdeling van de Kiesraad (2025)"
ASSEN_SOURCE = "de Kiesraad, uitslag gemeenteraadsverkiezing Assen 2026"
TK2023_LAST_DAY = TK2025_INSTALLED - datetime.timedelta(days=1)
GR2026_NOMINATION = datetime.date(2026, 2, 2)
GR2026_ELECTION = datetime.date(2026, 3, 18)
ASSEN = "GM0106"


def parse_dutch_date(text: str) -> datetime.date:
    """'6 december 2023' -> date(2023, 12, 6)."""
    match = re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", text.strip().lower())
    if not match or match[2] not in DUTCH_MONTHS:
        raise ValueError(text)
    return datetime.date(int(match[3]), DUTCH_MONTHS[match[2]], int(match[1]))


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def split_prefix(name: str) -> tuple[str, str]:
    """'van der Plas' -> ('van der', 'Plas'): Dutch prefixes are the lower-case words in front."""
    words = name.split()
    prefix = []
    while len(words) > 1 and words[0][:1].islower():
        prefix.append(words.pop(0))
    return " ".join(prefix), " ".join(words)


@dataclass
class PersonRow:
    key: str
    given_name: str = ""
    initials: str = ""
    prefix: str = ""
    family_name: str = ""
    salutation: str = ""
    sources: str = ""
    positions: list[dict] = field(default_factory=list)


def tk_key(family_name: str, first_letter: str) -> str:
    # The two member files share no id: family name plus first initial links them.
    return f"tk:{slug(family_name)}:{first_letter.lower()}"


def _read_wikipedia_members(path: Path, people: dict, errors: list):
    for line, row in enumerate(
        read_rows(path, ["full_name", "last_name", "party", "start_date", "end_date"]), start=2
    ):
        full_name, last_name = row["full_name"].strip(), row["last_name"].strip()
        lowered = full_name.lower()
        if not full_name or not lowered.endswith(last_name.lower()):
            errors.append(
                _(
                    "%(file)s line %(line)d: last name '%(last)s' does not end the "
                    "full name '%(full)s'."
                )
                % {"file": path.name, "line": line, "last": last_name, "full": full_name}
            )
            continue
        front = full_name[: len(full_name) - len(last_name)].strip()
        last_prefix, family = split_prefix(last_name)
        front_words = front.split()
        given_words = [w for w in front_words if not w[:1].islower()]
        prefix = " ".join(
            [w for w in front_words if w[:1].islower()] + ([last_prefix] if last_prefix else [])
        )
        try:
            start = parse_dutch_date(row["start_date"])
            end = parse_dutch_date(row["end_date"]) if row["end_date"].strip() else TK2023_LAST_DAY
        except ValueError as error:
            errors.append(
                _("%(file)s line %(line)d: '%(value)s' is not a date like '6 december 2023'.")
                % {"file": path.name, "line": line, "value": error}
            )
            continue
        given = " ".join(given_words)
        person = people.setdefault(
            tk_key(family, given[:1]),
            PersonRow(
                key=tk_key(family, given[:1]), given_name=given, prefix=prefix, family_name=family
            ),
        )
        person.sources = "Wikipedia (lijst van Tweede Kamerleden)"
        person.positions.append(
            {
                "group": PARTY_ALIASES.get(row["party"].strip(), row["party"].strip()),
                "start": start,
                "end": max(start, end),
                "source": WIKIPEDIA_SOURCE,
            }
        )


def _read_agenda_members(path: Path, people: dict, errors: list):
    rows = read_rows(path, ["initialen", "roepnaam", "achternaam", "fractie", "eerste_vergadering"])
    labels: dict[str, list[tuple[datetime.date, str]]] = {}
    for line, row in enumerate(rows, start=2):
        prefix, family = split_prefix(row["achternaam"].strip())
        initials = row["initialen"].strip()
        try:
            first_seen = datetime.date.fromisoformat(row["eerste_vergadering"].strip())
        except ValueError:
            errors.append(
                _("%(file)s line %(line)d: '%(value)s' is not a date (YYYY-MM-DD).")
                % {"file": path.name, "line": line, "value": row["eerste_vergadering"]}
            )
            continue
        if not family or not initials:
            errors.append(
                _("%(file)s line %(line)d: name or initials missing.")
                % {"file": path.name, "line": line}
            )
            continue
        key = tk_key(family, initials[:1])
        person = people.setdefault(key, PersonRow(key=key, prefix=prefix, family_name=family))
        person.initials = initials
        if row["roepnaam"].strip() and not person.given_name:
            person.given_name = row["roepnaam"].strip()
        person.sources = (person.sources + "; " if person.sources else "") + (
            "Tweede Kamer commissieagenda's (open data)"
        )
        label = PARTY_ALIASES.get(row["fractie"].strip(), row["fractie"].strip())
        labels.setdefault(key, []).append((first_seen, label))
    # A change of party group label becomes a new dated position; the first one starts
    # when the Kamer was installed, each next one when the new label was first seen.
    for key, seen in labels.items():
        seen.sort()
        for index, (first_seen, label) in enumerate(seen):
            start = TK2025_INSTALLED if index == 0 else first_seen
            end = seen[index + 1][0] - datetime.timedelta(days=1) if index + 1 < len(seen) else None
            people[key].positions.append(
                {"group": label, "start": start, "end": end, "source": AGENDA_SOURCE}
            )


# The registered list names of 2025 and the labels the groups use in the Kamer.
TK2025_LIST_LABELS = {
    "PVV (Partij voor de Vrijheid)": "PVV",
    "GROENLINKS / Partij van de Arbeid (PvdA)": "GroenLinks-PvdA",
    "SP (Socialistische Partij)": "SP",
    "Staatkundig Gereformeerde Partij (SGP)": "SGP",
    "Partij voor de Dieren": "PvdD",
    "Forum voor Democratie": "FVD",
}
TK2025_ELECTED = "tk2025_gekozen_afgeleid_met_opvolgers.csv"
TK2025_SEATS_SOURCE = "de Kiesraad, uitslag Tweede Kamerverkiezing 29 oktober 2025"
ELECTED_COLUMNS = [
    "partij",
    "positie",
    "initialen",
    "voornaam",
    "tussenvoegsel",
    "achternaam",
    "geslacht",
    "gekozen_7nov2025",
    "gekozen_via",
    "eerste_agenda",
]


def _read_elected(path: Path, people: dict, errors: list) -> dict[str, str]:
    """The 150 elected in 2025 and their successors: completes the names, dates the
    successors' seats from their first committee meeting, and gives a seat to the elected
    who attended none. Returns the duplicates this file resolves: a member whom the two
    older files keyed by first name and by initial ("Tony" / "A.") is one person."""
    duplicates = {}
    for line, row in enumerate(read_rows(path, ELECTED_COLUMNS), start=2):
        family, initials, given = (
            row["achternaam"].strip(),
            row["initialen"].strip(),
            row["voornaam"].strip(),
        )
        if not family or not initials:
            errors.append(
                _("%(file)s line %(line)d: name or initials missing.")
                % {"file": path.name, "line": line}
            )
            continue
        prefix = row["tussenvoegsel"].strip()
        by_initial, by_name = (
            tk_key(family, initials[:1]),
            tk_key(family, given[:1] or initials[:1]),
        )
        if by_initial in people and by_name in people and by_initial != by_name:
            twin = people.pop(by_name)
            people[by_initial].positions.extend(twin.positions)
            duplicates[by_name] = by_initial
        # The agenda spells some names otherwise: "El Boujdaini" with a capital prefix,
        # "Van Brenk" without the second part of a double name.
        spellings = [
            tk_key(name, letter)
            for name in (family, f"{prefix} {family}", family.split("-")[0])
            for letter in (initials[:1], given[:1])
        ]
        key = next((k for k in spellings if k in people), by_initial)
        person = people.setdefault(key, PersonRow(key=key, family_name=family))
        person.given_name, person.initials = given or person.given_name, initials
        person.prefix, person.family_name = prefix, family
        person.salutation = salutation(row["geslacht"].strip(), person.prefix, family)
        if "Kiesraad" not in person.sources:
            person.sources = "; ".join(
                filter(None, [person.sources, "Kiesraad (kandidatenlijsten 2025)"])
            )
        seated = [p for p in person.positions if p["start"] >= TK2025_INSTALLED]
        elected = row["gekozen_7nov2025"].strip() == "ja"
        if seated and not elected:
            try:
                first_seen = datetime.date.fromisoformat(row["eerste_agenda"].strip())
            except ValueError:
                errors.append(
                    _("%(file)s line %(line)d: '%(value)s' is not a date (YYYY-MM-DD).")
                    % {"file": path.name, "line": line, "value": row["eerste_agenda"]}
                )
                continue
            # A successor sat from (at the latest) the first meeting seen, not from the start.
            first = min(seated, key=lambda p: p["start"])
            first["start"] = min(first_seen, first["end"] or first_seen)
        if not seated and elected:
            label = TK2025_LIST_LABELS.get(row["partij"].strip(), row["partij"].strip())
            person.positions.append(
                {
                    "group": PARTY_ALIASES.get(label, label),
                    "start": TK2025_INSTALLED,
                    "end": None,
                    "source": ELECTED_SOURCE,
                    "details": {
                        "list_position": int(row["positie"] or 0),
                        "elected_via": row["gekozen_via"].strip(),
                    },
                }
            )
    return duplicates


def _read_tk_seats(path: Path, errors: list) -> dict[str, tuple[int, datetime.date]]:
    seats = {}
    for line, row in enumerate(
        read_rows(path, ["verkiezing", "verkiezingsdatum", "partij", "zetels"]), start=2
    ):
        if row["verkiezing"].strip() != "TK2025":
            continue
        try:
            count, day = int(row["zetels"]), datetime.date.fromisoformat(row["verkiezingsdatum"])
        except ValueError:
            errors.append(
                _("%(file)s line %(line)d: seats must be a number and the date YYYY-MM-DD.")
                % {"file": path.name, "line": line}
            )
            continue
        label = TK2025_LIST_LABELS.get(row["partij"].strip(), row["partij"].strip())
        seats[PARTY_ALIASES.get(label, label)] = (count, day)
    return seats


def load_tweede_kamer(data_dir: Path) -> LoadResult:
    folder = data_dir / "tweede_kamer"
    people: dict[str, PersonRow] = {}
    errors: list[str] = []
    _read_wikipedia_members(folder / "tk_leden_2023-2025_wikipedia_subset.csv", people, errors)
    _read_agenda_members(
        folder / "tk_leden_uit_commissieagenda_vanaf_2025-11-12.csv", people, errors
    )
    duplicates = _read_elected(folder / TK2025_ELECTED, people, errors)
    seats = _read_tk_seats(folder / "tk_zetelverdeling_2023_2025.csv", errors)
    if errors:
        raise ReferenceDataError(errors)
    with scopes_disabled(), transaction.atomic():
        body, _created = Body.objects.update_or_create(
            code="TK", defaults={"kind": Body.Kind.PARLIAMENT, "name": "Tweede Kamer"}
        )
        result = _write(people.values(), body, Role.MEMBER_OF_PARLIAMENT)
        for label, (count, day) in seats.items():
            party, _created = Party.objects.get_or_create(name=label)
            PartyGroup.objects.update_or_create(
                body=body,
                name=label,
                defaults={
                    "party": party,
                    "seats": count,
                    "seats_date": day,
                    "seats_source": TK2025_SEATS_SOURCE,
                },
            )
        for source_key, target_key in duplicates.items():
            source = Person.objects.public().filter(external_id=source_key).first()
            if source is not None:
                target = Person.objects.public().get(external_id=target_key)
                _merge_public_duplicate(source, target)
                result.updated += 1
        return result


def _merge_public_duplicate(source: Person, target: Person):
    """Every organisation's data about `source` moves to `target`, each in its own scope
    (through the one task wrapper, run here and now); then the duplicate goes."""
    from .tasks import merge_duplicate_record

    for organisation_id in organisations_holding(source):
        merge_duplicate_record.call(
            organisation_id=organisation_id, source_id=source.pk, target_id=target.pk
        )
    source.delete()


def organisations_holding(person: Person) -> set[int]:
    """Ids of the organisations with any row about this person, in any app."""
    ids = set()
    for model, person_field in organisation_rows_about_people():
        rows = model._base_manager.filter(**{person_field: person}).exclude(organisation=None)
        ids |= set(rows.values_list("organisation_id", flat=True))
    return ids


def load_assen_2026(data_dir: Path) -> LoadResult:
    path = data_dir / "gemeenteraad" / "gr2026_assen_uitslag_per_kandidaat.csv"
    rows = read_rows(
        path, ["lijstnummer", "lijst", "volgnummer", "naam_kandidaat", "stemmen_totaal"]
    )
    people, errors = {}, []
    for line, row in enumerate(rows, start=2):
        if not row["volgnummer"].strip():
            continue  # a list's total, not a candidate
        name = row["naam_kandidaat"].strip()
        family_part, _comma, initials = name.partition(",")
        try:
            votes = int(row["stemmen_totaal"])
            list_number, position = int(row["lijstnummer"]), int(row["volgnummer"])
        except ValueError:
            errors.append(
                _("%(file)s line %(line)d: list, number and votes must be numbers.")
                % {"file": path.name, "line": line}
            )
            continue
        if not initials.strip():
            errors.append(
                _("%(file)s line %(line)d: '%(value)s' is not 'Last name, Initials'.")
                % {"file": path.name, "line": line, "value": name}
            )
            continue
        prefix, family = split_prefix(family_part.strip())
        key = f"gr2026-assen:{list_number}-{position}"
        people[key] = PersonRow(
            key=key,
            initials=initials.strip(),
            prefix=prefix,
            family_name=family,
            sources="Kiesraad, uitslag gemeenteraadsverkiezing Assen 18 maart 2026",
            positions=[
                {
                    "group": row["lijst"].strip(),
                    "start": GR2026_NOMINATION,
                    "end": GR2026_ELECTION,
                    "source": ASSEN_SOURCE,
                    "details": {
                        "list_number": list_number,
                        "list_position": position,
                        "votes": votes,
                    },
                }
            ],
        )
    if errors:
        raise ReferenceDataError(errors)
    with scopes_disabled(), transaction.atomic():
        municipality = Municipality.objects.filter(code=ASSEN).first()
        if municipality is None:
            raise ReferenceDataError([_("Load the municipalities first (Assen is missing).")])
        body, _created = Body.objects.update_or_create(
            code=f"GR-{ASSEN}",
            defaults={
                "kind": Body.Kind.COUNCIL,
                "name": "Gemeenteraad Assen",
                "municipality": municipality,
            },
        )
        return _write(people.values(), body, Role.CANDIDATE)


def _write(rows, body, role) -> LoadResult:
    result = LoadResult()
    groups = {}
    for row in rows:
        values = {
            "given_name": row.given_name,
            "initials": row.initials,
            "prefix": row.prefix,
            "family_name": row.family_name,
            "sources": row.sources,
        }
        if row.salutation:
            values["salutation"] = row.salutation
        person = upsert(Person.objects.public(), result, values=values, external_id=row.key)
        kept = []
        for spec in row.positions:
            label = spec["group"]
            if label not in groups:
                party, _created = Party.objects.get_or_create(name=label)
                groups[label], _created = PartyGroup.objects.get_or_create(
                    body=body, name=label, defaults={"party": party}
                )
            position, _created = Position.objects.update_or_create(
                organisation=None,
                person=person,
                body=body,
                role=role,
                start_date=spec["start"],
                defaults={
                    "party_group": groups[label],
                    "end_date": spec["end"],
                    "source": spec["source"],
                    "details": spec.get("details", {}),
                },
            )
            kept.append(position.pk)
        # A position an earlier version of these files gave (a successor's seat dated
        # from the installation) gives way to the one the files give now.
        Position.objects.public().filter(person=person, body=body, role=role).exclude(
            pk__in=kept
        ).delete()
    return result


# --- Open Raadsinformatie: Almanak persons (2015 snapshot) ------------------------------

# A municipality's functions as the Almanak and the Register van Overheidsorganisaties name
# them: (role, council or executive, title).
OFFICE_FUNCTIONS = {
    "Raadslid": (Role.COUNCIL_MEMBER, "council", ""),
    "Fractievoorzitter": (Role.COUNCIL_MEMBER, "council", "Fractievoorzitter"),
    "Wethouder": (Role.ALDERMAN, "executive", ""),
    "Locoburgemeester": (Role.ALDERMAN, "executive", "Locoburgemeester"),
    "Burgemeester": (Role.MAYOR, "executive", ""),
    "Burgemeester waarnemend": (Role.MAYOR, "executive", "Waarnemend burgemeester"),
    "Raadsgriffier": (Role.CIVIL_SERVANT, "council", "Raadsgriffier"),
    "Secretaris": (Role.CIVIL_SERVANT, "executive", "Gemeentesecretaris"),
}
SALUTATION_WORDS = {"dhr.", "mw.", "mevr.", "mevrouw", "de", "heer"}
TITLE_WORDS = {"drs.", "mr.", "dr.", "ir.", "ing.", "prof.", "bc.", "ds.", "drs", "mr", "dr"}


def split_almanak_name(name: str) -> tuple[str, str, str]:
    """'Dhr. drs. A van Waveren' -> ('A', 'van', 'Waveren')."""
    words = [w for w in name.split() if w.lower() not in SALUTATION_WORDS | TITLE_WORDS]
    initials = []
    while len(words) > 1 and ("." in words[0] or (len(words[0]) == 1 and words[0].isupper())):
        initials.append(words.pop(0))
    prefix, family = split_prefix(" ".join(words))
    return " ".join(initials), prefix, family


def salutation(gender: str | None, prefix: str, family: str) -> str:
    """'Geachte heer Van Waveren': a prefix is capitalised when no initials precede it."""
    address = {"male": "Geachte heer", "female": "Geachte mevrouw"}.get(gender or "")
    if not address:
        return ""
    return f"{address} {standalone_surname(prefix, family)}"


def load_almanak(data_dir: Path) -> LoadResult:
    folder = data_dir / "gemeenteraad"
    errors, specs = [], []
    for path in sorted(folder.glob("ori_almanak_2015_*_persons.json")):
        organisations_path = path.with_name(path.name.replace("_persons", "_organisations"))
        try:
            persons = json.loads(path.read_text(encoding="utf-8"))["persons"]
            organisations = json.loads(organisations_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as error:
            errors.append(
                _("%(file)s cannot be read: %(error)s") % {"file": path.name, "error": error}
            )
            continue
        codes = [
            identifier["identifier"]
            for organisation in organisations.get("organisations", [])
            if organisation.get("classification") == "Municipality"
            for identifier in organisation.get("identifiers", [])
            if identifier.get("scheme") == "CBS"
        ]
        if len(codes) != 1:
            errors.append(
                _("%(file)s: no single municipality (CBS code) found.")
                % {"file": organisations_path.name}
            )
            continue
        for person in persons:
            observed = person.get("meta", {}).get("processing_finished", "")[:10]
            try:
                observed_on = datetime.date.fromisoformat(observed)
            except ValueError:
                errors.append(
                    _("%(file)s: %(name)s has no valid date.")
                    % {"file": path.name, "name": person.get("name", "?")}
                )
                continue
            specs.append((codes[0], observed_on, person))
    if errors:
        raise ReferenceDataError(errors)

    result = LoadResult()
    with scopes_disabled(), transaction.atomic():
        municipalities = {m.code: m for m in Municipality.objects.all()}
        for code, observed_on, raw in specs:
            municipality = municipalities.get(code)
            if municipality is None:
                raise ReferenceDataError(
                    [
                        _("Unknown municipality %(code)s; load the municipalities first.")
                        % {"code": code}
                    ]
                )
            bodies = {
                "council": Body.objects.update_or_create(
                    code=f"GR-{code}",
                    defaults={
                        "kind": Body.Kind.COUNCIL,
                        "name": f"Gemeenteraad {municipality.name}",
                        "municipality": municipality,
                    },
                )[0],
                "executive": Body.objects.update_or_create(
                    code=f"BW-{code}",
                    defaults={
                        "kind": Body.Kind.EXECUTIVE,
                        "name": f"College van B&W {municipality.name}",
                        "municipality": municipality,
                    },
                )[0],
            }
            initials, prefix, family = split_almanak_name(raw["name"])
            values = {
                "initials": initials,
                "prefix": prefix,
                "family_name": family,
                "salutation": salutation(raw.get("gender"), prefix, family),
                "sources": "Almanak via Open Raadsinformatie, stand " + observed_on.isoformat(),
            }
            person = upsert(
                Person.objects.public(), result, values=values, external_id=f"ori:{raw['id']}"
            )
            party = next(
                (
                    m["organisation"]["name"]
                    for m in raw.get("memberships", [])
                    if m["organisation"].get("classification") == "Party"
                ),
                None,
            )
            for membership in raw.get("memberships", []):
                if membership["organisation"].get("classification") != "Council":
                    continue
                role, body_key, title = OFFICE_FUNCTIONS.get(
                    membership.get("role"), (Role.OTHER, "council", membership.get("role", ""))
                )
                body = bodies[body_key]
                group = None
                if party and role in (Role.COUNCIL_MEMBER, Role.ALDERMAN, Role.MAYOR):
                    group_body = bodies["council"]
                    party_obj, _new = Party.objects.get_or_create(name=party)
                    group, _new = PartyGroup.objects.get_or_create(
                        body=group_body, name=party, defaults={"party": party_obj}
                    )
                # Seen in this role on the day the Almanak was read; start and end unknown.
                Position.objects.update_or_create(
                    organisation=None,
                    person=person,
                    body=body,
                    role=role,
                    title=title,
                    source="Almanak (Open Raadsinformatie)",
                    defaults={
                        "party_group": group,
                        "start_date": None,
                        "end_date": observed_on,
                        "details": {
                            "observed_on": observed_on.isoformat(),
                            "almanak_url": raw.get("meta", {}).get("original_object_id", ""),
                        },
                    },
                )
    return result
