"""Deliberate cross-organisation reads (docs/tenancy.md): the visits members chose to share
with their umbrella body, for the umbrella's overview and for the invitation load.

Every read starts from the umbrella's agreed memberships and each visit's own choice to be
shared, both checked on every call, so ending a membership or un-sharing a visit takes
effect on the next request. What comes out are plain values — the date, municipality,
theme, status, template, and the public roles and party groups of public people — never
model instances whose relations could lead into a member's private rows (stances, notes,
contacts, documents, answers)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from werkbezoek.organisations.models import UmbrellaLink
from werkbezoek.organisations.umbrellas import active_umbrellas
from werkbezoek.people.models import Person, Position, Role
from werkbezoek.reference.models import Municipality

from .models import CoHost, Guest, GuestInvitation, ProgrammeBlock, Status, Visit
from .programme import timetable

PAGE_SIZE = 50
# What a shared visit shows: public facts of the visit itself, nothing that hangs off it.
COLUMNS = [
    "pk",
    "organisation__name",
    "date",
    "municipality__name",
    "municipality__province__name",
    "theme",
    "status",
    "template__name",
    "template__version",
    "template__organisation_id",
]


@dataclass(frozen=True)
class SharedGuest:
    name: str
    roles: str  # "Wethouder, College van B en W Assen"
    party_group: str


@dataclass(frozen=True)
class SharedVisit:
    member: str
    date: datetime.date | None
    municipality: str
    province: str
    theme: str
    status: str
    template: str
    guests: tuple[SharedGuest, ...] = field(default=())


@dataclass
class Filters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    theme: str = ""
    status: str = ""
    party: str = ""  # part of a party's name or abbreviation
    politician: str = ""  # part of a public person's name


def _members(umbrella):
    return UmbrellaLink.objects.filter(umbrella=umbrella, status=UmbrellaLink.Status.ACTIVE).values(
        "member_id"
    )


def _public_guests():
    """Guests who are public people (open data): the only guests an umbrella may see."""
    return Guest._base_manager.filter(kind=Guest.Kind.GUEST, person__organisation__isnull=True)


def _shared(umbrella, filters: Filters):
    visits = Visit._base_manager.filter(
        organisation_id__in=_members(umbrella), shared_with_umbrella=True
    )
    if filters.start:
        visits = visits.filter(date__gte=filters.start)
    if filters.end:
        visits = visits.filter(date__lte=filters.end)
    if filters.theme:
        visits = visits.filter(theme=filters.theme)
    if filters.status:
        visits = visits.filter(status=filters.status)
    # A party or a politician: first the few people it means, then their visits (asking
    # for each visit whether a guest matches made the database walk every guest).
    if filters.politician:
        people = list(_public_people_named(filters.politician)[:5000])
        visits = visits.filter(
            pk__in=_public_guests().filter(person_id__in=people).values("visit_id")
        )
    if filters.party:
        text = filters.party
        people = list(
            Position.objects.filter(organisation__isnull=True)
            .held_on(timezone.localdate())
            .filter(
                Q(party_group__party__abbreviation__iexact=text)
                | Q(party_group__party__name__icontains=text)
                | Q(party_group__name__icontains=text)
            )
            .values_list("person_id", flat=True)[:20000]
        )
        visits = visits.filter(
            pk__in=_public_guests().filter(person_id__in=people).values("visit_id")
        )
    return visits


def _public_people_named(text: str):
    words = text.split()[:4]
    people = Person.objects.filter(organisation__isnull=True)
    for word in words:
        people = people.filter(
            Q(family_name__icontains=word) | Q(given_name__icontains=word) | Q(initials=word)
        )
    return people.values_list("pk", flat=True)


def shared_visits(
    umbrella, filters: Filters, *, page: int = 1, total: int | None = None
) -> tuple[list[SharedVisit], int]:
    """One page of the shared visits, the newest date first, and how many there are (pass
    `total` when it is known from shared_counts)."""
    visits = _shared(umbrella, filters)
    if total is None:
        total = visits.count()
    start = (page - 1) * PAGE_SIZE
    rows = list(visits.order_by("-date", "-pk").values(*COLUMNS)[start : start + PAGE_SIZE])
    guests = _guests_of([row["pk"] for row in rows])
    return [_shared_visit(row, guests.get(row["pk"], ())) for row in rows], total


def shared_visits_all(umbrella, filters: Filters, *, limit: int = 50_000) -> list[SharedVisit]:
    """All shared visits that match, for an export: in chunks, guests included."""
    result = []
    visits = _shared(umbrella, filters).order_by("-date", "-pk")
    for offset in range(0, limit, 2000):
        rows = list(visits.values(*COLUMNS)[offset : offset + 2000])
        guests = _guests_of([row["pk"] for row in rows])
        result += [_shared_visit(row, guests.get(row["pk"], ())) for row in rows]
        if len(rows) < 2000:
            break
    return result


def _shared_visit(row, guests) -> SharedVisit:
    template = row["template__name"]
    if row["template__organisation_id"] is not None:
        template = f"{template} (v{row['template__version']})"
    return SharedVisit(
        member=row["organisation__name"],
        date=row["date"],
        municipality=row["municipality__name"] or "",
        province=row["municipality__province__name"] or "",
        theme=row["theme"],
        status=_status_label(row["status"]),
        template=template,
        guests=tuple(guests),
    )


def _status_label(status: str) -> str:
    return str(Status(status).label) if status in Status.values else status


def _guests_of(visit_ids) -> dict[int, list[SharedGuest]]:
    """The public guests of these visits with their current public roles: three queries,
    plain values (a page of fifty visits has some hundred and fifty guests)."""
    pairs = list(
        _public_guests().filter(visit_id__in=visit_ids).values_list("visit_id", "person_id")
    )
    person_ids = {person for _visit, person in pairs}
    names = {
        pk: " ".join(part for part in (given or initials, prefix, family) if part)
        for pk, given, initials, prefix, family in Person.objects.filter(
            pk__in=person_ids, organisation__isnull=True
        ).values_list("pk", "given_name", "initials", "prefix", "family_name")
    }
    role_names = {value: str(label) for value, label in Role.choices}  # translated once
    roles: dict[int, list[str]] = {}
    groups: dict[int, set[str]] = {}
    for person_id, role, body, title, group in (
        Position.objects.filter(person_id__in=person_ids, organisation__isnull=True)
        .held_on(timezone.localdate())
        .order_by("start_date")
        .values_list("person_id", "role", "body__name", "title", "party_group__name")
    ):
        roles.setdefault(person_id, []).append(f"{role_names.get(role, role)} {body or title}")
        if group:
            groups.setdefault(person_id, set()).add(group)
    result: dict[int, list[SharedGuest]] = {}
    for visit_id, person_id in pairs:
        result.setdefault(visit_id, []).append(
            SharedGuest(
                name=names.get(person_id, ""),
                roles="; ".join(roles.get(person_id, [])),
                party_group=", ".join(sorted(groups.get(person_id, ()))),
            )
        )
    return result


def shared_counts(umbrella, filters: Filters) -> dict:
    """Counts of the matching shared visits per theme, status, province and municipality:
    three grouped queries without joins (a few rows each), names looked up after."""
    visits = _shared(umbrella, filters).order_by()
    themes: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for theme, status, n in visits.values_list("theme", "status").annotate(n=Count("pk")):
        themes[theme] = themes.get(theme, 0) + n
        statuses[status] = statuses.get(status, 0) + n
    per_place = dict(
        visits.values_list("municipality_id")
        .annotate(n=Count("pk"))
        .values_list("municipality_id", "n")
    )
    places = Municipality.objects.filter(pk__in=per_place).values_list(
        "pk", "name", "province__code", "province__name"
    )
    provinces: dict[str, dict] = {}
    unknown = {"code": "", "province": "", "n": 0, "places": []}
    for pk, name, code, province in places:
        entry = provinces.setdefault(
            code, {"code": code, "province": province, "n": 0, "places": []}
        )
        entry["n"] += per_place[pk]
        entry["places"].append((name, per_place[pk]))
    if per_place.get(None):
        unknown["n"] = per_place[None]
        unknown["places"] = [("", per_place[None])]
        provinces[""] = unknown
    for entry in provinces.values():
        entry["places"].sort(key=lambda place: (-place[1], place[0]))
        # One line per province, the municipalities with their counts: cheap to show.
        entry["summary"] = ", ".join(f"{name or '?'} {n}" for name, n in entry["places"])
    return {
        "themes": sorted(themes.items(), key=lambda item: (-item[1], item[0])),
        "statuses": [(_status_label(s), statuses[s]) for s in Status.values if s in statuses],
        "provinces": sorted(provinces.values(), key=lambda entry: (-entry["n"], entry["province"])),
        "total": sum(themes.values()),
    }


def invitation_load(
    umbrella, start: datetime.date, end: datetime.date, *, person_ids=None, exclude_member=None
) -> dict[int, int]:
    """{public person id: invitations sent to them from the umbrella's members' shared
    visits between start and end}. A member asking sees counts, never who invited."""
    invitations = GuestInvitation._base_manager.filter(
        visit__organisation_id__in=_members(umbrella),
        visit__shared_with_umbrella=True,
        sent_at__date__gte=start,
        sent_at__date__lte=end,
        guest__kind=Guest.Kind.GUEST,
        guest__person__organisation__isnull=True,
    )
    if exclude_member is not None:
        invitations = invitations.exclude(visit__organisation=exclude_member)
    if person_ids is not None:
        invitations = invitations.filter(guest__person_id__in=person_ids)
    return dict(
        invitations.values("guest__person_id")
        .annotate(n=Count("pk"))
        .values_list("guest__person_id", "n")
    )


@dataclass(frozen=True)
class Load:
    count: int  # invitations this month from other members of the umbrella
    threshold: int  # from this many the umbrella asks its members to hold back

    @property
    def high(self) -> bool:
        return self.count >= self.threshold


def load_for_member(member, person_ids, today: datetime.date) -> dict[int, Load]:
    """For a member picking guests: how many invitations each of these politicians has
    this month from the other members of its umbrella bodies (shared visits only). Counts,
    never who invited."""
    person_ids = [pk for pk in person_ids if pk]
    if not person_ids:
        return {}
    start = today.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    loads: dict[int, Load] = {}
    for umbrella in active_umbrellas(member):
        counts = invitation_load(umbrella, start, end, person_ids=person_ids, exclude_member=member)
        for person_id, count in counts.items():
            if person_id not in loads or count > loads[person_id].count:
                loads[person_id] = Load(count, umbrella.invitation_load_threshold)
    return loads


# --- Dialogue sessions: an umbrella's own visits with members as co-hosts -----------------


@dataclass(frozen=True)
class SharedSession:
    umbrella: str
    title: str
    date: datetime.date | None
    start: datetime.time
    place: str
    municipality: str
    theme: str
    status: str
    programme: tuple[tuple[str, str], ...]  # ("10:00–10:15", "Ontvangst")
    guests: tuple[SharedGuest, ...]
    cohosts: tuple[str, ...]


def sessions_for_member(member) -> list[SharedSession]:
    """The sessions of this organisation's umbrella bodies that it co-hosts, while it is a
    member: what a co-host needs to take part, never the umbrella's notes or answers."""
    umbrella_ids = [umbrella.pk for umbrella in active_umbrellas(member)]
    visit_ids = list(
        CoHost._base_manager.filter(member=member, organisation_id__in=umbrella_ids).values_list(
            "visit_id", flat=True
        )
    )
    visits = list(
        Visit._base_manager.filter(pk__in=visit_ids, organisation_id__in=umbrella_ids)
        .exclude(status=Status.CANCELLED)
        .select_related("organisation", "municipality")
        .order_by(F("date").asc(nulls_last=True), "pk")
    )
    ids = [visit.pk for visit in visits]
    blocks: dict[int, list] = {}
    for block in ProgrammeBlock._base_manager.filter(visit_id__in=ids).order_by("position", "pk"):
        blocks.setdefault(block.visit_id, []).append(block)
    hosts: dict[int, list[str]] = {}
    for visit_id, name in (
        CoHost._base_manager.filter(visit_id__in=ids)
        .order_by("member__name")
        .values_list("visit_id", "member__name")
    ):
        hosts.setdefault(visit_id, []).append(name)
    guests = _guests_of(ids)
    return [
        SharedSession(
            umbrella=visit.organisation.name,
            title=visit.title,
            date=visit.date,
            start=visit.start_time,
            place=", ".join(p for p in (visit.location_name, visit.address) if p),
            municipality=visit.municipality.name if visit.municipality_id else "",
            theme=visit.theme,
            status=_status_label(visit.status),
            programme=tuple(
                (f"{slot.starts:%H:%M}–{slot.ends:%H:%M}", slot.block.title)
                for slot in timetable(blocks.get(visit.pk, []), visit.start_time)
            ),
            guests=tuple(guests.get(visit.pk, ())),
            cohosts=tuple(hosts.get(visit.pk, ())),
        )
        for visit in visits
    ]
