"""After the visit: who came, the report and its evaluation, photos with consent (metadata
gone, HEIC read), commitments with their history, stances before and after, the next
contact as a task, "followed up" only with a thank-you and a report, and a checklist that
ticks itself."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from werkbezoek import testing
from werkbezoek.organisations.models import Membership
from werkbezoek.people import privacy as people_privacy
from werkbezoek.people.models import Interaction, StanceRecord
from werkbezoek.people.services import stance_record
from werkbezoek.visits import checklist, follow_up, selectors, services
from werkbezoek.visits.models import ChecklistTask, Commitment, Guest, Photo, Status

from .conftest import days_ahead

pytestmark = pytest.mark.django_db


def url(name, visit, *args):
    return reverse(f"visits:{name}", args=["welzijn-a", visit.pk, *args])


def _held(visit, *guests, days_ago=1):
    """Invite, confirm and hold the visit `days_ago` days ago, with these guests accepting."""
    testing.ready_to_invite(visit, date=days_ahead(10))
    for guest in guests:
        services.guest_answer_save(visit=visit, actor=None, guest=guest, rsvp="accepted")
    services.transition(visit=visit, to=Status.INVITED, actor=None)
    services.transition(visit=visit, to=Status.CONFIRMED, actor=None)
    services.date_set(
        visit=visit, actor=None, date=days_ahead(-days_ago), start_time=datetime.time(10)
    )
    services.transition(visit=visit, to=Status.HELD, actor=None)
    visit.refresh_from_db()
    return visit


def _photo(name="foto.jpg", fmt="JPEG", size=(1200, 900), exif=True):
    image = Image.new("RGB", size, (30, 120, 60))
    out = io.BytesIO()
    options = {}
    if exif and fmt == "JPEG":
        info = Image.Exif()
        info[0x010F] = "Camera-merk"  # Make
        info[0x8825] = {1: "N", 2: (52.0, 59.0, 30.0)}  # GPS: latitude
        options["exif"] = info
    image.save(out, fmt, **options)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def test_holding_the_visit_logs_it_on_the_timeline_of_everyone_who_came(
    personas, visit, people, in_a
):
    came = services.guest_add(visit=visit, actor=None, person=people["alderman"])
    declined = services.guest_add(visit=visit, actor=None, person=people["member"])
    _held(visit, came)
    services.guest_answer_save(visit=visit, actor=None, guest=declined, rsvp="declined")
    contact = Interaction.objects.get(kind=Interaction.Kind.VISIT)
    assert list(contact.people.all()) == [people["alderman"]]
    assert visit.logged_contact == contact
    # The member came after all: corrected in the report, the same contact follows.
    follow_up.attendance_save(visit=visit, actor=None, present={came.pk, declined.pk})
    assert set(contact.people.all()) == {people["alderman"], people["member"]}
    assert Interaction.objects.filter(kind=Interaction.Kind.VISIT).count() == 1


def test_followed_up_needs_the_thank_you_and_a_report(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=people["mp"])
        _held(visit, guest)
    client = client_as(personas.editor)
    response = client.post(url("status", visit), {"to": "followed_up"}, follow=True)
    assert "Verstuur eerst de bedankmail" in response.text
    assert "Schrijf eerst het verslag" in response.text
    response = client.post(
        url("report-save", visit),
        {
            "what_happened": "De wethouder sprak met drie vrijwilligers.",
            "ask_outcome": "partly",
            "rating_voter_visibility": "4",
            "rating_difficulty": "3",
            "rating_network": "9",  # not a rating: refused by the form
        },
        follow=True,
    )
    assert "Selecteer een geldige keuze" in response.text
    client.post(
        url("report-save", visit),
        {"what_happened": "De wethouder sprak met vrijwilligers.", "rating_network": "4"},
    )
    with scope(organisation=personas.org_a):
        assert visit.report.ratings == {"network": 4}
        visit.thank_you_sent_at = timezone.now()
        visit.save()
    response = client.post(url("status", visit), {"to": "followed_up"}, follow=True)
    assert "Het bezoek is nu “Opgevolgd”" in response.text


def test_the_report_waits_until_the_visit_is_held(personas, visit, in_a):
    with pytest.raises(ValidationError, match="gehouden"):
        follow_up.report_save(visit=visit, actor=None, what_happened="Te vroeg")


def test_a_photo_loses_its_metadata_and_gets_a_thumbnail(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
        _held(visit, guest)
        services.guest_answer_save(
            visit=visit, actor=None, guest=guest, rsvp="accepted", photos_allowed=True
        )
    client = client_as(personas.editor)
    response = client.post(
        url("photo-add", visit),
        {
            "upload": _photo(),
            "caption": "In de moestuin",
            "guests": [guest.pk],
            "others_visible": "Twee leerlingen van groep 7",
            "consent": "Toestemmingsformulier van de ouders",
        },
        follow=True,
    )
    assert "De foto is toegevoegd" in response.text
    with scopes_disabled():
        photo = Photo.objects.get()
    full = Image.open(io.BytesIO(client.get(url("photo", visit, photo.pk)).content))
    thumb = Image.open(io.BytesIO(client.get(url("thumbnail", visit, photo.pk)).content))
    assert full.format == thumb.format == "JPEG"
    assert max(full.size) <= 1600 and max(thumb.size) <= 320
    assert not full.getexif() and not thumb.getexif()  # no camera, no location
    assert "In de moestuin" in client.get(url("report", visit)).text


def test_an_iphone_photo_in_heic_is_read(personas, visit, people, in_a):
    _held(visit, services.guest_add(visit=visit, actor=None, person=people["mp"]))
    heic = _photo("IMG_0001.HEIC", fmt="HEIF", exif=False)
    photo = follow_up.photo_add(visit=visit, actor=None, upload=heic, consent="Gevraagd")
    assert Image.open(io.BytesIO(bytes(photo.image))).format == "JPEG"


def test_photos_need_everyones_consent(personas, visit, people, in_a):
    guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
    _held(visit, guest)
    with pytest.raises(ValidationError, match="A. Wethouder gaf geen toestemming"):
        follow_up.photo_add(
            visit=visit, actor=None, upload=_photo(), consent="Gevraagd", guests=[guest]
        )
    with pytest.raises(ValidationError, match="hoe iedereen op de foto toestemming gaf"):
        follow_up.photo_add(visit=visit, actor=None, upload=_photo(), consent=" ")
    not_a_picture = SimpleUploadedFile("foto.jpg", b"%PDF-1.7", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="geen afbeelding"):
        follow_up.photo_add(visit=visit, actor=None, upload=not_a_picture, consent="Ja")
    assert not Photo.objects.exists()


def test_a_pledge_by_two_people_with_its_history(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        first = services.guest_add(visit=visit, actor=None, person=people["member"])
        second = services.guest_add(visit=visit, actor=None, person=people["member2"])
        _held(visit, first, second)
    client = client_as(personas.editor)
    client.post(
        url("commitment-add", visit),
        {
            "people": [first.pk, second.pk],
            "text": "Wij behouden de subsidie voor de schooltuinen.",
            "made_on": days_ahead(-1).isoformat(),
            "due_on": days_ahead(20).isoformat(),
        },
    )
    with scopes_disabled():
        pledge = Commitment.objects.get()
        assert set(pledge.people.all()) == {people["member"], people["member2"]}
    status = reverse("visits:commitment-status", args=["welzijn-a", pledge.pk])
    response = client.post(status, {"status": "kept"}, follow=True)
    assert "Voeg een link of een notitie toe" in response.text
    client.post(status, {"status": "kept", "link": "https://example.org/raadsbesluit"})
    with scopes_disabled():
        pledge.refresh_from_db()
        assert pledge.status == "kept"
        assert [c.to_status for c in pledge.changes.all()] == ["open", "kept"]
    person_page = client.get(reverse("people:detail", args=["welzijn-a", people["member"].pk]))
    assert "Wij behouden de subsidie" in person_page.text and "Nagekomen" in person_page.text


def test_overdue_commitments_stand_out(client_as, personas, visit, people, in_a):
    follow_up.commitment_add(
        organisation=personas.org_a,
        actor=None,
        people=[people["alderman"]],
        text="Stuurt de evaluatie voor de zomer",
        made_on=days_ahead(-60),
        due_on=days_ahead(-3),
    )
    page = client_as(personas.reader).get(reverse("visits:commitments", args=["welzijn-a"]))
    assert "Stuurt de evaluatie" in page.text and "te laat" in page.text
    with pytest.raises(ValidationError, match="vóór de dag van de toezegging"):
        follow_up.commitment_add(
            organisation=personas.org_a,
            actor=None,
            people=[people["alderman"]],
            text="x",
            made_on=days_ahead(-1),
            due_on=days_ahead(-5),
        )


def test_stances_before_and_after_the_visit(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
        stance_record(
            organisation=personas.org_a,
            person=people["alderman"],
            stance="doubter",
            date=days_ahead(-30),
            reason="Twijfelde in de commissie",
            actor=personas.editor,
        )
        _held(visit, guest, days_ago=2)
    client = client_as(personas.editor)
    client.post(
        url("stances", visit),
        {f"stance-{guest.pk}": "supporter", f"reason-{guest.pk}": "Overtuigd door de leerlingen"},
    )
    with scope(organisation=personas.org_a):
        effect = selectors.stance_effect([visit])[visit.pk][people["alderman"].pk]
        assert [r.stance if r else None for r in effect] == ["doubter", "supporter"]
        assert selectors.movement(*effect) == 1
        assert "Werkbezoek “Wethouder in de schooltuin”" in StanceRecord.objects.first().source
    results = client.get(reverse("visits:results", args=["welzijn-a"])).text
    assert "↑ 1" in results
    # Without the right to see assessments, the stances are not on the page.
    with scopes_disabled():
        Membership.objects.filter(user=personas.reader).update(may_see_assessments=False)
    page = client_as(personas.reader).get(url("report", visit)).text
    assert "Waar de gasten nu staan" not in page


def test_the_next_contact_becomes_a_task_on_a_working_day(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
        _held(visit, guest)
    day = timezone.localdate() + datetime.timedelta(days=30)
    while day.weekday() != 5:  # a Saturday
        day += datetime.timedelta(days=1)
    client = client_as(personas.editor)
    response = client.post(
        url("next-contact", visit, guest.pk),
        {"date": day.isoformat(), "what": "Bellen over de begroting"},
        follow=True,
    )
    assert "Het volgende contact met A. Wethouder staat op de checklist" in response.text
    with scopes_disabled():
        task = ChecklistTask.objects.get(guest=guest)
    assert task.label == "A. Wethouder: Bellen over de begroting"
    # After the visit, a Saturday moves on to the Monday.
    assert checklist.due_date(task, visit.date) == day + datetime.timedelta(days=2)


def test_due_dates_fall_on_working_days():
    class Task:
        working_days = False

    christmas = datetime.date(2026, 12, 25)  # a Friday and a public holiday
    before, after = Task(), Task()
    before.offset_days, after.offset_days = -1, 1
    # 28 December is the visit: the day before is a Sunday, the day after a Tuesday.
    visit_day = datetime.date(2026, 12, 28)
    assert checklist.due_date(before, visit_day) == datetime.date(2026, 12, 24)
    assert checklist.due_date(after, visit_day) == datetime.date(2026, 12, 29)
    after.offset_days = -3  # Friday 25 December, Christmas: Thursday before
    assert checklist.due_date(after, visit_day) == christmas - datetime.timedelta(days=1)


def test_the_checklist_ticks_itself(personas, visit, people, in_a):
    def done():
        return set(visit.tasks.filter(done_at__isnull=False).values_list("code", flat=True))

    guest = services.guest_add(visit=visit, actor=None, person=people["mp"])
    assert "goal" not in done()
    services.visit_update(
        visit=visit,
        actor=None,
        title=visit.title,
        kind=visit.kind,
        goal_type=visit.goal_type,
        goal="Laten zien wat de schooltuin doet",
        core_message="Een schooltuin maakt kinderen gezonder.",
        ask=visit.ask,
    )
    assert "goal" in done()
    testing.ready_to_invite(visit, date=days_ahead(10))
    services.invitations_send(visit=visit, actor=personas.editor, base_url="http://testserver")
    assert {"goal", "invite"} <= done()
    services.guest_answer_save(visit=visit, actor=None, guest=guest, rsvp="accepted")
    services.transition(visit=visit, to=Status.CONFIRMED, actor=None)
    assert "confirm-date" in done()
    services.date_set(visit=visit, actor=None, date=days_ahead(-1), start_time=datetime.time(10))
    services.transition(visit=visit, to=Status.HELD, actor=None)
    services.thank_you_send(visit=visit, actor=personas.editor)
    follow_up.report_save(visit=visit, actor=None, what_happened="Goed gesprek.")
    assert {"thanks", "report"} <= done()


def test_a_task_is_ticked_in_one_click(client_as, personas, visit, in_a):
    task = visit.tasks.get(code="homework")
    client = client_as(personas.editor)
    response = client.post(
        url("task-tick", visit, task.pk), {"done": "1"}, headers={"HX-Request": "true"}
    )
    assert "Weer openzetten" in response.text and "<html" not in response.text
    task.refresh_from_db()
    assert task.done_at is not None


def test_the_day_of_view_ticks_arrivals(client_as, personas, visit, people, in_a):
    guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
    testing.ready_to_invite(visit, date=timezone.localdate())
    client = client_as(personas.editor)
    page = client.get(url("day", visit)).text
    assert "Draaiboek" in page or "Ontvangst" in page
    response = client.post(
        url("arrived", visit, guest.pk), {"arrived": "1"}, headers={"HX-Request": "true"}
    )
    assert 'aria-pressed="true"' in response.text
    guest.refresh_from_db()
    assert guest.attended is True
    # Photos can be taken on the day itself.
    follow_up.photo_add(visit=visit, actor=None, upload=_photo(), consent="Gevraagd")


def test_erasing_a_person_removes_their_photos_and_own_promises(personas, visit, people, in_a):
    member = services.guest_add(visit=visit, actor=None, person=people["member"])
    other = services.guest_add(visit=visit, actor=None, person=people["member2"])
    _held(visit, member, other)
    Guest.objects.filter(pk=member.pk).update(photos_allowed=True)
    member.refresh_from_db()
    follow_up.photo_add(visit=visit, actor=None, upload=_photo(), consent="Ja", guests=[member])
    alone = follow_up.commitment_add(
        organisation=personas.org_a,
        actor=None,
        people=[people["member"]],
        text="Alleen",
        made_on=days_ahead(-1),
    )
    joint = follow_up.commitment_add(
        organisation=personas.org_a,
        actor=None,
        people=[people["member"], people["member2"]],
        text="Samen",
        made_on=days_ahead(-1),
    )
    people_privacy.person_erase(
        organisation=personas.org_a, person=people["member"], actor=personas.admin
    )
    assert not Photo.objects.exists()
    assert not Commitment.objects.filter(pk=alone.pk).exists()
    assert list(Commitment.objects.get(pk=joint.pk).people.all()) == [people["member2"]]


def test_the_home_page_shows_what_is_due_and_the_phase(client_as, personas, visit, people):
    with scope(organisation=personas.org_a):
        follow_up.commitment_add(
            organisation=personas.org_a,
            actor=None,
            people=[people["alderman"]],
            text="Komt terug op de wachtlijst",
            made_on=days_ahead(-10),
            due_on=days_ahead(3),
        )
    call_command("load_reference_data", stdout=io.StringIO())
    page = client_as(personas.reader).get(reverse("organisations:dashboard", args=["welzijn-a"]))
    assert "Komt terug op de wachtlijst" in page.text and "toezegging binnenkort" in page.text
    # Who promised it, named on the line.
    assert (
        f'Komt terug op de wachtlijst</a> <span class="muted">({people["alderman"]})' in page.text
    )
    assert "Wethouder in de schooltuin" in page.text  # being planned, no date yet
    assert "Waar de verkiezingscyclus staat" in page.text and "Tweede Kamer" in page.text


def test_the_home_page_counts_each_visits_tasks_and_guests_apart(client_as, personas, people):
    """Tasks and guests are counted in one query: the join of both must not multiply them,
    and only guests (not an entourage or a journalist) count as guests."""
    with scope(organisation=personas.org_a):
        busy = testing.make_visit(personas.org_a, personas.editor, title="Drukke ochtend")
        quiet = testing.make_visit(personas.org_a, personas.editor, title="Rustige middag")
        tasks = list(busy.tasks.order_by("pk"))
        for task in tasks[:2]:
            services.task_done(visit=busy, actor=None, task=task, done=True)
        answered = services.guest_add(visit=busy, actor=None, person=people["alderman"])
        services.guest_answer_save(visit=busy, actor=None, guest=answered, rsvp=Guest.Rsvp.ACCEPTED)
        services.guest_add(visit=busy, actor=None, person=people["member"])
        services.guest_add(visit=busy, actor=None, person=people["member2"])
        journalist = services.guest_add_named(
            visit=busy, actor=None, name="Verslaggever", kind=Guest.Kind.JOURNALIST
        )
        services.guest_answer_save(
            visit=busy, actor=None, guest=journalist, rsvp=Guest.Rsvp.ACCEPTED
        )
        task_count = len(tasks)
        quiet_tasks = quiet.tasks.count()
    page = client_as(personas.reader).get(reverse("organisations:dashboard", args=["welzijn-a"]))
    lines = {
        title: " ".join(item.split())
        for item in page.text.split("<li>")
        for title in ["Drukke ochtend", "Rustige middag"]
        if title in item
    }
    assert f"2 van {task_count} taken klaar" in lines["Drukke ochtend"]
    assert "1 van 3 gasten antwoordden" in lines["Drukke ochtend"]
    assert f"0 van {quiet_tasks} taken klaar" in lines["Rustige middag"]
    assert "0 van 0 gasten antwoordden" in lines["Rustige middag"]


def test_the_home_page_costs_the_same_queries_at_any_size(client_as, personas, people):
    """More visits, tasks, guests, commitments and key people: not one query more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from werkbezoek.people.services import assessment_update

    def add(n):
        with scope(organisation=personas.org_a):
            for index in range(n):
                visit = testing.make_visit(personas.org_a, personas.editor, title=f"Bezoek {index}")
                services.guest_add(visit=visit, actor=None, person=people["alderman"])
                services.date_set(
                    visit=visit, actor=None, date=days_ahead(-5), start_time=datetime.time(10)
                )
                follow_up.commitment_add(
                    organisation=personas.org_a,
                    actor=None,
                    people=[people["member"]],
                    text=f"Belofte {index}",
                    made_on=days_ahead(-9),
                    due_on=days_ahead(index - 2),
                )

    def count():
        """Queries of the page and of its part that loads after it (contacts per group)."""
        total = 0
        for url in [
            reverse("organisations:dashboard", args=["welzijn-a"]),
            reverse("organisations:home-part", args=["welzijn-a", "contacten"]),
        ]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, headers={"HX-Request": "true"})
            assert response.status_code == 200
            total += len(queries.captured_queries)
        return total

    client = client_as(personas.editor)
    add(2)
    with scope(organisation=personas.org_a):
        assessment_update(
            organisation=personas.org_a, actor=personas.admin, person=people["mp"], influence=5
        )
    count()  # the first request of a session does a few things once
    few = count()
    add(6)
    with scope(organisation=personas.org_a):
        assessment_update(
            organisation=personas.org_a, actor=personas.admin, person=people["member2"], influence=4
        )
    assert count() == few


def test_a_followed_up_visit_only_reminds_of_its_next_contacts(personas, visit, people, in_a):
    guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
    _held(visit, guest, days_ago=20)
    follow_up.next_contact_set(
        visit=visit, actor=None, guest=guest, date=days_ahead(1), what="Terugbellen"
    )
    visit.status = Status.FOLLOWED_UP  # as after thank-you and report
    visit.save(update_fields=["status"])
    ChecklistTask.objects.filter(guest=guest).update(due_on=days_ahead(-1))
    still_open = set(selectors.tasks_still_open().filter(due_on__lt=days_ahead(0)))
    assert {task.guest_id for task in still_open} == {guest.pk}  # not the leftover tasks
