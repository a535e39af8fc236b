"""Paging long lists."""

from functools import cached_property

from django.core.paginator import EmptyPage, Page, Paginator

MAX_PAGE = 1_000_000


class IdListPaginator(Paginator):
    """Pages a queryset by reading ids in order, then the page's rows by id.

    The ids of the first `bound` rows are read once. A list that fits (a name search, a
    narrow filter) is scanned once and its length is the count; Django's paginator scans
    it twice, to count and to read the page. A longer list is not counted while paging:
    `count_known` is False and the page says "more than 250", and a page knows whether a
    next one exists by reading one id more. Counting every row of a long list is a second
    scan of it; a view that shows the number asks `count` for it on its own (the register
    loads it after the page).

    `rows(ids)` reads one page's rows in the order given; by default the queryset filtered
    on those ids. A page with its own plain queries (related rows read by id) avoids
    running the list's filters again for 25 rows. `ids(start, stop)` reads that part of
    the list's ids, for a list that reads them in another way than from the queryset.

    `queryset` may be a function that builds it: a list whose ids and rows are read by
    `ids` and `rows` needs it only to be counted, and building a long filter costs Django
    more than reading a page.
    """

    def __init__(self, queryset, per_page, bound=250, rows=None, ids=None):
        super().__init__(queryset, per_page)
        self.bound = bound
        self.rows = rows or self._rows_from_queryset
        self.read_ids = ids or self._ids_from_queryset

    @cached_property
    def queryset(self):
        return self.object_list() if callable(self.object_list) else self.object_list

    def _ids_from_queryset(self, start, stop):
        ids = self.queryset.prefetch_related(None).values_list("pk", flat=True)
        return list(ids[start:stop])

    @cached_property
    def ids(self):
        return self.read_ids(0, self.bound + 1)

    @property
    def count_known(self):
        return len(self.ids) <= self.bound

    @cached_property
    def count(self):
        return len(self.ids) if self.count_known else self.queryset.count()

    def get_page(self, number):
        """The page asked for; the first for a page number that is not one, the last for
        one beyond the end (a forged 20-digit number too: no database takes it as offset)."""
        try:
            number = min(max(int(number), 1), MAX_PAGE)
        except (TypeError, ValueError):
            number = 1
        try:
            return self.page(number)
        except EmptyPage:
            return self.page(self.num_pages)  # beyond the end: counting is worth it here

    def page(self, number):
        number = int(number)
        if number < 1:
            raise EmptyPage(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top < len(self.ids) or self.count_known:
            wanted, more = self.ids[bottom:top], top < len(self.ids)
        else:  # beyond the ids read: this page's and one more
            found = self.read_ids(bottom, top + 1)
            wanted, more = found[: self.per_page], len(found) > self.per_page
        if not wanted and number > 1:
            raise EmptyPage(number)
        return IdListPage(list(self.rows(wanted)), number, self, more)

    def _rows_from_queryset(self, ids):
        position = {pk: index for index, pk in enumerate(ids)}
        return sorted(self.queryset.filter(pk__in=ids), key=lambda row: position[row.pk])


class IdListPage(Page):
    """A page that knows whether another follows without the list's count."""

    def __init__(self, object_list, number, paginator, more):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self):
        return self.more

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1
