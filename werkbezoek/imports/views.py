from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from werkbezoek.organisations.access import editor_required, reader_required

from .forms import PeopleUploadForm
from .models import ImportJob
from .services import MAX_BYTES, ImportRejected, people_import, template_csv


@editor_required
def people_upload(request, org):
    form = PeopleUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read(MAX_BYTES + 1)  # one byte more reveals an oversized file
        try:
            job = people_import(
                organisation=request.organisation,
                actor=request.user,
                filename=upload.name,
                raw=raw,
            )
        except ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request,
                _(
                    "%(file)s is checked and correct: its %(count)d rows are being imported. "
                    "You can keep working; this page shows when it is done."
                )
                % {"file": job.filename, "count": job.rows_total},
            )
            return redirect("imports:people", org=org)
    jobs = list(ImportJob.objects.select_related("imported_by")[:10])
    context = {
        "form": form,
        "errors": errors,
        "jobs": jobs,
        "busy": any(not job.finished for job in jobs),
    }
    if request.htmx:
        return render(request, "imports/_jobs.html", context)
    return render(request, "imports/people_upload.html", context)


@reader_required
@require_safe
def people_template(request, org):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="werkbezoek-personen-sjabloon.csv"'
    return response
