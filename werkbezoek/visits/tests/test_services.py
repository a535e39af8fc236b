"""Services of the planner against the database: pipeline, guests, dates, checklist."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope

from werkbezoek.calendars.models import CalendarFeed, Meeting
from werkbezoek.people.models import Assessment
from werkbezoek.visits import checklist, services
from werkbezoek.visits.models import ChecklistTask, Status, StatusChange, TeamMember

from .conftest import days_ahead

pytestmark = pytest.mark.django_db


# A Monday in a week without public holidays, years ahead: proposals never depend on today.
QUIET_MONDAY = datetime.date(2030, 9, 16)


def test_a_new_visit_starts_as_concept_with_the_template_and_the_checklist(visit, in_a):
    assert visit.status == Status.CONCEPT
    assert [b.minutes for b in visit.blocks.all()] == [5, 10, 15, 10, 5]
    codes = set(visit.tasks.values_list("code", flat=True))
    assert {"goal", "invite", "programme", "briefing", "thanks", "next-contact"} <= codes
    assert "media-notice" not in codes  # only when press or a photographer comes
    assert StatusChange.objects.get(visit=visit).to_status == Status.CONCEPT


def test_only_listed_transitions_are_allowed_with_a_dutch_message(visit, in_a, personas):
    with pytest.raises(ValidationError) as error:
        services.transition(visit=visit, to=Status.HELD, actor=personas.editor)
    assert "kan niet" in error.value.messages[0]
    assert visit.status_changes.count() == 1


def test_inviting_needs_the_ask_and_a_guest(visit, in_a, people, personas):
    visit.ask = ""
    visit.save()
    with pytest.raises(ValidationError) as error:
        services.transition(visit=visit, to=Status.INVITED, actor=personas.editor)
    assert len(error.value.messages) == 2
    visit.ask = "Behoud de subsidie"
    visit.save()
    services.guest_add(actor=None, visit=visit, person=people["alderman"])
    visit = services.transition(visit=visit, to=Status.INVITED, actor=personas.editor)
    change = visit.status_changes.last()
    assert (change.from_status, change.to_status, change.actor) == (
        "concept",
        "invited",
        personas.editor,
    )


def test_do_not_contact_and_duplicates_are_refused(visit, in_a, people, personas):
    Assessment.objects.create(
        organisation=personas.org_a, person=people["member"], do_not_contact=True
    )
    with pytest.raises(ValidationError, match="niet benaderen|do not contact"):
        services.guest_add(actor=None, visit=visit, person=people["member"])
    services.guest_add(actor=None, visit=visit, person=people["alderman"])
    with pytest.raises(ValidationError):
        services.guest_add(actor=None, visit=visit, person=people["alderman"])
    assert visit.guests.count() == 1


def test_exactly_one_host(visit, in_a, personas):
    services.team_add(actor=None, visit=visit, role=TeamMember.Role.HOST, name="Gastvrouw")
    with pytest.raises(ValidationError):
        services.team_add(actor=None, visit=visit, role=TeamMember.Role.HOST, name="Tweede")
    assert visit.team.count() == 1


def test_council_and_committee_days_of_the_guests_are_avoided(visit, in_a, people, places):
    start = QUIET_MONDAY  # a Monday five weeks ahead
    end = start + datetime.timedelta(days=4)
    zone = timezone.get_current_timezone()
    council_day = start + datetime.timedelta(days=1)
    committee_day = start + datetime.timedelta(days=3)
    Meeting.objects.create(
        body=places["council"],
        uid="raad-1",
        title="Raadsvergadering",
        starts_at=datetime.datetime.combine(council_day, datetime.time(19, 30), tzinfo=zone),
    )
    committee = Meeting.objects.create(
        body=places["committee"],
        uid="tk-1",
        title="Commissiedebat",
        starts_at=datetime.datetime.combine(committee_day, datetime.time(10), tzinfo=zone),
    )
    committee.attendees.add(people["mp"])
    services.guest_add(actor=None, visit=visit, person=people["member"])
    services.guest_add(actor=None, visit=visit, person=people["mp"])
    proposal = services.dates_propose(
        actor=None, visit=visit, start=start, end=end, time_of_day="morning", count=5
    )
    days = [o.date for o in proposal.options]
    assert council_day not in days and committee_day not in days
    assert len(days) == 3
    assert "Gemeenteraad Testassen: Raadsvergadering" in proposal.busy[council_day][0]
    assert "Commissie SZW: Commissiedebat (A. Kamerlid)" in proposal.busy[committee_day][0]
    assert visit.date_options.count() == 3


def test_another_organisations_imported_meetings_do_not_block_our_days(
    visit, in_a, people, places, personas
):
    start = QUIET_MONDAY
    zone = timezone.get_current_timezone()
    with scope(organisation=personas.org_b):
        Meeting.objects.create(
            organisation=personas.org_b,
            body=places["council"],
            uid="b-raad",
            title="Vergadering die alleen B kent",
            starts_at=datetime.datetime.combine(start, datetime.time(20), tzinfo=zone),
        )
    services.guest_add(actor=None, visit=visit, person=people["member"])
    proposal = services.dates_propose(
        actor=None, visit=visit, start=start, end=start, time_of_day="morning", count=1
    )
    assert [o.date for o in proposal.options] == [start]


def test_proposing_again_keeps_a_confirmed_option(visit, in_a, people, personas):
    services.guest_add(actor=None, visit=visit, person=people["alderman"])
    start = QUIET_MONDAY
    services.dates_propose(
        actor=None,
        visit=visit,
        start=start,
        end=start + datetime.timedelta(days=20),
        time_of_day="morning",
    )
    services.transition(visit=visit, to=Status.INVITED, actor=personas.editor)
    option = visit.date_options.last()
    services.date_confirm(visit=visit, option=option, actor=personas.editor)
    visit.refresh_from_db()
    assert (visit.status, visit.date) == (Status.CONFIRMED, option.date)
    services.dates_propose(
        actor=None,
        visit=visit,
        start=start + datetime.timedelta(days=28),
        end=start + datetime.timedelta(days=40),
        time_of_day="afternoon",
    )
    assert visit.date_options.filter(chosen=True).get().pk == option.pk


def test_confirming_needs_invitations_first(visit, in_a, people, personas):
    services.guest_add(actor=None, visit=visit, person=people["alderman"])
    start = QUIET_MONDAY
    services.dates_propose(actor=None, visit=visit, start=start, end=start, time_of_day="morning")
    with pytest.raises(ValidationError):
        services.date_confirm(visit=visit, option=visit.date_options.get(), actor=personas.editor)
    visit.refresh_from_db()
    assert visit.status == Status.CONCEPT and visit.date is None


def test_checklist_due_dates_follow_the_date(visit, in_a):
    invite = visit.tasks.get(code="invite")
    thanks = visit.tasks.get(code="thanks")
    assert checklist.due_date(invite, None) is None
    friday = datetime.date(2027, 1, 15)
    assert checklist.due_date(invite, friday) == datetime.date(2026, 12, 18)
    assert checklist.due_date(thanks, friday) == datetime.date(2027, 1, 19)  # two working days


def test_press_adds_the_task_to_tell_the_guests(visit, in_a):
    media = {"press_present": False, "photographer_present": True, "press_release": False}
    services.media_update(actor=None, visit=visit, **media)
    services.media_update(actor=None, visit=visit, **{**media, "press_present": True})
    assert ChecklistTask.objects.filter(visit=visit, code="media-notice").count() == 1


def test_held_only_on_or_after_the_date(visit, in_a, people, personas):
    services.guest_add(actor=None, visit=visit, person=people["alderman"])
    services.transition(visit=visit, to=Status.INVITED, actor=personas.editor)
    visit.date = days_ahead(10)
    visit.save()
    services.transition(visit=visit, to=Status.CONFIRMED, actor=personas.editor)
    with pytest.raises(ValidationError):
        services.transition(visit=visit, to=Status.HELD, actor=personas.editor)


def test_a_date_is_confirmed_only_while_invited_or_confirmed(in_a, visit, people):
    from werkbezoek.visits.models import DateOption

    option = DateOption.objects.create(
        organisation=visit.organisation, visit=visit, date=days_ahead(40), start_time="10:00"
    )
    assert "Verstuur eerst de uitnodigingen" in services.date_confirm_check(visit)[0]
    services.transition(visit=visit, to=Status.CANCELLED, actor=None)
    assert "kan niet meer worden gewijzigd" in services.date_confirm_check(visit)[0]
    with pytest.raises(ValidationError):
        services.date_confirm(visit=visit, option=option, actor=None)
    visit.refresh_from_db()
    assert visit.date is None


def test_every_change_is_one_audit_entry_with_its_actor(in_a, personas, visit, people):
    """Who removed a guest, changed an answer or deleted a block: the log says."""
    from werkbezoek.organisations.models import AuditEntry

    editor = personas.editor
    guest = services.guest_add(visit=visit, actor=editor, person=people["alderman"])
    block = visit.blocks.first()
    steps = [
        (
            "visits.guest.answer_saved",
            lambda: services.guest_answer_save(
                visit=visit, actor=editor, guest=guest, rsvp="accepted"
            ),
        ),
        (
            "visits.team.added",
            lambda: services.team_add(visit=visit, actor=editor, role="host", name="Gea"),
        ),
        (
            "visits.block.removed",
            lambda: services.block_remove(visit=visit, actor=editor, block=block),
        ),
        (
            "visits.post.added",
            lambda: services.post_add(visit=visit, actor=editor, channel="x", text="Dank!"),
        ),
        (
            "visits.guest.removed",
            lambda: services.guest_remove(visit=visit, actor=editor, guest=guest),
        ),
    ]
    for action, step in steps:
        before = AuditEntry.objects.count()
        step()
        assert AuditEntry.objects.count() == before + 1, action
        entry = AuditEntry.objects.first()  # newest first
        assert (entry.action, entry.actor, entry.data["visit"]) == (action, editor, visit.pk)


def test_default_tasks_follow_the_readers_language_and_typed_titles_stay(in_a, visit):
    from django.utils import translation

    task = visit.tasks.get(code="goal")
    assert task.title == ""  # stored as a code, whatever language made the visit
    with translation.override("nl"):
        assert task.label == "Doel, kernboodschap en concrete vraag opschrijven"
    with translation.override("en"):
        assert task.label == "Write down the goal, the core message and the concrete ask"
        # Saving the form unchanged keeps it a code; a typed title is kept as typed.
        services.task_save(
            visit=visit,
            actor=None,
            task=task,
            title=task.label,
            offset_days=-30,
            working_days=False,
            done=False,
        )
        assert task.title == ""
    services.task_save(
        visit=visit,
        actor=None,
        task=task,
        title="Eigen titel",
        offset_days=-30,
        working_days=False,
        done=False,
    )
    with translation.override("en"):
        assert task.label == "Eigen titel"


def imported_meeting(personas, places, uid, starts_at, ends_at=None, evening_blocks_day=True):
    """A meeting from a calendar organisation A imported for the council."""
    feed = CalendarFeed.objects.create(
        organisation=personas.org_a,
        body=places["council"],
        kind=CalendarFeed.Kind.ICS_FILE,
        name=f"{uid}.ics",
        evening_blocks_day=evening_blocks_day,
    )
    return Meeting.objects.create(
        organisation=personas.org_a,
        feed=feed,
        body=places["council"],
        uid=uid,
        title="Raadsvergadering",
        starts_at=starts_at,
        ends_at=ends_at,
    )


def test_a_meeting_past_midnight_blocks_both_days(visit, in_a, people, places, personas):
    zone = timezone.get_current_timezone()
    tuesday = QUIET_MONDAY + datetime.timedelta(days=1)
    wednesday = tuesday + datetime.timedelta(days=1)
    imported_meeting(
        personas,
        places,
        "laat",
        datetime.datetime.combine(tuesday, datetime.time(20), tzinfo=zone),
        datetime.datetime.combine(wednesday, datetime.time(1, 30), tzinfo=zone),
    )
    # An all-day event ends at the next midnight: it blocks its own day only.
    friday = QUIET_MONDAY + datetime.timedelta(days=4)
    imported_meeting(
        personas,
        places,
        "heledag",
        datetime.datetime.combine(
            friday - datetime.timedelta(days=1), datetime.time(), tzinfo=zone
        ),
        datetime.datetime.combine(friday, datetime.time(), tzinfo=zone),
    )
    services.guest_add(actor=None, visit=visit, person=people["member"])
    proposal = services.dates_propose(
        actor=None,
        visit=visit,
        start=QUIET_MONDAY,
        end=friday,
        time_of_day="morning",
        count=5,
    )
    assert [o.date for o in proposal.options] == [QUIET_MONDAY, friday]


def test_evening_meetings_leave_the_day_free_where_the_organisation_says_so(
    visit, in_a, people, places, personas
):
    zone = timezone.get_current_timezone()
    tuesday = QUIET_MONDAY + datetime.timedelta(days=1)
    meeting = imported_meeting(
        personas,
        places,
        "avond",
        datetime.datetime.combine(tuesday, datetime.time(19, 30), tzinfo=zone),
        evening_blocks_day=False,
    )
    services.guest_add(actor=None, visit=visit, person=people["member"])

    def proposed(time_of_day):
        proposal = services.dates_propose(
            actor=None, visit=visit, start=tuesday, end=tuesday, time_of_day=time_of_day, count=1
        )
        return [o.date for o in proposal.options]

    assert proposed("morning") == [tuesday]
    assert proposed("evening") == []  # the evening itself is taken
    # A daytime meeting still blocks; and by default an evening meeting blocks the day.
    meeting.starts_at = datetime.datetime.combine(tuesday, datetime.time(14), tzinfo=zone)
    meeting.save()
    assert proposed("morning") == []
    meeting.starts_at = datetime.datetime.combine(tuesday, datetime.time(19, 30), tzinfo=zone)
    meeting.save()
    meeting.feed.evening_blocks_day = True
    meeting.feed.save()
    assert proposed("morning") == []
