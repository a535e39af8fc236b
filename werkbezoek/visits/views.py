from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_scopes import scope

from werkbezoek.lib.forms import id_from
from werkbezoek.lib.related import set_related
from werkbezoek.lib.site import site_url
from werkbezoek.mail import services as mail_services
from werkbezoek.organisations import submissions
from werkbezoek.organisations.access import editor_required, reader_required
from werkbezoek.organisations.umbrellas import active_umbrellas
from werkbezoek.people import services as register_services
from werkbezoek.people.models import Person
from werkbezoek.people.selectors import assessment_of
from werkbezoek.people.selectors import register as register_people

from . import answers as answer_links
from . import calendar_invite, checklist, letter, programme, reads, selectors, services, shared
from .forms import (
    AnswerForm,
    AnswerRowForm,
    BlockForm,
    DateSetForm,
    GuestForm,
    GuestLetterForm,
    LetterTemplateForm,
    MediaForm,
    NamedGuestForm,
    PeriodForm,
    PostForm,
    StopForm,
    TaskForm,
    TeamForm,
    VisitForm,
    VisitLetterForm,
    default_period,
    template_label,
)
from .models import (
    ChecklistTask,
    DateOption,
    Guest,
    GuestInvitation,
    LetterTemplate,
    PlannedPost,
    ProgrammeBlock,
    ProgrammeTemplate,
    Status,
    Stop,
    TeamMember,
    Visit,
)


def _log_stances_shown(request, rows):
    """A guest list shows each guest's stance: a read of the assessment, logged."""
    if request.membership.sees_assessments:
        register_services.access_log_many(
            organisation=request.organisation,
            actor=request.user,
            people=[row.guest.person for row in rows if row.assessment],
        )


def _int(value) -> int:
    if not str(value).isdecimal():
        raise Http404
    return int(value)


def _template_or_404(request):
    """The posted template, if this organisation may plan with it (templates_to_choose)."""
    template = selectors.template_to_choose(
        request.organisation, _int(request.POST.get("template"))
    )
    if template is None:
        raise Http404
    return template


def _errors(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def _all_errors(form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)


def _form_errors(request, form, fallback: str):
    """A form on a page that redirects: its errors become messages (or one plain one)."""
    for message in form.non_field_errors() or [fallback]:
        messages.error(request, message)


@reader_required
@require_safe
def visit_list(request, org):
    visits = Visit.objects.annotate(
        guest_count=Count("guests", filter=Q(guests__kind=Guest.Kind.GUEST))
    ).order_by("date", "-created_at")
    status = request.GET.get("status")
    if status in Status.values:
        visits = visits.filter(status=status)
    return render(
        request,
        "visits/list.html",
        {"visits": visits, "statuses": Status.choices, "current": status},
    )


@editor_required
def visit_create(request, org):
    # ?sjabloon=<id>: planned from a template page (an umbrella's, say); else the local one.
    asked = id_from(request.GET.get("sjabloon"))
    chosen = selectors.template_to_choose(request.organisation, asked)
    initial = {"template": chosen or ProgrammeTemplate.objects.filter(code="local").first()}
    if chosen is not None:  # the kind of visit the template is made for
        initial["kind"] = chosen.kind
    form = VisitForm(request.POST or None, initial=initial, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_create(
                organisation=request.organisation, actor=request.user, **form.cleaned_data
            )
        except IntegrityError:
            earlier = submissions.previous(form.cleaned_data["submission"])
            if earlier is None:
                raise
            messages.info(request, _("This form was already saved; here is the visit."))
            return redirect("visits:detail", org=org, pk=earlier)
        messages.success(
            request,
            _("The visit has been created, with a programme and checklist to start from."),
        )
        return redirect("visits:detail", org=org, pk=visit.pk)
    return render(request, "visits/visit_form.html", {"form": form})


@editor_required
def visit_edit(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = VisitForm(request.POST or None, instance=visit, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        services.visit_update(visit=visit, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The visit has been saved."))
        return redirect("visits:detail", org=org, pk=pk)
    return render(request, "visits/visit_form.html", {"form": form, "visit": visit})


def _programme_context(visit):
    blocks = reads.blocks(visit)
    stops = reads.stops(visit)
    set_related(blocks, "stop", stops)  # a block's stop is one of the visit's
    return {
        "slots": programme.timetable(blocks, visit.start_time),
        "total": programme.total_minutes(blocks),
        "findings": programme.check(blocks, visit.template, ask=visit.ask)
        + programme.check_route(stops),
        "stops": stops,
    }


def _tasks_with_dates(visit):
    return checklist.with_due_dates(
        visit.tasks.select_related("assignee__user"), timezone.localdate()
    )


@reader_required
@require_safe
def visit_detail(request, org, pk):
    visit = reads.visit_or_404(pk)
    options = reads.date_options(visit)
    rows = selectors.guest_rows(visit, options=options)
    _log_stances_shown(request, rows)
    team = reads.team(visit)
    tasks = checklist.with_due_dates(reads.tasks(visit), timezone.localdate())  # no assignees
    pipeline = services.PIPELINE
    umbrellas = active_umbrellas(request.organisation)
    # A template is the standard one, the organisation's own or an umbrella body's: its
    # owner is one of these (already read) but for a former umbrella's, read when named.
    set_related([visit.template], "organisation", [request.organisation, *umbrellas])
    context = {
        "visit": visit,
        "pipeline": pipeline,
        "pipeline_index": pipeline.index(visit.status) if visit.status in pipeline else -1,
        # The guests are read above: whether one is a guest proper needs no query.
        "transitions": services.transition_choices(
            visit, has_guest=any(row.guest.kind == Guest.Kind.GUEST for row in rows)
        ),
        "rows": rows,
        "team": team,
        "composition": selectors.composition_findings(visit, rows, team),
        "options": options,
        "tasks": tasks,
        "open_tasks": [t for t in tasks if t.done_at is None][:4],
        "overdue_count": sum(1 for t in tasks if t.overdue),
        "history": reads.history(visit),
        "template_label": template_label(visit.template),
        "umbrellas": umbrellas,
        "newer_template": selectors.newer_version(visit, umbrellas),
        **_programme_context(visit),
    }
    return render(request, "visits/visit_detail.html", context)


@editor_required
@require_POST
def share(request, org, pk):
    """Share this visit's public facts with the umbrella body, or stop sharing."""
    visit = reads.visit_or_404(pk)
    shared_now = request.POST.get("shared") == "1"
    services.visit_share_set(visit=visit, actor=request.user, shared=shared_now)
    if shared_now:
        messages.success(request, _("Your umbrella body now sees this visit's public facts."))
    else:
        messages.success(request, _("Your umbrella body no longer sees this visit."))
    return redirect("visits:detail", org=org, pk=visit.pk)


@editor_required
@require_POST
def template_adopt(request, org, pk):
    visit = reads.visit_or_404(pk)
    template = _template_or_404(request)
    try:
        services.visit_template_adopt(visit=visit, actor=request.user, template=template)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The visit now follows version %(version)d of “%(name)s”.")
            % {"version": template.version, "name": template.name},
        )
    return redirect("visits:detail", org=org, pk=visit.pk)


@editor_required
@require_POST
def visit_status(request, org, pk):
    visit = reads.visit_or_404(pk)
    to = request.POST.get("to", "")
    if to not in Status.values:
        raise Http404
    try:
        services.transition(visit=visit, to=to, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("The visit is now “%(status)s”.") % {"status": Status(to).label}
        )
    return redirect("visits:detail", org=org, pk=pk)


# --- Who comes ----------------------------------------------------------------------------


@reader_required
@require_safe
def guests(request, org, pk):
    visit = reads.visit_or_404(pk)
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        results = [
            (person, assessment_of(person))
            for person in register_people(request.organisation, filters={"q": query})[:15]
        ]
    guest_ids = set(visit.guests.values_list("person_id", flat=True))
    # Invitations these politicians already have from other members of the umbrella body.
    loads = shared.load_for_member(
        request.organisation, [p.pk for p, _a in results] + list(guest_ids), timezone.localdate()
    )
    for person, _assessment in results:
        person.load = loads.get(person.pk)
    context = {"visit": visit, "query": query, "results": results, "guest_ids": guest_ids}
    if request.htmx and request.htmx.target == "search-results":
        return render(request, "visits/_search_results.html", context)
    rows = selectors.guest_rows(visit)
    _log_stances_shown(request, rows)
    for row in rows:
        row.load = loads.get(row.guest.person_id)
    team = list(visit.team.select_related("membership__user"))
    return render(
        request,
        "visits/guests.html",
        {
            **context,
            "rows": rows,
            "team": team,
            "busy_guests": [row for row in rows if row.load and row.load.high],
            "composition": selectors.composition_findings(visit, rows, team),
            "named_form": NamedGuestForm(visit=visit),
            "team_form": TeamForm(auto_id="team-%s"),
        },
    )


def _guests_page_write(request, org, visit, write, success: str):
    """Run one write of the guests page (guests or team); a refusal becomes a message."""
    try:
        write()
    except ValidationError as error:
        _errors(request, error)
    except IntegrityError:
        messages.error(request, _("This was changed at the same time by someone else; try again."))
    else:
        messages.success(request, success)
    return redirect("visits:guests", org=org, pk=visit.pk)


@editor_required
@require_POST
def guest_add(request, org, pk):
    visit = reads.visit_or_404(pk)
    person = get_object_or_404(Person, pk=_int(request.POST.get("person")))
    kind = request.POST.get("kind", Guest.Kind.GUEST)
    if kind not in Guest.Kind.values:
        raise Http404
    return _guests_page_write(
        request,
        org,
        visit,
        lambda: services.guest_add(visit=visit, actor=request.user, person=person, kind=kind),
        _("%(name)s is on the guest list.") % {"name": person},
    )


@editor_required
@require_POST
def guest_add_named(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = NamedGuestForm(request.POST, visit=visit)
    if not form.is_valid():
        messages.error(request, _("Fill in a name and how this person comes."))
        return redirect("visits:guests", org=org, pk=pk)
    return _guests_page_write(
        request,
        org,
        visit,
        lambda: services.guest_add_named(visit=visit, actor=request.user, **form.cleaned_data),
        _("%(name)s is on the guest list.") % form.cleaned_data,
    )


@editor_required
@require_POST
def guest_remove(request, org, pk, guest_pk):
    visit = reads.visit_or_404(pk)
    guest = get_object_or_404(Guest, pk=guest_pk, visit=visit)
    return _guests_page_write(
        request,
        org,
        visit,
        lambda: services.guest_remove(visit=visit, actor=request.user, guest=guest),
        _("%(name)s is off the guest list.") % {"name": guest},
    )


@editor_required
def guest_edit(request, org, pk, guest_pk):
    visit = reads.visit_or_404(pk)
    guest = get_object_or_404(Guest.objects.select_related("person"), pk=guest_pk, visit=visit)
    form = GuestForm(request.POST or None, instance=guest)
    if request.method == "POST" and form.is_valid():
        services.guest_answer_save(
            visit=visit, actor=request.user, guest=guest, **form.cleaned_data
        )
        messages.success(request, _("The answer of %(name)s has been saved.") % {"name": guest})
        return redirect("visits:guests", org=org, pk=pk)
    return render(request, "visits/guest_form.html", {"visit": visit, "guest": guest, "form": form})


@editor_required
@require_POST
def team_add(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = TeamForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form, _("Choose a role."))
        return redirect("visits:guests", org=org, pk=pk)
    return _guests_page_write(
        request,
        org,
        visit,
        lambda: services.team_add(visit=visit, actor=request.user, **form.cleaned_data),
        _("The team member has been added."),
    )


@editor_required
@require_POST
def team_remove(request, org, pk, member_pk):
    visit = reads.visit_or_404(pk)
    member = get_object_or_404(TeamMember, pk=member_pk, visit=visit)
    return _guests_page_write(
        request,
        org,
        visit,
        lambda: services.team_remove(visit=visit, actor=request.user, member=member),
        _("The team member has been removed."),
    )


# --- Dates ---------------------------------------------------------------------------------


def _dates_page(request, visit, *, period_form=None, date_form=None):
    start, end = default_period(timezone.localdate())
    period_form = period_form or PeriodForm(
        initial={
            "start": visit.period_start or start,
            "end": visit.period_end or end,
            "time_of_day": visit.time_of_day,
            "count": 3,
        }
    )
    date_form = date_form or DateSetForm(
        initial={"date": visit.date, "start_time": visit.start_time}
    )
    options = list(visit.date_options.annotate(preferred=Count("preferred_by")))
    counts = selectors.availability_table(visit, selectors.invitees(visit))["counts"]
    for option, can_come in zip(options, counts, strict=True):
        option.can_come = can_come
    proposal, months = None, []
    if visit.period_start and visit.period_end:
        proposal = selectors.date_proposal(
            visit,
            start=visit.period_start,
            end=visit.period_end,
            time_of_day=visit.time_of_day,
        )
        months = selectors.calendar_months(visit, proposal, options)
    return render(
        request,
        "visits/dates.html",
        {
            "visit": visit,
            "period_form": period_form,
            "date_form": date_form,
            "options": options,
            "proposal": proposal,
            "months": months,
            "confirm_problems": services.date_confirm_check(visit),
            "invitations_sent": selectors.invitations_sent_count(visit),
            "without_calendar": selectors.councils_without_calendar(
                visit, visit.period_start or timezone.localdate()
            ),
        },
    )


@reader_required
@require_safe
def dates(request, org, pk):
    return _dates_page(request, reads.visit_or_404(pk))


@editor_required
@require_POST
def dates_propose(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return _dates_page(request, visit, period_form=form)
    proposal = services.dates_propose(visit=visit, actor=request.user, **form.cleaned_data)
    for note in proposal.notes:
        messages.warning(request, note)
    sent = selectors.invitations_sent_count(visit)
    if sent:
        messages.warning(
            request,
            ngettext(
                "%(count)d guest already has the invitation with the earlier dates. Their "
                "answers per date are kept; send them the changed invitation.",
                "%(count)d guests already have the invitation with the earlier dates. Their "
                "answers per date are kept; send them the changed invitation.",
                sent,
            )
            % {"count": sent},
        )
    if proposal.options:
        messages.success(request, _("Date options proposed; see the reasons below."))
    return redirect("visits:dates", org=org, pk=pk)


@editor_required
@require_POST
def date_set(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = DateSetForm(request.POST)
    if not form.is_valid():
        return _dates_page(request, visit, date_form=form)
    services.date_set(visit=visit, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The date has been changed; the checklist follows."))
    return redirect("visits:dates", org=org, pk=pk)


@editor_required
@require_POST
def date_confirm(request, org, pk, option_pk):
    visit = reads.visit_or_404(pk)
    option = get_object_or_404(DateOption, pk=option_pk, visit=visit)
    try:
        services.date_confirm(visit=visit, option=option, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
        return redirect("visits:dates", org=org, pk=pk)
    messages.success(
        request,
        _("The date %(date)s is confirmed; the visit is now confirmed.")
        % {"date": date_format(option.date, "j F Y")},
    )
    return redirect("visits:detail", org=org, pk=pk)


# --- Programme ------------------------------------------------------------------------------


def _programme_response(request, visit, focus="", problem=""):
    context = {
        "visit": visit,
        "problem": problem,
        "templates": selectors.templates_to_choose(request.organisation),
        "add_form": BlockForm(visit=visit, initial={"kind": "tour", "minutes": 15}),
        "stop_form": StopForm(),
        "focus": focus,
        **_programme_context(visit),
    }
    context["forms"] = [
        (slot, BlockForm(instance=slot.block, visit=visit, prefix=f"b{slot.block.pk}"))
        for slot in context["slots"]
    ]
    if request.htmx:
        return render(request, "visits/_programme.html", context)
    return render(request, "visits/programme.html", context)


def _programme_changed(request, org, visit, focus="", anchor=""):
    """After a programme write: the redrawn list for htmx, else back to the page."""
    if request.htmx:
        return _programme_response(request, visit, focus=focus)
    return redirect(reverse("visits:programme", args=[org, visit.pk]) + anchor)


@reader_required
@require_safe
def programme_page(request, org, pk):
    return _programme_response(request, reads.visit_or_404(pk))


@editor_required
@require_POST
def programme_template(request, org, pk):
    visit = reads.visit_or_404(pk)
    template = _template_or_404(request)
    services.programme_template_apply(visit=visit, actor=request.user, template=template)
    messages.success(request, _("The programme now follows “%(name)s”.") % {"name": template})
    return _programme_changed(request, org, visit)


@editor_required
@require_POST
def programme_reorder(request, org, pk):
    visit = reads.visit_or_404(pk)
    try:
        services.blocks_reorder(
            visit=visit,
            actor=request.user,
            order=[_int(pk) for pk in request.POST.getlist("order")],
        )
    except ValidationError as error:
        _errors(request, error)
    return _programme_changed(request, org, visit)


@editor_required
@require_POST
def block_add(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = BlockForm(request.POST, visit=visit)
    if form.is_valid():
        services.block_add(visit=visit, actor=request.user, **form.cleaned_data)
        return _programme_changed(request, org, visit)
    problem = _("The block was not added: %(errors)s") % {"errors": _all_errors(form)}
    if request.htmx:
        return _programme_response(request, visit, problem=problem)
    messages.error(request, problem)
    return _programme_changed(request, org, visit)


@editor_required
@require_POST
def block_save(request, org, pk, block_pk):
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(ProgrammeBlock, pk=block_pk, visit=visit)
    form = BlockForm(request.POST, instance=item, visit=visit, prefix=f"b{item.pk}")
    if form.is_valid():
        services.block_save(visit=visit, actor=request.user, block=item, **form.cleaned_data)
        if request.htmx:
            # Only the times and the warnings change: the field being edited keeps focus.
            return render(
                request,
                "visits/_programme_status.html",
                {"visit": visit, "oob": True, **_programme_context(visit)},
            )
    else:
        problem = _("“%(title)s” was not saved: %(errors)s") % {
            "title": item.title,
            "errors": _all_errors(form),
        }
        if request.htmx:
            # Shown and announced where the warnings are; the block keeps what was typed.
            return render(
                request,
                "visits/_programme_status.html",
                {"visit": visit, "oob": True, "problem": problem, **_programme_context(visit)},
            )
        messages.error(request, problem)
    return _programme_changed(request, org, visit, anchor=f"#block-{item.pk}")


@editor_required
@require_POST
def block_move(request, org, pk, block_pk):
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(ProgrammeBlock, pk=block_pk, visit=visit)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        raise Http404
    services.block_move(
        visit=visit, actor=request.user, block=item, by=-1 if direction == "up" else 1
    )
    return _programme_changed(
        request, org, visit, focus=f"{direction}-{item.pk}", anchor=f"#block-{item.pk}"
    )


@editor_required
@require_POST
def block_remove(request, org, pk, block_pk):
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(ProgrammeBlock, pk=block_pk, visit=visit)
    services.block_remove(visit=visit, actor=request.user, block=item)
    return _programme_changed(request, org, visit)


@editor_required
@require_POST
def stop_add(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = StopForm(request.POST)
    if form.is_valid():
        services.stop_add(visit=visit, actor=request.user, **form.cleaned_data)
    else:
        _form_errors(request, form, _("Fill in a name and both times."))
    return redirect("visits:programme", org=org, pk=pk)


@editor_required
@require_POST
def stop_remove(request, org, pk, stop_pk):
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(Stop, pk=stop_pk, visit=visit)
    services.stop_remove(visit=visit, actor=request.user, stop=item)
    return redirect("visits:programme", org=org, pk=pk)


# --- Checklist -----------------------------------------------------------------------------


@reader_required
@require_safe
def checklist_page(request, org, pk):
    visit = reads.visit_or_404(pk)
    tasks = _tasks_with_dates(visit)
    forms = [(task, TaskForm(instance=task, prefix=f"t{task.pk}")) for task in tasks]
    return render(
        request,
        "visits/checklist.html",
        {"visit": visit, "forms": forms, "timeline": checklist.timeline(tasks)},
    )


@editor_required
@require_POST
def task(request, org, pk, task_pk):
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(ChecklistTask, pk=task_pk, visit=visit)
    form = TaskForm(request.POST, instance=item, prefix=f"t{item.pk}")
    if form.is_valid():
        services.task_save(visit=visit, actor=request.user, task=item, **form.cleaned_data)
        messages.success(request, _("“%(title)s” has been saved.") % {"title": item.label})
    else:
        messages.error(request, _all_errors(form))
    return redirect(reverse("visits:checklist", args=[org, pk]) + f"#task-{item.pk}")


@editor_required
@require_POST
def task_tick(request, org, pk, task_pk):
    """One click: the task is done (or open again). htmx swaps the row; without it, back."""
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(ChecklistTask, pk=task_pk, visit=visit)
    services.task_done(
        visit=visit, actor=request.user, task=item, done=request.POST.get("done") == "1"
    )
    if request.htmx:
        checklist.mark_due(item, timezone.localdate())
        return render(request, "visits/_task_tick.html", {"visit": visit, "task": item})
    back = "visits:day" if request.POST.get("back") == "day" else "visits:checklist"
    return redirect(reverse(back, args=[org, pk]) + f"#task-{item.pk}")


# --- Media plan -----------------------------------------------------------------------------


def _media_page(request, visit, *, form=None, post_form=None):
    guests = list(visit.guests.select_related("person"))
    handles = [guest.handle for guest in guests if guest.handle and guest.tagging_allowed]
    return render(
        request,
        "visits/media.html",
        {
            "visit": visit,
            "form": form or MediaForm(instance=visit),
            "post_form": post_form or PostForm(),
            "guests": guests,
            "handles": handles,
            "posts": visit.posts.all(),
        },
    )


@reader_required
@require_safe
def media(request, org, pk):
    return _media_page(request, reads.visit_or_404(pk))


@editor_required
@require_POST
def media_save(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = MediaForm(request.POST, instance=visit)
    if not form.is_valid():
        # is_valid() copied the rejected values onto `visit`; the page shows the stored one.
        return _media_page(request, reads.visit_or_404(pk), form=form)
    services.media_update(visit=visit, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The media plan has been saved."))
    return redirect("visits:media", org=org, pk=pk)


@editor_required
@require_POST
def post_add(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _media_page(request, visit, post_form=form)
    services.post_add(visit=visit, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The post has been planned."))
    return redirect("visits:media", org=org, pk=pk)


@editor_required
@require_POST
def post_remove(request, org, pk, post_pk):
    visit = reads.visit_or_404(pk)
    item = get_object_or_404(PlannedPost, pk=post_pk, visit=visit)
    services.post_remove(visit=visit, actor=request.user, post=item)
    messages.success(request, _("The post has been removed."))
    return redirect("visits:media", org=org, pk=pk)


# --- Invitation -----------------------------------------------------------------------------


def _invitation_page(request, visit, *, letter_form=None, guest_forms=None, status=200):
    context = selectors.letter_context(visit, sender=request.user)
    invitees = selectors.invitees(visit)
    guest_forms = guest_forms or {}
    letters = []
    for guest in invitees:
        invitation = getattr(guest, "invitation", None)
        own_text = invitation.text if invitation is not None else ""
        letters.append(
            {
                "guest": guest,
                "invitation": invitation,
                "letter": selectors.letter_for(context, guest),
                "form": guest_forms.get(guest.pk)
                or GuestLetterForm(
                    initial={"text": selectors.letter_text_for_guest(context, guest)},
                    prefix=f"g{guest.pk}",
                ),
                "edited": bool(own_text.strip()),
            }
        )
    letter_form = letter_form or VisitLetterForm(
        initial={
            "text": context["visit_text"],
            "involvement": visit.involvement,
            "contact": visit.contact_id,
        },
        organisation=visit.organisation,
    )
    not_sent = [g for g in invitees if g.invitation_sent_at is None]
    return render(
        request,
        "visits/invitation.html",
        {
            "visit": visit,
            "letters": letters,
            "letter_form": letter_form,
            "placeholders": letter.PLACEHOLDERS,
            "problems": services.invitation_problems(visit),
            "not_sent": not_sent,
            "not_sent_by_mail": [g for g in not_sent if g.person.email],
            "sent_batches": selectors.sent_batches(invitees),
            "emails": mail_services.outbox(
                organisation_pk=visit.organisation_id, topic=services.outbox_topic(visit)
            ).prefetch_related("attachments")[:50],
        },
        status=status,
    )


@reader_required
@require_safe
def invitation(request, org, pk):
    return _invitation_page(request, reads.visit_or_404(pk))


@editor_required
@require_POST
def invitation_letter_save(request, org, pk):
    visit = reads.visit_or_404(pk)
    form = VisitLetterForm(request.POST, organisation=request.organisation)
    if not form.is_valid():
        return _invitation_page(request, visit, letter_form=form, status=422)
    try:
        services.visit_letter_save(visit=visit, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _invitation_page(request, visit, letter_form=form, status=422)
    messages.success(request, _("The invitation text has been saved."))
    return redirect("visits:invitation", org=org, pk=pk)


@editor_required
@require_POST
def invitation_guest_letter(request, org, pk, guest_pk):
    visit = reads.visit_or_404(pk)
    guest = get_object_or_404(Guest.objects.select_related("person"), pk=guest_pk, visit=visit)
    form = GuestLetterForm(request.POST, prefix=f"g{guest.pk}")
    if not form.is_valid():
        return _invitation_page(request, visit, guest_forms={guest.pk: form}, status=422)
    text = "" if request.POST.get("reset") else form.cleaned_data["text"]
    services.guest_letter_save(visit=visit, actor=request.user, guest=guest, text=text)
    messages.success(request, _("The letter for %(name)s has been saved.") % {"name": guest})
    return redirect(reverse("visits:invitation", args=[org, pk]) + f"#guest-{guest.pk}")


@editor_required
@require_POST
def invitations_send(request, org, pk):
    visit = reads.visit_or_404(pk)
    again = None
    if request.POST.get("guest"):
        again = [get_object_or_404(Guest, pk=id_from(request.POST["guest"]) or 0, visit=visit)]
    try:
        sent = services.invitations_send(
            visit=visit, actor=request.user, base_url=site_url(request), guests=again
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect("visits:invitation", org=org, pk=pk)
    messages.success(
        request,
        ngettext(
            "%(count)d invitation has been sent by e-mail.",
            "%(count)d invitations have been sent by e-mail.",
            sent,
        )
        % {"count": sent},
    )
    return redirect("visits:invitation", org=org, pk=pk)


@editor_required
@require_POST
def invitation_posted(request, org, pk, guest_pk):
    visit = reads.visit_or_404(pk)
    guest = get_object_or_404(Guest.objects.select_related("person"), pk=guest_pk, visit=visit)
    try:
        services.invitation_mark_posted(visit=visit, actor=request.user, guest=guest)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("Recorded: the letter to %(name)s went by post.") % {"name": guest}
        )
    return redirect(reverse("visits:invitation", args=[org, pk]) + f"#guest-{guest.pk}")


@editor_required
@require_POST
def thank_you_send(request, org, pk):
    visit = reads.visit_or_404(pk)
    try:
        sent = services.thank_you_send(visit=visit, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The thank-you has been sent to %(count)d guest.",
                "The thank-you has been sent to %(count)d guests.",
                sent,
            )
            % {"count": sent},
        )
    if request.POST.get("back") == "report":
        return redirect(reverse("visits:report", args=[org, pk]) + "#thank-you")
    return redirect("documents:list", org=org, pk=pk)


@editor_required
def letter_template(request, org):
    template = LetterTemplate.objects.filter(kind=LetterTemplate.Kind.INVITATION).first()
    form = LetterTemplateForm(
        request.POST or None,
        initial={
            "text": template.text if template else letter.DEFAULT_INVITATION,
            "salutation": template.salutation if template else LetterTemplate.Salutation.FORMAL,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.letter_template_save(
            organisation=request.organisation, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("The invitation template has been saved."))
        return redirect("visits:letter-template", org=org)
    return render(
        request,
        "visits/letter_template.html",
        {"form": form, "placeholders": letter.PLACEHOLDERS},
        status=422 if form.is_bound else 200,
    )


@reader_required
@require_safe
def calendar_file(request, org, pk):
    """The visit as a calendar file to download (METHOD:PUBLISH)."""
    visit = reads.visit_or_404(pk)
    if visit.date is None:
        messages.warning(request, _("The visit has no date yet: confirm one first."))
        return redirect("visits:detail", org=org, pk=pk)
    content = calendar_invite.calendar(visit, blocks=list(visit.blocks.all()))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="werkbezoek-{visit.date:%Y-%m-%d}.ics"'
    return response


# --- Answers -----------------------------------------------------------------------------


def _answer_forms(visit, guests, data=None):
    options = list(visit.date_options.all())
    return [
        AnswerRowForm(
            data,
            prefix=f"a{guest.pk}",
            guest=guest,
            options=options,
            initial={
                "rsvp": guest.rsvp,
                "preferred_option": guest.preferred_option_id,
                "photos_allowed": guest.photos_allowed,
                "tagging_allowed": guest.tagging_allowed,
            },
        )
        for guest in guests
    ]


def _answers_page(request, visit, guests, forms_, status=200):
    return render(
        request,
        "visits/answers.html",
        {
            "visit": visit,
            "rows": list(zip(guests, forms_, strict=True)),
            "availability": selectors.availability_table(visit, guests),
        },
        status=status,
    )


@reader_required
@require_safe
def answers(request, org, pk):
    visit = reads.visit_or_404(pk)
    guests = selectors.invitees(visit)
    return _answers_page(request, visit, guests, _answer_forms(visit, guests))


@editor_required
@require_POST
def answers_save(request, org, pk):
    visit = reads.visit_or_404(pk)
    guests = selectors.invitees(visit)
    forms_ = _answer_forms(visit, guests, request.POST)
    if not all(form.is_valid() for form in forms_):
        return _answers_page(request, visit, guests, forms_, status=422)
    changed = services.answers_save(
        visit=visit,
        actor=request.user,
        answers=[{"guest": form.guest, **form.cleaned_data} for form in forms_],
    )
    messages.success(
        request,
        ngettext(
            "The answer of %(count)d guest has been saved.",
            "The answers of %(count)d guests have been saved.",
            changed,
        )
        % {"count": changed},
    )
    return redirect("visits:answers", org=org, pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    """The guest's own answer page, reached through the personal link; no account. The
    page is the same for a tampered link and one whose guest was removed."""
    try:
        organisation, guest = answer_links.guest_for(token)
    except answer_links.LinkError as error:
        status = 410 if error.expired else 404
        return render(
            request, "visits/answer_invalid.html", {"expired": error.expired}, status=status
        )
    with scope(organisation=organisation):
        visit = guest.visit
        options = [] if visit.date else list(visit.date_options.all())
        # Coming back through the same link: the form shows the answer given before.
        invitation = GuestInvitation.objects.filter(guest=guest).first()
        initial = {
            "rsvp": guest.rsvp if guest.rsvp != Guest.Rsvp.PENDING else None,
            "dates": [
                day.isoformat()
                for day in guest.availability.filter(available=True).values_list("date", flat=True)
            ],
            "note": invitation.answer_note if invitation else "",
            "photos_allowed": guest.photos_allowed,
            "tagging_allowed": guest.tagging_allowed,
        }
        form = AnswerForm(request.POST or None, options=options, initial=initial)
        context = {"visit": visit, "guest": guest, "host_organisation": organisation, "form": form}
        if request.method == "POST" and form.is_valid():
            try:
                services.guest_answer_by_link(guest=guest, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "visits/answer_thanks.html", context)
        return render(request, "visits/answer.html", context, status=422 if form.is_bound else 200)
