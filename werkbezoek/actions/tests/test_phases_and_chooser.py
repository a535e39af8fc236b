"""The election phase on real dates (municipal election 18 March 2026, national election
29 October 2025, installed 12 November 2025) with its boundaries, and the chooser's ranking
on hand-checked cases."""

import datetime

import pytest

from werkbezoek.actions import catalogue, chooser, phases
from werkbezoek.actions.phases import Phase

D = datetime.date
GR = [(D(2022, 3, 16), "GR2022"), (D(2026, 3, 18), "GR2026"), (None, "GR2030")]
TK = [(D(2023, 11, 22), "TK2023"), (D(2025, 10, 29), "TK2025")]
INSTALLED = {"TK2023": D(2023, 12, 6), "TK2025": D(2025, 11, 12)}


def gr(day):
    return phases.phase_on(phases.cycle_for("GR", day, GR, INSTALLED), day)


def tk(day):
    return phases.phase_on(phases.cycle_for("TK", day, TK, INSTALLED), day)


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (D(2025, 6, 17), Phase.MID_TERM),
        (D(2025, 6, 18), Phase.PROGRAMME),  # nine months before 18 March 2026
        (D(2026, 2, 1), Phase.PROGRAMME),
        (D(2026, 2, 2), Phase.CAMPAIGN),  # nomination day, 44 days before
        (D(2026, 3, 17), Phase.CAMPAIGN),
        (D(2026, 3, 18), Phase.ELECTION),
        (D(2026, 3, 31), Phase.ELECTION),
        (D(2026, 4, 1), Phase.FORMATION),  # installed about two weeks later
        (D(2026, 6, 29), Phase.FORMATION),
        (D(2026, 6, 30), Phase.NEW),
        (D(2026, 12, 1), Phase.NEW),
        (D(2028, 3, 17), Phase.NEW),
        (D(2028, 3, 18), Phase.MID_TERM),  # halfway to March 2030
    ],
)
def test_municipal_phases(day, phase):
    assert gr(day).phase == phase


def test_the_next_municipal_election_is_expected():
    now = gr(D(2026, 12, 1))
    assert now.next_election == D(2030, 3, 18) and now.election_expected
    assert now.next_phase == Phase.MID_TERM and now.next_starts == D(2028, 3, 18)
    before = gr(D(2026, 3, 1))
    assert before.next_election == D(2026, 3, 18) and not before.election_expected
    assert before.next_phase == Phase.ELECTION and before.next_starts == D(2026, 3, 18)


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (D(2025, 10, 28), Phase.CAMPAIGN),  # still the 2023 Kamer's cycle, unknown end
        (D(2025, 10, 29), Phase.ELECTION),
        (D(2025, 11, 11), Phase.ELECTION),
        (D(2025, 11, 12), Phase.FORMATION),  # sworn in
        (D(2026, 4, 10), Phase.FORMATION),
        (D(2026, 4, 11), Phase.NEW),  # about five months: an estimate, shown as such
        (D(2026, 12, 1), Phase.NEW),
    ],
)
def test_national_phases(day, phase):
    assert tk(day).phase == phase


def test_no_election_data_no_phase():
    assert phases.cycle_for("GR", D(2020, 1, 1), GR, INSTALLED) is None


def _weights(**goals):
    return chooser.Weights(
        goals={code: goals.get(code, 0) for code in chooser.GOALS},
        difficulty_tolerance=goals.get("tolerance", 5),
        national=goals.get("national", False),
    )


def _rank(weights, phase):
    ratings = {action.code: action.ratings for action in catalogue.ACTIONS}
    return [c.action.code for c in chooser.rank(catalogue.ACTIONS, ratings, weights, phase)]


def test_ranking_for_network_after_the_election():
    # Network only: walk-along 5, working visit 4, excursion 4, pitch 4, steering group 4,
    # celebration 3, inspreken 2. Ties are broken by name.
    ranked = _rank(_weights(network=3), Phase.NEW)
    assert ranked[0] == "walk_along"
    assert ranked[-1] == "council_speaking"
    assert "pledge" not in ranked  # the campaign's action


def test_ranking_for_visibility_with_little_capacity():
    # Visibility 3x: celebration 15, excursion 12, working visit 12, walk-along 9, ...
    # With tolerance 2, difficulty 4 (excursion) loses 6 and difficulty 3 loses 3:
    # celebration 15-3=12, working visit 12-3=9, excursion 12-6=6, walk-along 9-3=6.
    ranked = _rank(_weights(voter_visibility=3, tolerance=2), Phase.NEW)
    assert ranked[:2] == ["celebration", "working_visit"]


def test_the_working_visit_carries_the_methods_ratings():
    visit = catalogue.BY_CODE[catalogue.WORKING_VISIT]
    assert visit.scores == (4, 4, 2, 2, 3, 4) and visit.from_method
    assert all(not action.from_method for action in catalogue.ACTIONS if action is not visit)


def test_the_reasons_are_plain_dutch(settings):
    from django.utils import translation

    weights = _weights(network=3, policy_progress=2, tolerance=2, national=True)
    with translation.override("nl"):
        reasons = chooser.reasons(catalogue.BY_CODE["walk_along"].ratings, weights)
    network = "“Verbetering van het netwerk met de partijen”"
    assert reasons[0] == f"Scoort 5 van 5 op {network}, wat u belangrijk vindt."
    assert "Werkt ook voor de landelijke verkiezingen." in reasons
    assert reasons[-1].startswith("Kost meer tijd, geld of mensen (3 van 5)")
