"""Everything that changes a visit. Each function is one atomic step with a Dutch error."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkbezoek.interactions.models import Interaction
from werkbezoek.interactions.services import interaction_log
from werkbezoek.mail.services import email_queue
from werkbezoek.people.models import Assessment

from . import checklist, scheduling, selectors
from .models import (
    ChecklistTask,
    DateOption,
    Guest,
    ProgrammeBlock,
    ProgrammeTemplate,
    Status,
    StatusChange,
    TeamMember,
    Visit,
)

# The pipeline: only these moves are allowed.
TRANSITIONS = {
    Status.CONCEPT: {Status.INVITED, Status.CANCELLED},
    Status.INVITED: {Status.CONFIRMED, Status.CONCEPT, Status.CANCELLED},
    Status.CONFIRMED: {Status.HELD, Status.INVITED, Status.CANCELLED},
    Status.HELD: {Status.FOLLOWED_UP},
    Status.FOLLOWED_UP: {Status.CLOSED},
    Status.CLOSED: set(),
    Status.CANCELLED: {Status.CONCEPT},
}
# The way forward, as drawn on the visit page (cancelled stands apart).
PIPELINE = [
    Status.CONCEPT,
    Status.INVITED,
    Status.CONFIRMED,
    Status.HELD,
    Status.FOLLOWED_UP,
    Status.CLOSED,
]


VISIT_FIELDS = [
    "title",
    "theme",
    "kind",
    "goal_type",
    "goal",
    "core_message",
    "ask",
    "location_name",
    "address",
    "duration_minutes",
    "party_mix",
]


@transaction.atomic
def visit_create(*, organisation, actor, template: ProgrammeTemplate, **fields) -> Visit:
    visit = Visit.objects.create(
        organisation=organisation, created_by=actor, template=template, **fields
    )
    StatusChange.objects.create(
        organisation=organisation, visit=visit, to_status=Status.CONCEPT, by=actor
    )
    tasks_add_defaults(visit)
    programme_apply_template(visit, template)
    return visit


def tasks_add_defaults(visit: Visit, *, only: set[str] | None = None):
    """The method's default tasks (or only those with the given codes); the press task
    only when press or a photographer comes."""
    ChecklistTask.objects.bulk_create(
        [
            ChecklistTask(
                organisation=visit.organisation,
                visit=visit,
                code=code,
                step=step,
                title=str(title),
                tip=str(tip),
                offset_days=offset,
                working_days=working,
            )
            for code, step, title, tip, offset, working, press_only in checklist.DEFAULT_TASKS
            if (not press_only or visit.media_present) and (only is None or code in only)
        ]
    )


@transaction.atomic
def visit_update(*, visit: Visit, data: dict) -> Visit:
    for name, value in data.items():
        setattr(visit, name, value)
    visit.full_clean()
    visit.save()
    return visit


def transition_choices(visit: Visit) -> list[tuple[str, list[str]]]:
    """The moves offered from here, each with what still stands in its way: forward along
    the pipeline first, then back a step, cancelling last."""
    here = PIPELINE.index(visit.status) if visit.status in PIPELINE else -1

    def order(status):
        if status not in PIPELINE:
            return (2, 0)
        return (0 if PIPELINE.index(status) > here else 1, PIPELINE.index(status))

    return [
        (status, transition_check(visit, status))
        for status in sorted(TRANSITIONS[visit.status], key=order)
    ]


def transition_check(visit: Visit, to: str) -> list[str]:
    """Why the visit cannot move to `to` (empty: it can)."""
    if to not in TRANSITIONS[visit.status]:
        return [
            _("A visit that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(visit.status).label, "to": Status(to).label}
        ]
    problems = []
    if to == Status.INVITED:
        if not visit.ask.strip():
            problems.append(
                _("Write the concrete ask first: what should the guests do after the visit?")
            )
        if not visit.guests.filter(kind=Guest.Kind.GUEST).exists():
            problems.append(_("Add at least one guest before sending invitations."))
    if to == Status.CONFIRMED and visit.date is None:
        problems.append(_("Confirm one of the date options first."))
    if to == Status.HELD and (visit.date is None or visit.date > timezone.localdate()):
        problems.append(_("A visit can only be marked as held on or after its date."))
    return problems


@transaction.atomic
def transition(*, visit: Visit, to: str, actor, note: str = "") -> Visit:
    # Lock the row and decide on the stored status, not on a copy someone else changed.
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    problems = transition_check(locked, to)
    if problems:
        raise ValidationError(problems)
    StatusChange.objects.create(
        organisation=locked.organisation,
        visit=locked,
        from_status=locked.status,
        to_status=to,
        by=actor,
        note=note[:300],
    )
    locked.status = visit.status = to
    locked.save(update_fields=["status"])
    return locked


# --- Who comes ----------------------------------------------------------------------------


@transaction.atomic
def guest_add(*, visit: Visit, person, kind=Guest.Kind.GUEST, accompanies=None) -> Guest:
    assessment = Assessment.objects.filter(person=person).first()
    if assessment is not None and assessment.do_not_contact:
        raise ValidationError(
            _("%(name)s is marked “do not contact” in the register and cannot be invited.")
            % {"name": person}
        )
    if visit.guests.filter(person=person).exists():
        raise ValidationError(_("%(name)s is already on the guest list.") % {"name": person})
    handle = person.x_handle or person.bluesky_handle or person.instagram_handle
    return Guest.objects.create(
        organisation=visit.organisation,
        visit=visit,
        person=person,
        kind=kind,
        accompanies=accompanies,
        handle=handle,
    )


def guest_add_named(*, visit: Visit, name: str, kind: str, accompanies=None) -> Guest:
    """Entourage or a journalist who is not (yet) in the register."""
    return Guest.objects.create(
        organisation=visit.organisation,
        visit=visit,
        name=name,
        kind=kind,
        accompanies=accompanies,
    )


@transaction.atomic
def team_add(*, visit: Visit, role: str, membership=None, name: str = "") -> TeamMember:
    if role == TeamMember.Role.HOST and visit.team.filter(role=TeamMember.Role.HOST).exists():
        raise ValidationError(
            _("The visit already has a host. One person receives the guests and leads.")
        )
    return TeamMember.objects.create(
        organisation=visit.organisation, visit=visit, role=role, membership=membership, name=name
    )


# --- Dates ---------------------------------------------------------------------------------


@transaction.atomic
def dates_propose(
    *, visit: Visit, start, end, time_of_day: str, count: int = 3, today=None
) -> scheduling.Proposal:
    """Compute date options and keep them (a chosen option stays)."""
    today = today or timezone.localdate()
    proposal = selectors.date_proposal(
        visit, start=start, end=end, time_of_day=time_of_day, count=count, today=today
    )
    visit.period_start, visit.period_end, visit.time_of_day = start, end, time_of_day
    visit.save(update_fields=["period_start", "period_end", "time_of_day"])
    visit.date_options.filter(chosen=False).delete()
    taken = set(visit.date_options.values_list("date", flat=True))
    DateOption.objects.bulk_create(
        [
            DateOption(
                organisation=visit.organisation,
                visit=visit,
                date=option.date,
                start_time=option.start_time,
                rank=rank,
                reasons=option.reasons,
                avoided=option.avoided,
            )
            for rank, option in enumerate(proposal.options, start=1)
            if option.date not in taken
        ]
    )
    return proposal


@transaction.atomic
def date_confirm(*, visit: Visit, option: DateOption, actor) -> Visit:
    """The organiser confirms a date: the visit becomes confirmed; guests' answers stay."""
    if visit.status == Status.CONCEPT:
        raise ValidationError(
            _("Send the invitations first; then confirm the date the guests can make.")
        )
    visit.date_options.update(chosen=False)
    option.chosen = True
    option.save(update_fields=["chosen"])
    visit.date, visit.start_time = option.date, option.start_time
    visit.save(update_fields=["date", "start_time"])
    if visit.status != Status.CONFIRMED:
        visit = transition(visit=visit, to=Status.CONFIRMED, actor=actor)
    return visit


@transaction.atomic
def date_set(*, visit: Visit, date: datetime.date, start_time: datetime.time) -> Visit:
    """Move a visit to another date by hand (checklist due dates follow)."""
    visit.date, visit.start_time = date, start_time
    visit.save(update_fields=["date", "start_time"])
    return visit


# --- Programme ------------------------------------------------------------------------------


def programme_apply_template(visit: Visit, template: ProgrammeTemplate):
    visit.blocks.all().delete()
    ProgrammeBlock.objects.bulk_create(
        [
            ProgrammeBlock(
                organisation=visit.organisation,
                visit=visit,
                position=index,
                kind=spec["kind"],
                title=spec["title"],
                minutes=spec["minutes"],
                with_people=spec.get("with_people", False),
            )
            for index, spec in enumerate(template.blocks)
        ]
    )
    if visit.template_id != template.pk:
        visit.template = template
        visit.save(update_fields=["template"])


def block_add(*, visit: Visit, **fields) -> ProgrammeBlock:
    last = visit.blocks.aggregate(last=Max("position"))["last"]
    return ProgrammeBlock.objects.create(
        organisation=visit.organisation,
        visit=visit,
        position=0 if last is None else last + 1,
        **fields,
    )


@transaction.atomic
def blocks_reorder(*, visit: Visit, order: list[int]):
    blocks = {block.pk: block for block in visit.blocks.all()}
    if sorted(order) != sorted(blocks):
        raise ValidationError(_("The programme changed in the meantime; reload the page."))
    for position, pk in enumerate(order):
        blocks[pk].position = position
    ProgrammeBlock.objects.bulk_update(blocks.values(), ["position"])


def block_move(*, visit: Visit, block: ProgrammeBlock, by: int):
    order = list(visit.blocks.values_list("pk", flat=True))
    index = order.index(block.pk)
    target = max(0, min(len(order) - 1, index + by))
    order.insert(target, order.pop(index))
    blocks_reorder(visit=visit, order=order)


# --- Checklist -----------------------------------------------------------------------------


def task_done(*, task: ChecklistTask, done: bool):
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at"])


# --- Media and invitations -------------------------------------------------------------------


@transaction.atomic
def media_update(*, visit: Visit, data: dict) -> Visit:
    for name, value in data.items():
        setattr(visit, name, value)
    visit.save(update_fields=list(data))
    if visit.media_present and not visit.tasks.filter(code="media-notice").exists():
        # Guests must hear beforehand that press or a photographer will be there.
        tasks_add_defaults(visit, only={"media-notice"})
    return visit


@transaction.atomic
def invitations_send(*, visit: Visit, actor) -> int:
    """Move the visit to "invited" and e-mail every guest with a public e-mail address.

    Guests without one get the same letter by post: the page shows it ready to print.
    Each invitation is also logged as a contact in the register.
    """
    visit = transition(visit=visit, to=Status.INVITED, actor=actor)
    guests = selectors.invitees(visit)
    context = selectors.letter_context(visit, sender=actor)
    sent = 0
    with translation.override("nl"):
        for guest in guests:
            if guest.person.email:
                email_queue(
                    to=guest.person.email,
                    template="visits/emails/invitation",
                    context={**context, "guest": guest},
                )
                sent += 1
        interaction_log(
            organisation=visit.organisation,
            actor=actor,
            date=timezone.localdate(),
            kind=Interaction.Kind.EMAIL,
            people=[guest.person for guest in guests],
            summary=_("Invitation for the working visit “%(title)s”.") % {"title": visit.title},
            follow_up_needed=True,
            follow_up=_("Ask for an answer and a preferred date."),
        )
    return sent
