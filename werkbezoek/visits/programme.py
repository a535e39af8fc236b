"""The programme rules: pure checks over a list of blocks and the template's limits.

The limits live in ProgrammeTemplate rows (data), so an umbrella body can set its own.
Each finding explains in plain words what is wrong and what the method advises.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Kinds that count as "something to see or do".
EXPERIENCE_KINDS = {"tour"}
# Informal blocks that may follow the closing (lunch after the visit, a drink).
INFORMAL_KINDS = {"lunch", "networking"}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


@dataclass
class Slot:
    block: object
    starts: datetime.time
    ends: datetime.time


def timetable(blocks, start: datetime.time) -> list[Slot]:
    """Start and end time of every block, one after the other."""
    moment = datetime.datetime.combine(datetime.date(2000, 1, 1), start)
    slots = []
    for block in blocks:
        end = moment + datetime.timedelta(minutes=block.minutes)
        slots.append(Slot(block=block, starts=moment.time(), ends=end.time()))
        moment = end
    return slots


def total_minutes(blocks) -> int:
    return sum(block.minutes for block in blocks)


def check(blocks, template, *, ask: str = "") -> list[Finding]:
    blocks = list(blocks)
    if not blocks:
        return [Finding("empty", _("The programme has no blocks yet. Start from the template."))]
    findings = []
    total = total_minutes(blocks)
    if total < template.min_minutes or total > template.max_minutes:
        findings.append(
            Finding(
                "length",
                _(
                    "The programme takes %(total)d minutes; for this kind of visit "
                    "%(min)d to %(max)d minutes works best. Keep it short: guests have "
                    "full diaries and remember little from a long programme."
                )
                % {"total": total, "min": template.min_minutes, "max": template.max_minutes},
            )
        )
    for block in blocks:
        if block.minutes == 0:
            findings.append(
                Finding(
                    "zero",
                    _("“%(title)s” has no time. Give it some minutes or remove it.")
                    % {"title": block.title},
                )
            )
    if template.require_experience and not any(
        block.kind in EXPERIENCE_KINDS or block.with_people for block in blocks
    ):
        findings.append(
            Finding(
                "experience",
                _(
                    "There is nothing to see or do. Add a tour or demonstration, or a "
                    "conversation with a resident, pupil or volunteer: let the guests "
                    "experience your work."
                ),
            )
        )
    for block in blocks:
        if block.kind == "story" and block.minutes > template.max_story_minutes:
            findings.append(
                Finding(
                    "story",
                    _(
                        "The story (“%(title)s”) takes %(minutes)d minutes; keep it to "
                        "%(max)d. Do not overload the guests with information."
                    )
                    % {
                        "title": block.title,
                        "minutes": block.minutes,
                        "max": template.max_story_minutes,
                    },
                )
            )
    if template.warn_slides:
        for block in blocks:
            if block.slides:
                findings.append(
                    Finding(
                        "slides",
                        _(
                            "“%(title)s” is a slide presentation. Leave the slides out: "
                            "show it instead, and let the guests talk with the people involved."
                        )
                        % {"title": block.title},
                    )
                )
    if template.require_closing_ask:
        content = [block for block in blocks if block.kind not in INFORMAL_KINDS]
        if not content or content[-1].kind != "closing":
            findings.append(
                Finding(
                    "closing",
                    _(
                        "End the programme with the closing: repeat the core message, ask "
                        "your concrete question and propose a next contact."
                    ),
                )
            )
        elif not ask.strip():
            findings.append(
                Finding(
                    "ask",
                    _("The programme closes with the ask, but the visit has no concrete ask yet."),
                )
            )
    return findings


def check_route(stops) -> list[Finding]:
    """Stops of a route must follow each other: no stop may start before the last one ends."""
    findings = []
    stops = sorted(stops, key=lambda stop: (stop.arrives_at, stop.leaves_at))
    for stop in stops:
        if stop.leaves_at <= stop.arrives_at:
            findings.append(
                Finding(
                    "stop-time",
                    _("At “%(name)s” the departure is not after the arrival.")
                    % {"name": stop.name},
                )
            )
    for before, after in zip(stops, stops[1:], strict=False):
        if after.arrives_at < before.leaves_at:
            findings.append(
                Finding(
                    "overlap",
                    _(
                        "“%(first)s” (until %(end)s) overlaps with “%(second)s” (from "
                        "%(start)s). Leave time to travel between stops."
                    )
                    % {
                        "first": before.name,
                        "end": before.leaves_at.strftime("%H:%M"),
                        "second": after.name,
                        "start": after.arrives_at.strftime("%H:%M"),
                    },
                )
            )
    return findings
