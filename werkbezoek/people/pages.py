"""Parts that apps above the register add to a person's page (the commitments a person made
at visits, for example): the register shows them without importing those apps."""

from collections.abc import Callable

# Each part: (request, person) -> {"template": ..., **context} or None when it has nothing.
_PARTS: list[Callable] = []


def register_part(part: Callable) -> None:
    if part not in _PARTS:
        _PARTS.append(part)


def parts_for(request, person) -> list[dict]:
    return [shown for part in _PARTS if (shown := part(request, person))]
