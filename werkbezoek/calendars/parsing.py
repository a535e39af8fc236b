"""Reading council calendars: iCalendar (ICS) and the Open Raadsinformatie/Notubiz
meeting JSON. Both return plain meeting specs or raise CalendarError with a Dutch message."""

import datetime
import hashlib
import json
import zoneinfo
from dataclasses import dataclass

from django.utils.translation import gettext as _

from werkbezoek.lib.dates import EARLIEST, LATEST

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


class CalendarError(ValueError):
    pass


@dataclass(frozen=True)
class MeetingSpec:
    uid: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    description: str = ""


def _aware(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=AMSTERDAM)
    else:
        # An all-day event: the whole day is busy, from local midnight.
        moment = datetime.datetime.combine(value, datetime.time(0, 0), tzinfo=AMSTERDAM)
    if not (EARLIEST <= moment.date() <= LATEST):
        raise ValueError("date out of range")  # reported with the meeting's title
    return moment


def _fallback_uid(*parts) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]


REPEAT_YEARS_AHEAD = 2  # repeating meetings are expanded this far ahead of today


def _is_repeated(event) -> bool:
    return any(key in event for key in ("RRULE", "RDATE", "RECURRENCE-ID"))


def _does_not_block(event) -> bool:
    """A cancelled meeting, or time marked free (TRANSP:TRANSPARENT), blocks no day."""
    status = str(event.get("STATUS", "")).upper()
    transparency = str(event.get("TRANSP", "")).upper()
    return status == "CANCELLED" or transparency == "TRANSPARENT"


def _occurrences(calendar):
    """Every occurrence: single events as they are, repeating ones (RRULE, RDATE, EXDATE,
    moved or cancelled occurrences) expanded by recurring-ical-events up to a few years
    ahead, from the first meeting in the file."""
    import recurring_ical_events

    # An event without a start cannot be placed on any day (and the expansion would fail
    # on it): leave it out before expanding.
    calendar.subcomponents = [
        component
        for component in calendar.subcomponents
        if component.name != "VEVENT" or component.get("DTSTART") is not None
    ]
    events = list(calendar.walk("VEVENT"))
    singles = [event for event in events if not _is_repeated(event)]
    if len(singles) == len(events):
        return singles
    starts = []
    for event in events:
        try:
            starts.append(_aware(event["DTSTART"].dt))
        except (AttributeError, TypeError, ValueError):
            # Two starts for one meeting, or a year the calendar cannot mean (0001).
            raise _unreadable(event) from None
    today = datetime.datetime.now(tz=AMSTERDAM).date()
    first = min(starts).date() if starts else today
    until = today + datetime.timedelta(days=366 * REPEAT_YEARS_AHEAD)
    try:
        expanded = list(recurring_ical_events.of(calendar).between(first, until))
    except Exception:  # noqa: BLE001 - a rule the library cannot follow is the file's fault
        raise CalendarError(
            _(
                "A repeating meeting in this calendar has a rule that cannot be followed. "
                "Export the calendar again, or remove that meeting's repetition."
            )
        ) from None
    return singles + [event for event in expanded if _is_repeated(event)]


def _unreadable(event) -> CalendarError:
    return CalendarError(
        _("A meeting in the calendar has an unreadable date (%(summary)s).")
        % {"summary": event.get("SUMMARY", "?")}
    )


def parse_ics(data: bytes) -> list[MeetingSpec]:
    from icalendar import Calendar

    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.upper().startswith(b"BEGIN:VCALENDAR"):
        raise CalendarError(
            _("This file is not a calendar: an iCalendar file starts with BEGIN:VCALENDAR.")
        )
    try:
        calendar = Calendar.from_ical(text)
    except Exception:  # noqa: BLE001 - any broken file is the user's, not a 500
        raise CalendarError(
            _(
                "The calendar could not be read. Export it again from the calendar program "
                "as an iCalendar file (.ics) and upload that."
            )
        ) from None
    specs = []
    for event in _occurrences(calendar):
        if _does_not_block(event):
            continue
        start = event.get("DTSTART")
        if start is None:
            continue  # an event without a start blocks no day
        try:
            starts_at = _aware(start.dt)
            end = event.get("DTEND")
            ends_at = _aware(end.dt) if end is not None else None
        except Exception:  # noqa: BLE001 - an odd date is a message, not a 500
            raise _unreadable(event) from None
        title = str(event.get("SUMMARY", "")).strip() or _("Meeting")
        uid = str(event.get("UID", "")) or _fallback_uid(starts_at.isoformat(), title)
        if _is_repeated(event):
            uid = f"{uid}:{starts_at:%Y%m%dT%H%M}"  # one row per occurrence
        specs.append(
            MeetingSpec(
                uid=uid,
                title=title[:500],
                starts_at=starts_at,
                ends_at=ends_at,
                description=str(event.get("DESCRIPTION", "")),
            )
        )
    if not specs:
        raise CalendarError(_("The calendar contains no meetings."))
    return specs


def _notubiz_meetings(document):
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if "plannings" in document:
            return [document]
        for key in ("meetings", "events", "items", "data"):
            if isinstance(document.get(key), list):
                return document[key]
    raise CalendarError(
        _("This file is not a Notubiz meeting file: no meetings with a planning found.")
    )


def parse_notubiz(data: bytes) -> list[MeetingSpec]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise CalendarError(_("This file is not valid JSON.")) from None
    specs = []
    for number, meeting in enumerate(_notubiz_meetings(document), start=1):
        plannings = meeting.get("plannings") if isinstance(meeting, dict) else None
        if not isinstance(plannings, list) or not plannings:
            raise CalendarError(
                _("Meeting %(number)d in the file has no planning (date and time).")
                % {"number": number}
            )
        attributes = meeting.get("attributes")
        if not isinstance(attributes, dict):
            attributes = {}
        title = str(attributes.get("Titel") or meeting.get("title") or _("Meeting")).strip()
        for planning in plannings:
            try:
                if not isinstance(planning, dict):
                    raise TypeError("a planning is not an object")
                starts_at = datetime.datetime.strptime(
                    planning["start_date"], "%Y-%m-%d %H:%M:%S"
                ).replace(tzinfo=AMSTERDAM)
                ends_at = None
                if planning.get("end_date"):
                    ends_at = datetime.datetime.strptime(
                        planning["end_date"], "%Y-%m-%d %H:%M:%S"
                    ).replace(tzinfo=AMSTERDAM)
                for moment in (starts_at, ends_at):
                    if moment is not None and not (EARLIEST <= moment.date() <= LATEST):
                        raise ValueError("date out of range")
            except (KeyError, TypeError, ValueError):
                raise CalendarError(
                    _("“%(title)s” has an unreadable date; expected e.g. 2018-02-08 13:30:00.")
                    % {"title": title}
                ) from None
            uid = f"notubiz:{meeting.get('id') or _fallback_uid(starts_at, title)}"
            if len(plannings) > 1:
                uid += f":{starts_at:%Y%m%d%H%M}"
            specs.append(
                MeetingSpec(uid=uid, title=title[:500], starts_at=starts_at, ends_at=ends_at)
            )
    if not specs:
        raise CalendarError(_("The file contains no meetings."))
    return specs


def parse(data: bytes, kind: str) -> list[MeetingSpec]:
    if kind == "notubiz_file":
        return parse_notubiz(data)
    return parse_ics(data)
