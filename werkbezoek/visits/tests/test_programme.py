"""Programme rules on edge cases: exactly 60 minutes, zero-minute blocks, the closing."""

import datetime
from dataclasses import dataclass

from werkbezoek.visits.programme import check, check_route, timetable


@dataclass
class Block:
    kind: str
    minutes: int
    title: str = "blok"
    with_people: bool = False
    slides: bool = False


@dataclass
class Template:
    min_minutes: int = 30
    max_minutes: int = 60
    max_story_minutes: int = 15
    require_experience: bool = True
    require_closing_ask: bool = True
    warn_slides: bool = True


@dataclass
class Stop:
    name: str
    arrives_at: datetime.time
    leaves_at: datetime.time


def codes(blocks, template=None, ask="Behoud het budget"):
    return {f.code for f in check(blocks, template or Template(), ask=ask)}


STANDARD = [
    Block("reception", 5),
    Block("story", 10),
    Block("tour", 15),
    Block("conversation", 10),
    Block("closing", 5),
]


def test_the_standard_programme_has_no_findings():
    assert codes(STANDARD) == set()


def test_exactly_sixty_minutes_is_fine_sixty_one_is_not():
    sixty = [*STANDARD[:-1], Block("closing", 20)]
    assert sum(b.minutes for b in sixty) == 60
    assert codes(sixty) == set()
    assert codes([*STANDARD[:-1], Block("closing", 21)]) == {"length"}
    assert codes([Block("tour", 20), Block("closing", 9)]) == {"length"}


def test_zero_minute_block_is_flagged():
    found = codes(
        [*STANDARD[:2], Block("tour", 0, title="Rondje"), Block("tour", 20), STANDARD[-1]]
    )
    assert "zero" in found


def test_nothing_to_see_or_do_unless_a_conversation_with_people():
    talk_only = [
        Block("reception", 10),
        Block("story", 15),
        Block("conversation", 15),
        Block("closing", 5),
    ]
    assert "experience" in codes(talk_only)
    talk_only[2].with_people = True
    assert "experience" not in codes(talk_only)


def test_overlong_story_and_slides():
    blocks = [
        Block("reception", 5),
        Block("story", 16, slides=True),
        Block("tour", 15),
        Block("closing", 5),
    ]
    assert codes(blocks) >= {"story", "slides"}


def test_must_end_with_the_ask_but_lunch_may_follow():
    assert "closing" in codes([*STANDARD[:-1]])
    assert "closing" in codes([STANDARD[-1], *STANDARD[:-1]])
    with_lunch = [*STANDARD, Block("lunch", 0)]
    assert "closing" not in codes(with_lunch, Template(max_minutes=240))
    assert "ask" in codes(STANDARD, ask="  ")


def test_rules_are_data_a_template_without_them_checks_only_length():
    relaxed = Template(require_experience=False, require_closing_ask=False, warn_slides=False)
    assert codes([Block("story", 15, slides=True), Block("story", 20)], relaxed) == {"story"}


def test_empty_programme():
    assert codes([]) == {"empty"}


def test_timetable_counts_on_from_the_start():
    slots = timetable(STANDARD, datetime.time(9, 45))
    assert [s.starts.strftime("%H:%M") for s in slots] == [
        "09:45",
        "09:50",
        "10:00",
        "10:15",
        "10:25",
    ]
    assert slots[-1].ends == datetime.time(10, 30)


def test_overlapping_stops_and_a_stop_that_ends_before_it_starts():
    t = datetime.time
    ok = [Stop("Tuin", t(10), t(10, 30)), Stop("Buurthuis", t(10, 40), t(11))]
    assert check_route(ok) == []
    overlap = [Stop("Tuin", t(10), t(10, 45)), Stop("Buurthuis", t(10, 40), t(11))]
    assert [f.code for f in check_route(overlap)] == ["overlap"]
    backwards = [Stop("Tuin", t(11), t(10))]
    assert [f.code for f in check_route(backwards)] == ["stop-time"]
