"""Whatever a file holds, the calendar readers answer with meetings or a CalendarError (a
Dutch message on the page), never with another exception (a 500)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werkbezoek.calendars.parsing import CalendarError, parse_ics, parse_notubiz

ICS_LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "DTSTART:00010101T000000",
        "DTSTART:99991231T235959Z",
        "DTSTART;VALUE=DATE:20260230",
        "DTSTART:20261201T100000",
        "DTSTART;TZID=Nergens/Nowhere:20261201T100000",
        "DTEND:2026",
        "SUMMARY:Raad",
        "UID:x",
        "RRULE:FREQ=DAILY;COUNT=-1",
        "DURATION:PXYZ",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "X-\u0000:y",
    ]
)


def accepts_or_refuses(parse, raw: bytes):
    try:
        specs = parse(raw)
    except CalendarError:
        return
    for spec in specs:
        assert 1900 <= spec.starts_at.year <= 2100


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(ICS_LINES, max_size=12))
def test_any_ics_file(lines):
    raw = "\r\n".join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR"]).encode()
    accepts_or_refuses(parse_ics, raw)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_ics(raw):
    accepts_or_refuses(parse_ics, b"BEGIN:VCALENDAR\r\n" + raw)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=20)
    | st.sampled_from(["0001-01-01 00:00:00", "9999-12-31 23:59:59", "2026-12-01 10:00:00"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "plannings",
                    "start_date",
                    "end_date",
                    "attributes",
                    "Titel",
                    "id",
                    "meetings",
                    "title",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_any_notubiz_json(document):
    accepts_or_refuses(parse_notubiz, json.dumps(document).encode())
