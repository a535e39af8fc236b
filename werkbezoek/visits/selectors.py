"""Reading a visit: guests with their roles and stances, busy days, the page's findings."""

import datetime
import operator
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from werkbezoek.calendars.models import Meeting
from werkbezoek.lib.late import local_today
from werkbezoek.lib.related import set_related
from werkbezoek.organisations.umbrellas import active_umbrellas
from werkbezoek.people.models import Assessment, Person, Position, Role, Stance, StanceRecord
from werkbezoek.reference.models import Municipality, Recess

from . import composition, letter, programme, reads, scheduling
from .models import (
    Availability,
    ChecklistTask,
    Commitment,
    Guest,
    GuestInvitation,
    LetterTemplate,
    ProgrammeTemplate,
    Status,
    TeamMember,
)

MAX_NAMES = 3


@dataclass
class GuestRow:
    guest: Guest
    positions: list = field(default_factory=list)
    assessment: Assessment | None = None

    @property
    def parties(self) -> set[str]:
        return {str(p.party_group.party) for p in self.positions if p.party_group_id}

    @property
    def roles(self) -> set[str]:
        return {p.role for p in self.positions}


def current_positions(person_ids, on: datetime.date):
    return (
        Position.objects.held_on(on)
        .filter(person_id__in=person_ids)
        .select_related("body", "party_group__party")
        .order_by("person_id", "-start_date")
    )


def guest_rows(visit, today=None, options=None) -> list[GuestRow]:
    """The visit's guests with their current positions and the organisation's assessment.

    Whom an entourage member accompanies and a guest's preferred date are taken from the
    visit's own guests and date options (`options`, when the caller has read them), not
    joined: Django compiles every column of a join anew for each query, and the four-way
    join cost the visit page more than any other query, with or without guests."""
    today = today or timezone.localdate()
    guests = reads.guests(visit)
    set_related(guests, "accompanies", guests)
    if any(guest.preferred_option_id for guest in guests):
        set_related(
            guests, "preferred_option", visit.date_options.all() if options is None else options
        )
    ids = [g.person_id for g in guests if g.person_id]
    positions: dict[int, list] = {}
    assessments = {}
    own_assessments = Assessment.objects.own()  # raises now without one organisation in scope
    if ids:  # Django would compile both queries before finding they ask for nobody
        for position in current_positions(ids, visit.date or today):
            positions.setdefault(position.person_id, []).append(position)
        assessments = {a.person_id: a for a in own_assessments.filter(person_id__in=ids)}
    return [
        GuestRow(
            guest=g,
            positions=positions.get(g.person_id, []),
            assessment=assessments.get(g.person_id),
        )
        for g in guests
    ]


def invitees(visit) -> list[Guest]:
    """The guests proper (not entourage or press), each a person from the register."""
    return list(
        visit.guests.filter(kind=Guest.Kind.GUEST, person__isnull=False)
        .select_related("person", "invitation")
        .annotate(invitation_sent_at=F("invitation__sent_at"))
    )


def letter_context(visit, *, sender, today=None) -> dict:
    """What every guest's invitation letter is made of (see letter.invitation_letter): read
    once for all guests, so a visit with fifty guests costs the same few queries."""
    today = today or timezone.localdate()
    team = list(visit.team.select_related("membership__user"))
    guests = list(visit.guests.select_related("person", "invitation"))
    positions: dict[int, list] = {}
    for position in current_positions(
        [g.person_id for g in guests if g.person_id], visit.date or today
    ).select_related("body__municipality"):
        positions.setdefault(position.person_id, []).append(position)
    blocks = list(visit.blocks.all())
    template = LetterTemplate.objects.filter(kind=LetterTemplate.Kind.INVITATION).first()
    return {
        "visit": visit,
        "organisation": visit.organisation,
        "options": list(visit.date_options.all()),
        "slots": programme.timetable(blocks, visit.start_time),
        "total_minutes": programme.total_minutes(blocks),
        "host": next((m for m in team if m.role == TeamMember.Role.HOST), None),
        "team": team,
        "guests": guests,
        "positions_of": lambda person_id: positions.get(person_id, []),
        "contact": contact_of(visit, sender),
        "style": template.salutation if template else LetterTemplate.Salutation.FORMAL,
        "visit_text": visit_letter_text(visit, template),
        "today": today,
    }


def contact_of(visit, sender) -> tuple[str, str, str]:
    """(name, e-mail, telephone) of whom guests reply to: the visit's contact person, or
    else the colleague sending."""
    user = visit.contact.user if visit.contact_id else sender
    organisation = visit.organisation
    email = user.email if user else organisation.contact_email
    name = (user.full_name or user.email) if user else organisation.name
    return (name, email, organisation.phone)


def contact_user(visit):
    """The colleague who answers for the visit: its contact person, else whoever made it,
    else an administrator of the organisation."""
    if visit.contact_id:
        return visit.contact.user
    if visit.created_by_id:
        return visit.created_by
    admin = visit.organisation.memberships.filter(role="admin").select_related("user").first()
    return admin.user if admin else None


def organisation_letter_text(template=None) -> str:
    """The organisation's invitation template, else the Dutch default."""
    if template is None:
        template = LetterTemplate.objects.filter(kind=LetterTemplate.Kind.INVITATION).first()
    return template.text if template else letter.DEFAULT_INVITATION


def default_letter_text(visit, template=None) -> str:
    """What a visit's invitation says unless it has its own text: the invitation of the
    visit template it follows (an umbrella's uniform letter), else the organisation's."""
    return visit.template.invitation_text or organisation_letter_text(template)


def visit_letter_text(visit, template=None) -> str:
    """The visit's own text, else its template's or organisation's, else the Dutch default."""
    return visit.letter_text if visit.letter_text.strip() else default_letter_text(visit, template)


def letter_for(
    context: dict, guest, *, answer_url: str = "", printed: bool = False
) -> letter.Letter:
    """One guest's letter: their own edited text when the organiser wrote one."""
    invitation = getattr(guest, "invitation", None) if guest is not None else None
    text = invitation.text if invitation is not None and invitation.text.strip() else None
    return letter.invitation_letter(
        guest=guest,
        text=text or context["visit_text"],
        answer_url=answer_url,
        printed=printed,
        **{key: value for key, value in context.items() if key != "visit_text"},
    )


def letter_text_for_guest(context: dict, guest, *, own: bool = True) -> str:
    """The text a guest's edit box starts with: their own letter, or the visit's text
    filled in for them (so the organiser edits prose, not placeholders)."""
    invitation = getattr(guest, "invitation", None)
    if own and invitation is not None and invitation.text.strip():
        return invitation.text
    made = letter.invitation_letter(
        guest=guest,
        text=context["visit_text"],
        **{key: value for key, value in context.items() if key != "visit_text"},
    )
    return "\n\n".join(made.paragraphs)


def invitations_sent_count(visit) -> int:
    return GuestInvitation.objects.filter(visit=visit, sent_at__isnull=False).count()


def sent_batches(invitees) -> list[tuple[datetime.date, int]]:
    """When invitations went out and to how many guests: [(1 December, 3), …]."""
    days: dict[datetime.date, int] = {}
    for guest in invitees:
        if guest.invitation_sent_at is not None:
            day = timezone.localtime(guest.invitation_sent_at).date()
            days[day] = days.get(day, 0) + 1
    return sorted(days.items())


def availability_table(visit, guests) -> dict:
    """Per proposed date, which guests said they can come, can not, or did not say.
    Answers are kept by date: dates proposed earlier keep theirs."""
    options = list(visit.date_options.all())
    answers = {
        (row.guest_id, row.date): row.available
        for row in Availability.objects.filter(guest__in=[g.pk for g in guests])
    }
    for guest in guests:  # a preferred date recorded before answers were kept per date
        if guest.preferred_option_id is not None:
            preferred = next((o for o in options if o.pk == guest.preferred_option_id), None)
            if preferred is not None:
                answers.setdefault((guest.pk, preferred.date), True)
    return {
        "options": options,
        "rows": [
            (guest, [answers.get((guest.pk, option.date)) for option in options])
            for guest in guests
        ],
        "counts": [
            sum(1 for guest in guests if answers.get((guest.pk, option.date))) for option in options
        ],
    }


def composition_findings(visit, rows: list[GuestRow], team) -> list[programme.Finding]:
    return composition.check(
        guests=[
            composition.GuestInfo(
                name=str(row.guest), kind=row.guest.kind, roles=row.roles, parties=row.parties
            )
            for row in rows
        ],
        team_roles=[member.role for member in team],
        visit_kind=visit.kind,
        party_mix=visit.party_mix,
        max_visitors=visit.template.max_visitors,
        max_journalists=visit.template.max_journalists,
    )


def _names(person_ids, names) -> str:
    listed = [names[pk] for pk in sorted(person_ids, key=lambda pk: names[pk])][:MAX_NAMES]
    more = len(person_ids) - len(listed)
    return ", ".join(listed) + (f" +{more}" if more > 0 else "")


def _local_window(start, end):
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone),
    )


MAX_MEETING_DAYS = 3  # how far back a meeting may start and still run into the window
EVENING_FROM = datetime.time(17, 0)  # a meeting starting then or later is an evening meeting


def occupied_days(starts_at, ends_at) -> list[datetime.date]:
    """The local days a meeting occupies: one, or each day up to the end when it runs past
    midnight (an end at midnight itself does not occupy the next day)."""
    first = timezone.localtime(starts_at)
    last = timezone.localtime(ends_at) if ends_at and ends_at > starts_at else first
    if last.time() == datetime.time.min and last.date() > first.date():
        last -= datetime.timedelta(microseconds=1)
    days, day = [], first.date()
    while day <= last.date() and len(days) < 31:  # a month at most, whatever the file says
        days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _blocks(starts_at, evening_blocks_day, time_of_day) -> bool:
    """Whether a meeting rules out its day for a visit at this time of day: an evening
    meeting leaves the daytime free where the organisation said so for that council."""
    if evening_blocks_day in (None, True) or time_of_day == "evening":
        return True
    return timezone.localtime(starts_at).time() < EVENING_FROM


def busy_days(visit, start, end, time_of_day="morning") -> tuple[list[scheduling.Busy], bool]:
    """The days the visit's guests have meetings, and whether members of parliament come."""
    guests = visit.guests.filter(kind=Guest.Kind.GUEST, person__isnull=False)
    names = {
        person.pk: person.display_name
        for person in Person.objects.filter(pk__in=guests.values("person_id"))
    }
    by_municipality: dict[int, set[int]] = {}
    by_body: dict[int, set[int]] = {}
    mps = set()
    for person_id, role, body_id, municipality_id in current_positions(
        list(names), start
    ).values_list("person_id", "role", "body_id", "body__municipality_id"):
        if role == Role.MEMBER_OF_PARLIAMENT:
            mps.add(person_id)
        if municipality_id:
            by_municipality.setdefault(municipality_id, set()).add(person_id)
        elif body_id:
            by_body.setdefault(body_id, set()).add(person_id)

    low, high = _local_window(start, end)
    # A meeting that began before the window may still run into it.
    earlier = low - datetime.timedelta(days=MAX_MEETING_DAYS)
    busy = []
    if by_municipality or by_body:
        rows = (
            Meeting.objects.filter(starts_at__gte=earlier, starts_at__lt=high)
            .filter(Q(body__municipality_id__in=by_municipality) | Q(body_id__in=by_body))
            .values_list(
                "starts_at",
                "ends_at",
                "title",
                "body__name",
                "body__municipality_id",
                "body_id",
                "feed__evening_blocks_day",
            )
        )
        for starts_at, ends_at, title, body_name, municipality_id, body_id, evening in rows:
            if not _blocks(starts_at, evening, time_of_day):
                continue
            who = by_municipality.get(municipality_id) or by_body.get(body_id, set())
            busy.extend(
                scheduling.Busy(date=day, reason=f"{body_name}: {title} ({_names(who, names)})")
                for day in occupied_days(starts_at, ends_at)
            )
    if mps:
        attended: dict[tuple, set[int]] = {}
        rows = Meeting.attendees.through.objects.filter(
            person_id__in=mps,
            meeting__starts_at__gte=earlier,
            meeting__starts_at__lt=high,
            meeting__organisation__isnull=True,
        ).values_list(
            "meeting__starts_at",
            "meeting__ends_at",
            "meeting__title",
            "meeting__body__name",
            "person_id",
        )
        for starts_at, ends_at, title, body_name, person_id in rows:
            for day in occupied_days(starts_at, ends_at):
                attended.setdefault((day, body_name, title), set()).add(person_id)
        for (day, body_name, title), who in attended.items():
            busy.append(
                scheduling.Busy(date=day, reason=f"{body_name}: {title} ({_names(who, names)})")
            )
    return busy, bool(mps)


def councils_without_calendar(visit, on: datetime.date) -> list:
    """The municipalities of the visit's guests (councillors, aldermen) for which no meeting
    is known at all: their meeting days cannot be avoided, and the page says so."""
    guests = visit.guests.filter(kind=Guest.Kind.GUEST, person__isnull=False)
    wanted = set(
        Position.objects.held_on(on)
        .filter(person_id__in=guests.values("person_id"), body__municipality__isnull=False)
        .values_list("body__municipality_id", flat=True)
    )
    if not wanted:
        return []
    known = set(
        Meeting.objects.filter(body__municipality_id__in=wanted).values_list(
            "body__municipality_id", flat=True
        )
    )
    return list(Municipality.objects.filter(pk__in=wanted - known).order_by("name"))


def recesses(start, end) -> list[scheduling.Recess]:
    return [
        scheduling.Recess(start=r.start_date, end=r.end_date, name=r.name)
        for r in Recess.objects.filter(start_date__lte=end, end_date__gte=start)
    ]


def date_proposal(visit, *, start, end, time_of_day, count=3, today=None) -> scheduling.Proposal:
    busy, with_mps = busy_days(visit, start, end, time_of_day)
    return scheduling.propose(
        start=start,
        end=end,
        time_of_day=time_of_day,
        busy=busy,
        recesses=recesses(start, end),
        with_mps=with_mps or visit.kind == visit.Kind.NATIONAL,
        today=today or timezone.localdate(),
        count=count,
    )


def calendar_months(visit, proposal: scheduling.Proposal, options) -> list[tuple]:
    """(first day of month, weeks) for every month of the searched period."""
    days: dict[datetime.date, tuple[str, list[str]]] = {}
    for day, name in proposal.holidays.items():
        days[day] = ("holiday", [name])
    for day, reasons in proposal.busy.items():
        days[day] = ("busy", reasons)
    for option in options:
        label = f"{option.rank}" if not option.chosen else "✓"
        days[option.date] = ("chosen" if option.chosen else "option", [label])
    months = []
    month = visit.period_start.replace(day=1)
    while month <= visit.period_end:
        months.append((month, scheduling.month_grid(month.year, month.month, days)))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


# --- After the visit --------------------------------------------------------------------------

# From against to for: a move up this scale is a move toward your cause.
STANCE_SCALE = [Stance.OPPONENT, Stance.DOUBTER, Stance.ADHERENT, Stance.SUPPORTER]


def visit_moment(visit) -> datetime.datetime | None:
    if visit.date is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(visit.date, visit.start_time))


def _before(record, moment) -> bool:
    """A stance recorded about a day before the visit, or on its day before it began."""
    day = moment.date()
    return record.date < day or (record.date == day and record.recorded_at < moment)


def stance_effect(visits) -> dict[int, dict[int, tuple]]:
    """{visit id: {person id: (stance before, stance after)}} for the registered guests of
    these visits, from the stance history: the last stance known when the visit began, and
    the newest one since (None when there is none). One query for all visits."""
    visits = [visit for visit in visits if visit.date is not None]
    people = {}
    for guest in Guest.objects.filter(visit__in=visits, person__isnull=False).values(
        "visit_id", "person_id"
    ):
        people.setdefault(guest["visit_id"], set()).add(guest["person_id"])
    records: dict[int, list] = {}
    all_people = set().union(*people.values()) if people else set()
    for record in (
        StanceRecord.objects.own().filter(person_id__in=all_people).order_by("date", "recorded_at")
    ):
        records.setdefault(record.person_id, []).append(record)
    effect = {}
    for visit in visits:
        moment = visit_moment(visit)
        effect[visit.pk] = {}
        for person_id in people.get(visit.pk, ()):
            before = after = None
            for record in records.get(person_id, []):
                if _before(record, moment):
                    before = record
                else:
                    after = record
            effect[visit.pk][person_id] = (before, after)
    return effect


def movement(before, after) -> int:
    """+1 toward your cause, -1 away, 0 the same or unknown."""
    if before is None or after is None:
        return 0
    if before.stance not in STANCE_SCALE or after.stance not in STANCE_SCALE:
        return 0
    difference = STANCE_SCALE.index(after.stance) - STANCE_SCALE.index(before.stance)
    return (difference > 0) - (difference < 0)


def tasks_still_open(tasks=None):
    """Open tasks that still matter: those of a visit in preparation or just held, and of a
    visit already followed up only the next contacts agreed with its guests. Of `tasks`
    (by default the organisation's)."""
    preparing = [Status.CONCEPT, Status.INVITED, Status.CONFIRMED, Status.HELD]
    tasks = ChecklistTask.objects.all() if tasks is None else tasks
    return tasks.filter(done_at__isnull=True).filter(
        Q(visit__status__in=preparing) | Q(visit__status=Status.FOLLOWED_UP, guest__isnull=False)
    )


DUE_SOON_DAYS = 14


def with_people_named(commitments: list) -> list:
    """Each commitment's `people_named`, in the order people.all() gives them, with only
    their names read: from the commitments' links in one query, where a prefetch of the
    people cost Django twice as much on the home page."""
    if not commitments:
        return commitments
    links = (
        Commitment.people.through.objects.filter(
            commitment_id__in=[item.pk for item in commitments]
        )
        .select_related("person")
        .only("commitment_id", *(f"person__{field}" for field in Person.NAME_FIELDS))
    )
    named: dict[int, list] = {}
    for link in links:
        named.setdefault(link.commitment_id, []).append(link.person)
    in_order = operator.attrgetter(*Person._meta.ordering)
    for item in commitments:
        item.people_named = sorted(named.get(item.pk, []), key=in_order)
    return commitments


def with_due_state(commitments: list, today) -> list:
    """Each open commitment marked overdue, or due soon (within two weeks)."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    for item in commitments:
        due = item.due_on if item.is_open else None
        item.overdue = due is not None and due < today
        item.due_soon = due is not None and today <= due <= soon
    return commitments


def commitments_due(today=None, *, within_days: int = DUE_SOON_DAYS, commitments=None):
    """Open commitments falling due within two weeks or overdue, the most urgent first. Of
    `commitments` (by default the organisation's); without `today`, the day the query runs."""
    commitments = Commitment.objects.all() if commitments is None else commitments
    due_by = (
        local_today(within_days) if today is None else today + datetime.timedelta(days=within_days)
    )
    return (
        commitments.filter(
            status=Commitment.Status.OPEN,
            due_on__isnull=False,
            due_on__lte=due_by,
        )
        .select_related("visit", "owner__user")
        .prefetch_related("people")
        .order_by("due_on", "pk")
    )


# --- Templates: the standard ones, the organisation's own, its umbrella's -------------------


def _latest_versions(templates) -> list[ProgrammeTemplate]:
    latest: dict[tuple, ProgrammeTemplate] = {}
    for template in templates:
        key = (template.organisation_id, template.code)
        if key not in latest or template.version > latest[key].version:
            latest[key] = template
    return sorted(latest.values(), key=lambda t: (t.organisation_id is not None, t.kind, t.name))


def templates_to_choose(organisation) -> list[ProgrammeTemplate]:
    """The templates a visit can start from: the standard ones and the organisation's own,
    and (a deliberate cross-organisation read) the newest published version of each
    template of the umbrella bodies it is a member of today. Checked on every call, so
    a membership that ended takes its umbrella's templates with it."""
    umbrellas = [umbrella.pk for umbrella in active_umbrellas(organisation)]
    shared = ProgrammeTemplate._base_manager.filter(
        organisation_id__in=umbrellas, published_at__isnull=False
    ).select_related("organisation")
    return _latest_versions([*ProgrammeTemplate.objects.all(), *shared])


def template_to_choose(organisation, pk) -> ProgrammeTemplate | None:
    """One template from `templates_to_choose`, or None (a forged or withdrawn id)."""
    return next((t for t in templates_to_choose(organisation) if t.pk == pk), None)


def newer_version(visit, umbrellas) -> ProgrammeTemplate | None:
    """A newer published version of the template this visit was planned with, while the
    organisation may still use it (its own, or an umbrella's while it is a member: one of
    `umbrellas`, its active umbrella bodies); the visit keeps its own version until it
    adopts one."""
    template = visit.template
    if template.organisation_id is None:
        return None
    if template.organisation_id != visit.organisation_id and template.organisation_id not in {
        umbrella.pk for umbrella in umbrellas
    }:
        return None
    newer = (
        ProgrammeTemplate._base_manager.filter(
            organisation_id=template.organisation_id,
            code=template.code,
            version__gt=template.version,
            published_at__isnull=False,
        )
        .order_by("-version")
        .first()
    )
    if newer is not None:  # the same owner as the visit's version, read once
        newer.organisation = template.organisation
    return newer


def umbrella_ratings(organisation) -> tuple[str, dict]:
    """(umbrella name, {action: {criterion: stars}}): the default action ratings of the
    organisation's umbrella bodies — from the newest version of each of their templates
    (an older version's ratings no longer count), the most recently published — or ("", {})."""
    umbrellas = [umbrella.pk for umbrella in active_umbrellas(organisation)]
    published = ProgrammeTemplate._base_manager.filter(
        organisation_id__in=umbrellas, published_at__isnull=False
    ).select_related("organisation")
    rated = [t for t in _latest_versions(published) if t.ratings]
    newest = max(rated, key=lambda t: t.published_at, default=None)
    return (newest.organisation.name, newest.ratings) if newest else ("", {})
