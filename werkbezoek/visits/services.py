"""Everything that changes a visit. Each function is one atomic step with a Dutch error."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.mail.services import email_queue
from werkbezoek.organisations import audit, submissions
from werkbezoek.organisations.umbrellas import active_members
from werkbezoek.people.models import Assessment, Interaction
from werkbezoek.people.services import interaction_log

from . import answers, calendar_invite, checklist, letter, privacy, scheduling, selectors
from .models import (
    Availability,
    ChecklistTask,
    CoHost,
    DateOption,
    Guest,
    GuestInvitation,
    LetterTemplate,
    PlannedPost,
    ProgrammeBlock,
    ProgrammeTemplate,
    Report,
    Status,
    StatusChange,
    Stop,
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
    "municipality",
    "duration_minutes",
    "party_mix",
]
MEDIA_FIELDS = ["press_present", "photographer_present", "press_release", "media_notes"]
GUEST_ANSWER_FIELDS = [
    "rsvp",
    "preferred_option",
    "notes",
    "photos_allowed",
    "tagging_allowed",
    "handle",
]
BLOCK_FIELDS = ["kind", "title", "minutes", "led_by", "stop", "with_people", "slides"]
TASK_FIELDS = ["title", "offset_days", "working_days", "assignee"]

# What the audit log records, with the label the activity page shows.
VISIT_CREATED = audit.action("visits.visit.created", gettext_lazy("visit created"))
VISIT_UPDATED = audit.action("visits.visit.updated", gettext_lazy("visit changed"))
STATUS_CHANGED = audit.action("visits.visit.status_changed", gettext_lazy("visit status changed"))
GUEST_ADDED = audit.action("visits.guest.added", gettext_lazy("guest added"))
GUEST_REMOVED = audit.action("visits.guest.removed", gettext_lazy("guest removed"))
GUEST_ANSWERED = audit.action("visits.guest.answer_saved", gettext_lazy("guest's answer saved"))
TEAM_ADDED = audit.action("visits.team.added", gettext_lazy("team member added"))
TEAM_REMOVED = audit.action("visits.team.removed", gettext_lazy("team member removed"))
DATES_PROPOSED = audit.action("visits.dates.proposed", gettext_lazy("date options proposed"))
DATE_SET = audit.action("visits.date.set", gettext_lazy("date changed"))
DATE_CONFIRMED = audit.action("visits.date.confirmed", gettext_lazy("date confirmed"))
TEMPLATE_APPLIED = audit.action(
    "visits.programme.template_applied", gettext_lazy("programme started from a template")
)
PROGRAMME_REORDERED = audit.action(
    "visits.programme.reordered", gettext_lazy("programme reordered")
)
BLOCK_ADDED = audit.action("visits.block.added", gettext_lazy("programme block added"))
BLOCK_SAVED = audit.action("visits.block.saved", gettext_lazy("programme block changed"))
BLOCK_REMOVED = audit.action("visits.block.removed", gettext_lazy("programme block removed"))
STOP_ADDED = audit.action("visits.stop.added", gettext_lazy("route stop added"))
STOP_REMOVED = audit.action("visits.stop.removed", gettext_lazy("route stop removed"))
TASK_SAVED = audit.action("visits.task.saved", gettext_lazy("checklist task saved"))
MEDIA_SAVED = audit.action("visits.media.saved", gettext_lazy("media plan saved"))
POST_ADDED = audit.action("visits.post.added", gettext_lazy("post planned"))
POST_REMOVED = audit.action("visits.post.removed", gettext_lazy("planned post removed"))
INVITATIONS_SENT = audit.action("visits.invitations.sent", gettext_lazy("invitations sent"))
LETTER_SAVED = audit.action("visits.letter.saved", gettext_lazy("invitation text changed"))
GUEST_LETTER_SAVED = audit.action(
    "visits.letter.guest_saved", gettext_lazy("a guest's invitation letter changed")
)
LETTER_TEMPLATE_SAVED = audit.action(
    "visits.letter.template_saved", gettext_lazy("invitation template changed")
)
VISIT_SHARED = audit.action(
    "visits.visit.shared", gettext_lazy("visit shared with the umbrella body or no longer")
)
COHOSTS_SET = audit.action(
    "visits.cohosts.set", gettext_lazy("co-hosts of a dialogue session changed")
)
TEMPLATE_PUBLISHED = audit.action(
    "visits.template.published", gettext_lazy("visit template version published")
)
TEMPLATE_ADOPTED = audit.action(
    "visits.template.adopted", gettext_lazy("newer template version adopted")
)
THANK_YOU_SENT = audit.action("visits.thank_you.sent", gettext_lazy("thank-you sent"))
FACTSHEET_SAVED = audit.action("visits.factsheet.saved", gettext_lazy("factsheet text saved"))
CALENDAR_SENT = audit.action("visits.calendar.sent", gettext_lazy("calendar invitation sent"))
GUEST_ANSWERED_BY_LINK = audit.action(
    "visits.guest.answered_by_link", gettext_lazy("guest answered through the link")
)


def outbox_topic(visit: Visit) -> str:
    """How the outbox knows a message belongs to this visit."""
    return f"visits.visit:{visit.pk}"


def _mail(visit: Visit, *, to: str, template: str, context: dict, person=None, **options):
    """A message of this visit: sent in the organisation's name, kept in the visit's outbox,
    and findable for an access or erasure request about `person`."""
    return email_queue(
        to=to,
        template=template,
        context=context,
        from_name=visit.organisation.name,
        organisation_pk=visit.organisation_id,
        about=privacy.about(person) if person is not None else "",
        topic=outbox_topic(visit),
        **options,
    )


def _record(visit: Visit, actor, action: str, target=None, **data):
    audit.record(
        organisation=visit.organisation,
        actor=actor,
        action=action,
        target=target or visit,
        subject="" if target else visit.title,
        visit=visit.pk,
        **data,
    )


def _remove(visit: Visit, actor, action: str, item, **data):
    """Delete one part of the visit; the log keeps what it was and who removed it."""
    _record(visit, actor, action, item, **data)
    item.delete()


@transaction.atomic
def visit_create(
    *,
    organisation,
    actor,
    template: ProgrammeTemplate,
    title: str,
    kind: str,
    goal_type: str,
    theme: str = "",
    goal: str = "",
    core_message: str = "",
    ask: str = "",
    location_name: str = "",
    address: str = "",
    municipality=None,
    duration_minutes: int = 45,
    party_mix: str = Visit.PartyMix.CROSS_SECTION,
    submission: str = "",
) -> Visit:
    """A new visit with the method's checklist and the template's programme (and an
    umbrella template's tasks and suggested post). `submission`: the create form's token,
    so posting it twice makes one visit."""
    _check_theme(template, theme)
    visit = Visit(
        organisation=organisation,
        created_by=actor,
        template=template,
        title=title,
        theme=theme,
        kind=kind,
        goal_type=goal_type,
        goal=goal,
        core_message=core_message,
        ask=ask,
        location_name=location_name,
        address=address,
        # Where: as chosen, else the organisation's (first) municipality.
        municipality=municipality or organisation.municipalities.order_by("name").first(),
        duration_minutes=duration_minutes,
        party_mix=party_mix,
        shared_with_umbrella=organisation.share_visits_with_umbrella,
    )
    visit.full_clean(exclude=["created_by"])  # None: made by the system (demo, tests)
    visit.save()
    StatusChange.objects.create(
        organisation=organisation, visit=visit, to_status=Status.CONCEPT, actor=actor
    )
    tasks_add_defaults(visit)
    _tasks_of_template(visit)
    checklist_sync(visit)
    _programme_replace(visit, template)
    if template.post_text.strip():  # the umbrella's suggested post, to adapt
        PlannedPost.objects.create(
            organisation=organisation,
            visit=visit,
            channel=PlannedPost.Channel.LINKEDIN,
            text=template.post_text.strip(),
        )
    submissions.remember(token=submission, target=visit)
    _record(visit, actor, VISIT_CREATED)
    return visit


def _tasks_of_template(visit: Visit):
    """The template's own tasks on top of the method's (an umbrella's checklist variant),
    each once: adopting a newer version adds only what is new."""
    have = set(visit.tasks.filter(code="").values_list("title", flat=True))
    ChecklistTask.objects.bulk_create(
        [
            ChecklistTask(
                organisation=visit.organisation,
                visit=visit,
                step=task["step"],
                title=task["title"],
                offset_days=task["offset_days"],
                due_on=checklist.due_date_of(task["offset_days"], False, visit.date),
            )
            for task in visit.template.extra_tasks
            if task["title"] not in have
        ]
    )


def tasks_add_defaults(visit: Visit, *, only: set[str] | None = None):
    """The method's default tasks (or only those with the given codes); the press tasks
    only when press or a photographer comes, or a press release is planned."""
    ChecklistTask.objects.bulk_create(
        [
            ChecklistTask(
                organisation=visit.organisation,
                visit=visit,
                code=code,
                step=step,  # title and tip stay empty: shown in the reader's language
                offset_days=offset,
                working_days=working,
                due_on=checklist.due_date_of(offset, working, visit.date),
            )
            for code, step, _title, _tip, offset, working, condition in checklist.DEFAULT_TASKS
            if checklist.applies(condition, visit) and (only is None or code in only)
        ]
    )


def _check_theme(template: ProgrammeTemplate, theme: str):
    """A template with agenda themes (an umbrella's) asks for one of them."""
    if template.themes and theme not in template.themes:
        raise ValidationError(
            _("Choose one of the themes of “%(template)s”: %(themes)s.")
            % {"template": template.name, "themes": ", ".join(template.themes)}
        )


@transaction.atomic
def visit_update(
    *,
    visit: Visit,
    actor,
    title: str,
    kind: str,
    goal_type: str,
    theme: str = "",
    goal: str = "",
    core_message: str = "",
    ask: str = "",
    location_name: str = "",
    address: str = "",
    municipality=None,
    duration_minutes: int = 45,
    party_mix: str = Visit.PartyMix.CROSS_SECTION,
) -> Visit:
    _check_theme(visit.template, theme)
    moved = (visit.location_name, visit.address) != (location_name, address)
    visit.title, visit.theme, visit.kind, visit.goal_type = title, theme, kind, goal_type
    visit.goal, visit.core_message, visit.ask = goal, core_message, ask
    visit.location_name, visit.address, visit.municipality = location_name, address, municipality
    visit.duration_minutes, visit.party_mix = duration_minutes, party_mix
    visit.full_clean()
    visit.save(update_fields=VISIT_FIELDS)
    _record(visit, actor, VISIT_UPDATED)
    checklist_sync(visit)
    if moved and _has_calendar_item(visit):
        calendar_send(visit=visit, actor=actor)  # a new place: the calendar item follows
    return visit


def transition_choices(
    visit: Visit, *, has_guest: bool | None = None
) -> list[tuple[str, list[str]]]:
    """The moves offered from here, each with what still stands in its way: forward along
    the pipeline first, then back a step, cancelling last. `has_guest`: whether the visit
    has a guest proper, when the caller has its guests at hand (else asked)."""
    here = PIPELINE.index(visit.status) if visit.status in PIPELINE else -1

    def order(status):
        if status not in PIPELINE:
            return (2, 0)
        return (0 if PIPELINE.index(status) > here else 1, PIPELINE.index(status))

    return [
        (status, transition_check(visit, status, has_guest=has_guest))
        for status in sorted(TRANSITIONS[visit.status], key=order)
    ]


def transition_check(visit: Visit, to: str, *, has_guest: bool | None = None) -> list[str]:
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
        if has_guest is None:
            has_guest = visit.guests.filter(kind=Guest.Kind.GUEST).exists()
        if not has_guest:
            problems.append(_("Add at least one guest before sending invitations."))
    if to == Status.CONFIRMED and visit.date is None:
        problems.append(_("Confirm one of the date options first."))
    if to == Status.HELD and (visit.date is None or visit.date > timezone.localdate()):
        problems.append(_("A visit can only be marked as held on or after its date."))
    if to == Status.FOLLOWED_UP:
        if visit.thank_you_sent_at is None:
            problems.append(_("Send the thank-you first (on the Report page, after the visit)."))
        if not Report.objects.filter(visit=visit).exists():
            problems.append(_("Write the report first: who came, what happened, was the ask met."))
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
        actor=actor,
        note=note[:300],
    )
    _record(locked, actor, STATUS_CHANGED, old=locked.status, new=to)
    from_status = locked.status
    locked.status = visit.status = to
    locked.save(update_fields=["status"])
    calendar_out = locked.calendar_sent_at is not None
    reopened = from_status == Status.CONFIRMED and to == Status.INVITED
    if calendar_out and (to == Status.CANCELLED or reopened):
        # Cancelled, or the date is open again: the item leaves the guests' calendars.
        calendar_send(visit=locked, actor=actor, method="CANCEL")
    if to == Status.HELD:
        visit_contact_log(visit=locked, actor=actor)
    checklist_sync(locked)
    return locked


def came(guest: Guest) -> bool:
    """Was the guest there: as ticked or corrected, else an accepted invitation counts."""
    if guest.attended is not None:
        return guest.attended
    return guest.rsvp == Guest.Rsvp.ACCEPTED


def visit_contact_log(*, visit: Visit, actor) -> Interaction | None:
    """The visit as one contact on the timeline of every registered guest who came; called
    when it is held, and again when who came is corrected (the same contact follows)."""
    people = [g.person for g in visit.guests.select_related("person") if g.person_id and came(g)]
    contact = visit.logged_contact
    if contact is not None:
        contact.people.set(people)
        return contact
    if not people or visit.date is None:
        return None
    contact = interaction_log(
        organisation=visit.organisation,
        actor=actor,
        date=min(visit.date, timezone.localdate()),
        kind=Interaction.Kind.VISIT,
        people=people,
        summary=_("Working visit “%(title)s”.") % {"title": visit.title},
    )
    visit.logged_contact = contact
    visit.save(update_fields=["logged_contact"])
    return contact


# --- The checklist follows what happened --------------------------------------------------


def _happened(visit: Visit) -> set[str]:
    """The default tasks whose thing has happened, read from the visit itself. A press
    release is ticked by the documents when one is made (checklist_tick)."""
    done = set()
    if visit.goal.strip() and visit.core_message.strip() and visit.ask.strip():
        done.add("goal")
    invited = visit.invitations.filter(sent_at__isnull=False).exists()
    if invited:
        done.add("invite")
        if visit.media_present:
            done.add("media-notice")  # the letter announces the press and photographer
    if visit.status in {Status.CONFIRMED, Status.HELD, Status.FOLLOWED_UP, Status.CLOSED}:
        done.add("confirm-date")
    if visit.thank_you_sent_at is not None:
        done.add("thanks")
    if Report.objects.filter(visit=visit).exists():
        done.add("report")
    return done


def checklist_sync(visit: Visit) -> int:
    """Tick the tasks whose thing has happened; how many were ticked now. Ticking is never
    undone here: someone who unticks a task by hand has a reason."""
    return checklist_tick(visit=visit, codes=_happened(visit))


def checklist_tick(*, visit: Visit, codes) -> int:
    return ChecklistTask.objects.filter(
        visit=visit, code__in=set(codes), done_at__isnull=True
    ).update(done_at=timezone.now())


# --- Who comes ----------------------------------------------------------------------------


@transaction.atomic
def guest_add(*, visit: Visit, actor, person, kind=Guest.Kind.GUEST, accompanies=None) -> Guest:
    # The organisation's own "do not contact", never another organisation's.
    assessment = Assessment.objects.own().filter(person=person).first()
    if assessment is not None and assessment.do_not_contact:
        raise ValidationError(
            _("%(name)s is marked “do not contact” in the register and cannot be invited.")
            % {"name": person}
        )
    if visit.guests.filter(person=person).exists():
        raise ValidationError(_("%(name)s is already on the guest list.") % {"name": person})
    handle = person.x_handle or person.bluesky_handle or person.instagram_handle
    guest = Guest.objects.create(
        organisation=visit.organisation,
        visit=visit,
        person=person,
        kind=kind,
        accompanies=accompanies,
        handle=handle,
    )
    _record(visit, actor, GUEST_ADDED, guest, kind=kind)
    return guest


@transaction.atomic
def guest_add_named(*, visit: Visit, actor, name: str, kind: str, accompanies=None) -> Guest:
    """Entourage or a journalist who is not (yet) in the register."""
    guest = Guest.objects.create(
        organisation=visit.organisation,
        visit=visit,
        name=name,
        kind=kind,
        accompanies=accompanies,
    )
    _record(visit, actor, GUEST_ADDED, guest, kind=kind)
    return guest


@transaction.atomic
def guest_remove(*, visit: Visit, actor, guest: Guest) -> None:
    _remove(visit, actor, GUEST_REMOVED, guest, kind=guest.kind)


@transaction.atomic
def guest_answer_save(
    *,
    visit: Visit,
    actor,
    guest: Guest,
    rsvp: str,
    preferred_option: DateOption | None = None,
    notes: str = "",
    photos_allowed: bool = False,
    tagging_allowed: bool = False,
    handle: str = "",
) -> Guest:
    """The guest's answer as the organiser heard it, and what the guest allows for media."""
    if preferred_option is not None and preferred_option.visit_id != visit.pk:
        raise ValidationError(_("Choose one of this visit's date options."))
    guest.rsvp, guest.preferred_option, guest.notes = rsvp, preferred_option, notes
    guest.photos_allowed, guest.tagging_allowed, guest.handle = (
        photos_allowed,
        tagging_allowed,
        handle,
    )
    guest.full_clean()
    guest.save(update_fields=GUEST_ANSWER_FIELDS)
    if preferred_option is not None:
        _availability_replace(guest, {preferred_option.date: True})
    _record(visit, actor, GUEST_ANSWERED, guest, rsvp=rsvp)
    return guest


@transaction.atomic
def team_add(*, visit: Visit, actor, role: str, membership=None, name: str = "") -> TeamMember:
    if role == TeamMember.Role.HOST and visit.team.filter(role=TeamMember.Role.HOST).exists():
        raise ValidationError(
            _("The visit already has a host. One person receives the guests and leads.")
        )
    member = TeamMember.objects.create(
        organisation=visit.organisation, visit=visit, role=role, membership=membership, name=name
    )
    _record(visit, actor, TEAM_ADDED, member, role=role)
    return member


@transaction.atomic
def team_remove(*, visit: Visit, actor, member: TeamMember) -> None:
    _remove(visit, actor, TEAM_REMOVED, member, role=member.role)


# --- Dates ---------------------------------------------------------------------------------


@transaction.atomic
def dates_propose(
    *, visit: Visit, actor, start, end, time_of_day: str, count: int = 3, today=None
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
    _record(
        visit,
        actor,
        DATES_PROPOSED,
        dates=[option.date.isoformat() for option in proposal.options],
    )
    return proposal


def date_confirm_check(visit: Visit) -> list[str]:
    """Why no date option can be confirmed now (empty: it can). The dates page shows the
    confirm buttons only when this is empty."""
    if visit.status == Status.CONCEPT:
        return [_("Send the invitations first; then confirm the date the guests can make.")]
    if visit.status not in {Status.INVITED, Status.CONFIRMED}:
        return [
            _("The date can no longer be changed: the visit is “%(status)s”.")
            % {"status": Status(visit.status).label}
        ]
    return []


@transaction.atomic
def date_confirm(*, visit: Visit, option: DateOption, actor) -> Visit:
    """The organiser confirms a date: the visit becomes confirmed; guests' answers stay."""
    problems = date_confirm_check(visit)
    if problems:
        raise ValidationError(problems)
    visit.date_options.update(chosen=False)
    option.chosen = True
    option.save(update_fields=["chosen"])
    visit.date, visit.start_time = option.date, option.start_time
    visit.save(update_fields=["date", "start_time"])
    tasks_redate(visit)
    _record(visit, actor, DATE_CONFIRMED, date=option.date.isoformat())
    if visit.status != Status.CONFIRMED:
        visit = transition(visit=visit, to=Status.CONFIRMED, actor=actor)
    calendar_send(visit=visit, actor=actor)
    return visit


@transaction.atomic
def date_set(*, visit: Visit, actor, date: datetime.date, start_time: datetime.time) -> Visit:
    """Move a visit to another date by hand (checklist due dates follow). Guests who have
    the calendar item get the update."""
    moved = (visit.date, visit.start_time) != (date, start_time)
    visit.date, visit.start_time = date, start_time
    visit.save(update_fields=["date", "start_time"])
    tasks_redate(visit)
    _record(visit, actor, DATE_SET, date=date.isoformat())
    if moved and _has_calendar_item(visit):
        calendar_send(visit=visit, actor=actor)
    return visit


# --- Programme ------------------------------------------------------------------------------


def _programme_replace(visit: Visit, template: ProgrammeTemplate):
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


@transaction.atomic
def programme_template_apply(*, visit: Visit, actor, template: ProgrammeTemplate) -> None:
    """Start the programme again from a template: its blocks replace the current ones."""
    _programme_replace(visit, template)
    _record(visit, actor, TEMPLATE_APPLIED, template=template.code)


@transaction.atomic
def block_add(
    *,
    visit: Visit,
    actor,
    kind: str,
    title: str,
    minutes: int,
    led_by: str = "",
    stop: Stop | None = None,
    with_people: bool = False,
    slides: bool = False,
) -> ProgrammeBlock:
    blocks = list(visit.blocks.order_by("position", "pk"))
    position = blocks[-1].position + 1 if blocks else 0
    if blocks and blocks[-1].kind == ProgrammeBlock.Kind.CLOSING and kind != blocks[-1].kind:
        # The programme ends with the ask: a new block goes before the closing one.
        closing = blocks[-1]
        position = closing.position
        closing.position += 1
        closing.save(update_fields=["position"])
    block = ProgrammeBlock(organisation=visit.organisation, visit=visit, position=position)
    _block_fill(visit, block, kind, title, minutes, led_by, stop, with_people, slides)
    block.save()
    _record(visit, actor, BLOCK_ADDED, block)
    return block


def _block_fill(visit, block, kind, title, minutes, led_by, stop, with_people, slides):
    if stop is not None and stop.visit_id != visit.pk:
        raise ValidationError(_("Choose one of this visit's stops."))
    block.kind, block.title, block.minutes, block.led_by = kind, title, minutes, led_by
    block.stop, block.with_people, block.slides = stop, with_people, slides
    block.full_clean()


@transaction.atomic
def block_save(
    *,
    visit: Visit,
    actor,
    block: ProgrammeBlock,
    kind: str,
    title: str,
    minutes: int,
    led_by: str = "",
    stop: Stop | None = None,
    with_people: bool = False,
    slides: bool = False,
) -> ProgrammeBlock:
    _block_fill(visit, block, kind, title, minutes, led_by, stop, with_people, slides)
    block.save(update_fields=BLOCK_FIELDS)
    _record(visit, actor, BLOCK_SAVED, block)
    return block


@transaction.atomic
def block_remove(*, visit: Visit, actor, block: ProgrammeBlock) -> None:
    _remove(visit, actor, BLOCK_REMOVED, block)


@transaction.atomic
def blocks_reorder(*, visit: Visit, actor, order: list[int]):
    blocks = {block.pk: block for block in visit.blocks.select_for_update()}
    if sorted(order) != sorted(blocks):
        raise ValidationError(_("The programme changed in the meantime; reload the page."))
    for position, pk in enumerate(order):
        blocks[pk].position = position
    ProgrammeBlock.objects.bulk_update(blocks.values(), ["position"])
    _record(visit, actor, PROGRAMME_REORDERED, order=order)


def block_move(*, visit: Visit, actor, block: ProgrammeBlock, by: int):
    order = list(visit.blocks.values_list("pk", flat=True))
    index = order.index(block.pk)
    target = max(0, min(len(order) - 1, index + by))
    order.insert(target, order.pop(index))
    blocks_reorder(visit=visit, actor=actor, order=order)


@transaction.atomic
def stop_add(
    *,
    visit: Visit,
    actor,
    name: str,
    arrives_at: datetime.time,
    leaves_at: datetime.time,
    address: str = "",
) -> Stop:
    stop = Stop(
        organisation=visit.organisation,
        visit=visit,
        name=name,
        address=address,
        arrives_at=arrives_at,
        leaves_at=leaves_at,
    )
    stop.full_clean()
    stop.save()
    _record(visit, actor, STOP_ADDED, stop)
    return stop


@transaction.atomic
def stop_remove(*, visit: Visit, actor, stop: Stop) -> None:
    _remove(visit, actor, STOP_REMOVED, stop)


# --- Checklist -----------------------------------------------------------------------------


@transaction.atomic
def task_save(
    *,
    visit: Visit,
    actor,
    task: ChecklistTask,
    title: str,
    offset_days: int,
    working_days: bool,
    assignee=None,
    done: bool,
) -> ChecklistTask:
    # The default title, unchanged, stays a code: it keeps following the reader's language.
    task.title = "" if title == checklist.default_title(task.code) else title
    task.offset_days, task.working_days = offset_days, working_days
    task.assignee = assignee
    if done != (task.done_at is not None):
        task.done_at = timezone.now() if done else None
    task.due_on = checklist.due_date(task, visit.date)
    task.full_clean()
    task.save(update_fields=[*TASK_FIELDS, "done_at", "due_on"])
    _record(visit, actor, TASK_SAVED, task, done=done)
    return task


def tasks_redate(visit: Visit) -> None:
    """The visit's date changed: every task's due day follows."""
    tasks = list(visit.tasks.all())
    for task in tasks:
        task.due_on = checklist.due_date(task, visit.date)
    ChecklistTask.objects.bulk_update(tasks, ["due_on"])


@transaction.atomic
def task_done(*, visit: Visit, actor, task: ChecklistTask, done: bool) -> ChecklistTask:
    """Tick a task off (or open it again) in one click."""
    if done != (task.done_at is not None):
        task.done_at = timezone.now() if done else None
        task.save(update_fields=["done_at"])
        _record(visit, actor, TASK_SAVED, task, done=done)
    return task


# --- Media and invitations -------------------------------------------------------------------


@transaction.atomic
def media_update(
    *,
    visit: Visit,
    actor,
    press_present: bool,
    photographer_present: bool,
    press_release: bool,
    media_notes: str = "",
) -> Visit:
    visit.press_present, visit.photographer_present = press_present, photographer_present
    visit.press_release, visit.media_notes = press_release, media_notes
    visit.save(update_fields=MEDIA_FIELDS)
    # Press or a photographer (guests must hear beforehand), or a press release, newly
    # planned: their tasks join the checklist.
    present = set(visit.tasks.values_list("code", flat=True))
    tasks_add_defaults(visit, only={"media-notice", "press-release"} - present)
    _record(visit, actor, MEDIA_SAVED)
    checklist_sync(visit)
    return visit


@transaction.atomic
def factsheet_update(
    *,
    visit: Visit,
    actor,
    key_figures: str,
    story: str,
    picture: bytes | None = None,
    remove_picture: bool = False,
) -> Visit:
    """The key figures, the one story and an optional picture (already cleaned by
    visits.pictures) for the handout."""
    visit.key_figures, visit.story = key_figures.strip(), story.strip()
    fields = ["key_figures", "story"]
    if picture or remove_picture:
        visit.factsheet_image = picture if picture and not remove_picture else b""
        fields.append("factsheet_image")
    visit.save(update_fields=fields)
    _record(visit, actor, FACTSHEET_SAVED)
    return visit


@transaction.atomic
def post_add(*, visit: Visit, actor, channel: str, text: str, days_after: int = 0) -> PlannedPost:
    post = PlannedPost(
        organisation=visit.organisation,
        visit=visit,
        channel=channel,
        days_after=days_after,
        text=text,
    )
    post.full_clean()
    post.save()
    _record(visit, actor, POST_ADDED, post, channel=channel)
    return post


@transaction.atomic
def post_remove(*, visit: Visit, actor, post: PlannedPost) -> None:
    _remove(visit, actor, POST_REMOVED, post, channel=post.channel)


def invitation_problems(visit: Visit) -> list[str]:
    """Why the invitations cannot go out (empty: they can). Shown on the invitation page
    and checked again when sending."""
    problems = []
    if visit.status not in {Status.CONCEPT, Status.INVITED, Status.CONFIRMED}:
        problems.append(
            _("Invitations can no longer be sent: the visit is “%(status)s”.")
            % {"status": Status(visit.status).label}
        )
    if not visit.core_message.strip():
        problems.append(
            _("Write the core message first: the one thing the guests should remember.")
        )
    if not visit.ask.strip():
        problems.append(
            _("Write the concrete ask first: what should the guests do after the visit?")
        )
    if visit.date is None and not visit.date_options.exists():
        problems.append(_("Propose date options or set the date first."))
    if not visit.team.filter(role=TeamMember.Role.HOST).exists():
        problems.append(_("Name the host first: the one who receives the guests and leads."))
    if not visit.guests.filter(kind=Guest.Kind.GUEST, person__isnull=False).exists():
        problems.append(_("Add at least one guest from the register before sending invitations."))
    return problems


@transaction.atomic
def letter_template_save(*, organisation, actor, text: str, salutation: str) -> LetterTemplate:
    """The organisation's own invitation text; a placeholder that does not exist is refused."""
    _check_placeholders(text)
    template, _created = LetterTemplate.objects.update_or_create(
        organisation=organisation,
        kind=LetterTemplate.Kind.INVITATION,
        defaults={"text": text.strip(), "salutation": salutation, "updated_at": timezone.now()},
    )
    audit.record(
        organisation=organisation, actor=actor, action=LETTER_TEMPLATE_SAVED, target=template
    )
    return template


@transaction.atomic
def visit_letter_save(*, visit: Visit, actor, text: str, contact, involvement: str) -> Visit:
    """This visit's invitation text (empty: the organisation's template) and its contact."""
    _check_placeholders(text)
    if contact is not None and contact.organisation_id != visit.organisation_id:
        raise ValidationError(_("Choose a colleague of your own organisation."))
    # The template's text unchanged is no text of the visit's own: it keeps following it.
    same = text.strip() == selectors.default_letter_text(visit).strip()
    visit.letter_text = "" if same else text.strip()
    visit.contact, visit.involvement = contact, involvement.strip()
    visit.save(update_fields=["letter_text", "contact", "involvement"])
    _record(visit, actor, LETTER_SAVED)
    return visit


@transaction.atomic
def guest_letter_save(*, visit: Visit, actor, guest: Guest, text: str) -> GuestInvitation:
    """One guest's own letter text; empty, or the visit's text unchanged, goes back to
    following the visit's text."""
    _check_placeholders(text)
    context = selectors.letter_context(visit, sender=actor)
    unchanged = selectors.letter_text_for_guest(context, guest, own=False)
    invitation = _invitation_of(guest)
    invitation.text = "" if text.strip() == unchanged.strip() else text.strip()
    invitation.save(update_fields=["text"])
    _record(visit, actor, GUEST_LETTER_SAVED, guest)
    return invitation


def _check_placeholders(text: str):
    problem = letter.placeholder_problem(text)
    if problem:
        raise ValidationError(problem)


def _mark_sent(invitation: GuestInvitation, channel: str, when) -> None:
    invitation.sent_at, invitation.times_sent = when, invitation.times_sent + 1
    invitation.channel = channel
    invitation.save(update_fields=["sent_at", "times_sent", "channel"])


def _invitation_of(guest: Guest) -> GuestInvitation:
    invitation, _created = GuestInvitation.objects.get_or_create(
        guest=guest, defaults={"organisation": guest.organisation, "visit": guest.visit}
    )
    return invitation


@transaction.atomic
def invitations_send(*, visit: Visit, actor, base_url: str, guests=None) -> int:
    """E-mail the invitation to guests: by default everyone not invited yet (a guest added
    later), or the chosen guests again (a changed letter). The first sending moves the visit
    to "invited". Each message carries the guest's own answer link; replies go to the
    visit's contact person. Guests without a public e-mail address get the letter by post:
    the page shows it ready to print. Returns how many e-mails were queued."""
    problems = invitation_problems(visit)
    if problems:
        raise ValidationError(problems)
    if visit.status == Status.CONCEPT:
        visit = transition(visit=visit, to=Status.INVITED, actor=actor)
    invitees = [
        guest
        for guest in selectors.invitees(visit)
        if (guests is None and guest.invitation_sent_at is None)
        or (guests is not None and guest.pk in {g.pk for g in guests})
    ]
    context = selectors.letter_context(visit, sender=actor)
    contact_name, contact_email, _phone = context["contact"]
    now = timezone.now()
    emailed = []
    with translation.override("nl"):
        for guest in invitees:
            if not guest.person.email:
                continue
            invitation = getattr(guest, "invitation", None) or _invitation_of(guest)
            letter_ = selectors.letter_for(
                context, guest, answer_url=base_url.rstrip("/") + answers.answer_path(guest)
            )
            _mail(
                visit,
                to=guest.person.email,
                template="visits/emails/invitation",
                context={"visit": visit, "letter": letter_},
                person=guest.person,
                reply_to=contact_email or actor.email,
            )
            _mark_sent(invitation, GuestInvitation.Channel.EMAIL, now)
            emailed.append(guest)
        if emailed:
            again = guests is not None
            interaction_log(
                organisation=visit.organisation,
                actor=actor,
                date=timezone.localdate(),
                kind=Interaction.Kind.EMAIL,
                people=[guest.person for guest in emailed],
                summary=(
                    _("Changed invitation for the working visit “%(title)s”.")
                    if again
                    else _("Invitation for the working visit “%(title)s”.")
                )
                % {"title": visit.title},
                follow_up_needed=True,
                follow_up=_("Ask for an answer and a preferred date."),
            )
    _record(visit, actor, INVITATIONS_SENT, emailed=len(emailed), guests=len(invitees))
    checklist_sync(visit)
    return len(emailed)


@transaction.atomic
def invitation_mark_posted(*, visit: Visit, actor, guest: Guest) -> GuestInvitation:
    """The organiser printed this guest's letter and posted it: recorded like an e-mail."""
    if guest.visit_id != visit.pk or guest.person_id is None:
        raise ValidationError(_("One of the guests does not belong to this visit."))
    problems = invitation_problems(visit)
    if problems:
        raise ValidationError(problems)
    if visit.status == Status.CONCEPT:
        visit = transition(visit=visit, to=Status.INVITED, actor=actor)
    invitation = _invitation_of(guest)
    _mark_sent(invitation, GuestInvitation.Channel.POST, timezone.now())
    with translation.override("nl"):
        interaction_log(
            organisation=visit.organisation,
            actor=actor,
            date=timezone.localdate(),
            kind=Interaction.Kind.LETTER,
            people=[guest.person],
            summary=_("Invitation for the working visit “%(title)s”, by post.")
            % {"title": visit.title},
            follow_up_needed=True,
            follow_up=_("Ask for an answer and a preferred date."),
        )
    _record(visit, actor, INVITATIONS_SENT, guest, emailed=0, posted=1)
    checklist_sync(visit)
    return invitation


# --- Calendar invitations ------------------------------------------------------------------


def calendar_recipients(visit: Visit) -> list[tuple[str, str, object]]:
    """(name, e-mail, person or None) of who gets the calendar item: the guests who
    accepted and have an e-mail address, and the colleagues on the team."""
    recipients = [
        (str(guest.person), guest.person.email, guest.person)
        for guest in visit.guests.filter(rsvp=Guest.Rsvp.ACCEPTED, person__isnull=False)
        .exclude(person__email="")
        .select_related("person")
    ]
    recipients += [
        (
            member.membership.user.full_name or member.membership.user.email,
            member.membership.user.email,
            None,
        )
        for member in visit.team.filter(membership__isnull=False).select_related("membership__user")
    ]
    unique = {}  # a guest who is also a colleague gets one message
    for name, email, person in recipients:
        unique.setdefault(email.lower(), (name, email, person))
    return list(unique.values())


def _calendar_send(visit: Visit, actor, method: str, *, only=None) -> int:
    """One message per recipient, each with the .ics naming only that recipient."""
    blocks = list(visit.blocks.all())
    contact_name, contact_email, _phone = selectors.contact_of(
        visit, actor or selectors.contact_user(visit)
    )
    recipients = only if only is not None else calendar_recipients(visit)
    starts = calendar_invite.times(visit, blocks)[0]
    with translation.override("nl"):
        for name, email, person in recipients:
            ics = calendar_invite.calendar(
                visit,
                blocks=blocks,
                method=method,
                organizer=(contact_name, contact_email),
                attendees=[(name, email)],
            )
            _mail(
                visit,
                to=email,
                template="visits/emails/calendar",
                context={
                    "visit": visit,
                    "method": method,
                    "update": visit.calendar_sequence > 0,
                    "starts": starts,
                    "contact_name": contact_name,
                },
                person=person,
                reply_to=contact_email,
                attachments=[("werkbezoek.ics", ics, calendar_invite.mimetype(method))],
            )
    return len(recipients)


def _has_calendar_item(visit: Visit) -> bool:
    """Guests hold this confirmed visit in their calendars (read from the database: the
    object in hand may predate the confirmation)."""
    visit.refresh_from_db(fields=["status", "calendar_sequence", "calendar_sent_at"])
    return visit.calendar_sent_at is not None and visit.status == Status.CONFIRMED


def calendar_send(*, visit: Visit, actor, method: str = "REQUEST") -> int:
    """Send the calendar invitation (or, after a change, the update; with CANCEL the
    cancellation). Every change after the first raises SEQUENCE."""
    if visit.date is None:
        return 0
    if visit.calendar_sent_at is not None:
        visit.calendar_sequence += 1
    visit.calendar_sent_at = timezone.now()
    visit.save(update_fields=["calendar_sequence", "calendar_sent_at"])
    sent = _calendar_send(visit, actor, method)
    _record(visit, actor, CALENDAR_SENT, method=method, recipients=sent)
    return sent


# --- Thanks ---------------------------------------------------------------------------------


def thank_you_problems(visit: Visit) -> list[str]:
    if visit.date is None or visit.date > timezone.localdate():
        return [_("The thank-you goes out after the visit has taken place.")]
    if visit.status in {Status.CANCELLED, Status.CONCEPT}:
        return [
            _("A visit that is “%(status)s” gets no thank-you.")
            % {"status": Status(visit.status).label}
        ]
    return []


def thank_you_recipients(visit: Visit) -> list[Guest]:
    """The guests who came (or did not say no) and have an e-mail address."""
    return [
        guest
        for guest in selectors.invitees(visit)
        if guest.rsvp != Guest.Rsvp.DECLINED and guest.person.email
    ]


@transaction.atomic
def thank_you_send(*, visit: Visit, actor) -> int:
    """E-mail the thank-you to every guest who came; each is logged on their timeline."""
    problems = thank_you_problems(visit)
    if problems:
        raise ValidationError(problems)
    context = selectors.letter_context(visit, sender=actor)
    guests = thank_you_recipients(visit)
    with translation.override("nl"):
        for guest in guests:
            _mail(
                visit,
                to=guest.person.email,
                template="visits/emails/thank_you",
                context={
                    "paragraphs": letter.thank_you_paragraphs(
                        visit=visit,
                        organisation=visit.organisation,
                        person=guest.person,
                        style=context["style"],
                        contact=context["contact"],
                    ),
                    "subject": f"Bedankt voor uw bezoek aan {visit.organisation.name}",
                },
                person=guest.person,
                reply_to=context["contact"][1],
            )
        if guests:
            interaction_log(
                organisation=visit.organisation,
                actor=actor,
                date=timezone.localdate(),
                kind=Interaction.Kind.EMAIL,
                people=[guest.person for guest in guests],
                summary=_("Thank-you for the working visit “%(title)s”.") % {"title": visit.title},
            )
    visit.thank_you_sent_at = timezone.now()
    visit.save(update_fields=["thank_you_sent_at"])
    _record(visit, actor, THANK_YOU_SENT, recipients=len(guests))
    checklist_sync(visit)
    return len(guests)


# --- Answers -------------------------------------------------------------------------------


def _availability_replace(guest: Guest, available: dict):
    """Keep the guest's answer per date: {date: True/False} for the options asked about;
    answers about dates no longer proposed stay."""
    for day, yes in available.items():
        Availability.objects.update_or_create(
            guest=guest,
            date=day,
            defaults={"organisation": guest.organisation, "available": yes},
        )


@transaction.atomic
def guest_answer_by_link(
    *,
    guest: Guest,
    rsvp: str,
    available_dates: set,
    note: str = "",
    photos_allowed: bool = False,
    tagging_allowed: bool = False,
) -> Guest:
    """The guest answers through the personal link (no account): the guest row, their
    availability per date, a contact on their timeline and a mail to the organiser."""
    visit = guest.visit
    if rsvp not in {Guest.Rsvp.ACCEPTED, Guest.Rsvp.DECLINED}:
        raise ValidationError(_("Choose whether you will come."))
    options = list(visit.date_options.all())
    if visit.date is None and options and rsvp == Guest.Rsvp.ACCEPTED and not available_dates:
        raise ValidationError(_("Tick at least one date on which you can come."))
    chosen = [o for o in options if o.date in available_dates]
    guest.rsvp = rsvp
    guest.preferred_option = chosen[0] if chosen and rsvp == Guest.Rsvp.ACCEPTED else None
    guest.photos_allowed, guest.tagging_allowed = photos_allowed, tagging_allowed
    guest.save(update_fields=["rsvp", "preferred_option", "photos_allowed", "tagging_allowed"])
    if visit.date is None:
        _availability_replace(
            guest,
            {o.date: rsvp == Guest.Rsvp.ACCEPTED and o.date in available_dates for o in options},
        )
    if rsvp == Guest.Rsvp.ACCEPTED and guest.person.email and _has_calendar_item(visit):
        # The date is already confirmed: this guest gets the calendar item as well.
        _calendar_send(
            visit, None, "REQUEST", only=[(str(guest.person), guest.person.email, guest.person)]
        )
    invitation = _invitation_of(guest)
    invitation.answered_at, invitation.answer_note = timezone.now(), note.strip()[:2000]
    invitation.save(update_fields=["answered_at", "answer_note"])
    # Recorded in the name of the visit's contact person: the guest has no account.
    recorder = selectors.contact_user(visit)
    with translation.override("nl"):
        answer = Guest.Rsvp(rsvp).label
        interaction_log(
            organisation=visit.organisation,
            actor=recorder,
            date=timezone.localdate(),
            kind=Interaction.Kind.EMAIL,
            people=[guest.person],
            summary=_("Answered the invitation for “%(title)s”: %(answer)s.")
            % {"title": visit.title, "answer": answer}
            + (f" {note.strip()[:500]}" if note.strip() else ""),
        )
        contact_name, contact_email, _phone = selectors.contact_of(visit, recorder)
        if contact_email:
            _mail(
                visit,
                to=contact_email,
                template="visits/emails/answer",
                context={
                    "visit": visit,
                    "guest": guest,
                    "answer": answer,
                    "dates": chosen,
                    "note": note.strip(),
                    "contact_name": contact_name,
                },
                person=guest.person,
            )
    _record(visit, None, GUEST_ANSWERED_BY_LINK, guest, rsvp=rsvp)
    return guest


@transaction.atomic
def answers_save(*, visit: Visit, actor, answers: list[dict]) -> int:
    """Answers the organiser heard by phone or mail, for all guests at once. Each dict:
    guest, rsvp, preferred_option, photos_allowed, tagging_allowed. Returns how many
    guests' answers changed."""
    changed = 0
    for row in answers:
        guest, preferred = row["guest"], row.get("preferred_option")
        if guest.visit_id != visit.pk:
            raise ValidationError(_("One of the guests does not belong to this visit."))
        stored = (
            guest.rsvp,
            guest.preferred_option_id,
            guest.photos_allowed,
            guest.tagging_allowed,
        )
        given = (
            row["rsvp"],
            preferred.pk if preferred else None,
            row["photos_allowed"],
            row["tagging_allowed"],
        )
        if stored == given:
            continue
        # Notes and handle are not in the table: they stay as they are.
        guest_answer_save(
            visit=visit,
            actor=actor,
            guest=guest,
            rsvp=row["rsvp"],
            preferred_option=preferred,
            notes=guest.notes,
            photos_allowed=row["photos_allowed"],
            tagging_allowed=row["tagging_allowed"],
            handle=guest.handle,
        )
        changed += 1
    return changed


# --- Sharing with the umbrella body ----------------------------------------------------------


@transaction.atomic
def visit_share_set(*, visit: Visit, actor, shared: bool) -> Visit:
    """Show this visit's public facts to the organisation's umbrella body, or stop: the
    umbrella reads them only through visits.shared, which checks this on every request."""
    if visit.shared_with_umbrella != shared:
        visit.shared_with_umbrella = shared
        visit.save(update_fields=["shared_with_umbrella"])
        _record(visit, actor, VISIT_SHARED, shared=shared)
    return visit


@transaction.atomic
def cohosts_set(*, visit: Visit, actor, members) -> Visit:
    """The member organisations co-hosting an umbrella body's own visit (a dialogue
    session): they see its public facts (visits.shared.sessions_for_member)."""
    allowed = {member.pk for member in active_members(visit.organisation)}
    chosen = {member.pk for member in members}
    if chosen - allowed:
        raise ValidationError(_("Choose member organisations of your umbrella body."))
    visit.cohosts.exclude(member_id__in=chosen).delete()
    have = set(visit.cohosts.values_list("member_id", flat=True))
    CoHost.objects.bulk_create(
        CoHost(organisation=visit.organisation, visit=visit, member_id=pk, added_by=actor)
        for pk in sorted(chosen - have)
    )
    _record(visit, actor, COHOSTS_SET, members=sorted(chosen))
    return visit


# --- Templates --------------------------------------------------------------------------------


def _template_code(organisation, name: str) -> str:
    base = slugify(name)[:34] or "sjabloon"
    taken = set(ProgrammeTemplate.objects.own().values_list("code", flat=True))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def template_publish(
    *,
    organisation,
    actor,
    code: str = "",
    name: str,
    kind: str,
    description: str = "",
    min_minutes: int,
    max_minutes: int,
    max_story_minutes: int,
    require_experience: bool = True,
    require_closing_ask: bool = True,
    warn_slides: bool = True,
    blocks: list[dict],
    max_visitors: int = 6,
    max_journalists: int = 1,
    themes: list[str] = (),
    extra_tasks: list[dict] = (),
    invitation_text: str = "",
    press_text: str = "",
    post_text: str = "",
    ratings: dict | None = None,
) -> ProgrammeTemplate:
    """A new version of one of the organisation's own templates (or its first version):
    published at once to its members if it is an umbrella body. Earlier versions stay as
    they are, with the visits planned from them."""
    if invitation_text.strip():
        _check_placeholders(invitation_text)
    if min_minutes > max_minutes:
        raise ValidationError(_("The shortest programme is longer than the longest."))
    if not blocks:
        raise ValidationError(_("Give the programme at least one block."))
    earlier = (
        ProgrammeTemplate.objects.own().filter(code=code).order_by("-version").first()
        if code
        else None
    )
    if code and earlier is None:
        raise ValidationError(_("This template does not exist (any more)."))
    template = ProgrammeTemplate(
        organisation=organisation,
        code=code or _template_code(organisation, name),
        version=earlier.version + 1 if earlier else 1,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        min_minutes=min_minutes,
        max_minutes=max_minutes,
        max_story_minutes=max_story_minutes,
        require_experience=require_experience,
        require_closing_ask=require_closing_ask,
        warn_slides=warn_slides,
        blocks=blocks,
        max_visitors=max_visitors,
        max_journalists=max_journalists,
        themes=[theme.strip() for theme in themes if theme.strip()],
        extra_tasks=list(extra_tasks),
        invitation_text=invitation_text.strip(),
        press_text=press_text.strip(),
        post_text=post_text.strip(),
        ratings=ratings or {},
        published_at=timezone.now(),
        published_by=actor,
    )
    template.full_clean(exclude=["organisation", "published_by"])
    template.save()
    audit.record(
        organisation=organisation,
        actor=actor,
        action=TEMPLATE_PUBLISHED,
        target=template,
        subject=f"{template.name} (versie {template.version})",
        version=template.version,
    )
    return template


@transaction.atomic
def visit_template_adopt(*, visit: Visit, actor, template: ProgrammeTemplate) -> Visit:
    """The visit follows a newer version of its template: its limits, themes, texts and
    new tasks. The programme the organiser built stays (starting it again from the
    template is a choice on the programme page)."""
    current = visit.template
    if (template.organisation_id, template.code) != (current.organisation_id, current.code) or (
        template.version <= current.version
    ):
        raise ValidationError(_("This is not a newer version of the visit's template."))
    if selectors.template_to_choose(visit.organisation, template.pk) is None:
        raise ValidationError(_("This template is no longer available to your organisation."))
    visit.template = template
    visit.save(update_fields=["template"])
    _tasks_of_template(visit)
    _record(visit, actor, TEMPLATE_ADOPTED, version=template.version)
    return visit
