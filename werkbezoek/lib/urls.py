"""URLs for long lists."""

from collections.abc import Callable

from django.urls import reverse

_SLOT = 2_147_483_647  # a number no row has; replaced by each row's id


def url_for_each(viewname: str, *args) -> Callable[[int], str]:
    """`url_for_each("people:detail", slug)(42)` is `reverse("people:detail", args=[slug,
    42])`, with one reverse() for the whole list instead of one per row (a page of 25 rows
    spent more on reversing than on its queries). The id is the last argument."""
    head, tail = reverse(viewname, args=[*args, _SLOT]).split(str(_SLOT))
    return lambda pk: f"{head}{int(pk)}{tail}"
