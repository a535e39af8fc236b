"""Date proposals: pure logic, on the edge cases the method cares about."""

import datetime

from werkbezoek.visits import scheduling
from werkbezoek.visits.scheduling import Busy, Recess, add_working_days, month_grid, propose

D = datetime.date
TODAY = D(2026, 11, 22)


def _propose(start, end, **kwargs):
    kwargs.setdefault("busy", [])
    kwargs.setdefault("time_of_day", "morning")
    kwargs.setdefault("today", TODAY)
    return propose(start=start, end=end, **kwargs)


def test_weekends_and_holidays_are_never_proposed():
    # Christmas week 2026: Fri 25 and Sat 26 Dec are holidays, 26-27 a weekend.
    proposal = _propose(D(2026, 12, 24), D(2026, 12, 28), count=5)
    days = [option.date for option in proposal.options]
    assert days == [D(2026, 12, 24), D(2026, 12, 28)]
    assert proposal.holidays[D(2026, 12, 25)] == "Eerste kerstdag"
    assert proposal.weekend_days == 2


def test_a_meeting_on_the_only_free_day_leaves_no_option_and_says_why():
    # Mon 28 Dec - Tue 29 Dec... only Monday 28 is a working day in this window.
    proposal = _propose(
        D(2026, 12, 25),
        D(2026, 12, 28),
        busy=[Busy(D(2026, 12, 28), "Gemeenteraad Assen: raadsvergadering (H. Zuidema)")],
    )
    assert proposal.options == []
    assert "no suitable day" in proposal.notes[0] or "geen geschikte dag" in proposal.notes[0]
    assert proposal.busy[D(2026, 12, 28)] == ["Gemeenteraad Assen: raadsvergadering (H. Zuidema)"]


def test_meeting_days_are_avoided_and_explained_in_the_options_week():
    tuesday = D(2027, 1, 12)
    proposal = _propose(
        D(2027, 1, 11), D(2027, 1, 15), busy=[Busy(tuesday, "Raad: vergadering")], count=4
    )
    days = [option.date for option in proposal.options]
    assert tuesday not in days and len(days) == 4
    avoided = [scheduling.avoided_text(item) for item in proposal.options[0].avoided]
    assert any("Raad: vergadering" in item for item in avoided)
    assert {"code": "no_meeting"} in proposal.options[0].reasons


def test_for_mps_recess_beats_plenary_days_and_monday_friday_beat_tuesday_to_thursday():
    recess = Recess(D(2027, 2, 15), D(2027, 2, 19), "Voorjaarsreces")
    proposal = _propose(D(2027, 2, 1), D(2027, 2, 26), recesses=[recess], with_mps=True, count=3)
    options = proposal.options
    # Three options in three different weeks: one in the recess (a Tuesday is fine then),
    # the others on a Monday or Friday, never on a plenary day.
    assert len({o.date.isocalendar()[1] for o in options}) == 3
    in_recess = [o for o in options if recess.start <= o.date <= recess.end]
    assert len(in_recess) == 1
    assert {"code": "recess", "name": "Voorjaarsreces"} in in_recess[0].reasons
    assert in_recess[0].score > max(o.score for o in options if o not in in_recess)
    assert all(o.date.weekday() in (0, 4) for o in options if o not in in_recess)


def test_plenary_day_is_less_suitable_not_excluded():
    # Only Tuesday-Thursday available: still proposed, with the reason.
    proposal = _propose(D(2027, 3, 2), D(2027, 3, 4), with_mps=True)
    assert len(proposal.options) == 3
    assert all(option.score < 100 for option in proposal.options)


def test_short_notice_is_penalised_with_a_reason():
    proposal = _propose(D(2026, 11, 30), D(2027, 1, 29), count=1)
    option = proposal.options[0]
    assert (option.date - TODAY).days >= 28
    soon = _propose(D(2026, 11, 30), D(2026, 12, 4), count=1).options[0]
    assert {"code": "short_notice"} in soon.reasons


def test_options_are_spread_over_weeks_but_fill_up_when_weeks_run_out():
    proposal = _propose(D(2027, 1, 11), D(2027, 1, 15), count=3)
    assert len(proposal.options) == 3
    assert proposal.options == sorted(proposal.options, key=lambda o: o.date)


def test_time_of_day_sets_the_start_time():
    option = _propose(D(2027, 1, 11), D(2027, 1, 11), time_of_day="afternoon").options[0]
    assert option.start_time == datetime.time(14, 0)


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(D(2026, 12, 24), 2) == D(2026, 12, 29)  # Thu -> Tue (Christmas)
    assert add_working_days(D(2027, 1, 8), 2) == D(2027, 1, 12)  # Fri -> Tue
    assert add_working_days(D(2027, 1, 12), -2) == D(2027, 1, 8)
    # Far ahead the holidays still count: Christmas and New Year's Day are skipped.
    assert add_working_days(D(2026, 12, 1), 30) == D(2027, 1, 14)


def test_month_grid_starts_on_monday_and_marks_states():
    grid = month_grid(2027, 2, {D(2027, 2, 3): ("busy", ["Raad"])})
    assert grid[0][0].date == D(2027, 2, 1)  # 1 Feb 2027 is a Monday
    states = {day.date: day.state for week in grid for day in week if day.date}
    assert states[D(2027, 2, 3)] == "busy"
    assert states[D(2027, 2, 6)] == "weekend"


def test_reasons_are_stored_as_codes_and_read_in_the_readers_language():
    from django.utils import translation

    reason = {"code": "recess", "name": "Zomerreces"}
    with translation.override("nl"):
        assert scheduling.reason_text(reason) == (
            "Zomerreces: Kamerleden hebben tijd voor werkbezoeken."
        )
    with translation.override("en"):
        assert scheduling.reason_text(reason).endswith("have time for working visits.")
    assert scheduling.reason_text("Een oude zin") == "Een oude zin"  # stored by an old version
