from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from werkbezoek.operations.maintenance import refresh_query_statistics
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
            refresh_query_statistics()
            messages.success(
                request,
                _("%(file)s imported: %(created)d added, %(updated)d updated.")
                % {"file": job.filename, "created": job.created, "updated": job.updated},
            )
            return redirect("imports:people", org=org)
    return render(
        request,
        "imports/people_upload.html",
        {
            "form": form,
            "errors": errors,
            "jobs": ImportJob.objects.select_related("imported_by")[:10],
        },
    )


@reader_required
@require_safe
def people_template(request, org):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="werkbezoek-personen-sjabloon.csv"'
    return response
