"""What to do in this phase: the phase of each body, the goals weighed, the actions ranked."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.organisations.access import editor_required, reader_required
from werkbezoek.visits.evaluation import CRITERIA, STARS

from . import chooser, selectors, services
from .catalogue import ACTIONS, BY_CODE, WORKING_VISIT
from .models import ActionPlan, ActionRating

# The chooser's defaults: a relationship-minded organisation of modest means.
DEFAULT_GOALS = {"voter_visibility": 1, "network": 3, "policy_progress": 2, "base": 1}
IMPORTANCE = [(0, "—"), (1, "+"), (2, "++"), (3, "+++")]


def _weights(query) -> chooser.Weights:
    def number(name, default, low, high):
        value = query.get(name, "")
        return int(value) if value.isdecimal() and low <= int(value) <= high else default

    return chooser.Weights(
        goals={code: number(code, DEFAULT_GOALS[code], 0, 3) for code in chooser.GOALS},
        difficulty_tolerance=number("tolerance", 3, 1, 5),
        national=query.get("national") == "1" if "tolerance" in query else True,
    )


@reader_required
@require_safe
def choose(request, org):
    weights = _weights(request.GET)
    ratings = services.ratings_of(request.organisation)
    bodies = [
        {
            "body": body,
            "choices": chooser.rank(ACTIONS, ratings, weights, body.now.phase),
        }
        for body in selectors.election_phases(request.organisation, timezone.localdate())
    ]
    criteria = {code: (name, question) for code, name, question in CRITERIA}
    return render(
        request,
        "actions/choose.html",
        {
            "bodies": bodies,
            "weights": weights,
            "goal_fields": [
                (code, criteria[code][0], weights.goals[code]) for code in chooser.GOALS
            ],
            "importance": IMPORTANCE,
            "tolerances": range(1, 6),
            "catalogue": [(action, ratings[action.code]) for action in ACTIONS],
            "criteria": CRITERIA,
            "working_visit": WORKING_VISIT,
            "plans": ActionPlan.objects.prefetch_related("tasks")[:10],
        },
    )


@editor_required
@require_POST
def plan_create(request, org):
    try:
        plan = services.plan_create(
            organisation=request.organisation,
            actor=request.user,
            action=request.POST.get("action", ""),
            body_kind=request.POST.get("body", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("actions:choose", org=org)
    messages.success(request, _("The plan has been made, with its tasks."))
    return redirect("actions:plan", org=org, pk=plan.pk)


@reader_required
@require_safe
def plan(request, org, pk):
    item = get_object_or_404(ActionPlan.objects.prefetch_related("tasks"), pk=pk)
    return render(request, "actions/plan.html", {"plan": item, "today": timezone.localdate()})


def home_part(request) -> dict | None:
    """The home page's part (organisations.home): the phase of each body and what works."""
    bodies = selectors.election_phases(request.organisation, timezone.localdate())
    if not bodies:
        return None
    return {"template": "actions/_home.html", "bodies": bodies}


class RatingForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "For example: in our town, council members rarely have time for this."
        ),
    )

    def __init__(self, *args, ratings=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name, question in CRITERIA:
            self.fields[code] = forms.TypedChoiceField(
                label=name,
                help_text=question,
                choices=STARS,
                coerce=int,
                initial=(ratings or {}).get(code),
            )
        self.order_fields([*(code for code, _name, _question in CRITERIA), "note"])


def _action_or_404(code):
    action = BY_CODE.get(code)
    if action is None:
        raise Http404
    return action


@reader_required
@require_safe
def rating(request, org, code):
    action = _action_or_404(code)
    current = services.ratings_of(request.organisation)[code]
    history = ActionRating.objects.filter(action=code).select_related("recorded_by")
    return render(
        request,
        "actions/rating.html",
        {
            "action": action,
            "current": current,
            "rows": [(code_, name, current[code_]) for code_, name, _q in CRITERIA],
            "history": [
                (entry, [entry.ratings.get(code_) for code_, _n, _q in CRITERIA])
                for entry in history
            ],
            "criteria": CRITERIA,
            "form": RatingForm(ratings=current),
        },
    )


@editor_required
@require_POST
def rating_save(request, org, code):
    action = _action_or_404(code)
    form = RatingForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data.pop("note")
        try:
            services.rating_save(
                organisation=request.organisation,
                actor=request.user,
                action=action.code,
                ratings=form.cleaned_data,
                note=note,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your own ratings have been saved."))
    else:
        messages.error(request, _("Rate the action on all six criteria, from 1 to 5."))
    return redirect("actions:rating", org=org, code=code)
