"""The visit as a calendar item (RFC 5545) and as an invitation, update or cancellation
(RFC 5546 iTIP: METHOD:REQUEST / CANCEL), written with icalendar.

One UID per visit for its whole life, so every update replaces the item in the guest's
calendar; SEQUENCE rises with every change of time or place, which is how calendars tell
a newer version from an older one.
"""

import datetime
import zoneinfo

from icalendar import Calendar, Event, vCalAddress

from . import programme

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
PRODID = "-//Werkbezoek//Werkbezoek//NL"


def uid(visit) -> str:
    return f"werkbezoek-{visit.organisation_id}-{visit.pk}@werkbezoek.nl"


def summary(visit) -> str:
    text = f"Werkbezoek {visit.organisation.name}"
    return f"{text}: {visit.theme}" if visit.theme else text


def times(visit, blocks) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end in Amsterdam time; the length is the programme's, as in the letter."""
    start = datetime.datetime.combine(visit.date, visit.start_time, tzinfo=AMSTERDAM)
    minutes = programme.total_minutes(blocks) or visit.duration_minutes
    return start, start + datetime.timedelta(minutes=minutes)


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    for key, value in params.items():
        address.params[key.replace("_", "-").upper()] = value
    return address


def calendar(
    visit,
    *,
    blocks,
    method: str = "PUBLISH",
    organizer: tuple[str, str] | None = None,
    attendees: list[tuple[str, str]] = (),
    now: datetime.datetime | None = None,
) -> bytes:
    """The visit as an .ics file. method PUBLISH (a download), REQUEST (an invitation or
    update) or CANCEL. organizer and attendees are (name, e-mail)."""
    start, end = times(visit, blocks)
    event = Event()
    event.add("uid", uid(visit))
    event.add("sequence", visit.calendar_sequence)
    event.add("dtstamp", now or datetime.datetime.now(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary(visit))
    place = ", ".join(part for part in (visit.location_name, visit.address) if part)
    if place:
        event.add("location", place)
    lines = [visit.core_message.strip()] if visit.core_message.strip() else []
    lines += [
        f"{slot.starts:%H.%M} {slot.block.title}"
        for slot in programme.timetable(blocks, visit.start_time)
    ]
    if lines:
        event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    if organizer and organizer[1]:
        event.add("organizer", _address(organizer[1], organizer[0]))
    for name, email in attendees:
        event.add(
            "attendee",
            _address(
                email,
                name,
                role="REQ-PARTICIPANT",
                partstat="NEEDS-ACTION",
                rsvp="TRUE" if method == "REQUEST" else "FALSE",
            ),
        )
    ical = Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("method", method)
    ical.add_component(event)
    # Only the years around the visit: a full history of Dutch summer time is noise.
    ical.add_missing_timezones(
        first_date=start.date() - datetime.timedelta(days=366),
        last_date=start.date() + datetime.timedelta(days=366),
    )
    return ical.to_ical()


def mimetype(method: str) -> str:
    return f"text/calendar; method={method}"
