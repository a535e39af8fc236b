"""Loading public reference data: validate the whole file first, then write once, atomically."""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Municipality, Province

MUNICIPALITY_COLUMNS = [
    "gemeentecode_gm",
    "gemeentenaam",
    "provinciecode_pv",
    "provincienaam",
    "begindatum",
]
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
PROVINCE_CODE = re.compile(r"^PV\d{2}$")


class ReferenceDataError(Exception):
    """The file cannot be loaded; `errors` says where and why, in Dutch."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    details: list[str] = field(default_factory=list)


def read_rows(path: Path, required: list[str]) -> list[dict]:
    if not path.exists():
        raise ReferenceDataError([_("File not found: %(path)s") % {"path": path}])
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in required if column not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceDataError(
                    [
                        _("%(path)s: missing columns: %(columns)s")
                        % {"path": path.name, "columns": ", ".join(missing)}
                    ]
                )
            return list(reader)
    except UnicodeDecodeError:
        raise ReferenceDataError(
            [_("%(path)s is not a UTF-8 text file.") % {"path": path.name}]
        ) from None


def load_municipalities(path: Path) -> LoadResult:
    rows = read_rows(path, MUNICIPALITY_COLUMNS)
    errors, provinces, municipalities = [], {}, {}
    for line, row in enumerate(rows, start=2):
        code, province_code = row["gemeentecode_gm"].strip(), row["provinciecode_pv"].strip()
        name = row["gemeentenaam"].strip()
        where = _("line %(line)d") % {"line": line}
        if not MUNICIPALITY_CODE.match(code):
            errors.append(
                _("%(where)s, column gemeentecode_gm: '%(value)s' is not a code like GM0363.")
                % {"where": where, "value": code}
            )
        if not PROVINCE_CODE.match(province_code):
            errors.append(
                _("%(where)s, column provinciecode_pv: '%(value)s' is not a code like PV27.")
                % {"where": where, "value": province_code}
            )
        if not name:
            errors.append(_("%(where)s, column gemeentenaam: empty.") % {"where": where})
        start = None
        if row["begindatum"].strip():
            try:
                start = datetime.date.fromisoformat(row["begindatum"].strip())
            except ValueError:
                errors.append(
                    _("%(where)s, column begindatum: '%(value)s' is not a date (YYYY-MM-DD).")
                    % {"where": where, "value": row["begindatum"]}
                )
        if code in municipalities:
            errors.append(
                _("%(where)s: code %(code)s appears twice.") % {"where": where, "code": code}
            )
        provinces[province_code] = row["provincienaam"].strip()
        municipalities[code] = {"name": name, "province": province_code, "start_date": start}
    if not rows:
        errors.append(_("%(path)s contains no rows.") % {"path": path.name})
    if errors:
        raise ReferenceDataError(errors)

    result = LoadResult()
    with transaction.atomic():
        province_by_code = {}
        for code, name in provinces.items():
            province_by_code[code] = upsert(
                Province.objects, result, code=code, values={"name": name}
            )
        for code, values in municipalities.items():
            upsert(
                Municipality.objects,
                result,
                code=code,
                values={
                    "name": values["name"],
                    "province": province_by_code[values["province"]],
                    "start_date": values["start_date"],
                },
            )
    return result


def upsert(queryset, result: LoadResult, *, values: dict, **key):
    """Create or update by natural key; an unchanged row is not written at all."""
    instance = queryset.filter(**key).first()
    if instance is None:
        result.created += 1
        return queryset.create(**key, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        result.updated += 1
    else:
        result.unchanged += 1
    return instance
