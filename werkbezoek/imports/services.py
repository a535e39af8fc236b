"""Import an organisation's own people from CSV: validate every row, then write once."""

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
                _("… and %(count)d more problems.") % {"count": extra}
            ]
        raise ImportRejected(errors)
    return rows


def _existing(organisation, values) -> Person | None:
    own = Person.objects.filter(organisation=organisation)
    if values.get("kenmerk"):
        return own.filter(external_id=f"org{organisation.pk}:{values['kenmerk']}").first()
    if values.get("email"):
        return own.filter(email=values["email"]).first()
    return None


@transaction.atomic
def people_import(*, organisation, actor, filename: str, raw: bytes) -> ImportJob:
    rows = parse_people(raw)  # raises before anything is written
    job = ImportJob(organisation=organisation, filename=filename[:255], imported_by=actor)
    today = timezone.localdate()
    for _line, values in rows:
        facts = {
            "given_name": values.get("voornaam", ""),
            "initials": values.get("voorletters", ""),
            "prefix": values.get("tussenvoegsel", ""),
            "family_name": values["achternaam"],
            "salutation": values.get("aanhef", ""),
            "email": values.get("email", ""),
            "phone": values.get("telefoon", ""),
        }
        person = _existing(organisation, values)
        if person is None:
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
            job.created += 1
        else:
            person_update(organisation=organisation, actor=actor, person=person, data=facts)
            Position.objects.filter(person=person, organisation=organisation).update(
                role=values.get("functie") or "other",
                title=values.get("organisatie_of_functietitel", ""),
            )
            job.updated += 1
        assessment_update(
            organisation=organisation,
            actor=actor,
            person=person,
            data={
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
    job.save()
    return job
