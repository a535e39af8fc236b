"""Templates for a uniform way of working: an umbrella body (or any organisation) publishes
versions; members plan their visits from the newest version of their umbrella's ones."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.lib import spreadsheets
from werkbezoek.lib.forms import id_from
from werkbezoek.lib.site import site_url
from werkbezoek.organisations import umbrellas
from werkbezoek.organisations.access import admin_required, editor_required, reader_required
from werkbezoek.reference.models import Province
from werkbezoek.visits import evaluation, selectors, services, shared
from werkbezoek.visits.models import ProgrammeTemplate, Visit

from . import questions
from .forms import QuestionForm, TemplateForm, initial_from
from .overview import OverviewFilterForm, province_tiles


def _own_versions():
    """The organisation's own templates: {code: [newest version, ..., first]}."""
    versions: dict[str, list] = {}
    for template in ProgrammeTemplate.objects.own().order_by("code", "-version"):
        versions.setdefault(template.code, []).append(template)
    return versions


def _template_or_404(organisation, pk) -> tuple[ProgrammeTemplate, bool]:
    """(template, is it our own): one of ours, or one we may plan with (an umbrella's)."""
    pk = id_from(pk)
    own = ProgrammeTemplate.objects.own().filter(pk=pk).first() if pk else None
    if own is not None:
        return own, True
    shared = selectors.template_to_choose(organisation, pk) if pk else None
    if shared is None or shared.organisation_id is None:
        raise Http404
    return shared, False


@reader_required
@require_safe
def templates(request, org):
    choosable = selectors.templates_to_choose(request.organisation)
    return render(
        request,
        "umbrella/templates.html",
        {
            "own": list(_own_versions().values()),
            "from_umbrellas": [
                t for t in choosable if t.organisation_id not in (None, request.organisation.pk)
            ],
            "standard": [t for t in choosable if t.organisation_id is None],
        },
    )


@reader_required
@require_safe
def template_detail(request, org, pk):
    template, own = _template_or_404(request.organisation, pk)
    versions = _own_versions().get(template.code, []) if own else [template]
    return render(
        request,
        "umbrella/template_detail.html",
        {
            "template": template,
            "own": own,
            "versions": versions,
            "newest": versions[0] if versions else template,
            "tasks": [(task, _when(task["offset_days"])) for task in template.extra_tasks],
            "ratings": [
                (action, evaluation.rows(stars)) for action, stars in template.ratings.items()
            ],
        },
    )


def _when(days: int) -> str:
    if days < 0:
        return ngettext(
            "%(count)d day before the visit", "%(count)d days before the visit", -days
        ) % {"count": -days}
    if days > 0:
        return ngettext("%(count)d day after the visit", "%(count)d days after the visit", days) % {
            "count": days
        }
    return _("on the day of the visit")


def _publish(request, org, form, code=""):
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_publish(
                organisation=request.organisation,
                actor=request.user,
                code=code,
                **form.template_fields(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Version %(version)d of “%(name)s” has been published.")
                % {"version": template.version, "name": template.name},
            )
            return redirect("umbrella:template", org=org, pk=template.pk)
    return None


@admin_required
def template_new(request, org):
    # A start from the method's visit by members of parliament, with its example group.
    standard = ProgrammeTemplate.objects.filter(organisation=None, code="national").first()
    initial = initial_from(standard) | {"name": "", "max_visitors": 10} if standard else {}
    form = TemplateForm(request.POST or None, initial=initial)
    return _publish(request, org, form) or render(
        request, "umbrella/template_form.html", {"form": form}
    )


@admin_required
def template_version(request, org, pk):
    template, own = _template_or_404(request.organisation, pk)
    if not own:
        raise Http404
    form = TemplateForm(request.POST or None, initial=initial_from(template))
    return _publish(request, org, form, code=template.code) or render(
        request, "umbrella/template_form.html", {"form": form, "template": template}
    )


# --- The overview of what members shared --------------------------------------------------


def _overview_filters(request):
    themes = sorted({t for template in ProgrammeTemplate.objects.own() for t in template.themes})
    form = OverviewFilterForm(request.GET or None, themes=themes)
    return form, form.filters()


@reader_required
@require_safe
def overview(request, org):
    """The visits members shared: counts per theme and region, a map, a table, exports."""
    form, filters = _overview_filters(request)
    page = max(id_from(request.GET.get("pagina")) or 1, 1)
    counts = shared.shared_counts(request.organisation, filters)
    rows, total = shared.shared_visits(
        request.organisation, filters, page=page, total=counts["total"]
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "umbrella/overview.html",
        {
            "form": form,
            "rows": rows,
            "total": total,
            "page": page,
            "pages": max((total + shared.PAGE_SIZE - 1) // shared.PAGE_SIZE, 1),
            "query": query.urlencode(),
            "counts": counts,
            "tiles": province_tiles(counts["provinces"], Province.objects.all()),
            "members": umbrellas.active_member_count(request.organisation),
        },
    )


EXPORT_HEADER = [
    gettext_lazy("Member"),
    gettext_lazy("Date"),
    gettext_lazy("Municipality"),
    gettext_lazy("Province"),
    gettext_lazy("Theme"),
    gettext_lazy("Status"),
    gettext_lazy("Template"),
    gettext_lazy("Guests"),
]


@reader_required
@require_safe
def overview_export(request, org, fmt):
    _form, filters = _overview_filters(request)
    rows = [
        [
            visit.member,
            visit.date.isoformat() if visit.date else "",
            visit.municipality,
            visit.province,
            visit.theme,
            visit.status,
            visit.template,
            "; ".join(
                f"{g.name} ({', '.join(p for p in (g.roles, g.party_group) if p)})"
                for g in visit.guests
            ),
        ]
        for visit in shared.shared_visits_all(request.organisation, filters)
    ]
    header = [str(title) for title in EXPORT_HEADER]
    name = f"gedeelde-bezoeken-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        content = spreadsheets.to_xlsx(header, rows, title=_("Shared visits"))
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, kind = spreadsheets.to_csv(header, rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- Questions between a member and its umbrella body -------------------------------------


@reader_required
@require_safe
def question_list(request, org):
    return _questions_page(request, QuestionForm(organisation=request.organisation))


def _questions_page(request, form):
    organisation = request.organisation
    return render(
        request,
        "umbrella/questions.html",
        {
            "threads": questions.questions_of(organisation),
            "form": form,
            "umbrellas": umbrellas.active_umbrellas(organisation),
        },
    )


@editor_required
@require_POST
def question_ask(request, org):
    form = QuestionForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        try:
            question = questions.question_ask(
                member=request.organisation,
                actor=request.user,
                base_url=site_url(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your question has been sent to %(umbrella)s.") % {
                "umbrella": question.umbrella.name
            })  # fmt: skip
            return redirect("umbrella:question", org=org, pk=question.pk)
    return _questions_page(request, form)


@reader_required
@require_safe
def question_detail(request, org, pk):
    question = questions.question_of(request.organisation, pk)
    if question is None:
        raise Http404
    return render(
        request,
        "umbrella/question.html",
        {
            "question": question,
            "thread": list(question.messages.select_related("author")),
            "from_umbrella_side": request.organisation.pk == question.umbrella_id,
            "open": umbrellas.is_active_member(umbrella=question.umbrella, member=question.member),
        },
    )


@editor_required
@require_POST
def question_reply(request, org, pk):
    question = questions.question_of(request.organisation, pk)
    if question is None:
        raise Http404
    try:
        questions.question_reply(
            question=question,
            organisation=request.organisation,
            actor=request.user,
            text=request.POST.get("text", "")[:10000],
            base_url=site_url(request),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your message has been sent."))
    return redirect("umbrella:question", org=org, pk=question.pk)


# --- Dialogue sessions: the umbrella's own visits with members as co-hosts ------------------


@reader_required
@require_safe
def sessions(request, org):
    organisation = request.organisation
    context = {"sessions": [], "own": []}
    if organisation.is_umbrella:
        members = umbrellas.active_members(organisation)
        own = list(
            Visit.objects.exclude(status="cancelled")
            .prefetch_related("cohosts")
            .order_by(F("date").asc(nulls_last=True), "-created_at")[:100]
        )
        for visit in own:
            chosen = {host.member_id for host in visit.cohosts.all()}
            visit.member_choices = [(member, member.pk in chosen) for member in members]
        context["own"] = own
    else:
        context["sessions"] = shared.sessions_for_member(organisation)
    return render(request, "umbrella/sessions.html", context)


@editor_required
@require_POST
def session_cohosts(request, org, pk):
    visit = get_object_or_404(Visit, pk=pk)  # the umbrella's own visit
    wanted = {id_from(value) for value in request.POST.getlist("member")} - {None}
    members = [m for m in umbrellas.active_members(request.organisation) if m.pk in wanted]
    try:
        services.cohosts_set(visit=visit, actor=request.user, members=members)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The co-hosts of “%(title)s” have been saved.") % {
            "title": visit.title
        })  # fmt: skip
    return redirect("umbrella:sessions", org=org)
