"""Where a council or the Tweede Kamer stands in the election cycle, from the election dates
in the reference data (reference.Election). Pure date arithmetic; the boundaries follow the
method (DOMAIN.md, "The election cycle"):

  election day .............. until the new members are installed
  coalition forming ......... from the installation, for the usual few months
  a new council or Kamer .... until halfway through the term
  mid-term .................. until about nine months before the next election
  programme writing ......... parties write their programmes, until candidates are nominated
  campaign .................. from nomination day (44 days before, Kieswet) until election day
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

NOMINATION_DAYS = 44  # nomination day ("dag van kandidaatstelling") is the 44th day before
PROGRAMME_MONTHS = 9
TERM_YEARS = 4
# Municipal councils are installed about two weeks after the election; coalitions usually
# take about three months locally and longer for the Kamer. These are estimates.
INSTALLATION_DAYS = 14
FORMATION_DAYS = {"GR": 90, "TK": 150}


class Phase(models.TextChoices):
    PROGRAMME = "programme", _("Programme writing")
    CAMPAIGN = "campaign", _("Campaign")
    ELECTION = "election", _("Election")
    FORMATION = "formation", _("Coalition forming")
    NEW = "new", _("New council or Kamer")
    MID_TERM = "mid_term", _("Mid-term")


ORDER = [
    Phase.ELECTION,
    Phase.FORMATION,
    Phase.NEW,
    Phase.MID_TERM,
    Phase.PROGRAMME,
    Phase.CAMPAIGN,
]

WHAT_WORKS = {
    Phase.PROGRAMME: _(
        "Parties are writing their election programmes: get involved now and find themes "
        "that matter to both of you."
    ),
    Phase.CAMPAIGN: _(
        "Candidates, debates and pledges: ask candidates to sign a promise, and invite them "
        "to see your work."
    ),
    Phase.ELECTION: _(
        "The votes are being counted and the new members sworn in: congratulate the newly "
        "elected and plan introductions."
    ),
    Phase.FORMATION: _(
        "A coalition is being formed: hard to influence unless your theme is already on the "
        "table. Send your points to the negotiators, briefly."
    ),
    Phase.NEW: _(
        "Build relations with members of all party groups now, not just before the next "
        "election: this is the time for working visits and introductions."
    ),
    Phase.MID_TERM: _(
        "Halfway: policy is being evaluated. Show results, join the evaluations on your "
        "themes and keep in touch with every party group."
    ),
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class Cycle:
    """One term: the election that began it and the next one (expected when not known)."""

    kind: str  # "GR" or "TK"
    election: datetime.date
    installation: datetime.date
    installation_expected: bool
    next_election: datetime.date
    next_expected: bool

    def starts(self) -> list[tuple[Phase, datetime.date, bool]]:
        """(phase, first day, whether that day is an estimate), in order."""
        formation_end = self.installation + datetime.timedelta(days=FORMATION_DAYS[self.kind])
        months = (self.next_election.year - self.election.year) * 12 + (
            self.next_election.month - self.election.month
        )
        middle = add_months(self.election, months // 2)  # halfway: two years into four
        return [
            (Phase.ELECTION, self.election, False),
            (Phase.FORMATION, self.installation, self.installation_expected),
            (Phase.NEW, formation_end, True),
            (Phase.MID_TERM, middle, self.next_expected),
            (
                Phase.PROGRAMME,
                add_months(self.next_election, -PROGRAMME_MONTHS),
                self.next_expected,
            ),
            (
                Phase.CAMPAIGN,
                self.next_election - datetime.timedelta(days=NOMINATION_DAYS),
                self.next_expected,
            ),
        ]


@dataclass(frozen=True)
class PhaseNow:
    phase: Phase
    since: datetime.date
    next_phase: Phase
    next_starts: datetime.date
    next_expected: bool
    next_election: datetime.date
    election_expected: bool

    @property
    def advice(self) -> str:
        return str(WHAT_WORKS[self.phase])


def cycle_for(
    kind: str,
    today: datetime.date,
    elections: list[tuple[datetime.date | None, str]],
    installations: dict[str, datetime.date],
) -> Cycle | None:
    """The term `today` lies in, from (date or None, code) of this kind's elections (None: the
    date is not known yet) and installation dates by election code."""
    held = sorted((day, code) for day, code in elections if day is not None and day <= today)
    if not held:
        return None
    election, code = held[-1]
    later = sorted(day for day, _code in elections if day is not None and day > today)
    next_expected = not later
    next_election = later[0] if later else add_months(election, 12 * TERM_YEARS)
    installation = installations.get(code)
    return Cycle(
        kind=kind,
        election=election,
        installation=installation or election + datetime.timedelta(days=INSTALLATION_DAYS),
        installation_expected=installation is None,
        next_election=next_election,
        next_expected=next_expected,
    )


def phase_on(cycle: Cycle, today: datetime.date) -> PhaseNow:
    starts = cycle.starts()
    index = max(i for i, (_phase, first, _expected) in enumerate(starts) if first <= today)
    phase, since, _expected = starts[index]
    if index + 1 < len(starts):
        next_phase, next_starts, next_expected = starts[index + 1]
    else:  # the campaign is followed by the next election day
        next_phase, next_starts, next_expected = (
            Phase.ELECTION,
            cycle.next_election,
            cycle.next_expected,
        )
    return PhaseNow(
        phase=phase,
        since=since,
        next_phase=next_phase,
        next_starts=next_starts,
        next_expected=next_expected,
        next_election=cycle.next_election,
        election_expected=cycle.next_expected,
    )
