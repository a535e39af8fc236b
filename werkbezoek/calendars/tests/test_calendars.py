"""Council calendars: real files in, clear Dutch errors for bad ones, safe subscriptions."""

import datetime
import http.server
import threading
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from werkbezoek.calendars.fetching import FetchError, check_url, fetch
from werkbezoek.calendars.models import CalendarFeed, Meeting
from werkbezoek.calendars.parsing import CalendarError, parse_ics, parse_notubiz
from werkbezoek.organisations.models import AuditEntry
from werkbezoek.reference.models import Municipality, Province
from werkbezoek.testing import run_queued_tasks

DATA = settings.WERKBEZOEK_SHARED_DATA
NOTUBIZ = DATA / "gemeenteraad" / "ori_notubiz_meeting_amsterdam_2018-02-08.json"
ICS = DATA / "tweede_kamer" / "ics" / "Commissie-voor-de-Rijksuitgaven.ics"

SMALL_ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//NL\r
BEGIN:VEVENT\r
UID:raad-1@example.org\r
DTSTART;TZID=Europe/Amsterdam:20300917T193000\r
SUMMARY:Raadsvergadering\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:raad-2@example.org\r
DTSTART;VALUE=DATE:20301001\r
SUMMARY:Begrotingsraad\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_real_committee_calendar_is_read():
    specs = parse_ics(ICS.read_bytes())
    assert len(specs) == 4  # SOURCES.md: Rijksuitgaven has 4 events
    assert all(spec.starts_at.tzinfo is not None for spec in specs)


def test_the_real_notubiz_meeting_is_read_in_local_time():
    (spec,) = parse_notubiz(NOTUBIZ.read_bytes())
    assert spec.title == "raadscommissie Financiën"
    assert spec.starts_at.isoformat() == "2018-02-08T13:30:00+01:00"
    assert spec.uid == "notubiz:458902"


def test_all_day_events_block_the_day():
    specs = parse_ics(SMALL_ICS)
    assert specs[1].starts_at.date() == datetime.date(2030, 10, 1)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Naam;Datum\nRaad;2030-09-17\n",
        b"%PDF-1.4 ...",
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    ],
)
def test_files_that_are_not_calendars_are_refused_in_dutch(data):
    with pytest.raises(CalendarError) as error:
        parse_ics(data)
    assert "agenda" in str(error.value)


@pytest.mark.parametrize(
    "data",
    [b"{not json", b'{"title": "geen planning"}', b'[{"plannings": [{"start_date": "gisteren"}]}]'],
)
def test_bad_notubiz_files_are_refused(data):
    with pytest.raises(CalendarError):
        parse_notubiz(data)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/raad.ics",
        "http://localhost:8000/raad.ics",
        "http://10.0.0.5/raad.ics",
        "http://192.168.1.1/raad.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/raad.ics",
        "file:///etc/passwd",
        "ftp://example.org/raad.ics",
        "http://gebruiker:geheim@example.org/raad.ics",
    ],
)
def test_private_addresses_and_other_schemes_are_refused(url):
    with pytest.raises(FetchError):
        check_url(url)


class _Calendars(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/doorverwijzing":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.5/raad.ics")
            self.end_headers()
            return
        if self.path in {"/druppel.ics", "/druppel-kop.ics"}:
            self._drip(headers_too=self.path == "/druppel-kop.ics")
            return
        body = b"X" * (3 * 1024 * 1024) if self.path == "/groot.ics" else SMALL_ICS
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        if self.path != "/groot.ics":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, headers_too):
        """A server that sends one byte at a time, never quite timing out a single read."""
        try:
            if headers_too:
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 100:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            self.send_response(200)
            self.end_headers()
            for byte in SMALL_ICS * 10:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, *args):
        pass


@pytest.fixture
def calendar_server(settings):
    settings.WERKBEZOEK_FETCH_ALLOW_PRIVATE = True  # the test server listens on 127.0.0.1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Calendars)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_reads_a_calendar_and_stops_at_the_size_limit(calendar_server):
    assert fetch(calendar_server + "/raad.ics") == SMALL_ICS
    with pytest.raises(FetchError, match="te groot"):
        fetch(calendar_server + "/groot.ics")


@pytest.mark.parametrize("path", ["/druppel.ics", "/druppel-kop.ics"])
def test_a_dripping_server_is_cut_off_at_the_deadline(calendar_server, path):
    started = time.monotonic()
    with pytest.raises(FetchError, match="te lang"):
        fetch(calendar_server + path, timeout=1)
    assert time.monotonic() - started < 3  # was: as long as the server kept dripping


def test_a_redirect_to_a_private_address_is_refused(calendar_server, settings):
    settings.WERKBEZOEK_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(FetchError):
        fetch(calendar_server + "/doorverwijzing")


# --- Through the page ----------------------------------------------------------------------


@pytest.fixture
def municipality(db):
    province = Province.objects.create(code="PV98", name="Provincie")
    return Municipality.objects.create(code="GM9999", name="Testdorp", province=province)


def _post(client, data):
    return client.post(reverse("calendars:add", args=["welzijn-a"]), data, follow=True)


def _counts():
    with scopes_disabled():
        return CalendarFeed.objects.count(), Meeting.objects.count()


def test_upload_an_ics_file(client_as, personas, municipality):
    client = client_as(personas.editor)
    upload = SimpleUploadedFile("raad.ics", SMALL_ICS, content_type="text/calendar")
    response = _post(client, {"municipality": municipality.pk, "file": upload})
    assert "2 vergaderingen geïmporteerd uit raad.ics" in response.text
    with scope(organisation=personas.org_a):
        assert Meeting.objects.filter(organisation=personas.org_a).count() == 2
    with scope(organisation=personas.org_b):
        assert not Meeting.objects.filter(body__code="GR-GM9999").exists()
    # The same calendar again (a newer export): still one calendar, its meetings replaced.
    again = SimpleUploadedFile("raad.ics", SMALL_ICS, content_type="text/calendar")
    _post(client, {"municipality": municipality.pk, "file": again})
    with scope(organisation=personas.org_a):
        assert CalendarFeed.objects.count() == 1
        assert Meeting.objects.filter(organisation=personas.org_a).count() == 2


def test_evening_meetings_can_be_set_to_leave_the_day_free(client_as, personas, municipality):
    client = client_as(personas.editor)
    upload = SimpleUploadedFile("raad.ics", SMALL_ICS, content_type="text/calendar")
    _post(client, {"municipality": municipality.pk, "file": upload})
    with scope(organisation=personas.org_a):
        feed = CalendarFeed.objects.get()
    assert feed.evening_blocks_day  # the safe default: the whole day
    page = client.get(reverse("calendars:list", args=["welzijn-a"])).text
    assert "houden de hele dag bezet" in page
    response = client.post(
        reverse("calendars:feed-evening", args=["welzijn-a", feed.pk]), {"hele_dag": "nee"}
    )
    assert response.status_code == 302
    feed.refresh_from_db()
    assert not feed.evening_blocks_day
    assert "alleen de avond" in client.get(reverse("calendars:list", args=["welzijn-a"])).text
    with scope(organisation=personas.org_a):
        assert AuditEntry.objects.filter(action="calendars.feed.evening_set").exists()
    # A reader cannot change it.
    denied = client_as(personas.reader).post(
        reverse("calendars:feed-evening", args=["welzijn-a", feed.pk]), {"hele_dag": "ja"}
    )
    assert denied.status_code == 403
    feed.refresh_from_db()
    assert not feed.evening_blocks_day


def test_upload_of_the_notubiz_file(client_as, personas, municipality):
    client = client_as(personas.editor)
    upload = SimpleUploadedFile("vergadering.json", NOTUBIZ.read_bytes())
    response = _post(client, {"municipality": municipality.pk, "file": upload})
    assert "1 vergadering geïmporteerd" in response.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("raad.ics", b"Dit is geen agenda", "Dit bestand is geen agenda"),
        ("raad.ics", b"BEGIN:VCALENDAR\r\n" + b"X" * (2 * 1024 * 1024 + 1), "groter dan 2 MB"),
        ("raad.json", b"{kapot", "geen geldige JSON"),
    ],
)
def test_bad_uploads_change_nothing(client_as, personas, municipality, name, content, message):
    before = _counts()
    response = _post(
        client_as(personas.editor),
        {"municipality": municipality.pk, "file": SimpleUploadedFile(name, content)},
    )
    assert message in response.text
    assert _counts() == before


def test_a_subscription_to_a_private_address_is_refused(client_as, personas, municipality):
    before = _counts()
    response = _post(
        client_as(personas.editor),
        {"municipality": municipality.pk, "url": "http://192.168.1.10/raad.ics"},
    )
    assert "privé- of intern netwerkadres" in response.text
    assert _counts() == before


def test_a_subscription_is_fetched_by_the_worker(
    client_as, personas, municipality, calendar_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client_as(personas.editor),
            {"municipality": municipality.pk, "url": calendar_server + "/raad.ics"},
        )
    assert "wordt zo opgehaald" in response.text
    run_queued_tasks()
    with scopes_disabled():
        feed = CalendarFeed.objects.get()
        assert (feed.meeting_count, feed.last_error) == (2, "")
        assert feed.meetings.count() == 2


def test_the_worker_fetches_subscriptions_older_than_a_day(personas, municipality, calendar_server):
    from django.utils import timezone

    from werkbezoek.calendars.services import council_of, refresh_due_subscriptions

    with scopes_disabled():
        body = council_of(municipality)
        stale, fresh = (
            CalendarFeed.objects.create(
                organisation=personas.org_a,
                body=body,
                kind="subscription",
                name="raad",
                url=calendar_server + "/raad.ics",
                last_fetched_at=timezone.now() - datetime.timedelta(hours=hours),
            )
            for hours in (25, 1)
        )
    assert refresh_due_subscriptions() == 1
    run_queued_tasks()
    with scopes_disabled():
        stale.refresh_from_db()
        fresh.refresh_from_db()
        assert (stale.meeting_count, fresh.meeting_count) == (2, 0)


def test_one_organisation_cannot_fill_the_queue_with_its_calendars(
    personas, municipality, settings
):
    from django_tasks_db.models import DBTaskResult

    from werkbezoek.calendars.services import council_of, refresh_due_subscriptions
    from werkbezoek.calendars.tasks import calendar_refresh
    from werkbezoek.mail.tasks import email_send

    settings.WERKBEZOEK_CALENDAR_FEEDS_PER_RUN = 2
    with scopes_disabled():
        body = council_of(municipality)
        for organisation, count in ((personas.org_a, 5), (personas.org_b, 1)):
            for number in range(count):
                CalendarFeed.objects.create(
                    organisation=organisation,
                    body=body,
                    kind="subscription",
                    name=f"raad {number}",
                    url=f"https://example.org/{number}.ics",
                )
    assert refresh_due_subscriptions() == 3  # two of A's five, and B's one
    queued = DBTaskResult.objects.filter(task_path=calendar_refresh.module_path)
    assert sorted(task.args_kwargs["kwargs"]["organisation_id"] for task in queued) == sorted(
        [personas.org_a.pk, personas.org_a.pk, personas.org_b.pk]
    )
    assert email_send.priority > calendar_refresh.priority  # mail is never stuck behind them
