"""The action catalogue: what an organisation can do to win support, in which phases of the
election cycle it works, and how it rates on the method's six criteria (visits.evaluation).
The working visit carries the method's own ratings; the others are indicative estimates an
organisation can change (ActionRating keeps its own, with history)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from werkbezoek.visits.evaluation import CODES

from .phases import Phase


@dataclass(frozen=True)
class Action:
    code: str
    name: str
    description: str
    phases: frozenset
    # In the order of evaluation.CODES: voter visibility, network, policy progress, base,
    # difficulty, usable for national elections too.
    scores: tuple
    from_method: bool = False
    tasks: tuple = field(default=())  # (title, days from the start) for a simple plan

    @property
    def ratings(self) -> dict:
        return dict(zip(CODES, self.scores, strict=True))


WORKING_VISIT = "working_visit"

ACTIONS = [
    Action(
        WORKING_VISIT,
        _("Working visit"),
        _(
            "A politician sees your work with their own eyes: a short programme on location, "
            "a conversation with the people involved and one clear ask."
        ),
        frozenset({Phase.NEW, Phase.MID_TERM, Phase.PROGRAMME}),
        (4, 4, 2, 2, 3, 4),
        from_method=True,
    ),
    Action(
        "programme_input",
        _("Input for the election programmes"),
        _(
            "Send the parties your points while they write their programmes, or join a "
            "meeting where they gather input; find themes that matter to both."
        ),
        frozenset({Phase.PROGRAMME}),
        (1, 3, 4, 2, 2, 4),
        tasks=(
            (_("Choose two or three points, each with one figure and one story"), 0),
            (_("Find out when each party writes its programme and who leads it"), 7),
            (_("Send the points, and offer a conversation or a visit"), 21),
        ),
    ),
    Action(
        "pledge",
        _("Pledge signing (“stembusakkoord”)"),
        _(
            "Candidates sign a concrete promise on your theme, together and in public — for "
            "example at the end of a tour of your work."
        ),
        frozenset({Phase.CAMPAIGN}),
        (5, 3, 4, 3, 4, 3),
        tasks=(
            (_("Write the promise: short, concrete, checkable"), 0),
            (_("Invite the list leaders of all parties"), 7),
            (_("Arrange the press and the place of signing"), 14),
            (_("Record each signature as a commitment, with its due date"), 28),
        ),
    ),
    Action(
        "pitch_new_council",
        _("A pitch for the new council"),
        _(
            "Present your work briefly in the introduction programme for new council members, "
            "or at a meeting where organisations introduce themselves."
        ),
        frozenset({Phase.ELECTION, Phase.FORMATION, Phase.NEW}),
        (2, 4, 3, 1, 2, 2),
        tasks=(
            (_("Ask the clerk when new members are introduced to organisations"), 0),
            (_("Prepare a pitch of five minutes with one figure and one story"), 7),
            (_("Follow up with each member who showed interest"), 21),
        ),
    ),
    Action(
        "council_speaking",
        _("Speaking at a council meeting (“inspreken”)"),
        _(
            "Use your right to speak in a committee or council meeting when your theme is on "
            "the agenda; residents can speak too when an alderman will not come."
        ),
        frozenset({Phase.NEW, Phase.MID_TERM, Phase.PROGRAMME}),
        (2, 2, 4, 3, 2, 1),
        tasks=(
            (_("Find the meeting where your theme is on the agenda"), 0),
            (_("Register to speak with the clerk (usually days before)"), 3),
            (_("Write three minutes: your point, one example, your ask"), 5),
        ),
    ),
    Action(
        "walk_along",
        _("Walk-along day or internship"),
        _(
            "A council member or MP works along for a day or part of one: they see the work "
            "from the inside and meet the people who do it."
        ),
        frozenset({Phase.NEW, Phase.MID_TERM}),
        (3, 5, 3, 3, 3, 4),
        tasks=(
            (_("Choose a day and a colleague who takes the guest along"), 0),
            (_("Invite the guest, with the programme of the day"), 7),
            (_("Afterwards: thank them and agree on the next contact"), 30),
        ),
    ),
    Action(
        "excursion",
        _("Excursion or bike tour (also online)"),
        _(
            "Take several politicians along a route past your work — on foot, by bike or "
            "online — with one theme and a joint ending."
        ),
        frozenset({Phase.NEW, Phase.MID_TERM, Phase.CAMPAIGN}),
        (4, 4, 2, 3, 4, 4),
        tasks=(
            (_("Choose the theme and the route with three or four stops"), 0),
            (_("Invite members of all party groups"), 14),
            (_("Arrange the press and the ending (a pledge, a photo)"), 28),
        ),
    ),
    Action(
        "steering_group",
        _("Steering group with politicians"),
        _(
            "Meet two to four times a year with the politicians and officials involved in "
            "your theme, to show interim results and keep the work on the agenda."
        ),
        frozenset({Phase.NEW, Phase.MID_TERM}),
        (1, 4, 4, 1, 3, 2),
        tasks=(
            (_("Agree on the members and the dates for a year"), 0),
            (_("Send the interim results before each meeting"), 30),
        ),
    ),
    Action(
        "celebration",
        _("Celebrating a success"),
        _(
            "Mark a result with a broad invitation — residents, partners, politicians — and "
            "ask an alderman to open it."
        ),
        frozenset({Phase.NEW, Phase.MID_TERM, Phase.CAMPAIGN}),
        (5, 3, 2, 4, 3, 3),
        tasks=(
            (_("Choose the success and the day"), 0),
            (_("Ask the alderman to open it"), 7),
            (_("Invite residents, partners and all party groups"), 14),
        ),
    ),
    Action(
        "artist_impression",
        _("Showing an artist impression"),
        _(
            "Make a plan visible: a drawing of what the neighbourhood, school or nature area "
            "will look like, to talk about with politicians and residents."
        ),
        frozenset({Phase.PROGRAMME, Phase.CAMPAIGN, Phase.FORMATION}),
        (3, 2, 3, 2, 2, 3),
        tasks=(
            (_("Brief a designer: what must the picture show?"), 0),
            (_("Show it to the party groups and ask for their reaction"), 30),
        ),
    ),
    Action(
        "formation_letter",
        _("A short letter to the negotiators"),
        _(
            "While a coalition is formed: two or three points on one page to the party "
            "leaders or the informateur, only when your theme is already on the table."
        ),
        frozenset({Phase.FORMATION}),
        (1, 2, 3, 1, 1, 3),
        tasks=(
            (_("Check whether your theme is on the negotiators' table"), 0),
            (_("Write one page with two or three points and send it"), 3),
        ),
    ),
]

BY_CODE = {action.code: action for action in ACTIONS}
