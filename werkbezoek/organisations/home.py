"""Parts that apps above the organisation add to its home page ("Wat nu?"): upcoming visits,
what is overdue, the phase advice. The home shows them without importing those apps.

A part registered with a title for `later` is not computed with the page: the page holds a
placeholder that htmx fills from the part's own URL once it scrolls into view (without
JavaScript it is a link to that URL). Heavy parts lower on the page, such as the chart of
contacts per party group, so do not hold up what the user reads first."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Part:
    name: str
    # (request) -> {"template": ..., **context}, or None when it has nothing to show.
    compute: Callable
    order: int
    later: str | None = None


_PARTS: list[Part] = []


def register_part(compute: Callable, *, name: str, order: int, later: str | None = None) -> None:
    if all(part.name != name for part in _PARTS):
        _PARTS.append(Part(name, compute, order, later))
        _PARTS.sort(key=lambda part: part.order)


def part_named(name: str) -> Part | None:
    return next((part for part in _PARTS if part.name == name), None)


def parts_for(request) -> list[dict]:
    shown = []
    for part in _PARTS:
        if part.later:
            url = reverse("organisations:home-part", args=[request.organisation.slug, part.name])
            shown.append(
                {"template": "organisations/_part_later.html", "url": url, "title": part.later}
            )
        elif computed := part.compute(request):
            shown.append(computed)
    return shown
