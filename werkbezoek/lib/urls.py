"""Links for the page header, a visit's tabs and long lists: reversed once per process,
filled in many times."""

import functools
from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_SLOT = 2_147_483_647  # a number no row has; replaced by each row's id
_SLUG_SLOT = "slug-slot-2147483647"  # no organisation has it; replaced by the real slug


def url_for_each(viewname: str, slug: str) -> Callable[[int], str]:
    """`url_for_each("people:detail", slug)(42)` is `reverse("people:detail", args=[slug,
    42])`: cached_url's pieces looked up once for the whole list, so a row costs only the
    filling in (a page of 25 rows spent more on reversing than on its queries, and the
    stakeholder map lists up to 250)."""
    head, middle, tail = _current_pieces(viewname, 2)
    return lambda pk: f"{head}{slug}{middle}{int(pk)}{tail}"


def cached_url(viewname: str, slug: str | None = None, pk: int | None = None) -> str:
    """reverse(viewname) of a URL without arguments, or reverse(viewname, args=[slug]) of
    one whose only argument is an organisation's slug, or reverse(viewname, args=[slug,
    pk]) of the page of one of its records: reversed once per process (and prefix, and
    URLconf) and then filled in. The page header links to fifteen of them on every page,
    a visit's tabs to eleven, and a reverse() costs more than writing the whole header
    ({% org_url %} for templates)."""
    values = [] if slug is None else [slug] if pk is None else [slug, str(int(pk))]
    pieces = _current_pieces(viewname, len(values))
    return "".join(piece + value for piece, value in zip(pieces, [*values, ""], strict=True))


def _current_pieces(viewname, arguments) -> list[str]:
    """_pieces under the script prefix and URLconf in force (both part of the cache key)."""
    return _pieces(viewname, arguments, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@functools.cache
def _pieces(viewname, arguments, _prefix, urlconf) -> list[str]:
    """The URL cut where its arguments go (the slug, then the id)."""
    slots = [_SLUG_SLOT, _SLOT][:arguments]
    rest = reverse(viewname, args=slots, urlconf=urlconf)
    pieces = []
    for slot in slots:
        piece, rest = rest.split(str(slot))
        pieces.append(piece)
    return [*pieces, rest]
