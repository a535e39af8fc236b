from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Max, Min, Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.lib import spreadsheets
from werkbezoek.lib.dates import months_before
from werkbezoek.lib.forms import id_from
from werkbezoek.lib.pagination import IdListPaginator
from werkbezoek.lib.urls import url_for_each
from werkbezoek.organisations import submissions
from werkbezoek.organisations.access import (
    admin_required,
    assessments_required,
    editor_required,
    reader_required,
)
from werkbezoek.reference.models import Body

from . import coverage as coverage_module
from . import pages, privacy, selectors, services
from . import stakeholder_map as stakeholder_map_layout
from .forms import (
    AllRegisterFilters,
    AssessmentForm,
    CoverageForm,
    InteractionForm,
    MapFilterForm,
    NewPersonForm,
    PartyGroupForm,
    PersonForm,
    PositionForm,
    RegisterFilterForm,
    StanceForm,
    more_filters_in_use,
    seated_groups,
)
from .models import AccessLogEntry, Assessment, Interaction, Person, Position, Stance, StanceRecord
from .services import interaction_log

# A page a person reads in one go; each row costs rendering time on every visit.
PAGE_SIZE = 25


@reader_required
@require_safe
def register(request, org):
    return _register_page(request, org)


@reader_required
@require_safe
def register_more_filters(request, org):
    """The register's less used filters, filled in when the user opens them (htmx).
    Without JavaScript, the link there: the register with every filter shown."""
    if not request.htmx:
        return _register_page(request, org, all_filters=True)
    form, _filters = _register_filters(request, all_filters=True)
    return render(request, "people/_more_filters.html", {"form": form})


def _register_page(request, org, all_filters=False):
    form, filters = _register_filters(request, all_filters)
    today = timezone.localdate()
    page = IdListPaginator(
        lambda: selectors.filtered_people(request.organisation, filters, today),
        PAGE_SIZE,
        rows=lambda ids: selectors.register_rows(ids, today),
        ids=selectors.ids_in_name_order(request.organisation, filters, today),
    ).get_page(request.GET.get("pagina"))
    rows = [(person, selectors.assessment_of(person)) for person in page.object_list]
    detail_url = url_for_each("people:detail", org)
    for person, _assessment in rows:
        person.url = detail_url(person.pk)
    _log_shown(request, [person for person, assessment in rows if assessment])
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        # Shown when asked for or in use; otherwise filled in when opened.
        "more_filters_open": isinstance(form, AllRegisterFilters),
    }
    return render(request, "people/register.html", context)


@reader_required
@require_safe
def register_count(request, org):
    """How many people the register's filters select. The list does not count a long
    selection (a second scan of it); the page loads this number after itself."""
    _form, filters = _register_filters(request)
    people = selectors.filtered_people(request.organisation, filters, timezone.localdate())
    return render(request, "people/_register_count.html", {"count": people.count()})


def _register_filters(request, all_filters=False):
    """The register's filters from the query string: the page's own only, unless one of
    the more filters is given or all are asked for."""
    if all_filters or more_filters_in_use(request.GET):
        form_class = AllRegisterFilters
    else:
        form_class = RegisterFilterForm
    form = form_class(
        request.GET or None,
        assessments=request.membership.sees_assessments,
        organisation=request.organisation,
    )
    return form, form.cleaned_data if form.is_valid() else {}


def _log_shown(request, people, action=AccessLogEntry.Action.VIEW):
    """Every person whose assessment this page shows gets an access-log entry."""
    if request.membership.sees_assessments and people:
        services.access_log_many(
            organisation=request.organisation, actor=request.user, people=people, action=action
        )


# Above this many people a dot per person is unreadable: the map shows counts per cell.
MAP_DOT_LIMIT = 250


@reader_required
@assessments_required
@require_safe
def stakeholder_map(request, org):
    form = MapFilterForm(request.GET or None, organisation=request.organisation)
    filters = {**(form.cleaned_data if form.is_valid() else {}), "in_register": True}
    today = timezone.localdate()
    people = selectors.filtered_people(request.organisation, filters, today)
    # One pass over the people: how many stand in each cell, and how many have no score.
    per_cell = {
        (row["mine__stance"], row["mine__influence"]): row["n"]
        for row in people.values("mine__stance", "mine__influence")
        .annotate(n=Count("pk"))
        .order_by()
    }
    scored = {cell: n for cell, n in per_cell.items() if cell[1] is not None}
    total = sum(scored.values())
    context = {
        "form": form,
        "total": total,
        "unplaced_count": sum(per_cell.values()) - total,
        "query": request.GET.urlencode(),
    }
    if total <= MAP_DOT_LIMIT:
        entries = [
            (person, selectors.assessment_of(person))
            for person in selectors.register(
                request.organisation, filters=filters, today=today
            ).filter(mine__influence__isnull=False)
        ]
        detail_url = url_for_each("people:detail", org)
        for person, _assessment in entries:
            person.url = detail_url(person.pk)
        context["dots"] = stakeholder_map_layout.layout(entries)
        _log_shown(request, [person for person, _assessment in entries])
        context["entries"] = sorted(entries, key=lambda e: (-e[1].influence, e[0].family_name))
    else:
        context["cells"] = stakeholder_map_layout.cells(scored)
    return render(request, "people/stakeholder_map.html", context)


@reader_required
@require_safe
def party_coverage(request, org):
    form = CoverageForm(request.GET or None)
    coverage, body, on = None, None, timezone.localdate()
    if form.is_valid():
        body, on = form.cleaned_data["body"], form.cleaned_data["on"] or on
    elif not request.GET:
        body = default_coverage_body(request.organisation)
        form = CoverageForm(initial={"body": body})
    if body is not None:
        coverage = coverage_module.party_coverage(request.organisation, body, on)
        detail_url = url_for_each("people:detail", org)
        for group in coverage.groups:
            for member in group.members:
                member.person.url = detail_url(member.person.pk)
        _log_shown(
            request,
            [m.person for group in coverage.groups for m in group.members if m.assessment],
        )
    return render(
        request,
        "people/coverage.html",
        {"form": form, "coverage": coverage, "body": body, "on": on},
    )


def default_coverage_body(organisation):
    """The council of the organisation's own municipality; the Tweede Kamer otherwise."""
    municipality = organisation.municipalities.order_by("name").first()
    council = (
        municipality
        and Body.objects.filter(municipality=municipality, kind=Body.Kind.COUNCIL).first()
    )
    return council or Body.objects.filter(code="TK").first()


CHANGE_PERIODS = {"3": 3, "6": 6, "12": 12}


@reader_required
@require_safe
def changes(request, org):
    """Who is new in office, who left and who changed party group, as the public sources
    say, for the people the organisation follows and its own municipalities' councils."""
    months = CHANGE_PERIODS.get(request.GET.get("maanden", ""), 6)
    today = timezone.localdate()
    found = selectors.office_changes(request.organisation, months_before(today, months), today)
    return render(
        request,
        "people/changes.html",
        {"changes": found, "months": months, "periods": CHANGE_PERIODS.values()},
    )


ASSESSMENT_COLUMNS = {4, 5}  # stance and influence in the export below
EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@reader_required
@require_safe
def export(request, org):
    """The register's current selection (same filters as the list) as CSV or XLSX."""
    kind = request.GET.get("formaat", "csv")
    if kind not in EXPORT_FORMATS:
        raise Http404
    sees = request.membership.sees_assessments
    form = AllRegisterFilters(
        request.GET or None, assessments=sees, organisation=request.organisation
    )
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.with_last_contact(
        selectors.register(request.organisation, filters=filters), request.organisation
    )
    header = [
        _("Name"),
        _("Initials"),
        _("Current role"),
        _("Party group"),
        _("Stance"),
        _("Influence"),
        _("Relationship owner"),
        _("Last contact"),
        _("Do not contact"),
        _("Themes"),
    ]
    rows = []
    for person in people:
        assessment = selectors.assessment_of(person)
        roles = selectors.held_roles(person.current_positions)
        rows.append(
            [
                person.display_name,
                person.initials,
                "; ".join(f"{r.label} {r.body or r.title}".strip() for r in roles),
                "; ".join(r.party_group.name for r in roles if r.party_group),
                assessment.get_stance_display() if assessment else Stance.UNKNOWN.label,
                assessment.influence if assessment and assessment.influence else "",
                str(assessment.owner.user) if assessment and assessment.owner else "",
                person.last_contact.isoformat() if person.last_contact else "",
                _("yes") if assessment and assessment.do_not_contact else "",
                ", ".join(assessment.themes) if assessment else "",
            ]
        )
    if not sees:
        # Without access to assessments: no stance and no influence in the file either.
        header = [h for i, h in enumerate(header) if i not in ASSESSMENT_COLUMNS]
        rows = [[v for i, v in enumerate(row) if i not in ASSESSMENT_COLUMNS] for row in rows]
    _log_shown(
        request,
        [p for p in people if selectors.assessment_of(p)],
        action=AccessLogEntry.Action.EXPORT,
    )
    filename = f"relaties-{request.organisation.slug}-{timezone.localdate():%Y%m%d}.{kind}"
    if kind == "csv":
        content = spreadsheets.to_csv(header, rows)
    else:
        content = spreadsheets.to_xlsx(header, rows, title=_("Relations"))
    response = HttpResponse(content, content_type=EXPORT_FORMATS[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin_required
@require_safe
def privacy_export(request, org, pk):
    """Art. 15: everything this organisation holds about one person."""
    person = _person_or_404(pk)
    services.access_log(
        organisation=request.organisation,
        person=person,
        actor=request.user,
        action=AccessLogEntry.Action.EXPORT,
    )
    if request.GET.get("formaat") == "json":
        data = privacy.person_data(organisation=request.organisation, person=person)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="persoon-{person.pk}.json"'
        return response
    sections = privacy.person_sections(organisation=request.organisation, person=person)
    return render(
        request,
        "people/privacy_export.html",
        {"person": person, "sections": sections, "exported_at": timezone.now()},
    )


@admin_required
def privacy_erase(request, org, pk):
    """Art. 17: erase the organisation's assessment, history and mentions of a person."""
    person = _person_or_404(pk)
    if request.method == "POST":
        privacy.person_erase(organisation=request.organisation, person=person, actor=request.user)
        messages.success(
            request, _("Everything your organisation held about this person has been erased.")
        )
        return redirect("people:register", org=org)
    return render(request, "people/privacy_erase.html", {"person": person})


@admin_required
def review(request, org):
    """Assessments past the retention period: keep (review again later) or erase."""
    if request.method == "POST":
        pk = request.POST.get("assessment", "")
        if not pk.isdecimal():
            raise Http404
        assessment = get_object_or_404(Assessment, pk=pk)
        privacy.assessment_keep(assessment=assessment, actor=request.user)
        messages.success(request, _("Kept; it will be listed again after the retention period."))
        return redirect("people:review", org=org)
    return render(
        request, "people/review.html", {"due": privacy.due_for_review(request.organisation)}
    )


def _person_or_404(pk):
    return get_object_or_404(Person.objects.all(), pk=pk)


@reader_required
@require_safe
def person_detail(request, org, pk):
    person = _person_or_404(pk)
    assessment = Assessment.objects.select_related("owner__user").filter(person=person).first()
    sees = request.membership.sees_assessments
    if assessment is not None and sees:
        # The organisation's assessment is special-category data: every read is logged.
        services.access_log(organisation=request.organisation, person=person, actor=request.user)
    positions = Position.objects.filter(person=person).select_related("body", "party_group")
    stances = (
        StanceRecord.objects.filter(person=person).select_related("recorded_by")
        if sees
        else StanceRecord.objects.none()
    )
    contacts = Interaction.objects.filter(people=person)
    timeline = sorted(
        [("position", p.start_date, p) for p in positions if p.start_date]
        + [("position_end", p.end_date, p) for p in positions if p.end_date]
        + [("stance", s.date, s) for s in stances]
        + [("contact", c.date, c) for c in contacts],
        key=lambda item: item[1],
        reverse=True,
    )
    roles = selectors.held_roles(p for p in positions if p.is_current())
    for role in roles:
        if role.public_without_group or role.completed:
            role.form = PartyGroupForm(body=role.body, initial={"party_group": role.party_group})
    context = {
        "person": person,
        "assessment": assessment if sees else None,
        "do_not_contact": assessment is not None and assessment.do_not_contact,
        "positions": positions,
        "roles": roles,
        "timeline": timeline,
        "last_contact": max((c.date for c in contacts), default=None),
        "parts": pages.parts_for(request, person),
    }
    if request.membership.is_admin:
        # Repeated views by one colleague are one line with a count, not a line per page view.
        context["access_log"] = [
            {
                **entry,
                "who": entry["actor__full_name"] or entry["actor__email"] or "—",
                "what": AccessLogEntry.Action(entry["action"]).label,
            }
            for entry in AccessLogEntry.objects.filter(person=person)
            .values("actor__email", "actor__full_name", "action")
            .annotate(times=Count("pk"), first=Min("at"), last=Max("at"))
            .order_by("-last")[:20]
        ]
    return render(request, "people/person_detail.html", context)


@editor_required
def person_create(request, org):
    form = NewPersonForm(request.POST or None, groups_url=_groups_url(org))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                organisation=request.organisation,
                actor=request.user,
                position={
                    "role": data["role"],
                    "title": data["title"],
                    "body": data["body"],
                    "party_group": data["party_group"],
                },
                submission=data["submission"],
                **{name: data[name] for name in PersonForm.Meta.fields},
            )
        except IntegrityError:
            earlier = submissions.previous(data["submission"])
            if earlier is None:
                raise
            messages.info(request, _("This form was already saved; here is the person."))
            return redirect("people:detail", org=org, pk=earlier)
        messages.success(request, _("%(name)s has been added.") % {"name": person})
        return redirect("people:detail", org=org, pk=person.pk)
    return render(request, "people/person_form.html", {"form": form})


@editor_required
def person_edit(request, org, pk):
    person = _person_or_404(pk)
    if person.is_public_record:
        messages.info(
            request,
            _(
                "Public records from open data cannot be changed here. Add "
                "your own notes in your assessment instead."
            ),
        )
        return redirect("people:detail", org=org, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.person_update(
            organisation=request.organisation,
            actor=request.user,
            person=person,
            **form.cleaned_data,
        )
        messages.success(request, _("The details have been saved."))
        return redirect("people:detail", org=org, pk=pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@editor_required
def position_edit(request, org, pk, position_pk=None):
    person = _person_or_404(pk)
    position = None
    if position_pk is not None:
        position = get_object_or_404(
            Position, pk=position_pk, person=person, organisation=request.organisation
        )
    form = PositionForm(request.POST or None, instance=position, groups_url=_groups_url(org))
    if request.method == "POST" and form.is_valid():
        try:
            services.position_save(
                organisation=request.organisation,
                actor=request.user,
                person=person,
                position=position,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role has been saved."))
            return redirect("people:detail", org=org, pk=pk)
    return render(
        request, "people/position_form.html", {"form": form, "person": person, "position": position}
    )


CHOICES_SHOWN = 15


@reader_required
@require_safe
def person_choices(request, org):
    """Search-as-you-type for a people picker (lib.widgets.ChosenPeopleWidget): the matches
    for `<field>-q`, or, with `person`, the ticked box for one chosen person."""
    field = request.GET.get("field", "people")
    if not field.isidentifier():
        raise Http404
    context = {"field": field, "target": request.GET.get("target", "")}
    if request.GET.get("person"):
        person_id = id_from(request.GET["person"])
        if person_id is None:
            raise Http404
        context["person"] = _person_or_404(person_id)
        return render(request, "people/_person_choices.html", context)
    query = request.GET.get(f"{field}-q", "").strip()[:100]
    results = []
    if query:
        people = selectors.filtered_people(
            request.organisation, {"q": query, "show": "current"}, timezone.localdate()
        )
        results = list(
            selectors.nearest_first(people, request.organisation, query).prefetch_related(
                Prefetch(
                    "positions",
                    queryset=Position.objects.held_on(timezone.localdate()).select_related(
                        "body", "party_group"
                    ),
                    to_attr="current_positions",
                )
            )[: CHOICES_SHOWN + 1]
        )
        for person in results:
            person.roles = selectors.held_roles(person.current_positions)
    shown = {"query": query, "results": results[:CHOICES_SHOWN]}
    return render(
        request,
        "people/_person_choices.html",
        {**context, **shown, "more": len(results) > CHOICES_SHOWN},
    )


def _groups_url(org):
    return reverse("people:group-options", args=[org])


@reader_required
@require_safe
def party_group_options(request, org):
    """The <option>s of the party-group choice for the chosen body (htmx)."""
    body_id = id_from(request.GET.get("body"))
    body = Body.objects.filter(pk=body_id).first() if body_id else None
    groups = seated_groups(body).select_related("body") if body else []
    return render(request, "people/group_options.html", {"groups": groups})


@editor_required
@require_POST
def party_group_complete(request, org, pk, body_pk):
    person = _person_or_404(pk)
    body = get_object_or_404(Body, pk=body_pk)
    form = PartyGroupForm(request.POST, body=body)
    if form.is_valid():
        try:
            services.party_group_complete(
                organisation=request.organisation,
                actor=request.user,
                person=person,
                body=body,
                party_group=form.cleaned_data["party_group"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Saved: %(name)s belongs to %(group)s, according to your organisation.")
                % {"name": person.display_name, "group": form.cleaned_data["party_group"]},
            )
    else:
        messages.error(request, _("Choose one of the party groups of %(body)s.") % {"body": body})
    return redirect("people:detail", org=org, pk=pk)


@editor_required
@assessments_required
def assessment_edit(request, org, pk):
    person = _person_or_404(pk)
    assessment = Assessment.objects.filter(person=person).first()
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "GET" and assessment is not None:
        _log_shown(request, [person])  # the form shows notes and drivers
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                organisation=request.organisation,
                actor=request.user,
                person=person,
                **form.cleaned_data,
            )
        except services.EditConflict as conflict:
            form.add_error(None, conflict)
            # Saving again now is a deliberate choice over the other change.
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your assessment has been saved."))
            return redirect("people:detail", org=org, pk=pk)
    return render(request, "people/assessment_form.html", {"form": form, "person": person})


@editor_required
@assessments_required
def stance_add(request, org, pk):
    person = _person_or_404(pk)
    form = StanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stance_record(
                organisation=request.organisation,
                person=person,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error("date", error)
        else:
            messages.success(request, _("The stance has been recorded."))
            return redirect("people:detail", org=org, pk=pk)
    return render(request, "people/stance_form.html", {"form": form, "person": person})


@editor_required
def contact_add(request, org, pk):
    person = _person_or_404(pk)
    form = InteractionForm(
        request.POST or None,
        organisation=request.organisation,
        person=person,
        search_url=reverse("people:choose", args=[org]),
        # A congratulation started from the "what changed" page arrives with its subject.
        initial={
            "summary": request.GET.get("onderwerp", "")[:300],
            "kind": request.GET.get("soort", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            interaction_log(
                organisation=request.organisation, actor=request.user, **form.cleaned_data
            )
        except IntegrityError:
            if submissions.previous(form.cleaned_data["submission"]) is None:
                raise
            messages.info(request, _("This contact was already logged."))
            return redirect("people:detail", org=org, pk=pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contact has been logged."))
            return redirect("people:detail", org=org, pk=pk)
    return render(request, "people/contact_form.html", {"form": form, "person": person})


@editor_required
def merge(request, org, pk):
    """Merge this record into another record of the same person."""
    source = _person_or_404(pk)
    query = request.GET.get("q") or source.family_name
    if request.method == "POST":
        target_pk = request.POST.get("target", "")
        if not target_pk.isdecimal():
            raise Http404
        target = _person_or_404(target_pk)
        try:
            services.person_merge(
                organisation=request.organisation, source=source, target=target, actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("people:merge", org=org, pk=pk)
        messages.success(request, _("The records have been merged; all history is kept."))
        return redirect("people:detail", org=org, pk=target.pk)
    candidates = selectors.register(request.organisation, filters={"q": query}).exclude(pk=pk)[:30]
    return render(
        request, "people/merge.html", {"person": source, "query": query, "candidates": candidates}
    )


@admin_required
@require_safe
def access_log(request, org):
    entries = AccessLogEntry.objects.select_related("actor")[:200]
    return render(request, "people/access_log.html", {"entries": entries})


NAMED_WITHOUT_CONTACT = 8


def home_part(request) -> dict | None:
    """The home page's part (organisations.home): party groups without contact, contacts
    per party group over the past year (a chart and a table), and key relationships going
    stale (assessments: only for who may see them, and the read is logged)."""
    organisation = request.organisation
    rows = selectors.contacts_per_group()
    most = max((row["contacts"] for row in rows), default=0)
    charts = {}
    for row in rows:  # one chart per body, its groups most contacted first
        group = row["group"]
        chart = charts.setdefault(group.body_id, {"body_name": group.body_name, "rows": []})
        # The bar's geometry worked out here: the template only writes it down.
        row["y"] = 8 + len(chart["rows"]) * 24
        row["text_y"] = row["y"] + 14
        row["width"] = round(200 * row["contacts"] / (most or 1), 1)
        row["value_x"] = row["width"] + 166
        row["label"] = Truncator(group.name).chars(22)
        chart["rows"].append(row)
    for chart in charts.values():
        chart["height"] = 16 + 24 * len(chart["rows"])
    without = [row for row in rows if not row["contacts"]]
    stale = []
    if request.membership.sees_assessments:
        stale = selectors.stale_key_relationships_now()
        services.access_log_many(
            organisation=organisation, actor=request.user, people=[a.person for a in stale]
        )
    return {
        "template": "people/_home.html",
        "charts": list(charts.values()) if most else [],
        "groups": rows,
        "no_contact_at_all": bool(rows) and not most,
        "without_contact": without[:NAMED_WITHOUT_CONTACT],
        "more_without_contact": max(len(without) - NAMED_WITHOUT_CONTACT, 0),
        "stale": stale,
        "stale_months": organisation.stale_contact_months,
    }
