"""Load elections and recesses from kalender/verkiezingen_en_reces.csv (validate, then write)."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .loaders import LoadResult, ReferenceDataError, read_rows
from .models import Election, Recess

KINDS = {
    "verkiezing": (Election, Election.Kind.ELECTION),
    "installatie": (Election, Election.Kind.INSTALLATION),
    "reces": (Recess, Recess.Kind.RECESS),
    "vergadervrij": (Recess, Recess.Kind.NO_MEETINGS),
}


def _date(value, *, line, column, errors, required):
    value = value.strip()
    if not value:
        if required:
            errors.append(
                _("line %(line)d, column %(column)s: a date is required.")
                % {"line": line, "column": column}
            )
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(
            _("line %(line)d, column %(column)s: '%(value)s' is not a date (YYYY-MM-DD).")
            % {"line": line, "column": column, "value": value}
        )
        return None


def load_calendar(data_dir: Path) -> LoadResult:
    path = data_dir / "kalender" / "verkiezingen_en_reces.csv"
    rows = read_rows(
        path, ["soort", "naam", "code", "startdatum", "einddatum", "toelichting", "bron"]
    )
    errors, entries = [], []
    for line, row in enumerate(rows, start=2):
        kind = row["soort"].strip()
        if kind not in KINDS:
            errors.append(
                _("line %(line)d, column soort: '%(value)s' is not one of %(kinds)s.")
                % {"line": line, "value": kind, "kinds": ", ".join(KINDS)}
            )
            continue
        model, model_kind = KINDS[kind]
        is_recess = model is Recess
        start = _date(
            row["startdatum"], line=line, column="startdatum", errors=errors, required=is_recess
        )
        end = _date(
            row["einddatum"], line=line, column="einddatum", errors=errors, required=is_recess
        )
        if start and end and end < start:
            errors.append(
                _("line %(line)d: the end date lies before the start date.") % {"line": line}
            )
        entries.append((model, model_kind, row, start, end))
    if errors:
        raise ReferenceDataError(errors)
    result = LoadResult()
    with transaction.atomic():
        for model, kind, row, start, end in entries:
            common = {"note": row["toelichting"].strip(), "source": row["bron"].strip()}
            if model is Election:
                _obj, created = Election.objects.update_or_create(
                    kind=kind,
                    code=row["code"].strip(),
                    defaults={"name": row["naam"].strip(), "date": start, **common},
                )
            else:
                _obj, created = Recess.objects.update_or_create(
                    name=row["naam"].strip(),
                    defaults={"kind": kind, "start_date": start, "end_date": end, **common},
                )
            if created:
                result.created += 1
            else:
                result.unchanged += 1
    return result
