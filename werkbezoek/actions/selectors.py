"""The election phase of each body an organisation works with, read from reference data."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from werkbezoek.reference.models import Election

from . import phases


@dataclass(frozen=True)
class BodyPhase:
    kind: str  # "GR" (the municipal councils) or "TK"
    label: str
    now: phases.PhaseNow


def election_phases(organisation, today: datetime.date) -> list[BodyPhase]:
    """The councils of the organisation's municipalities (one shared cycle) and the Tweede
    Kamer, each with its current phase; a body without election data is left out."""
    rows = list(Election.objects.values_list("kind", "code", "date"))
    installations = {
        code: day for kind, code, day in rows if kind == Election.Kind.INSTALLATION and day
    }
    result = []
    # Read once: the home page's card shows them too.
    names = [municipality.name for municipality in organisation.working_area]
    labels = {
        "GR": _("Municipal council of %(names)s") % {"names": ", ".join(names)}
        if names
        else _("Municipal councils"),
        "TK": _("House of Representatives"),
    }
    for kind in ("GR", "TK"):
        elections = [
            (day, code)
            for row_kind, code, day in rows
            if row_kind == Election.Kind.ELECTION and code.startswith(kind)
        ]
        cycle = phases.cycle_for(kind, today, elections, installations)
        if cycle is not None:
            result.append(BodyPhase(kind, labels[kind], phases.phase_on(cycle, today)))
    return result
