"""After the visit: the report page (who came, what happened, photos, commitments, stances
afterwards, next contacts), the commitments list and what the visits brought."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.lib.forms import id_from
from werkbezoek.lib.late import local_today
from werkbezoek.organisations.access import editor_required, reader_required
from werkbezoek.organisations.scoping import built_once
from werkbezoek.people import services as register_services
from werkbezoek.people.models import Person, Stance

from . import checklist, evaluation, follow_up, programme, reads, selectors, services
from .forms import (
    CommitmentForm,
    CommitmentStatusForm,
    NextContactForm,
    PhotoForm,
    ReportForm,
)
from .models import AskOutcome, ChecklistTask, Commitment, Guest, Photo, Report, Status, Visit
from .views import _errors


def _form_errors(request, form):
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def _save(request, form, write, success: str) -> None:
    """A form of these pages: when valid, `write(cleaned_data)`; a refusal or a wrong field
    becomes a message on the page the user returns to."""
    if not form.is_valid():
        _form_errors(request, form)
        return
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, success)


def _back(org, pk, part: str):
    return redirect(reverse("visits:report", args=[org, pk]) + f"#{part}")


def _stance_rows(request, visit, guests):
    """Each registered guest's stance before and after, when the reader may see stances
    (a read of the assessment, logged)."""
    if not request.membership.sees_assessments or visit.date is None:
        return []
    effect = selectors.stance_effect([visit]).get(visit.pk, {})
    rows = [
        {"guest": guest, "before": effect[guest.person_id][0], "after": effect[guest.person_id][1]}
        for guest in guests
        if guest.person_id in effect
    ]
    register_services.access_log_many(
        organisation=request.organisation,
        actor=request.user,
        people=[row["guest"].person for row in rows if row["before"] or row["after"]],
    )
    return rows


@reader_required
@require_safe
def report(request, org, pk):
    visit = reads.visit_or_404(pk)
    guests = list(visit.guests.select_related("person"))
    for guest in guests:
        guest.came = services.came(guest)
    the_report = Report.objects.filter(visit=visit).first()
    # Per guest the open next contact, else the newest one done.
    next_contacts = {}
    for task in (
        ChecklistTask.objects.filter(visit=visit, guest__isnull=False)
        .select_related("assignee__user")
        .order_by("-pk")
    ):
        shown = next_contacts.get(task.guest_id)
        if shown is None or (shown.done_at and not task.done_at):
            next_contacts[task.guest_id] = task
    context = {
        "visit": visit,
        "after_the_day": visit.status in follow_up.AFTER_THE_DAY,
        "guests": guests,
        "report": the_report,
        "evaluation": evaluation.rows(the_report.ratings if the_report else {}),
        "report_form": ReportForm(instance=the_report),
        "photos": list(visit.photos.defer("image", "thumbnail").prefetch_related("guests")),
        "photo_form": PhotoForm(visit=visit),
        "commitments": selectors.with_due_state(
            list(visit.commitments.prefetch_related("people").select_related("owner__user")),
            timezone.localdate(),
        ),
        "commitment_form": CommitmentForm(visit=visit, organisation=request.organisation),
        "stance_rows": _stance_rows(request, visit, guests),
        "stances": Stance.choices,
        "next_contacts": [
            (guest, next_contacts.get(guest.pk))
            for guest in guests
            if guest.kind == Guest.Kind.GUEST
        ],
        "next_contact_form": NextContactForm(organisation=request.organisation),
        "thank_you_problems": services.thank_you_problems(visit),
        "thank_you_recipients": services.thank_you_recipients(visit),
        "followed_up_problems": services.transition_check(visit, Status.FOLLOWED_UP)
        if visit.status == Status.HELD
        else [],
        "today": timezone.localdate(),
    }
    return render(request, "visits/report.html", context)


@editor_required
@require_POST
def attendance_save(request, org, pk):
    visit = reads.visit_or_404(pk)
    present = {id_from(value) for value in request.POST.getlist("present")} - {None}
    count = follow_up.attendance_save(visit=visit, actor=request.user, present=present)
    messages.success(request, _("Saved: %(count)d people were there.") % {"count": count})
    return _back(org, pk, "who-came")


@editor_required
@require_POST
def report_save(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = ReportForm(request.POST, instance=Report.objects.filter(visit=visit).first())
    _save(
        request,
        form,
        lambda data: follow_up.report_save(visit=visit, actor=request.user, **data),
        _("The report has been saved."),
    )
    return _back(org, pk, "report-form")


@editor_required
@require_POST
def photo_add(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = PhotoForm(request.POST, request.FILES, visit=visit)
    back = request.POST.get("back") == "day" and reverse("visits:day", args=[org, pk])
    _save(
        request,
        form,
        lambda data: follow_up.photo_add(visit=visit, actor=request.user, **data),
        _("The photo has been added."),
    )
    return redirect(back + "#photos") if back else _back(org, pk, "photos")


def _photo_response(photo_pk, visit, field: str):
    photo = get_object_or_404(Photo.objects.only(field, "visit_id"), pk=photo_pk, visit=visit)
    response = HttpResponse(bytes(getattr(photo, field)), content_type="image/jpeg")
    return response


@reader_required
@require_safe
def photo(request, org, pk, photo_pk):
    return _photo_response(photo_pk, reads.visit_or_404(pk), "image")


@reader_required
@require_safe
def photo_thumbnail(request, org, pk, photo_pk):
    return _photo_response(photo_pk, reads.visit_or_404(pk), "thumbnail")


@editor_required
@require_POST
def photo_remove(request, org, pk, photo_pk):
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(Photo.objects.defer("image", "thumbnail"), pk=photo_pk, visit=visit)
    follow_up.photo_remove(visit=visit, actor=request.user, photo=item)
    messages.success(request, _("The photo has been removed."))
    return _back(org, pk, "photos")


@editor_required
@require_POST
def commitment_add(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = CommitmentForm(request.POST, visit=visit, organisation=request.organisation)
    _save(
        request,
        form,
        lambda data: follow_up.commitment_add(
            organisation=request.organisation, actor=request.user, visit=visit, **data
        ),
        _("The commitment has been recorded."),
    )
    return _back(org, pk, "commitments")


@editor_required
@require_POST
def stances_save(request, org, pk):
    visit = reads.visit_or_404(pk)
    if not request.membership.sees_assessments:
        raise Http404
    stances = {}
    for guest in visit.guests.filter(person__isnull=False):
        stance = request.POST.get(f"stance-{guest.pk}", "")
        if stance in Stance.values:
            stances[guest.pk] = (stance, request.POST.get(f"reason-{guest.pk}", "")[:2000])
    if not stances:
        messages.error(request, _("Choose a stance for at least one guest."))
        return _back(org, pk, "stances")
    try:
        saved = follow_up.stance_after_save(visit=visit, actor=request.user, stances=stances)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Saved: %(count)d stances after the visit.") % {"count": saved})
    return _back(org, pk, "stances")


@editor_required
@require_POST
def next_contact(request, org, pk, guest_pk):
    visit = reads.visit_or_404(pk)
    guest = get_object_or_404(Guest.objects.select_related("person"), pk=guest_pk, visit=visit)
    form = NextContactForm(request.POST, organisation=request.organisation)
    _save(
        request,
        form,
        lambda data: follow_up.next_contact_set(
            visit=visit, actor=request.user, guest=guest, **data
        ),
        _("The next contact with %(name)s is on the checklist.") % {"name": guest},
    )
    return _back(org, pk, "next-contact")


# --- Commitments across visits ------------------------------------------------------------


@reader_required
@require_safe
def commitments(request, org):
    today = timezone.localdate()
    status = request.GET.get("status", "open")
    items = Commitment.objects.select_related("visit", "owner__user").prefetch_related("people")
    if status in Commitment.Status.values:
        items = items.filter(status=status)
    items = list(items.order_by("due_on", "made_on", "pk")[:500])
    selectors.with_due_state(items, today)
    return render(
        request,
        "visits/commitments.html",
        {
            "commitments": items,
            "statuses": Commitment.Status.choices,
            "current": status,
            "today": today,
        },
    )


@reader_required
@require_safe
def commitment_detail(request, org, commitment_pk):
    item = get_object_or_404(
        Commitment.objects.select_related("visit", "owner__user").prefetch_related("people"),
        pk=commitment_pk,
    )
    return render(
        request,
        "visits/commitment.html",
        {
            "commitment": item,
            "changes": item.changes.select_related("actor"),
            "form": CommitmentStatusForm(initial={"status": item.status}),
        },
    )


@editor_required
@require_POST
def commitment_status(request, org, commitment_pk):
    item = get_object_or_404(Commitment, pk=commitment_pk)
    form = CommitmentStatusForm(request.POST)
    _save(
        request,
        form,
        lambda data: follow_up.commitment_status(commitment=item, actor=request.user, **data),
        _("The commitment has been saved."),
    )
    return redirect("visits:commitment", org=org, commitment_pk=commitment_pk)


# --- What the visits brought --------------------------------------------------------------


@reader_required
@require_safe
def results(request, org):
    """Over the visits held: how the guests' stances moved, whether the asks were met, how
    many commitments were kept."""
    visits = list(
        Visit.objects.filter(status__in=follow_up.AFTER_THE_DAY)
        .select_related("report")
        .order_by("-date")
    )
    kept = {}
    for item in Commitment.objects.filter(visit__in=visits).values("visit_id", "status"):
        counts = kept.setdefault(item["visit_id"], {"all": 0, "kept": 0})
        counts["all"] += 1
        counts["kept"] += item["status"] == Commitment.Status.KEPT
    sees = request.membership.sees_assessments
    effect = selectors.stance_effect(visits) if sees else {}
    rows = []
    totals = {"up": 0, "same": 0, "down": 0, "asks_met": 0, "asks": 0, "kept": 0, "promised": 0}
    for visit in visits:
        moves = [selectors.movement(*pair) for pair in effect.get(visit.pk, {}).values()]
        outcome = getattr(getattr(visit, "report", None), "ask_outcome", "")
        row = {
            "visit": visit,
            "up": moves.count(1),
            "same": moves.count(0),
            "down": moves.count(-1),
            "outcome": outcome,
            "outcome_label": AskOutcome(outcome).label if outcome else "",
            "commitments": kept.get(visit.pk, {"all": 0, "kept": 0}),
        }
        rows.append(row)
        for key in ("up", "same", "down"):
            totals[key] += row[key]
        totals["asks"] += bool(outcome)
        totals["asks_met"] += outcome == "met"
        totals["kept"] += row["commitments"]["kept"]
        totals["promised"] += row["commitments"]["all"]
    return render(
        request,
        "visits/results.html",
        {"rows": rows, "totals": totals, "sees_stances": sees},
    )


# --- On the day ---------------------------------------------------------------------------


@reader_required
@require_safe
def day(request, org, pk):
    """The visit on a phone, on the day: the run sheet, the last tasks, the guests with an
    arrival tick, and photos straight into the report."""
    visit = reads.visit_or_404(pk)
    blocks = list(visit.blocks.select_related("stop"))
    today = timezone.localdate()
    tasks = checklist.with_due_dates(visit.tasks.select_related("assignee__user"), today)
    guests = list(visit.guests.select_related("person"))
    for guest in guests:
        guest.came = services.came(guest)
    return render(
        request,
        "visits/day.html",
        {
            "visit": visit,
            "slots": programme.timetable(blocks, visit.start_time),
            "total": programme.total_minutes(blocks),
            "team": list(visit.team.select_related("membership__user")),
            "tasks": [t for t in tasks if -2 <= t.offset_days <= 0 or t.overdue],
            "guests": guests,
            "photos": list(visit.photos.defer("image", "thumbnail")),
            "photo_form": PhotoForm(visit=visit),
            "back": "day",
        },
    )


@editor_required
@require_POST
def guest_arrived(request, org, pk, guest_pk):
    visit = reads.visit_or_404(pk)
    guest = get_object_or_404(Guest.objects.select_related("person"), pk=guest_pk, visit=visit)
    arrived = request.POST.get("arrived") == "1"
    follow_up.guest_arrived(visit=visit, actor=request.user, guest=guest, arrived=arrived)
    guest.came = services.came(guest)
    if request.htmx:
        return render(request, "visits/_arrival.html", {"visit": visit, "guest": guest})
    return redirect(reverse("visits:day", args=[org, pk]) + f"#guest-{guest.pk}")


def person_commitments(request, person) -> dict | None:
    """The person page's part about promises this person made (people.pages)."""
    today = timezone.localdate()
    items = list(
        Commitment.objects.filter(people=person)
        .select_related("visit")
        .prefetch_related("people")
        .order_by("-made_on", "-pk")[:50]
    )
    if not items:
        return None
    selectors.with_due_state(items, today)
    return {"template": "visits/_person_commitments.html", "commitments": items}


SHOWN_ON_HOME = 8  # overdue tasks, commitments due, guests without an answer


@built_once
def _upcoming():
    """Being planned: a date to come, or none chosen yet; with their readiness."""
    guest = Q(guests__kind=Guest.Kind.GUEST)
    return (
        Visit.objects.when_run()
        .filter(status__in=[Status.CONCEPT, Status.INVITED, Status.CONFIRMED])
        .filter(Q(date__gte=local_today()) | Q(date__isnull=True))
        .order_by(F("date").asc(nulls_last=True), "-created_at")
        .only("title", "date", "status")  # what the list shows: a busy page, keep it light
        # Readiness counted in the same query. Joining both tasks and guests multiplies the
        # rows (a visit's dozen tasks times its guests: a few hundred), hence the distinct
        # counts; asked apart, the two grouped queries cost Django more than these rows.
        .annotate(
            task_count=Count("tasks", distinct=True),
            tasks_done=Count("tasks", filter=Q(tasks__done_at__isnull=False), distinct=True),
            guest_count=Count("guests", filter=guest, distinct=True),
            answered=Count(
                "guests", filter=guest & ~Q(guests__rsvp=Guest.Rsvp.PENDING), distinct=True
            ),
        )[:5]
    )


@built_once
def _overdue_tasks():
    return (
        selectors.tasks_still_open(ChecklistTask.objects.when_run())
        .filter(due_on__lt=local_today())
        .select_related("visit")
        .only("code", "title", "due_on", "visit__title")
        .order_by("due_on", "pk")[:SHOWN_ON_HOME]
    )


@built_once
def _commitments_due():
    # Only what the lines show: nothing of the visit or the owner; the people apart.
    return (
        selectors.commitments_due(commitments=Commitment.objects.when_run())
        .select_related(None)
        .prefetch_related(None)
        .only("text", "due_on", "status")[:SHOWN_ON_HOME]
    )


@built_once
def _unanswered_guests():
    return (
        Guest.objects.when_run()
        .filter(
            kind=Guest.Kind.GUEST,
            rsvp=Guest.Rsvp.PENDING,
            visit__status=Status.INVITED,
            invitation__sent_at__isnull=False,
        )
        .select_related("visit", "person", "invitation")
        .only(
            "name",
            "visit__title",
            *(f"person__{field}" for field in Person.NAME_FIELDS),
            "invitation__sent_at",
        )
        .order_by("invitation__sent_at")[:SHOWN_ON_HOME]
    )


def home_part(request) -> dict | None:
    """The home page's part (organisations.home): upcoming visits with their readiness, and
    the tasks and commitments that are overdue or due soon. Its queries are built once
    per process (built_once): building them cost Django more than running them."""
    today = timezone.localdate()
    commitments = selectors.with_due_state(list(_commitments_due()), today)
    selectors.with_people_named(commitments)
    return {
        "template": "visits/_home.html",
        "upcoming": list(_upcoming()),
        "overdue_tasks": list(_overdue_tasks()),
        "commitments_due": commitments,
        "unanswered": list(_unanswered_guests()),
        "today": today,
    }
