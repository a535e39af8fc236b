"""The action chooser: the organisation weighs its goals, and the actions that fit a body's
current phase are ranked by how well they serve them, with the reasoning in plain Dutch."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from werkbezoek.visits.evaluation import NAMES

from .catalogue import Action

GOALS = ["voter_visibility", "network", "policy_progress", "base"]
# How much a goal weighs: 0 (not at all) to 3 (very much).
WEIGHTS = range(0, 4)
# The difficulty an organisation can take on: a harder action loses 3 points per star above.
DIFFICULTY_PENALTY = 3


@dataclass(frozen=True)
class Weights:
    goals: dict  # {criterion code: 0-3}
    difficulty_tolerance: int  # 1-5: the highest difficulty that is fine
    national: bool  # national elections matter too


@dataclass
class Choice:
    action: Action
    ratings: dict
    score: int
    reasons: list


def score(ratings: dict, weights: Weights) -> int:
    total = sum(weights.goals.get(code, 0) * ratings[code] for code in GOALS)
    if weights.national:
        total += 2 * ratings["two_in_one"]
    over = ratings["difficulty"] - weights.difficulty_tolerance
    return total - DIFFICULTY_PENALTY * max(over, 0)


def reasons(ratings: dict, weights: Weights) -> list[str]:
    """Why it ranks where it does: the goals it serves best, and whether it is doable."""
    said = []
    served = sorted(
        (code for code in GOALS if weights.goals.get(code, 0) > 0 and ratings[code] >= 3),
        key=lambda code: -weights.goals[code] * ratings[code],
    )[:2]
    for code in served:
        said.append(
            _("Scores %(stars)d of 5 on “%(criterion)s”, which you find important.")
            % {"stars": ratings[code], "criterion": NAMES[code]}
        )
    weak = [code for code in GOALS if weights.goals.get(code, 0) >= 2 and ratings[code] <= 2]
    if weak:
        said.append(_("Does little for “%(criterion)s”.") % {"criterion": NAMES[weak[0]]})
    if weights.national and ratings["two_in_one"] >= 4:
        said.append(_("Also works toward the national elections."))
    if ratings["difficulty"] > weights.difficulty_tolerance:
        said.append(
            _("Takes more time, money or people (%(stars)d of 5) than you said you can spare.")
            % {"stars": ratings["difficulty"]}
        )
    else:
        said.append(_("Doable: difficulty %(stars)d of 5.") % {"stars": ratings["difficulty"]})
    return said


def rank(actions, ratings_of: dict, weights: Weights, phase) -> list[Choice]:
    """The actions that work in `phase`, best first (ties by name)."""
    fitting = [action for action in actions if phase in action.phases]
    choices = [
        Choice(
            action=action,
            ratings=ratings_of[action.code],
            score=score(ratings_of[action.code], weights),
            reasons=reasons(ratings_of[action.code], weights),
        )
        for action in fitting
    ]
    return sorted(choices, key=lambda choice: (-choice.score, str(choice.action.name)))
