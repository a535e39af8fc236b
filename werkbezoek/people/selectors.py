"""Reads for the register. Filters across relations bypass the scoped managers, so they go
through subqueries on scoped managers or FilteredRelations limited to the organisation."""

import datetime
import functools
import heapq
import itertools
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.translation import get_language

from werkbezoek.lib.dates import months_before
from werkbezoek.lib.late import Late, local_today
from werkbezoek.organisations.models import Organisation
from werkbezoek.organisations.scoping import built_once, current_organisation, organisation_when_run
from werkbezoek.reference.models import Body

from .models import (
    GROUP_ROLES,
    AccessLogEntry,
    Assessment,
    Interaction,
    Person,
    Position,
    Role,
    organisation_rows_about_people,
)

POSITION_FILTERS = {
    "body": "body",
    "role": "role",
    "municipality": "body__municipality",
}


def filtered_people(organisation, filters: dict, today):
    """People matching the filters, without row-multiplying joins (no DISTINCT needed)."""
    people, current = _matching(organisation, filters, today)
    return _shown_in_order(people, organisation, filters, current)


def own_assessment(organisation) -> FilteredRelation:
    """The organisation's assessment of a person, as a join (`mine`): one assessment per
    person and organisation, so it multiplies no rows."""
    return FilteredRelation("assessments", condition=Q(assessments__organisation=organisation))


def _matching(organisation, filters, today):
    """The people the filters on names, assessments, roles and contacts leave (whom the
    register shows, and in which order, come after), and the positions held `today`."""
    people = Person.objects.annotate(mine=own_assessment(organisation))
    for word in (filters.get("q") or "").split()[:5]:
        people = people.filter(name_matches(word))
    if filters.get("in_register"):
        people = people.filter(mine__isnull=False)
    stance = filters.get("stance")
    if stance == "unknown":
        people = people.filter(Q(mine__isnull=True) | Q(mine__stance="unknown"))
    elif stance:
        people = people.filter(mine__stance=stance)
    if filters.get("min_influence"):
        people = people.filter(mine__influence__gte=filters["min_influence"])
    if filters.get("influence"):
        people = people.filter(mine__influence=filters["influence"])
    if filters.get("owner"):
        people = people.filter(mine__owner=filters["owner"])
    if filters.get("theme"):
        people = people.filter(mine__themes__icontains=filters["theme"])
    current = Position.objects.held_on(today)
    position_filters = {
        lookup: filters[name] for name, lookup in POSITION_FILTERS.items() if filters.get(name)
    }
    if filters.get("party"):
        current_in_party = current.filter(
            Q(party_group__name__icontains=filters["party"])
            | Q(party_group__party__name__icontains=filters["party"])
        )
        people = people.filter(pk__in=current_in_party.values("person_id"))
    if position_filters:
        people = people.filter(pk__in=current.filter(**position_filters).values("person_id"))
    if filters.get("contact_before") or filters.get("contact_after"):
        people = people.annotate(last_contact=last_contact_subquery())
        if filters.get("contact_before"):
            people = people.filter(last_contact__lt=filters["contact_before"])
        if filters.get("contact_after"):
            people = people.filter(last_contact__gt=filters["contact_after"])
    return people, current


def _shown_in_order(people, organisation, filters, current, part=None):
    """Whom of `people` the register shows, in the order chosen. `part` "own" keeps only
    the people the organisation added itself, "public" only the public records
    (ids_in_name_order reads the two apart)."""
    if not filters.get("in_register"):
        # Whom the organisation assessed is always shown (its own relations): with that
        # filter, the question whom to show is answered, and asking it again made the
        # map's database read every person of the register.
        people = _shown(people, organisation, filters, current, part)
    if part == "own":
        people = people.filter(organisation=organisation)
    elif part == "public":
        people = people.filter(organisation__isnull=True)
    sort = filters.get("sort")
    if sort == "influence":
        people = people.order_by(F("mine__influence").desc(nulls_last=True), *NAME_ORDER)
    elif sort == "stance":
        people = people.order_by(F("mine__stance").asc(nulls_last=True), *NAME_ORDER)
    elif sort == "contact":
        if "last_contact" not in people.query.annotations:
            people = people.annotate(last_contact=last_contact_subquery())
        people = people.order_by(F("last_contact").asc(nulls_first=True), *NAME_ORDER)
    return people


NAME_ORDER = ("family_name", "initials", "given_name", "pk")


def name_matches(word: str) -> Q:
    """One typed word against any part of a name (name_columns). Answered from trigram
    indexes: pg_trgm's per column on PostgreSQL (migrations 0011, 0012), the names' FTS5
    table on SQLite (0013) for words of three letters or more."""
    columns = name_columns(word)
    if connection.vendor == "sqlite" and len(word) >= TRIGRAM:
        return Q(pk__in=_names_containing(word, columns))
    return functools.reduce(
        operator.or_, (Q(**{f"{column}__icontains": word}) for column in columns)
    )


def name_columns(word: str) -> list[str]:
    """The name columns a typed word is looked for in: family and given name, and initials
    ("B.J.") and prefixes ("van", "ter") for words that can be one."""
    columns = ["family_name", "given_name"]
    if "." in word or len(word) <= 2:
        columns.append("initials")
    if len(word) <= 4 and "." not in word:
        columns.append("prefix")
    return columns


TRIGRAM = 3  # the shortest word a trigram index can look up


def _names_containing(word, columns):
    """On SQLite: the people with the word in one of these name columns, from the names'
    trigram index (migration people 0013) instead of reading every name. Like icontains,
    it matches any part of a name regardless of case (of É and Ç too, which SQLite's LIKE
    does not fold)."""
    phrase = '"' + word.replace('"', '""') + '"'
    return RawSQL(
        "SELECT rowid FROM people_person_name_search WHERE people_person_name_search MATCH %s",
        (f"{{{' '.join(columns)}}} : {phrase}",),
    )


def nearest_first(people, organisation, query: str):
    """Search results for a picker: people in the organisation's register, then office
    holders in its own municipalities, then whose family name is what was typed."""
    today = timezone.localdate()
    local = Position.objects.held_on(today).filter(
        person=OuterRef("pk"), body__municipality__in=organisation.municipalities.all()
    )
    words = query.split()
    return people.annotate(
        in_register=Case(When(mine__isnull=False, then=0), default=1),
        is_local=Case(When(Exists(local), then=0), default=1),
        exact=Case(When(family_name__iexact=words[-1] if words else "", then=0), default=1),
    ).order_by("in_register", "is_local", "exact", *NAME_ORDER)


def _shown(people, organisation, filters, current, part=None):
    """Whom the register shows before any other filter. By default: today's office holders
    in the organisation's own municipalities, plus everyone the organisation added, assessed
    or contacted. A name search or a chosen place looks in every municipality; "all" also
    shows those whose roles have ended (a former MP, a 2015 council member)."""
    show = filters.get("show") or ""
    if show == "all" or part == "own":  # the people it added itself are always shown
        return people
    looking_wider = filters.get("q") or filters.get("municipality") or filters.get("body")
    municipalities = [municipality.pk for municipality in organisation.working_area]
    if show == "" and municipalities and not looking_wider:
        # A few dozen office holders: a list the database builds once.
        local = current.filter(body__municipality__in=municipalities)
        holds_office = Q(pk__in=local.values("person_id"))
    else:
        # Every office holder in the country: asked only of the rows the other filters
        # (a name) leave, instead of listing some 13,000 first.
        holds_office = Exists(current.filter(person=OuterRef("pk")))
    # Each branch an id list from an index (not the assessment join, which makes the
    # database read every person to count them).
    assessed = Assessment.objects.own().values("person_id")
    contacted = Interaction.objects.own().values("people")
    followed = holds_office | Q(pk__in=assessed) | Q(pk__in=contacted)
    if part == "public":
        return people.filter(followed)
    return people.filter(followed | Q(organisation=organisation))


def ids_in_name_order(organisation, filters: dict, today):
    """On SQLite, for a long list in name order (no name searched, no other order chosen):
    a function (start, stop) -> the ids of that part of filtered_people(). None otherwise.

    For an organisation with thousands of people of its own, SQLite answers the one query
    of the default list by gathering and sorting all of them to show 25 (a third of the
    page's work). Read apart, its own people come in name order from an index (migration
    0014), only as far as the page needs, and the public records it follows are a few
    hundred; the two are merged here, in SQLite's order (text by code point, as Python).
    PostgreSQL walks the name index and stops after the page in the one query, and did
    worse with the parts apart (it misjudges how few public records are followed).
    """
    if connection.vendor != "sqlite" or filters.get("q") or filters.get("sort"):
        return None
    matching, current = _matching(organisation, filters, today)
    own, public = (
        _shown_in_order(matching, organisation, filters, current, part)
        .order_by(*NAME_ORDER)
        # The name columns first: the merge orders on these tuples.
        .values_list(*NAME_ORDER)
        for part in ("own", "public")
    )

    def read(start, stop):
        return [
            row[-1] for row in itertools.islice(heapq.merge(own[:stop], public[:stop]), start, stop)
        ]

    return read


def register(organisation, *, filters: dict | None = None, today=None):
    """People visible to the organisation, with its own assessment and their current roles.

    Last contact is added per page (with_last_contact, register_rows): computing it in this query
    would run the subquery for every person before sorting and paging.
    """
    today = today or timezone.localdate()
    people = filtered_people(organisation, filters or {}, today)
    return people.prefetch_related(*_row_details(today))


def _row_details(today):
    """What a register row shows besides the name: the organisation's own assessment
    (my_assessments) and the positions held today (current_positions)."""
    return (
        Prefetch(
            "assessments",
            queryset=Assessment.objects.own().select_related("owner__user"),
            to_attr="my_assessments",
        ),
        Prefetch(
            "positions",
            queryset=Position.objects.held_on(today).select_related("body", "party_group"),
            to_attr="current_positions",
        ),
    )


def register_rows(ids, today=None):
    """One page of the register: the people with these ids, in this order, as RowPersons
    with their assessment by the organisation in scope (my_assessments), their roles per
    body (roles, of RowPositions) and last contact (last_contact).

    Read by id: the filters already chose the ids, and running them again for 25 rows
    costs more than the rows themselves. Read as plain values, the assessment joined to
    its person: Django builds a model instance, and one per joined row, at a greater cost
    than the query (a page's 30 positions with their bodies and groups: 10.5 million
    instructions as instances, 5.9 as values)."""
    organisation = current_organisation()
    people = (
        Person.objects.filter(pk__in=ids)
        .annotate(
            mine=own_assessment(organisation),
            # For 25 people asked in the same query: one query less than with_last_contact().
            last_contact=last_contact_subquery(),
        )
        .values_list(*ROW_PERSON, "last_contact", "mine__pk", *ROW_ASSESSMENT)
    )
    found = {}
    width = len(ROW_PERSON)
    for row in people:
        person = found[row[0]] = RowPerson(*row[:width], last_contact=row[width])
        if row[width + 1] is not None:  # assessed
            person.my_assessments = [RowAssessment.from_values(*row[width + 2 :])]
    rows = [found[pk] for pk in ids if pk in found]
    today = today or timezone.localdate()
    held = defaultdict(list)
    for person_id, *values in (
        Position.objects.held_on(today)
        .filter(person_id__in=ids)
        .order_by()  # held_roles() puts them in order
        .values_list(*ROW_POSITION)
    ):
        held[person_id].append(RowPosition.from_values(*values))
    for person in rows:
        person.roles = held_roles(held.get(person.pk, []))
    return rows


# What a register row shows of an assessment and of a position (the page reads no more).
ROW_PERSON = ("pk", "organisation_id", *Person.NAME_FIELDS)
ROW_ASSESSMENT = (
    "mine__stance",
    "mine__influence",
    "mine__do_not_contact",
    "mine__owner__user__full_name",
    "mine__owner__user__email",
)
ROW_POSITION = (
    "person_id",
    "pk",
    "organisation_id",
    "role",
    "title",
    "body_id",
    "body__name",
    "body__kind",
    "party_group__name",
)


@dataclass(slots=True)
class RowPerson:
    """A person as a register row shows them (and the access log records them); the
    page adds `url`."""

    pk: int
    organisation_id: int | None
    given_name: str
    initials: str
    prefix: str
    family_name: str
    last_contact: object
    my_assessments: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    url: str = ""

    display_name = Person.display_name  # the same property: "Jan de Vries", "J. de Vries"

    def __str__(self):
        return self.display_name


@dataclass(slots=True)
class RowAssessment:
    """An assessment as a register row shows it; `owner_name` as str(owner.user) writes
    it (the name, or the e-mail address without one), empty without an owner."""

    stance: str
    influence: int | None
    do_not_contact: bool
    owner_name: str

    @classmethod
    def from_values(cls, stance, influence, do_not_contact, full_name, email):
        return cls(stance, influence, do_not_contact, full_name or email or "")


class RowBody(NamedTuple):
    name: str
    kind: str


class RowGroup(NamedTuple):
    name: str


@dataclass(slots=True)
class RowPosition:
    """A position as a register row shows it, read the way held_roles() reads a Position."""

    pk: int
    organisation_id: int | None
    role: str
    title: str
    body_id: int | None
    body: RowBody | None
    party_group: RowGroup | None

    @classmethod
    def from_values(cls, pk, organisation_id, role, title, body_id, body_name, kind, group):
        body = RowBody(body_name, kind) if body_id is not None else None
        party_group = RowGroup(group) if group is not None else None
        return cls(pk, organisation_id, role, title, body_id, body, party_group)


def assessment_of(person):
    """The current organisation's assessment of a person from register(), or None."""
    found = getattr(person, "my_assessments", None)
    return found[0] if found else None


def last_contact_subquery():
    # Interaction.objects is scoped: only this organisation's contacts count.
    return Subquery(
        Interaction.objects.own()
        .filter(people=OuterRef("pk"))
        .order_by("-date")
        .values("date")[:1],
        output_field=DateField(),
    )


def with_last_contact(people, organisation):
    """Set person.last_contact (this organisation's contacts) for one page of people.

    Driven from the people side of the contact table (an index on person_id), so it costs
    the same however many contacts the organisation has. That link table has no scoped
    manager, hence the explicit organisation filter.
    """
    people = list(people)
    links = Interaction.people.through.objects.filter(
        person_id__in=[person.pk for person in people],
        interaction__organisation=organisation,
    )
    last = dict(
        links.values("person_id")
        .annotate(last=Max("interaction__date"))
        .values_list("person_id", "last")
    )
    for person in people:
        person.last_contact = last.get(person.pk)
    return people


@dataclass
class HeldRole:
    """A person's current roles in one body, shown once: "Raadslid, fractievoorzitter ·
    PRO · Gemeenteraad Assen". The public party group wins; where the sources give none,
    the organisation's own completion is shown and marked as such."""

    positions: list
    body: object | None
    party_group: object | None = None
    completed: bool = False

    @property
    def label(self):
        first = self.positions[0]
        if self.body is None:
            return role_label(first.role)
        titles = list(dict.fromkeys(p.title for p in self.positions if p.title))
        main = titles.pop(0) if first.title else role_label(first.role)
        return ", ".join([main, *(title.lower() for title in titles)])

    @property
    def title(self):
        """For a role outside a council: the organisation or paper ("Dagblad van het Noorden")."""
        return self.positions[0].title if self.body is None else ""

    @property
    def public_without_group(self):
        """A council or parliament seat whose party group no public source gives."""
        return (
            self.body is not None
            and self.party_group is None
            and self.body.kind in {"council", "parliament", "provincial_council"}
            and any(p.role in GROUP_ROLES for p in self.positions)
        )

    @property
    def sources(self):
        return sorted({p.source for p in self.positions if p.source and not p.organisation_id})


def role_label(role: str) -> str:
    """The role's name in the active language, translated once per language and role: a
    long list asks for it on every row."""
    key = (get_language(), role)
    if key not in _ROLE_LABELS:
        _ROLE_LABELS[key] = str(Role(role).label) if role in Role.values else role
    return _ROLE_LABELS[key]


_ROLE_LABELS: dict[tuple[str, str], str] = {}


def held_roles(positions) -> list[HeldRole]:
    """Group positions per body (positions without a body stay one per row)."""
    rows: dict[object, HeldRole] = {}
    for position in sorted(positions, key=_role_weight):
        key = position.body_id or f"own-{position.pk}"
        row = rows.setdefault(key, HeldRole([], position.body))
        row.positions.append(position)
    for row in rows.values():
        public = next(
            (p.party_group for p in row.positions if p.party_group and not p.organisation_id), None
        )
        own = next(
            (p.party_group for p in row.positions if p.party_group and p.organisation_id), None
        )
        row.party_group = public or own
        row.completed = public is None and own is not None
    return list(rows.values())


def _role_weight(position):
    # The role itself before its extra title: "Raadslid" before "Raadslid (fractievoorzitter)".
    return (position.organisation_id is not None, bool(position.title), position.pk or 0)


@dataclass
class OfficeChange:
    """One change in someone's public roles: new in office, left, or another party group."""

    kind: str  # "new", "left" or "group"
    date: object
    person: object
    position: object  # the position that began (new, group) or ended (left)
    earlier_group: object | None = None

    @property
    def source(self):
        return self.position.source


def followed_by(organisation) -> Q:
    """A condition on a row's person: someone the organisation follows, as it assessed,
    contacted or invited them or keeps any other row about them (its own positions and the
    access log aside). One subquery per kind of row, answered inside the database: as a
    list of ids, thousands of them, it took longer to send and plan than to run."""
    return functools.reduce(
        operator.or_,
        (
            Q(person__in=model.objects.filter(organisation=organisation).values(field))
            for model, field in organisation_rows_about_people()
            if model not in (Position, AccessLogEntry)
        ),
    )


def office_changes(organisation, since, until=None) -> list[OfficeChange]:
    """Public roles that began or ended between `since` and `until`, for the people the
    organisation follows and for the councils of its own municipalities. A membership that
    ends the day before another in the same body begins is a change of party group."""
    until = until or timezone.localdate()
    in_window = (
        Q(start_date__range=(since, until))
        | Q(end_date__range=(since, until))
        # The register's positions carry the day it first listed them (an ISO date, so
        # compared as text; whether that listing was news is checked below).
        | Q(start_date__isnull=True, first_seen__range=(since.isoformat(), until.isoformat()))
    )
    concerned = followed_by(organisation) | Q(
        body__municipality__in=organisation.municipalities.all()
    )
    # Two steps: which positions (one pass over the public ones), then those few with their
    # people, bodies and groups. In one query PostgreSQL expected thousands of matches and
    # joined every person before filtering: 35 ms instead of a few.
    matching = list(
        Position.objects.public()
        .alias(first_seen=KeyTextTransform("first_seen", "details"))
        .filter(in_window, concerned)
        .exclude(role=Role.CANDIDATE)  # a candidacy ends at the election; it is no office
        .values_list("pk", flat=True)
    )
    positions = list(
        Position.objects.filter(pk__in=matching)
        .select_related("person", "body", "party_group")
        .order_by("pk")
    )
    first_listing = _first_listing({p.body_id for p in positions if not p.start_date})
    began = {}
    for position in positions:
        start = position.start_date or _first_seen(position)
        if not position.start_date and start == first_listing.get(position.body_id):
            continue  # in the first register that listed this body: a snapshot, not news
        if start and since <= start <= until:
            began.setdefault((position.person_id, position.body_id, position.role), []).append(
                (start, position)
            )
    changes, successors = [], set()
    for position in positions:
        end = position.end_date
        if not end or not since <= end <= until:
            continue
        next_ones = began.get((position.person_id, position.body_id, position.role), [])
        follower = next(
            (p for start, p in next_ones if (start - end).days == 1 and p.title == position.title),
            None,
        )
        if follower is not None and follower.party_group_id != position.party_group_id:
            successors.add(follower.pk)
            changes.append(
                OfficeChange(
                    "group",
                    end + datetime.timedelta(days=1),
                    position.person,
                    follower,
                    earlier_group=position.party_group,
                )
            )
        elif follower is None:
            changes.append(OfficeChange("left", end, position.person, position))
        else:
            successors.add(follower.pk)  # the same role continued under a new record
    # One "new in office" per person and body: the role itself before an extra title.
    firsts = {}
    for entries in began.values():
        for start, position in entries:
            if position.pk in successors:
                continue
            key = (position.person_id, position.body_id)
            if key not in firsts or (firsts[key][1].title and not position.title):
                firsts[key] = (start, position)
    changes += [OfficeChange("new", start, p.person, p) for start, p in firsts.values()]
    return sorted(changes, key=lambda c: (c.date, c.person.family_name), reverse=True)


def _first_listing(body_ids) -> dict:
    """Per body, the day the earliest loaded register listed it."""
    earliest = {}
    rows = (
        Position.objects.public()
        .filter(body_id__in=body_ids, start_date__isnull=True, details__has_key="first_seen")
        .values_list("body_id", "details")
    )
    for body_id, details in rows:
        day = datetime.date.fromisoformat(details["first_seen"])
        earliest[body_id] = min(day, earliest.get(body_id, day))
    return earliest


def _first_seen(position):
    seen = (position.details or {}).get("first_seen")
    return datetime.date.fromisoformat(seen) if seen else None


KEY_INFLUENCE = 4


def stale_key_relationships(organisation, today, *, owner=None, limit: int = 10) -> list:
    """Assessments of key people (influence 4 or more) without a contact within the
    organisation's threshold ("stale_contact_months"), the most influential first, at most
    `limit`; each with `last_contact` (None: never). Only one owner's when given."""
    stale = _stale(
        Assessment.objects.own(),
        Interaction.people.through.objects.filter(interaction__organisation=organisation),
        since=months_before(today, organisation.stale_contact_months),
    )
    if owner is not None:
        stale = stale.filter(owner=owner)
    return _with_last_contact(organisation, list(stale[:limit]))


STALE_ON_HOME = 8


def stale_key_relationships_now() -> list:
    """stale_key_relationships() of the organisation in scope, today, for the home page:
    its query is built once per process (built_once)."""
    return _with_last_contact(current_organisation(), list(_stale_on_home()))


@built_once
def _stale_on_home():
    return _stale(
        Assessment.objects.when_run(),
        Interaction.people.through.objects.filter(
            interaction__organisation_id=organisation_when_run()
        ),
        since=Late(
            lambda: months_before(
                timezone.localdate(), current_organisation().stale_contact_months
            ),
            DateField(),
        ),
    )[:STALE_ON_HOME]


def _stale(assessments, links, since):
    """The key people among these assessments whom none of these contact links reached
    since that day, the most influential first. The people contacted recently are one
    uncorrelated subquery, driven by the contacts' (organisation, date) index; a
    last-contact date per key person would read every contact of every key person."""
    recent = links.filter(interaction__date__gte=since).values("person_id")
    # One query, sorted on the joined names (766 candidates among 21,000 people: 1.3 ms on
    # PostgreSQL, joined by primary key at the random-read cost set in settings). Choosing
    # the first few apart, a family name read per candidate, and joining only those took
    # Django longer to build than the database to run.
    return (
        assessments.filter(influence__gte=KEY_INFLUENCE, do_not_contact=False)
        .exclude(person_id__in=Subquery(recent))
        .select_related("person", "owner__user")
        # What the lists show: the person's name, the owner's name.
        .only(
            "influence",
            *(f"person__{field}" for field in Person.NAME_FIELDS),
            "owner__user__full_name",
            "owner__user__email",
        )
        .order_by("-influence", "person__family_name", "pk")
    )


def _with_last_contact(organisation, stale: list) -> list:
    last = last_contacts(organisation, [a.person_id for a in stale])
    for assessment in stale:
        assessment.last_contact = last.get(assessment.person_id)
    return stale


def last_contacts(organisation, person_ids) -> dict:
    """{person id: date of this organisation's last contact} for a few people: their links
    first (an index on person_id), then those contacts' dates (primary key) — joined in one
    query, the planner may walk all of the organisation's contacts instead."""
    links = list(
        Interaction.people.through.objects.filter(person_id__in=person_ids).values_list(
            "interaction_id", "person_id"
        )
    )
    dates = dict(
        Interaction.objects.filter(
            organisation=organisation, pk__in={interaction for interaction, _person in links}
        ).values_list("pk", "date")
    )
    last: dict = {}
    for interaction_id, person_id in links:
        day = dates.get(interaction_id)
        if day is not None and (person_id not in last or day > last[person_id]):
            last[person_id] = day
    return last


@dataclass(frozen=True)
class GroupSeen:
    """A party group as contacts_per_group() reads it: in the same query as its members'
    positions, not in a query of its own."""

    pk: int
    name: str
    seats: int | None
    body_id: int
    body_name: str


def contacts_per_group() -> list[dict]:
    """For each party group sitting today in the councils of the organisation's
    municipalities and in the Tweede Kamer: its seats and how many of the organisation's
    contacts in the past year involved one of its members. The organisation in scope; two
    queries, each built once per process (built_once)."""
    groups: dict[int, GroupSeen] = {}
    groups_of: dict[int, list] = {}  # person: the groups they sit for (a few hundred rows)
    for person_id, group_id, *group in _seated_today():
        if group_id not in groups:
            groups[group_id] = GroupSeen(group_id, *group)
        groups_of.setdefault(person_id, []).append(group_id)
    # Who took part in the organisation's contacts of the past year, from the contacts'
    # (organisation, date) index, matched with the members here: asked per member (a list
    # of some 200 ids) Django spent more on the list than the database on the query. This
    # grows with the year's contacts instead: at 3,000 a year, half as much again.
    contacts: dict[int, set] = {group_id: set() for group_id in groups}
    for interaction_id, person_id in _links_of_the_past_year():
        for group_id in groups_of.get(person_id, ()):
            contacts[group_id].add(interaction_id)
    rows = [
        {"group": group, "seats": group.seats, "contacts": len(contacts[group.pk])}
        for group in groups.values()
    ]
    return sorted(
        rows, key=lambda row: (row["group"].body_name, -row["contacts"], row["group"].name)
    )


@built_once
def _seated_today():
    # The bodies as subqueries, not a list read first; two, one per kind: in one (a council
    # of the working area or the Kamer) PostgreSQL expected 172 bodies instead of 2 and
    # scanned every party group and body (0.8 ms against 0.5, and 0.2 ms more planning).
    working_area = Organisation.municipalities.through.objects.filter(
        organisation_id=organisation_when_run()
    ).values("municipality_id")
    councils = Body.objects.filter(kind=Body.Kind.COUNCIL, municipality__in=working_area)
    return (
        Position.objects.when_run()
        .held_on(local_today())
        .filter(
            Q(party_group__body__in=councils.values("pk"))
            | Q(party_group__body__in=Body.objects.filter(code="TK").values("pk"))
        )
        # Unordered: sorting on the positions' default order cost PostgreSQL a millisecond.
        .order_by()
        .values_list(
            "person_id",
            "party_group_id",
            "party_group__name",
            "party_group__seats",
            "party_group__body_id",
            "party_group__body__name",
        )
    )


@built_once
def _links_of_the_past_year():
    return Interaction.people.through.objects.filter(
        interaction__organisation_id=organisation_when_run(),
        interaction__date__gte=local_today(-365),
    ).values_list("interaction_id", "person_id")
