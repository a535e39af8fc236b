"""Writes of the actions app: a simple plan for an action from the catalogue."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.organisations import audit
from werkbezoek.visits import evaluation
from werkbezoek.visits.selectors import umbrella_ratings

from .catalogue import BY_CODE, WORKING_VISIT
from .models import ActionPlan, ActionRating, PlanTask

PLAN_CREATED = audit.action("actions.plan.created", gettext_lazy("action plan made"))


def ratings_of(organisation) -> dict[str, dict]:
    """Each action's ratings: the organisation's own newest, else its umbrella body's
    defaults (published with a visit template), else the catalogue's."""
    ratings = {code: dict(action.ratings, own=False) for code, action in BY_CODE.items()}
    umbrella, defaults = umbrella_ratings(organisation)
    for code, stars in defaults.items():
        if code in ratings:
            ratings[code] = {**ratings[code], **stars, "umbrella": umbrella}
    for rating in ActionRating.objects.filter(organisation=organisation).order_by("recorded_at"):
        if rating.action in ratings:
            ratings[rating.action] = dict(rating.ratings, own=True)
    return ratings


@transaction.atomic
def plan_create(*, organisation, actor, action: str, body_kind: str = "") -> ActionPlan:
    """A plan with the catalogue's tasks for this action, dated from today."""
    entry = BY_CODE.get(action)
    if entry is None or action == WORKING_VISIT:
        raise ValidationError(_("Choose an action from the list."))
    today = timezone.localdate()
    plan = ActionPlan.objects.create(
        organisation=organisation,
        action=action,
        title=str(entry.name),
        body_kind=body_kind if body_kind in {"GR", "TK"} else "",
        created_by=actor,
    )
    PlanTask.objects.bulk_create(
        PlanTask(
            organisation=organisation,
            plan=plan,
            title=str(title),
            due_on=today + datetime.timedelta(days=days),
        )
        for title, days in entry.tasks
    )
    audit.record(
        organisation=organisation, actor=actor, action=PLAN_CREATED, target=plan, subject=plan.title
    )
    return plan


RATING_SAVED = audit.action("actions.rating.saved", gettext_lazy("action ratings changed"))


@transaction.atomic
def rating_save(*, organisation, actor, action: str, ratings: dict, note: str = "") -> ActionRating:
    """The organisation's own ratings of an action on all six criteria; earlier ones stay
    as its history."""
    if action not in BY_CODE:
        raise ValidationError(_("Choose an action from the list."))
    clean = evaluation.clean_ratings(ratings)
    if set(clean) != set(evaluation.CODES):
        raise ValidationError(_("Rate the action on all six criteria, from 1 to 5."))
    rating = ActionRating.objects.create(
        organisation=organisation, action=action, ratings=clean, note=note[:300], recorded_by=actor
    )
    audit.record(
        organisation=organisation,
        actor=actor,
        action=RATING_SAVED,
        target=rating,
        subject=str(BY_CODE[action].name),
    )
    return rating
