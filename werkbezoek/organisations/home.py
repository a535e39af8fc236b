"""Parts that apps above the organisation add to its home page ("Wat nu?"): upcoming visits,
what is overdue, the phase advice. The home shows them without importing those apps."""

from collections.abc import Callable

# Each part: (request) -> {"template": ..., **context} or None when it has nothing to show.
_PARTS: list[tuple[int, Callable]] = []


def register_part(part: Callable, *, order: int) -> None:
    if all(existing is not part for _order, existing in _PARTS):
        _PARTS.append((order, part))
        _PARTS.sort(key=lambda item: item[0])


def parts_for(request) -> list[dict]:
    return [shown for _order, part in _PARTS if (shown := part(request))]
