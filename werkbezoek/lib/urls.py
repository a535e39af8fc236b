"""URLs for long lists and for the page header: reversed once, filled in many times."""

import functools
from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_SLOT = 2_147_483_647  # a number no row has; replaced by each row's id


def url_for_each(viewname: str, *args) -> Callable[[int], str]:
    """`url_for_each("people:detail", slug)(42)` is `reverse("people:detail", args=[slug,
    42])`, with one reverse() for the whole list instead of one per row (a page of 25 rows
    spent more on reversing than on its queries). The id is the last argument."""
    head, tail = reverse(viewname, args=[*args, _SLOT]).split(str(_SLOT))
    return lambda pk: f"{head}{int(pk)}{tail}"


_SLUG_SLOT = "slug-slot-2147483647"  # no organisation has it; replaced by the real slug


def cached_url(viewname: str, slug: str | None = None) -> str:
    """reverse(viewname) of a URL without arguments, or reverse(viewname, args=[slug]) of
    one whose only argument is an organisation's slug: reversed once per process (and
    prefix, and URLconf) and then filled in. The page header links to fifteen of them on
    every page, and a reverse() costs more than writing the whole header ({% org_url %}
    for templates)."""
    head, tail = _around_slug(
        viewname, slug is not None, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    return f"{head}{slug}{tail}" if slug is not None else head


def cached_object_url(viewname: str, slug: str, pk: int) -> str:
    """reverse(viewname, args=[slug, pk]) of a page of one of an organisation's records (a
    visit's tabs), reversed once per process as cached_url is and then filled in."""
    head, middle, tail = _around_slug_and_id(
        viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    return f"{head}{slug}{middle}{int(pk)}{tail}"


@functools.cache
def _around_slug_and_id(viewname, _prefix, urlconf) -> tuple[str, str, str]:
    head, rest = reverse(viewname, args=[_SLUG_SLOT, _SLOT], urlconf=urlconf).split(_SLUG_SLOT)
    middle, tail = rest.split(str(_SLOT))
    return head, middle, tail


@functools.cache
def _around_slug(viewname, with_slug, _prefix, urlconf) -> tuple[str, str]:
    if not with_slug:
        return reverse(viewname, urlconf=urlconf), ""
    head, tail = reverse(viewname, args=[_SLUG_SLOT], urlconf=urlconf).split(_SLUG_SLOT)
    return head, tail
