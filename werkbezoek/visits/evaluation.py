"""The method's rating framework: six criteria, each rated 1-5 stars. A visit is evaluated on
them in its report; the action catalogue (actions app) rates every kind of action on them."""

from django.utils.translation import gettext_lazy as _

# (code, name, what it asks). "Zichtbaarheid" is the parties' visibility to voters, named in
# full so it is never confused with what a guest agreed about photos and posts.
CRITERIA = [
    (
        "voter_visibility",
        _("Parties' visibility to voters"),
        _("Do the parties show themselves to voters through it?"),
    ),
    (
        "network",
        _("Better relationship with the parties"),
        _("Does it improve your relationship with the parties?"),
    ),
    (
        "policy_progress",
        _("Progress on your topics"),
        _("Does it move your policy topics forward?"),
    ),
    (
        "base",
        _("Involving your own base"),
        _("Does it involve your members, residents, volunteers or staff?"),
    ),
    (
        "difficulty",
        _("Difficulty"),
        _("How much time, money and capacity does it take? (5 = very demanding)"),
    ),
    (
        "two_in_one",
        _("Usable for national elections too"),
        _("Does it also work towards national elections (“2-in-1”)?"),
    ),
]
CODES = [code for code, _name, _question in CRITERIA]
NAMES = {code: name for code, name, _question in CRITERIA}

STARS = [
    (1, _("1 — none or very little")),
    (2, _("2 — little")),
    (3, _("3 — sufficient")),
    (4, _("4 — more than sufficient")),
    (5, _("5 — excellent")),
]


def clean_ratings(ratings: dict) -> dict:
    """Only known criteria with whole ratings 1-5; anything else is dropped."""
    return {
        code: int(value)
        for code, value in ratings.items()
        if code in NAMES and str(value).isdecimal() and 1 <= int(value) <= 5
    }


def rows(ratings: dict) -> list[dict]:
    """The criteria in the method's order with this rating (None: not rated)."""
    return [
        {"code": code, "name": name, "question": question, "stars": ratings.get(code)}
        for code, name, question in CRITERIA
    ]
