"""Calendars as Outlook and council systems write them: repeating meetings with exceptions,
moved and cancelled occurrences, cancelled and 'free' events, Windows time-zone names."""

import datetime

import pytest

from werkbezoek.calendars.parsing import CalendarError, parse_ics

# An Outlook-style export: a Windows time-zone name, a weekly council meeting on Tuesday
# evening with one week skipped (EXDATE), one moved (RECURRENCE-ID), one cancelled, an
# extra date (RDATE); a cancelled single meeting and a 'free' reminder.
OUTLOOK = """BEGIN:VCALENDAR\r
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r
VERSION:2.0\r
BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011028T030000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010325T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:raad-wekelijks\r
SUMMARY:Raadsvergadering\r
DTSTART;TZID=W. Europe Standard Time:20270105T193000\r
DTEND;TZID=W. Europe Standard Time:20270105T230000\r
RRULE:FREQ=WEEKLY;COUNT=6\r
EXDATE;TZID=W. Europe Standard Time:20270112T193000\r
RDATE;TZID=W. Europe Standard Time:20270225T193000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:raad-wekelijks\r
RECURRENCE-ID;TZID=W. Europe Standard Time:20270119T193000\r
SUMMARY:Raadsvergadering (verplaatst)\r
DTSTART;TZID=W. Europe Standard Time:20270121T193000\r
DTEND;TZID=W. Europe Standard Time:20270121T230000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:raad-wekelijks\r
RECURRENCE-ID;TZID=W. Europe Standard Time:20270126T193000\r
SUMMARY:Raadsvergadering\r
STATUS:CANCELLED\r
DTSTART;TZID=W. Europe Standard Time:20270126T193000\r
DTEND;TZID=W. Europe Standard Time:20270126T230000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:commissie-afgelast\r
SUMMARY:Commissie Welzijn\r
STATUS:CANCELLED\r
DTSTART;TZID=W. Europe Standard Time:20270203T200000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:reces\r
SUMMARY:Zomerreces (vrij)\r
TRANSP:TRANSPARENT\r
DTSTART;VALUE=DATE:20270710\r
DTEND;VALUE=DATE:20270822\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_an_outlook_export_with_repeats_and_exceptions():
    meetings = parse_ics(OUTLOOK.encode())
    days = sorted((m.starts_at.date(), m.title) for m in meetings)
    assert days == [
        (datetime.date(2027, 1, 5), "Raadsvergadering"),
        # 12 January skipped (EXDATE); the 19th moved to the 21st; the 26th cancelled
        (datetime.date(2027, 1, 21), "Raadsvergadering (verplaatst)"),
        (datetime.date(2027, 2, 2), "Raadsvergadering"),
        (datetime.date(2027, 2, 9), "Raadsvergadering"),
        (datetime.date(2027, 2, 25), "Raadsvergadering"),  # the extra date (RDATE)
    ]
    # In Dutch local time, whatever the Windows time-zone name: 19:30 on a winter evening.
    assert all(m.starts_at.utcoffset() == datetime.timedelta(hours=1) for m in meetings)
    assert {(m.starts_at.hour, m.starts_at.minute) for m in meetings} == {(19, 30)}
    assert len({m.uid for m in meetings}) == len(meetings)  # one row per occurrence


def test_a_broken_file_gets_a_plain_dutch_message_without_the_parsers_words():
    from django.utils import translation

    with translation.override("nl"):
        try:
            parse_ics(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:kapot\r\nEND:VCALENDAR")
        except CalendarError as error:
            message = str(error)
    assert "iCalendar" in message or "agenda" in message
    assert "Traceback" not in message and "ValueError" not in message


def test_repeating_meetings_with_impossible_starts_get_a_message_not_a_crash():
    """Cases the fuzz test found: two starts for one meeting, the year 0001."""
    for start in ("DTSTART:20270105T193000\r\nDTSTART:20270106T193000", "DTSTART:00010101T000000"):
        text = (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Raad\r\n"
            f"{start}\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        with pytest.raises(CalendarError, match="onleesbare datum|unreadable date"):
            parse_ics(text.encode())
