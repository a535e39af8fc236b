"""Making documents: a request is a row first (visible as "waiting"), then a background
task writes the file. Writes go through these functions only."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.organisations import audit
from werkbezoek.visits import answers
from werkbezoek.visits.services import checklist_tick

from . import content, render
from .models import PER_GUEST, GeneratedFile, Kind

logger = logging.getLogger(__name__)

DOCUMENT_REQUESTED = audit.action("documents.file.requested", gettext_lazy("document made"))

FILE_NAMES = {
    Kind.INVITATION: "uitnodiging",
    Kind.RUN_SHEET: "draaiboek",
    Kind.BRIEFING: "briefing",
    Kind.FACTSHEET: "factsheet",
    Kind.PRESS_BEFORE: "persbericht-vooraf",
    Kind.PRESS_AFTER: "persbericht-achteraf",
    Kind.POSTS: "berichten-sociale-media",
    Kind.THANK_YOU: "bedankbrief",
}
MIMETYPES = {
    GeneratedFile.Format.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    GeneratedFile.Format.PDF: "application/pdf",
}


def file_name(visit, kind: str, fmt: str, guest=None) -> str:
    """A name that is safe on every system: letters, digits and hyphens only."""
    parts = [FILE_NAMES[kind]]
    if guest is not None:
        parts.append(str(guest))
    parts.append(visit.date.isoformat() if visit.date else visit.title[:40])
    return f"{slugify(' '.join(parts))[:120]}.{fmt}"


@transaction.atomic
def document_request(*, visit, actor, kind: str, fmt: str, guest=None, base_url: str = ""):
    """Ask for a document; the worker makes it. `base_url` makes the guest's answer link
    in a printed invitation."""
    if kind not in Kind.values or fmt not in GeneratedFile.Format.values:
        raise ValidationError(_("Choose a document and a format."))
    if (kind in PER_GUEST) != (guest is not None):
        raise ValidationError(_("Choose the guest this letter is for."))
    if guest is not None and (guest.visit_id != visit.pk or guest.person_id is None):
        raise ValidationError(_("One of the guests does not belong to this visit."))
    file = GeneratedFile.objects.create(
        organisation=visit.organisation,
        visit=visit,
        guest=guest,
        kind=kind,
        format=fmt,
        created_by=actor,
        filename=file_name(visit, kind, fmt, guest),
    )
    audit.record(
        organisation=visit.organisation,
        actor=actor,
        action=DOCUMENT_REQUESTED,
        target=file,
        visit=visit.pk,
        kind=kind,
        format=fmt,
    )
    from .tasks import document_make

    transaction.on_commit(
        lambda: document_make.enqueue(
            organisation_id=visit.organisation_id, file_id=file.pk, base_url=base_url
        )
    )
    return file


def document_generate(*, file_id: int, base_url: str = "") -> str:
    """Write the file (the worker calls this). Claimed once: a second run does nothing."""
    claimed = GeneratedFile.objects.filter(pk=file_id, status=GeneratedFile.Status.QUEUED).update(
        status=GeneratedFile.Status.RUNNING, progress=10
    )
    if not claimed:
        return "skipped"
    file = GeneratedFile.objects.select_related("visit__organisation", "guest__person").get(
        pk=file_id
    )
    try:
        answer_url = ""
        if file.kind == Kind.INVITATION and base_url:
            answer_url = base_url.rstrip("/") + answers.answer_path(file.guest)
        document = content.build(
            file.kind, file.visit, guest=file.guest, sender=file.created_by, answer_url=answer_url
        )
        GeneratedFile.objects.filter(pk=file.pk).update(progress=50)
        data = (
            render.to_docx(document)
            if file.format == GeneratedFile.Format.DOCX
            else render.to_pdf(document)
        )
    except Exception as error:  # the reason is logged; the user sees that it failed
        logger.exception("document failed", extra={"file_id": file.pk})
        GeneratedFile.objects.filter(pk=file.pk).update(
            status=GeneratedFile.Status.FAILED,
            progress=100,
            error=_("The document could not be made (%(error)s). Try again or ask for help.")
            % {"error": type(error).__name__},
            finished_at=timezone.now(),
        )
        return "failed"
    named = sorted(set(file.visit.guests.exclude(person=None).values_list("person_id", flat=True)))
    with transaction.atomic():
        GeneratedFile.objects.filter(pk=file.pk).update(
            named_people="|" + "|".join(map(str, named)) + "|" if named else "",
            status=GeneratedFile.Status.DONE,
            progress=100,
            content=data,
            size=len(data),
            finished_at=timezone.now(),
        )
        # Only the newest of each document is kept: an older version is outdated.
        GeneratedFile.objects.filter(
            visit=file.visit, kind=file.kind, format=file.format, guest=file.guest
        ).exclude(pk=file.pk).filter(
            status__in=[GeneratedFile.Status.DONE, GeneratedFile.Status.FAILED]
        ).delete()
        if file.kind in {Kind.PRESS_BEFORE, Kind.PRESS_AFTER}:
            checklist_tick(visit=file.visit, codes={"press-release"})
    return "done"
