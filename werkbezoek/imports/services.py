"""Import an organisation's own people from CSV.

The request checks the whole file (`parse_people`): one bad row and nothing happens, with
every problem named. A good file becomes an ImportJob that a background task writes
(`people_import_run`), in chunks that each commit their rows together with the count of
rows done. So the page can show progress, and a task that is stopped halfway (a worker
killed) resumes after the last committed chunk instead of writing a row twice.
"""

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from werkbezoek.lib.maintenance import query_statistics_refresh
from werkbezoek.organisations import audit
from werkbezoek.people.models import Assessment, Person, Position
from werkbezoek.people.services import (
    assessment_update,
    person_create,
    person_update,
    stance_record,
)

from .columns import PEOPLE_COLUMNS
from .models import ImportJob

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_ERRORS_SHOWN = 50
CHUNK_ROWS = 250


class ImportRejected(Exception):
    """Nothing was imported; `errors` says where and why, in Dutch."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def template_csv() -> bytes:
    header = [column.name for column in PEOPLE_COLUMNS]
    example = [column.example for column in PEOPLE_COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerow(example)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportRejected([_("The file is larger than 5 MB. Split it into smaller files.")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [
                _(
                    "The file is not UTF-8 text. In Excel choose 'Save as' and then 'CSV UTF-8' "
                    "(or 'CSV (puntkomma-gescheiden)')."
                )
            ]
        ) from None


def parse_people(raw: bytes) -> list[tuple[int, dict]]:
    """Every row as (line number, cleaned values), or ImportRejected listing all problems."""
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise ImportRejected([_("The file is empty.")]) from None
    known = {column.name: column for column in PEOPLE_COLUMNS}
    errors = [
        _("Unknown column '%(name)s'. Download the template for the right column names.")
        % {"name": name}
        for name in header
        if name and name not in known
    ]
    errors += [
        _("Column '%(name)s' is missing; it is required.") % {"name": column.name}
        for column in PEOPLE_COLUMNS
        if column.required and column.name not in header
    ]
    if errors:
        raise ImportRejected(errors)

    rows, seen_keys = [], {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            errors.append(_("More than %(max)d rows; split the file.") % {"max": MAX_ROWS})
            break
        if len(cells) != len(header):
            errors.append(
                _(
                    "Line %(line)d: %(found)d fields instead of %(expected)d. Check for "
                    "a missing or extra separator."
                )
                % {"line": line, "found": len(cells), "expected": len(header)}
            )
            continue
        values = {}
        for name, cell in zip(header, cells, strict=True):
            if not name:
                continue
            column = known[name]
            if column.required and not cell.strip():
                errors.append(
                    _("Line %(line)d, column %(column)s: required, but empty.")
                    % {"line": line, "column": name}
                )
                continue
            try:
                values[name] = column.clean(cell)
            except ValueError as error:
                errors.append(
                    _("Line %(line)d, column %(column)s: %(message)s.")
                    % {"line": line, "column": name, "message": error}
                )
        key = values.get("kenmerk")
        if key:
            if key in seen_keys:
                errors.append(
                    _("Line %(line)d, column kenmerk: '%(key)s' was used before on line %(first)d.")
                    % {"line": line, "key": key, "first": seen_keys[key]}
                )
            seen_keys[key] = line
        rows.append((line, values))
    if not rows and not errors:
        errors.append(_("The file has a header but no rows."))
    if errors:
        if len(errors) > MAX_ERRORS_SHOWN:
            extra = len(errors) - MAX_ERRORS_SHOWN
            errors = errors[:MAX_ERRORS_SHOWN] + [
                ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", extra)
                % {"count": extra}
            ]
        raise ImportRejected(errors)
    return rows


def _existing(organisation, values) -> tuple[Person | None, bool]:
    """The own person this row is about, and whether it was found by name alone.

    By the row's own code (kenmerk) or e-mail address first. A row with neither is matched
    on name and organisation or title, so importing the same file twice does not add
    everyone twice; when that name fits more than one person, the row adds a new one."""
    own = Person.objects.filter(organisation=organisation)
    if values.get("kenmerk"):
        found = own.filter(external_id=f"org{organisation.pk}:{values['kenmerk']}").first()
        return found, False
    if values.get("email"):
        return own.filter(email=values["email"]).first(), False
    same_name = own.filter(
        family_name__iexact=values["achternaam"],
        prefix__iexact=values.get("tussenvoegsel", ""),
        initials__iexact=values.get("voorletters", ""),
    )
    if values.get("organisatie_of_functietitel"):
        same_name = same_name.filter(
            positions__organisation=organisation,
            positions__title__iexact=values["organisatie_of_functietitel"],
        )
    matches = list(same_name[:2])
    return (matches[0], True) if len(matches) == 1 else (None, False)


IMPORT_QUEUED = audit.action("imports.people.queued", gettext_lazy("import of people started"))


@transaction.atomic
def people_import(*, organisation, actor, filename: str, raw: bytes) -> ImportJob:
    """Check the whole file, then queue its import. Raises ImportRejected (nothing queued)."""
    rows = parse_people(raw)
    job = ImportJob.objects.create(
        organisation=organisation,
        filename=filename[:255],
        imported_by=actor,
        status=ImportJob.Status.QUEUED,
        rows_total=len(rows),
        source=_decode(raw),
    )
    audit.record(
        organisation=organisation, actor=actor, action=IMPORT_QUEUED, target=job, rows=len(rows)
    )
    from .tasks import people_import_task

    transaction.on_commit(
        lambda: people_import_task.enqueue(organisation_id=organisation.pk, job_id=job.pk)
    )
    return job


def people_import_run(*, job: ImportJob) -> ImportJob:
    """Write a queued import, chunk by chunk, resuming after the last committed chunk."""
    if job.finished:
        return job
    rows = parse_people(job.source.encode())  # checked before queueing; cannot fail now
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    for start in range(job.rows_done, len(rows), CHUNK_ROWS):
        with transaction.atomic():
            chunk = rows[start : start + CHUNK_ROWS]
            created = updated = 0
            for _line, values in chunk:
                if _import_row(job, values):
                    created += 1
                else:
                    updated += 1
            job.rows_done = start + len(chunk)
            job.created += created
            job.updated += updated
            job.save(update_fields=["rows_done", "created", "updated", "matched_by_name"])
    job.status, job.source, job.finished_at = ImportJob.Status.DONE, "", timezone.now()
    job.save(update_fields=["status", "source", "finished_at"])
    transaction.on_commit(query_statistics_refresh.enqueue)
    return job


def people_import_failed(*, job: ImportJob, reason: str) -> None:
    """The task stopped with an error: the rows written so far stay, the rest does not."""
    job.status, job.error, job.finished_at = ImportJob.Status.FAILED, reason, timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def _import_row(job: ImportJob, values: dict) -> bool:
    """One checked row into the register; True when the person is new."""
    organisation, actor = job.organisation, job.imported_by
    today = timezone.localdate()
    filename = job.filename
    facts = {
        "given_name": values.get("voornaam", ""),
        "initials": values.get("voorletters", ""),
        "prefix": values.get("tussenvoegsel", ""),
        "family_name": values["achternaam"],
        "salutation": values.get("aanhef", ""),
        "email": values.get("email", ""),
        "phone": values.get("telefoon", ""),
    }
    person, by_name = _existing(organisation, values)
    job.matched_by_name += by_name
    is_new = person is None
    if is_new:
        person = person_create(
            organisation=organisation,
            actor=actor,
            external_id=f"org{organisation.pk}:{values['kenmerk']}"
            if values.get("kenmerk")
            else None,
            position={
                "role": values.get("functie") or "other",
                "title": values.get("organisatie_of_functietitel", ""),
            },
            **facts,
        )
    else:
        person_update(organisation=organisation, actor=actor, person=person, **facts)
        Position.objects.filter(person=person, organisation=organisation).update(
            role=values.get("functie") or "other",
            title=values.get("organisatie_of_functietitel", ""),
        )
    assessment_update(
        organisation=organisation,
        actor=actor,
        person=person,
        **{
            name: values[column]
            for name, column in (
                ("influence", "invloed"),
                ("drivers", "drijfveren"),
                ("themes", "themas"),
                ("notes", "notities"),
                ("do_not_contact", "niet_benaderen"),
            )
            if column in values
        },
    )
    stance = values.get("standpunt")
    current = Assessment.objects.own().get(person=person).stance
    if stance and stance != current:
        stance_record(
            organisation=organisation,
            person=person,
            stance=stance,
            date=today,
            reason=_("Imported from %(file)s") % {"file": filename},
            source=filename,
            actor=actor,
        )
    return is_new
