"""After the visit: who came, the report, photos, commitments, the stances afterwards and the
next contact per guest. Each function is one atomic step with a Dutch error, like services."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.organisations import audit
from werkbezoek.people.services import stance_record

from . import checklist, evaluation, pictures
from .models import (
    ChecklistTask,
    Commitment,
    CommitmentChange,
    Guest,
    Photo,
    Report,
    Status,
    Visit,
)
from .services import _record, _remove, checklist_sync, visit_contact_log

REPORT_SAVED = audit.action("visits.report.saved", gettext_lazy("visit report saved"))
ATTENDANCE_SAVED = audit.action("visits.attendance.saved", gettext_lazy("who came saved"))
PHOTO_ADDED = audit.action("visits.photo.added", gettext_lazy("photo added"))
PHOTO_REMOVED = audit.action("visits.photo.removed", gettext_lazy("photo removed"))
COMMITMENT_ADDED = audit.action("visits.commitment.added", gettext_lazy("commitment recorded"))
COMMITMENT_CHANGED = audit.action(
    "visits.commitment.changed", gettext_lazy("commitment status changed")
)
NEXT_CONTACT_SET = audit.action("visits.next_contact.set", gettext_lazy("next contact agreed"))

# Statuses in which the day has been: the report and what follows can be written.
AFTER_THE_DAY = {Status.HELD, Status.FOLLOWED_UP, Status.CLOSED}


def _held(visit: Visit):
    if visit.status not in AFTER_THE_DAY:
        raise ValidationError(_("Mark the visit as held first; then write what happened."))


@transaction.atomic
def attendance_save(*, visit: Visit, actor, present: set[int]) -> int:
    """Who was there, from the list of guests (ids of those present); the rest were not."""
    guests = list(visit.guests.all())
    for guest in guests:
        guest.attended = guest.pk in present
    Guest.objects.bulk_update(guests, ["attended"])
    if visit.status in AFTER_THE_DAY:
        visit_contact_log(visit=visit, actor=actor)
    _record(visit, actor, ATTENDANCE_SAVED, present=len(present & {g.pk for g in guests}))
    return sum(1 for guest in guests if guest.attended)


@transaction.atomic
def guest_arrived(*, visit: Visit, actor, guest: Guest, arrived: bool = True) -> Guest:
    """The tick on the day: the guest has arrived (or, untick, not yet)."""
    guest.attended = True if arrived else None
    guest.save(update_fields=["attended"])
    _record(visit, actor, ATTENDANCE_SAVED, guest, arrived=arrived)
    return guest


@transaction.atomic
def report_save(
    *,
    visit: Visit,
    actor,
    what_happened: str,
    quotes: str = "",
    ask_outcome: str = "",
    outcome: str = "",
    ratings: dict | None = None,
) -> Report:
    _held(visit)
    if not what_happened.strip():
        raise ValidationError(_("Write in a few sentences what happened."))
    report = Report.objects.filter(visit=visit).first() or Report(
        organisation=visit.organisation, visit=visit
    )
    report.what_happened, report.quotes = what_happened, quotes
    report.ask_outcome, report.outcome = ask_outcome, outcome
    report.ratings = evaluation.clean_ratings(ratings or {})
    report.written_by, report.updated_at = actor, timezone.now()
    report.full_clean(exclude=["visit", "written_by"])
    report.save()
    _record(visit, actor, REPORT_SAVED, ask_outcome=ask_outcome)
    checklist_sync(visit)
    return report


@transaction.atomic
def photo_add(
    *,
    visit: Visit,
    actor,
    upload,
    consent: str,
    caption: str = "",
    guests=(),
    others_visible: str = "",
) -> Photo:
    """A photo with the consent of everyone on it: guests who did not allow photos are
    refused by name; everyone else's consent is written down."""
    _held_or_today(visit)
    guests = list(guests)
    if any(guest.visit_id != visit.pk for guest in guests):
        raise ValidationError(_("One of the chosen guests is not on this visit."))
    refused = [str(guest) for guest in guests if not guest.photos_allowed]
    if refused:
        raise ValidationError(
            _(
                "%(names)s did not agree to be photographed. Record their consent in the "
                "answers first, or choose another photo."
            )
            % {"names": ", ".join(refused)}
        )
    if not consent.strip():
        raise ValidationError(
            _("Write down how everyone in the photo gave consent (pupils: their parents).")
        )
    image, thumbnail = pictures.clean_photo(upload)
    photo = Photo.objects.create(
        organisation=visit.organisation,
        visit=visit,
        image=image,
        thumbnail=thumbnail,
        caption=caption[:300],
        others_visible=others_visible,
        consent=consent,
        uploaded_by=actor,
    )
    photo.guests.set(guests)
    _record(visit, actor, PHOTO_ADDED, photo)
    return photo


def _held_or_today(visit: Visit):
    """Photos are taken on the day itself (the day-of view) or added afterwards."""
    on_the_day = visit.date is not None and visit.date <= timezone.localdate()
    if visit.status in AFTER_THE_DAY or (on_the_day and visit.status != Status.CANCELLED):
        return
    raise ValidationError(_("Photos can be added from the day of the visit."))


@transaction.atomic
def photo_remove(*, visit: Visit, actor, photo: Photo) -> None:
    _remove(visit, actor, PHOTO_REMOVED, photo)


@transaction.atomic
def commitment_add(
    *,
    organisation,
    actor,
    people,
    text: str,
    made_on: datetime.date,
    due_on: datetime.date | None = None,
    owner=None,
    visit: Visit | None = None,
) -> Commitment:
    """A promise by one or more people from the register, at a visit or elsewhere."""
    people = list(people)
    if not people:
        raise ValidationError(_("Choose who made the promise."))
    if made_on > timezone.localdate():
        raise ValidationError(_("A promise cannot have been made in the future."))
    if due_on is not None and due_on < made_on:
        raise ValidationError(_("The due date lies before the day of the promise."))
    commitment = Commitment(
        organisation=organisation,
        visit=visit,
        text=text,
        made_on=made_on,
        due_on=due_on,
        owner=owner,
        created_by=actor,
    )
    commitment.full_clean(exclude=["created_by", "visit", "owner"])
    commitment.save()
    commitment.people.set(people)
    CommitmentChange.objects.create(
        organisation=organisation,
        commitment=commitment,
        to_status=Commitment.Status.OPEN,
        actor=actor,
    )
    audit.record(
        organisation=organisation,
        actor=actor,
        action=COMMITMENT_ADDED,
        target=commitment,
        subject=", ".join(f"#{person.pk}" for person in people)[:254],
        visit=visit.pk if visit else None,
    )
    return commitment


@transaction.atomic
def commitment_status(
    *, commitment: Commitment, actor, status: str, evidence: str = "", link: str = ""
) -> Commitment:
    """A new status with its evidence; the history keeps every earlier one."""
    if status not in Commitment.Status.values:
        raise ValidationError(_("Choose a status."))
    if status == commitment.status and not (evidence or link):
        raise ValidationError(_("Nothing changed: choose another status or add evidence."))
    if status != Commitment.Status.OPEN and not (evidence.strip() or link.strip()):
        raise ValidationError(_("Add a link or a note that shows it, so others can check."))
    change = CommitmentChange(
        organisation=commitment.organisation,
        commitment=commitment,
        from_status=commitment.status,
        to_status=status,
        evidence=evidence,
        link=link,
        actor=actor,
    )
    change.full_clean(exclude=["actor", "commitment"])
    change.save()
    audit.record(
        organisation=commitment.organisation,
        actor=actor,
        action=COMMITMENT_CHANGED,
        target=commitment,
        old=commitment.status,
        new=status,
    )
    commitment.status = status
    commitment.save(update_fields=["status"])
    return commitment


@transaction.atomic
def stance_after_save(*, visit: Visit, actor, stances: dict[int, tuple[str, str]]) -> int:
    """Where the guests stand after the visit: {guest id: (stance, reason)}; each becomes a
    dated stance record with the visit as its source."""
    _held(visit)
    guests = {g.pk: g for g in visit.guests.filter(person__isnull=False).select_related("person")}
    saved = 0
    for guest_id, (stance, reason) in stances.items():
        guest = guests.get(guest_id)
        if guest is None:
            raise ValidationError(_("One of the guests is not on this visit."))
        if not reason.strip():
            raise ValidationError(
                _("Write why you think %(name)s stands there now.") % {"name": guest}
            )
        stance_record(
            organisation=visit.organisation,
            person=guest.person,
            stance=stance,
            date=timezone.localdate(),
            reason=reason,
            source=_("Working visit “%(title)s” of %(date)s")
            % {"title": visit.title, "date": date_format(visit.date, "j F Y")},
            actor=actor,
        )
        saved += 1
    return saved


@transaction.atomic
def next_contact_set(
    *, visit: Visit, actor, guest: Guest, date: datetime.date, what: str, owner=None
) -> ChecklistTask:
    """The next contact agreed with a guest: a task on the visit's checklist, for its owner,
    on the day agreed (moved to a working day), which the reminders pick up."""
    _held(visit)
    if guest.visit_id != visit.pk:
        raise ValidationError(_("This guest is not on this visit."))
    if date < timezone.localdate():
        raise ValidationError(_("The next contact lies in the future."))
    task = ChecklistTask.objects.filter(visit=visit, guest=guest, done_at__isnull=True).first()
    task = task or ChecklistTask(organisation=visit.organisation, visit=visit, guest=guest)
    task.step = ChecklistTask.Step.FOLLOW_UP
    task.title = f"{guest}: {what}"[:300]
    task.offset_days = (date - visit.date).days
    task.working_days = False
    task.assignee = owner
    task.due_on = checklist.due_date(task, visit.date)
    try:
        task.full_clean(exclude=["visit", "guest", "assignee"])
    except ValidationError:
        raise ValidationError(_("Choose a next contact within a year of the visit.")) from None
    task.save()
    _record(visit, actor, NEXT_CONTACT_SET, task, on=date.isoformat())
    return task
