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

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from werkbezoek.organisations.models import UmbrellaLink
from werkbezoek.organisations.umbrellas import active_umbrellas
from werkbezoek.people.models import Person, Position

from .models import Guest, GuestInvitation, Status, Visit

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
    if filters.politician:
        people = _public_people_named(filters.politician)
        visits = visits.filter(
            Exists(_public_guests().filter(visit=OuterRef("pk"), person_id__in=people))
        )
    if filters.party:
        text = filters.party
        members = Position.objects.filter(organisation__isnull=True).filter(
            Q(party_group__party__abbreviation__iexact=text)
            | Q(party_group__party__name__icontains=text)
            | Q(party_group__name__icontains=text)
        )
        visits = visits.filter(
            Exists(
                _public_guests().filter(
                    visit=OuterRef("pk"), person_id__in=members.values("person_id")
                )
            )
        )
    return visits


def _public_people_named(text: str):
    words = text.split()[:4]
    people = Person.objects.filter(organisation__isnull=True)
    for word in words:
        people = people.filter(
            Q(family_name__icontains=word) | Q(given_name__icontains=word) | Q(initials=word)
        )
    return people.values("pk")


def shared_visits(umbrella, filters: Filters, *, page: int = 1) -> tuple[list[SharedVisit], int]:
    """One page of the shared visits, the newest date first, and how many there are."""
    visits = _shared(umbrella, filters)
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
    """The public guests of these visits with their current public roles: three queries."""
    pairs = list(
        _public_guests().filter(visit_id__in=visit_ids).values_list("visit_id", "person_id")
    )
    person_ids = {person for _visit, person in pairs}
    names = {
        person.pk: str(person)
        for person in Person.objects.filter(pk__in=person_ids, organisation__isnull=True)
    }
    roles: dict[int, list] = {}
    for position in (
        Position.objects.filter(person_id__in=person_ids, organisation__isnull=True)
        .held_on(timezone.localdate())
        .select_related("body", "party_group")
        .order_by("start_date")
    ):
        roles.setdefault(position.person_id, []).append(position)
    result: dict[int, list[SharedGuest]] = {}
    for visit_id, person_id in pairs:
        positions = roles.get(person_id, [])
        result.setdefault(visit_id, []).append(
            SharedGuest(
                name=names.get(person_id, ""),
                roles="; ".join(str(p) for p in positions),
                party_group=", ".join(
                    sorted({p.party_group.name for p in positions if p.party_group_id})
                ),
            )
        )
    return result


def shared_counts(umbrella, filters: Filters) -> dict:
    """Counts of the matching shared visits per theme, status, province and municipality."""
    visits = _shared(umbrella, filters)
    themes = visits.values("theme").annotate(n=Count("pk")).order_by("-n", "theme")
    statuses = visits.values("status").annotate(n=Count("pk")).order_by("status")
    places = visits.values(
        "municipality__province__code", "municipality__province__name", "municipality__name"
    ).annotate(n=Count("pk"))
    provinces: dict[str, dict] = {}
    for row in places:
        province = row["municipality__province__name"] or ""
        entry = provinces.setdefault(
            province,
            {
                "code": row["municipality__province__code"] or "",
                "province": province,
                "n": 0,
                "places": [],
            },
        )
        entry["n"] += row["n"]
        entry["places"].append((row["municipality__name"] or "", row["n"]))
    for entry in provinces.values():
        entry["places"].sort(key=lambda place: (-place[1], place[0]))
    return {
        "themes": [(row["theme"], row["n"]) for row in themes],
        "statuses": [(_status_label(row["status"]), row["n"]) for row in statuses],
        "provinces": sorted(provinces.values(), key=lambda entry: (-entry["n"], entry["province"])),
        "total": sum(row["n"] for row in themes),
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
