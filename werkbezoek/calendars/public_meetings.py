"""The Tweede Kamer's committee meetings, from the public ICS files of the committees, with
the members present linked to their public person. Read with the one ICS reader
(`parsing.parse_ics`); checked whole before one transaction writes them."""

import re
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from werkbezoek.people.models import Person
from werkbezoek.people.public_data import slug, split_prefix, tk_key
from werkbezoek.reference.loaders import LoadResult, ReferenceDataError
from werkbezoek.reference.models import Body

from .models import Meeting
from .parsing import CalendarError, parse_ics

ATTENDEE = re.compile(r"^\s{2}(?P<name>.+?) \((?P<group>[^()]+)\)\s*$")
NICKNAME = re.compile(r"\s*\([^)]*\)")


def committee_name(path: Path) -> str:
    """'Vaste-commissie-voor-Onderwijs--Cultuur-en-Wetenschap' -> 'Vaste commissie voor
    Onderwijs, Cultuur en Wetenschap' (how the source names its files)."""
    return path.stem.replace("--", ", ").replace("-", " ")


def attendee_key(name: str) -> str | None:
    """'O.C. (Olger) van Dijk' -> the same key as the member files use (tk:dijk:o)."""
    name = NICKNAME.sub("", name).strip()
    name = re.sub(r"\s+voorzitter$", "", name)
    initials, _space, rest = name.partition(" ")
    if not rest or "." not in initials:
        return None  # a committee or a name without initials
    _prefix, family = split_prefix(rest)
    return tk_key(family, initials[:1])


def closed_and_attendees(description: str) -> tuple[bool | None, list[str]]:
    """Whether the meeting is closed and the member keys present, from the description."""
    closed = None
    if "niet een besloten evenement" in description:
        closed = False
    elif "een besloten evenement" in description:
        closed = True
    attendees = []
    if "Aanwezigen" in description:
        for line in description.split("Aanwezigen", 1)[1].splitlines()[1:]:
            match = ATTENDEE.match(line)
            if match and match["group"] != "onbekend":
                key = attendee_key(match["name"])
                if key:
                    attendees.append(key)
    return closed, attendees


def _read(path: Path, errors: list):
    try:
        return parse_ics(path.read_bytes())
    except CalendarError as error:
        errors.append(f"{path.name}: {error}")
        return []


def load_committee_meetings(data_dir: Path) -> LoadResult:
    folder = data_dir / "tweede_kamer" / "ics"
    files = sorted(folder.glob("*.ics"))
    if not files:
        raise ReferenceDataError([_("No calendar files found in %(path)s") % {"path": folder}])
    errors, parsed = [], []
    for path in files:
        parsed.append((path, _read(path, errors)))
    if errors:
        raise ReferenceDataError(errors)
    result = LoadResult()
    with scopes_disabled(), transaction.atomic():
        people = dict(
            Person.objects.public()
            .filter(external_id__startswith="tk:")
            .values_list("external_id", "pk")
        )
        for path, meetings in parsed:
            body, _created = Body.objects.update_or_create(
                code="TK-" + slug(path.stem)[:37],
                defaults={"kind": Body.Kind.COMMITTEE, "name": committee_name(path)},
            )
            for spec in meetings:
                closed, attendees = closed_and_attendees(spec.description)
                meeting, created = Meeting.objects.update_or_create(
                    uid=spec.uid,
                    defaults={
                        "body": body,
                        "title": spec.title,
                        "starts_at": spec.starts_at,
                        "ends_at": spec.ends_at,
                        "closed": closed,
                        "source": path.name,
                    },
                )
                meeting.attendees.set([people[k] for k in attendees if k in people])
                if created:
                    result.created += 1
                else:
                    result.unchanged += 1
    return result
