"""The office holders of every municipality, from the Register van Overheidsorganisaties.

One file lists, per municipality, its council members, group chairs, aldermen, (acting)
mayors, deputy mayors and clerks by name, as each municipality typed them; a second gives
every council's party groups with their seats. Neither gives a party per person: only in
Assen is the party known, by matching the council members to the 2026 candidate list.

One person per real person: someone listed under two functions in one municipality (a
group chair is also a council member, a deputy mayor also an alderman) is one person with
two positions, and a person already known from the candidate list or the 2015 Almanak in
that municipality is reused rather than created again. Re-loading the same file changes
nothing; a newer file closes the positions of those no longer listed (they left office)
and opens the new ones, which is what the "what changed" page reads.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from werkbezoek.reference.loaders import LoadResult, ReferenceDataError, read_rows
from werkbezoek.reference.models import Body, Municipality, Party, PartyGroup

from .models import Person, Position
from .public_data import DUTCH_MONTHS, OFFICE_FUNCTIONS, salutation, slug, split_prefix

REGISTER = "het Register van Overheidsorganisaties"
MAX_ERRORS = 20
HOLDER_COLUMNS = [
    "gemeentecode",
    "gemeentenaam",
    "functie",
    "naam_zoals_in_roo",
    "laatste_mutatie_gemeente",
]
SEAT_COLUMNS = ["gemeentecode", "gemeentenaam", "partij", "zetels", "laatste_mutatie"]
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
FILE_MONTH = re.compile(r"_(\d{4})-(\d{2})\.csv$")

HONORIFICS = {"dhr.": "male", "dhr": "male", "mw.": "female", "mw": "female", "mevr.": "female"}
ACADEMIC_TITLES = {"drs.", "drs", "mr.", "mr", "dr.", "dr", "ir.", "ir", "ing.", "ing", "prof."}
# "B.J.", "T.C" (a dot forgotten), "D,W." (a comma typed for a dot), "Th.", a lone "M".
INITIALS = re.compile(r"^(?:[A-Z][a-z]?[.,])*[A-Z][a-z]?\.?$")
# Letters after the name: "Dhr. drs. P.D. Nap, CMC".
POST_NOMINALS = re.compile(r",\s*[A-Z][A-Za-z]{1,5}\s*$")

# The Assen candidate list uses the registered list names ("SP (Socialistische Partij)");
# the register the names the groups use in the council now. GroenLinks-PvdA's group became
# PRO in spring 2026 (SOURCES.md §6).
ASSEN = "GM0106"
ASSEN_LIST_TO_GROUP = {"groenlinks / partij van de arbeid (pvda)": "pro"}


def _group_label(list_name: str) -> str:
    """'PVV (Partij voor de Vrijheid)' -> 'pvv': the name without its explanation."""
    label = list_name.casefold()
    return ASSEN_LIST_TO_GROUP.get(label, re.sub(r"\s*\(.*\)$", "", label))


@dataclass(frozen=True)
class OfficeHolderName:
    gender: str  # "male", "female" or "" when the register gave no honorific
    initials: str
    prefix: str
    family_name: str


def parse_office_holder_name(raw: str) -> OfficeHolderName:
    """'Mw. A.  de Rijke-Criens' -> ('female', 'A.', 'de', 'Rijke-Criens')."""
    text = " ".join(raw.split()).replace(" - ", "-")
    text = POST_NOMINALS.sub("", text)
    words = text.split()
    gender = ""
    if words and words[0].lower() in HONORIFICS:
        gender = HONORIFICS[words.pop(0).lower()]
    words = [word for word in words if word.lower() not in ACADEMIC_TITLES]
    initials = []
    while len(words) > 1 and INITIALS.match(words[0]):
        initials.append(words.pop(0))
    prefix, family = split_prefix(" ".join(words))
    letters = re.findall(r"[A-Z][a-z]?", "".join(initials))
    return OfficeHolderName(gender, "".join(f"{letter}." for letter in letters), prefix, family)


def _match_keys(initials: str, prefix: str, family: str) -> list[tuple[str, str]]:
    """First initial and the first part of a double name ('P. van der Meulen' is candidate
    'van der Meulen-ter Braake, P.'); then the same without the prefix, which a municipality
    sometimes leaves out ('E.V.J. Bue' is candidate 'de Bue, E.V.J.')."""
    first_part = re.split(r"\s*-\s*", family.strip())[0]
    initial = initials[:1].upper()
    return [(initial, slug(f"{prefix} {first_part}")), (f"{initial}~", slug(first_part))]


@dataclass
class Holder:
    municipality: str
    name: OfficeHolderName
    functions: set = field(default_factory=set)

    @cached_property
    def key(self) -> str:
        # With the honorific: three councils have a "Dhr." and a "Mw." of the same name.
        gender = {"male": "m", "female": "v"}.get(self.name.gender, "-")
        letters = slug(self.name.initials) or "-"
        name = slug(f"{self.name.prefix} {self.name.family_name}")
        return f"roo:{self.municipality}:{gender}:{letters}:{name}"


def source_label(path: Path) -> str:
    """'…_2026-04.csv' -> 'het Register van Overheidsorganisaties, april 2026'."""
    match = FILE_MONTH.search(path.name)
    if not match:
        return REGISTER
    months = {number: name for name, number in DUTCH_MONTHS.items()}
    return f"{REGISTER}, {months.get(int(match[2]), match[2])} {match[1]}"


def _code(row: dict, names_to_codes: dict) -> str:
    """The register leaves the code empty for twelve municipalities formed since 2018."""
    return row["gemeentecode"].strip() or names_to_codes.get(
        row["gemeentenaam"].strip().casefold(), ""
    )


def _more(errors: list) -> list[str]:
    hidden = len(errors) - MAX_ERRORS
    more = ngettext("… and %(count)d more.", "… and %(count)d more.", hidden)
    return [more % {"count": hidden}] if hidden > 0 else []


def _read_holders(path: Path, names_to_codes: dict, errors: list) -> tuple[dict, dict]:
    holders: dict[str, Holder] = {}
    observed: dict[str, datetime.date] = {}
    for line, row in enumerate(read_rows(path, HOLDER_COLUMNS), start=2):

        def where(line=line):
            return _("%(file)s line %(line)d") % {"file": path.name, "line": line}

        code = _code(row, names_to_codes)
        if not MUNICIPALITY_CODE.match(code):
            errors.append(
                _("%(where)s: municipality '%(value)s' has no code like GM0106.")
                % {"where": where(), "value": row["gemeentenaam"] or row["gemeentecode"]}
            )
            continue
        function = row["functie"].strip()
        if function not in OFFICE_FUNCTIONS:
            errors.append(
                _("%(where)s: unknown function '%(value)s'.")
                % {"where": where(), "value": function}
            )
            continue
        name = parse_office_holder_name(row["naam_zoals_in_roo"])
        if not name.family_name:
            errors.append(_("%(where)s: no name.") % {"where": where()})
            continue
        try:
            observed[code] = datetime.date.fromisoformat(row["laatste_mutatie_gemeente"].strip())
        except ValueError:
            errors.append(
                _("%(where)s: '%(value)s' is not a date (YYYY-MM-DD).")
                % {"where": where(), "value": row["laatste_mutatie_gemeente"]}
            )
            continue
        holder = Holder(code, name)
        holder = holders.setdefault(holder.key, holder)
        holder.functions.add(function)
    return holders, observed


def _read_seats(path: Path, names_to_codes: dict, errors: list) -> dict:
    seats: dict[str, dict[str, tuple[int, datetime.date]]] = defaultdict(dict)
    for line, row in enumerate(read_rows(path, SEAT_COLUMNS), start=2):
        try:
            count = int(row["zetels"])
            day = datetime.date.fromisoformat(row["laatste_mutatie"].strip())
        except ValueError:
            errors.append(
                _("%(file)s line %(line)d: seats must be a number and the date YYYY-MM-DD.")
                % {"file": path.name, "line": line}
            )
            continue
        # A few councils list one label twice (Tiel: "Partij van de Burgers" 3 and 3):
        # the label holds both counts.
        listed = seats[_code(row, names_to_codes)]
        earlier = listed.get(row["partij"].strip(), (0, day))[0]
        listed[row["partij"].strip()] = (earlier + count, day)
    return seats


def load_office_holders(data_dir: Path) -> LoadResult:
    folder = data_dir / "gemeenteraad"
    holders_path = folder / "roo_bestuurders_en_raadsleden_2026-04.csv"
    return load_office_holders_from(
        holders_path,
        seats_path=folder / "roo_raad_zetels_per_partij_2026-04.csv",
        municipalities_path=folder / "roo_gemeenten_2026-04.csv",
    )


def load_office_holders_from(
    holders_path: Path, *, seats_path: Path, municipalities_path: Path
) -> LoadResult:
    errors: list[str] = []
    names_to_codes = {m.name.casefold(): m.code for m in Municipality.objects.all()}
    for row in read_rows(municipalities_path, ["gemeentecode", "gemeentenaam"]):
        if row["gemeentecode"].strip():
            names_to_codes[row["gemeentenaam"].strip().casefold()] = row["gemeentecode"].strip()
    holders, observed = _read_holders(holders_path, names_to_codes, errors)
    seats = _read_seats(seats_path, names_to_codes, errors)
    if not holders:
        errors.append(_("%(file)s contains no rows.") % {"file": holders_path.name})
    if errors:
        raise ReferenceDataError(errors[:MAX_ERRORS] + _more(errors))
    label = source_label(holders_path)
    with scopes_disabled(), transaction.atomic():
        return _write(holders, seats, observed, label)


def _write(holders: dict, seats: dict, observed: dict, label: str) -> LoadResult:
    result = LoadResult()
    codes = {holder.municipality for holder in holders.values()}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    missing = sorted(codes - municipalities.keys())
    if missing:
        raise ReferenceDataError(
            [
                _("Unknown municipality %(code)s; load the municipalities first.")
                % {"code": ", ".join(missing)}
            ]
        )
    bodies = _bodies(municipalities)
    groups = _party_groups(bodies, seats, label)
    people = _people(holders, bodies, groups, label, result)
    _positions(holders, people, bodies, observed, label, result)
    return result


def _bodies(municipalities: dict) -> dict[tuple[str, str], Body]:
    """The council and the executive of every municipality in the file."""
    wanted = {}
    for code, municipality in municipalities.items():
        wanted[(code, "council")] = Body(
            code=f"GR-{code}",
            kind=Body.Kind.COUNCIL,
            name=f"Gemeenteraad {municipality.name}",
            municipality=municipality,
        )
        wanted[(code, "executive")] = Body(
            code=f"BW-{code}",
            kind=Body.Kind.EXECUTIVE,
            name=f"College van B&W {municipality.name}",
            municipality=municipality,
        )
    existing = {b.code: b for b in Body.objects.filter(code__in=[b.code for b in wanted.values()])}
    Body.objects.bulk_create([b for b in wanted.values() if b.code not in existing])
    existing = {b.code: b for b in Body.objects.filter(code__in=[b.code for b in wanted.values()])}
    return {key: existing[body.code] for key, body in wanted.items()}


def _party_groups(bodies: dict, seats: dict, label: str) -> dict[tuple[int, str], PartyGroup]:
    """Every council's party groups with their seats on the register's date."""
    councils = {code: body for (code, kind), body in bodies.items() if kind == "council"}
    names = {name for code in councils for name in seats.get(code, {})}
    parties = {p.name: p for p in Party.objects.filter(name__in=names)}
    Party.objects.bulk_create([Party(name=name) for name in sorted(names - parties.keys())])
    parties = {p.name: p for p in Party.objects.filter(name__in=names)}
    existing = {
        (g.body_id, g.name): g for g in PartyGroup.objects.filter(body__in=councils.values())
    }
    existing_by_body = defaultdict(dict)
    for (body_id, name), group in existing.items():
        existing_by_body[body_id][name] = group
    new, changed = [], []
    for code, body in councils.items():
        listed = seats.get(code, {})
        for name, (count, day) in listed.items():
            group = existing.get((body.pk, name))
            if group is None:
                group = PartyGroup(body=body, party=parties[name], name=name)
                new.append(group)
            elif (group.seats, group.seats_date, group.seats_source) == (count, day, label):
                continue
            else:
                changed.append(group)
            group.seats, group.seats_date, group.seats_source = count, day, label
        for name, group in existing_by_body.get(body.pk, {}).items():
            # A group the register no longer lists has no seats by its count.
            gone = name not in listed and group.seats
            if gone and group.seats_source.startswith(REGISTER):
                group.seats, group.seats_date, group.seats_source = 0, None, label
                changed.append(group)
    PartyGroup.objects.bulk_create(new)
    PartyGroup.objects.bulk_update(changed, ["seats", "seats_date", "seats_source"])
    return {(g.body_id, g.name): g for g in PartyGroup.objects.filter(body__in=councils.values())}


def _known_people(bodies: dict) -> dict[tuple[str, tuple[str, str]], tuple[Person, str]]:
    """People already known in these municipalities from other sources, by (code, match key),
    with the party group label the source gives them ("" when none)."""
    known = {}
    code_of_body = {body.pk: code for (code, kind), body in bodies.items()}
    positions = (
        Position.objects.filter(organisation=None, body__in=code_of_body)
        .exclude(source__startswith=REGISTER)
        .select_related("person", "party_group")
        .order_by("pk")
    )
    for position in positions:
        person = position.person
        group = position.party_group.name if position.party_group else ""
        for match_key in _match_keys(person.initials, person.prefix, person.family_name):
            key = (code_of_body[position.body_id], match_key)
            if key in known and (known[key] is None or known[key][0] != person):
                known[key] = None  # two people answer to this name: match neither
            else:
                known[key] = (person, group)
    return known


def _people(holders, bodies, groups, label, result) -> dict[str, tuple[Person, PartyGroup | None]]:
    by_key = {}
    keys = [holder.key for holder in holders.values()]
    for start in range(0, len(keys), 2000):
        for person in Person.objects.public().filter(external_id__in=keys[start : start + 2000]):
            by_key[person.external_id] = person
    known = _known_people(bodies)
    seated = {
        (body_id, name.casefold()): group
        for (body_id, name), group in groups.items()
        if group.seats_source.startswith(REGISTER)
    }

    def match_keys(holder):
        name = holder.name
        return [
            (holder.municipality, key)
            for key in _match_keys(name.initials, name.prefix, name.family_name)
        ]

    namesakes = Counter(key for holder in holders.values() for key in match_keys(holder))
    new, changed, people = [], [], {}
    for key, holder in holders.items():
        name = holder.name
        council = bodies[(holder.municipality, "council")]
        person, group = by_key.get(key), None
        # Only a name that is unique on both sides is the same person.
        match = next(
            (known[key] for key in match_keys(holder) if namesakes[key] == 1 and known.get(key)),
            None,
        )
        if person is None and match is not None:
            person = match[0]
        if match and holder.municipality == ASSEN and "Raadslid" in holder.functions:
            group = seated.get((council.pk, _group_label(match[1])))
        if person is None:
            person = Person(
                external_id=key,
                initials=name.initials,
                prefix=name.prefix,
                family_name=name.family_name,
                salutation=salutation(name.gender, name.prefix, name.family_name),
                sources=label,
            )
            new.append(person)
        else:
            if _completed(person, name):
                changed.append(person)
            else:
                result.unchanged += 1
        people[key] = (person, group)
    # Both databases return the new ids from a bulk insert: the objects in `people` have them.
    Person.objects.bulk_create(new, batch_size=1000)
    Person.objects.bulk_update(changed, ["salutation"], batch_size=1000)
    result.created += len(new)
    result.updated += len(changed)
    return people


def _completed(person: Person, name: OfficeHolderName) -> bool:
    """A person known from elsewhere keeps the fuller name that source spelled; the register
    adds only the salutation its honorific implies (its own name is on the positions)."""
    if person.salutation or not name.gender:
        return False
    person.salutation = salutation(name.gender, person.prefix, person.family_name)
    return True


def _positions(holders, people, bodies, observed, label, result):
    """Open a position for every function listed; close those the register no longer lists."""
    wanted = {}
    for key, holder in holders.items():
        person, group = people[key]
        day = observed.get(holder.municipality)
        for function in holder.functions:
            role, body_kind, title = OFFICE_FUNCTIONS[function]
            body = bodies[(holder.municipality, body_kind)]
            party_group = group if body_kind == "council" and role == "council_member" else None
            wanted[(person.pk, body.pk, role, title)] = (party_group, day)
    open_positions = Position.objects.filter(
        organisation=None,
        body__in=list(bodies.values()),
        source__startswith=REGISTER,
        end_date__isnull=True,
    )
    existing = {(p.person_id, p.body_id, p.role, p.title): p for p in open_positions}
    new, closed = [], []
    newest = max(observed.values(), default=None)
    for natural_key, (group, day) in wanted.items():
        position = existing.get(natural_key)
        if position is not None and position.party_group_id == (group.pk if group else None):
            result.unchanged += 1
            continue
        if position is not None:
            # Another party group: the old membership ends, a new one begins.
            position.end_date = _day_before(day or newest, position)
            closed.append(position)
        person_id, body_id, role, title = natural_key
        new.append(
            Position(
                person_id=person_id,
                body_id=body_id,
                role=role,
                title=title,
                party_group=group,
                source=label,
                details={"first_seen": day.isoformat() if day else None},
            )
        )
    for natural_key, position in existing.items():
        if natural_key not in wanted:
            # No longer listed: left office by the day the newer register was read.
            position.end_date = _day_before(newest, position)
            closed.append(position)
    Position.objects.bulk_update(closed, ["end_date"], batch_size=1000)
    Position.objects.bulk_create(new, batch_size=1000)
    result.created += len(new)
    result.updated += len(closed)


def _day_before(day, position) -> datetime.date:
    first_seen = (position.details or {}).get("first_seen")
    end = day - datetime.timedelta(days=1)
    if first_seen and end < datetime.date.fromisoformat(first_seen):
        return datetime.date.fromisoformat(first_seen)
    return end
