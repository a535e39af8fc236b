"""Proposing dates for a visit: pure logic, no database.

A day is ruled out when it is a weekend day, a Dutch public holiday or a day on which one
of the guests has a council or committee meeting. The remaining days are scored: for
members of parliament Tuesday to Thursday are plenary days (less suitable) unless the
House is in recess (suitable); a date at least four weeks away leaves time to invite.
The best options are spread over different weeks, so guests really have a choice.
"""

import calendar
import datetime
import functools
from dataclasses import dataclass, field

import holidays
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

INVITATION_LEAD_DAYS = 28  # DOMAIN: invite at least four weeks ahead
START_TIMES = {
    "morning": datetime.time(10, 0),
    "afternoon": datetime.time(14, 0),
    "evening": datetime.time(19, 30),
}
PLENARY_WEEKDAYS = {1, 2, 3}  # Tuesday, Wednesday, Thursday


@dataclass(frozen=True)
class Busy:
    """A day on which a guest is busy, and why (e.g. 'Gemeenteraad Assen: raadsvergadering')."""

    date: datetime.date
    reason: str


@dataclass(frozen=True)
class Recess:
    start: datetime.date
    end: datetime.date
    name: str


@dataclass
class Option:
    date: datetime.date
    start_time: datetime.time
    score: int
    reasons: list[dict] = field(default_factory=list)  # codes: see reason_text
    avoided: list[dict] = field(default_factory=list)  # {"date": iso, "what": ...}


@dataclass
class Proposal:
    options: list[Option]
    weekend_days: int = 0
    holidays: dict[datetime.date, str] = field(default_factory=dict)
    busy: dict[datetime.date, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def public_holidays(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    found = {}
    for year in range(start.year, end.year + 1):
        found.update((day, name) for day, name in _holidays_of(year).items() if start <= day <= end)
    return found


@functools.cache
def _holidays_of(year: int) -> dict[datetime.date, str]:
    """One year's public holidays, worked out once per process (checklists and reminders
    ask for thousands of days)."""
    return dict(holidays.country_holidays("NL", years=year, language="nl").items())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day, day)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """`count` working days after (or, if negative, before) `day`."""
    step = 1 if count >= 0 else -1
    # Working days lie at most about 1.5 calendar days apart, plus room for a holiday cluster.
    reach = datetime.timedelta(days=2 * abs(count) + 14)
    free = public_holidays(day - reach, day + reach)
    remaining = abs(count)
    while remaining:
        day += datetime.timedelta(days=step)
        if day.weekday() < 5 and day not in free:
            remaining -= 1
    return day


def short_date(day: datetime.date) -> str:
    return date_format(day, "D j F")


def _recess_on(day, recesses):
    return next((r for r in recesses if r.start <= day <= r.end), None)


def propose(
    *,
    start: datetime.date,
    end: datetime.date,
    time_of_day: str,
    busy: list[Busy],
    recesses: list[Recess] = (),
    with_mps: bool = False,
    today: datetime.date,
    count: int = 3,
) -> Proposal:
    free = public_holidays(start, end)
    busy_by_day: dict[datetime.date, list[str]] = {}
    for entry in busy:
        if start <= entry.date <= end:
            reasons = busy_by_day.setdefault(entry.date, [])
            if entry.reason not in reasons:
                reasons.append(entry.reason)
    proposal = Proposal(options=[], holidays=free, busy=busy_by_day)

    candidates = []
    day = start
    while day <= end:
        if day.weekday() >= 5:
            proposal.weekend_days += 1
        elif day not in free and day not in busy_by_day:
            candidates.append(_score(day, time_of_day, recesses, with_mps, today))
        day += datetime.timedelta(days=1)

    for option in candidates:
        option.avoided = _avoided_near(option.date, free, busy_by_day)

    proposal.options = _spread(sorted(candidates, key=lambda o: (-o.score, o.date)), count)
    if busy_by_day:
        for option in proposal.options:
            option.reasons.insert(0, {"code": "no_meeting"})
    if not proposal.options:
        proposal.notes.append(
            _(
                "There is no suitable day in this period: every working day has a meeting "
                "of one of the guests or is a public holiday. Choose a longer period."
            )
        )
    elif len(proposal.options) < count:
        proposal.notes.append(
            _("Only %(found)d suitable days in this period; a longer period gives more choice.")
            % {"found": len(proposal.options)}
        )
    return proposal


def _score(day, time_of_day, recesses, with_mps, today) -> Option:
    option = Option(date=day, start_time=START_TIMES[time_of_day], score=100)
    if with_mps:
        recess = _recess_on(day, recesses)
        if recess is not None:
            option.score += 20
            option.reasons.append({"code": "recess", "name": recess.name})
        elif day.weekday() in PLENARY_WEEKDAYS:
            option.score -= 30
            option.reasons.append({"code": "plenary_day"})
        else:
            option.score += 10
            option.reasons.append({"code": "monday_or_friday"})
    lead = (day - today).days
    if lead < INVITATION_LEAD_DAYS:
        option.score -= 25
        option.reasons.append({"code": "short_notice"})
    else:
        option.reasons.append({"code": "enough_notice"})
    return option


def _avoided_near(day, free, busy_by_day) -> list[str]:
    """What was avoided in the days around an option (same week), for its explanation."""
    avoided = []
    for delta in range(-3, 4):
        other = day + datetime.timedelta(days=delta)
        if other.isocalendar()[:2] != day.isocalendar()[:2] or other == day:
            continue
        if other in free:
            avoided.append({"date": other.isoformat(), "what": free[other]})
        for reason in busy_by_day.get(other, []):
            avoided.append({"date": other.isoformat(), "what": reason})
    return avoided


# Why a date was chosen, by code; the sentences are translated when they are shown.
REASONS = {
    "no_meeting": gettext_lazy("None of the guests has a council or committee meeting."),
    "recess": gettext_lazy("%(name)s: members of parliament have time for working visits."),
    "plenary_day": gettext_lazy(
        "A plenary day of the House (Tuesday to Thursday): less suitable for MPs."
    ),
    "monday_or_friday": gettext_lazy("Monday or Friday: no plenary sessions in The Hague."),
    "short_notice": gettext_lazy(
        "Less than four weeks away: invite straight away, or choose a later date."
    ),
    "enough_notice": gettext_lazy("At least four weeks away: enough time to invite."),
}


def reason_text(reason) -> str:
    """A stored reason in the reader's language (a sentence stored by an earlier version
    stays as it was written)."""
    if isinstance(reason, str):
        return reason
    values = {key: value for key, value in reason.items() if key != "code"}
    return str(REASONS[reason["code"]]) % values if values else str(REASONS[reason["code"]])


def avoided_text(item) -> str:
    if isinstance(item, str):
        return item
    return f"{short_date(datetime.date.fromisoformat(item['date']))}: {item['what']}"


def _spread(ranked: list[Option], count: int) -> list[Option]:
    """The best options, preferring different weeks; fills up from the same weeks if needed."""
    chosen, weeks = [], set()
    for option in ranked:
        week = option.date.isocalendar()[:2]
        if week not in weeks:
            chosen.append(option)
            weeks.add(week)
        if len(chosen) == count:
            break
    for option in ranked:
        if len(chosen) == count:
            break
        if option not in chosen:
            chosen.append(option)
    return sorted(chosen, key=lambda o: o.date)


@dataclass
class Day:
    date: datetime.date | None
    state: str = ""  # "", weekend, holiday, busy, option, chosen, outside
    labels: list[str] = field(default_factory=list)


def month_grid(
    year: int, month: int, proposal_days: dict[datetime.date, tuple[str, list[str]]]
) -> list[list[Day]]:
    """Weeks (Monday first) of one month, each day with its state for the calendar view."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.month != month:
                row.append(Day(date=None))
                continue
            state, labels = proposal_days.get(day, ("weekend" if day.weekday() >= 5 else "", []))
            row.append(Day(date=day, state=state, labels=labels))
        weeks.append(row)
    return weeks
