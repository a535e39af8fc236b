"""The visit's documents: ask for one, watch it being made, download it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.lib.site import site_url
from werkbezoek.organisations.access import editor_required, reader_required
from werkbezoek.visits import selectors as visit_selectors
from werkbezoek.visits import services as visit_services
from werkbezoek.visits.models import Guest, Visit

from . import services
from .forms import DocumentForm, FactsheetForm
from .models import PER_GUEST, WITH_ASSESSMENTS, GeneratedFile, Kind

# What each document is for, shown beside its buttons.
PURPOSES = {
    Kind.RUN_SHEET: gettext_lazy(
        "Minute by minute who does what and where, for the team on the day."
    ),
    Kind.BRIEFING: gettext_lazy(
        "Goal, message and ask, and who the guests are with your own assessment of each. "
        "Only for colleagues who may see assessments."
    ),
    Kind.FACTSHEET: gettext_lazy(
        "One page to hand out: key figures, one story, your ask and contact."
    ),
    Kind.PRESS_BEFORE: gettext_lazy("Announces the visit to local media."),
    Kind.PRESS_AFTER: gettext_lazy("Reports on the visit afterwards."),
    Kind.POSTS: gettext_lazy(
        "Your planned posts per platform within its length limit, tagging only guests who agreed."
    ),
}


def _visit_or_404(pk) -> Visit:
    return get_object_or_404(Visit, pk=pk)


def _may_read(request, kind: str) -> bool:
    return kind not in WITH_ASSESSMENTS or request.membership.sees_assessments


def _page(request, visit, factsheet_form=None, status=200):
    files = list(
        GeneratedFile.objects.filter(visit=visit).select_related("guest__person").defer("content")
    )
    files = [f for f in files if _may_read(request, f.kind)]
    context = {
        "visit": visit,
        "files": files,
        "pending": any(f.pending for f in files),
        "visit_documents": [
            (kind, label, PURPOSES[kind])
            for kind, label in Kind.choices
            if kind not in PER_GUEST and _may_read(request, kind)
        ],
        "guests": visit_selectors.invitees(visit),
        "thank_you_problems": visit_services.thank_you_problems(visit),
        "thank_you_recipients": visit_services.thank_you_recipients(visit),
        "factsheet_form": factsheet_form or FactsheetForm(instance=visit),
    }
    if request.htmx and request.htmx.target == "generated-files":
        return render(request, "documents/_files.html", context)
    return render(request, "documents/documents.html", context, status=status)


@reader_required
@require_safe
def documents(request, org, pk):
    return _page(request, _visit_or_404(pk))


@editor_required
@require_POST
def document_make(request, org, pk):
    visit = _visit_or_404(pk)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a document and a format."))
        return redirect("documents:list", org=org, pk=pk)
    kind = form.cleaned_data["kind"]
    if not _may_read(request, kind):
        raise PermissionDenied
    guest = None
    if form.cleaned_data["guest"]:
        guest = get_object_or_404(Guest, pk=form.cleaned_data["guest"], visit=visit)
    try:
        services.document_request(
            visit=visit,
            actor=request.user,
            kind=kind,
            fmt=form.cleaned_data["format"],
            guest=guest,
            base_url=site_url(request),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The document is being made; it appears below."))
    back = request.POST.get("back")
    if back == "invitation":
        return redirect("visits:invitation", org=org, pk=pk)
    return redirect("documents:list", org=org, pk=pk)


@editor_required
@require_POST
def factsheet_save(request, org, pk):
    visit = _visit_or_404(pk)
    form = FactsheetForm(request.POST, request.FILES, instance=visit)
    if not form.is_valid():
        return _page(request, visit, factsheet_form=form, status=422)
    visit_services.factsheet_update(visit=visit, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The factsheet text has been saved."))
    return redirect("documents:list", org=org, pk=pk)


@reader_required
@require_safe
def download(request, org, pk, file_pk):
    visit = _visit_or_404(pk)
    file = get_object_or_404(GeneratedFile, pk=file_pk, visit=visit)
    if not _may_read(request, file.kind):
        raise PermissionDenied
    if file.status != GeneratedFile.Status.DONE:
        raise Http404
    response = HttpResponse(bytes(file.content), content_type=services.MIMETYPES[file.format])
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response
