"""Paging long lists."""

from functools import cached_property

from django.core.paginator import Paginator


class IdListPaginator(Paginator):
    """Pages a queryset by reading the ids of its first `bound` rows in order, once.

    A list that fits (a name search, a narrow filter) is scanned once: its length is the
    count and a page is read by id. Django's paginator scans it twice, to count and to read
    the page, and scanning every name with LIKE is what such a page costs. A longer list is
    counted as usual; its first pages are still read by id.
    """

    def __init__(self, queryset, per_page, bound=250):
        super().__init__(queryset, per_page)
        self.bound = bound

    @cached_property
    def ids(self):
        unrelated = self.object_list.prefetch_related(None)  # ids need no related rows
        return list(unrelated.values_list("pk", flat=True)[: self.bound + 1])

    @cached_property
    def count(self):
        return len(self.ids) if len(self.ids) <= self.bound else self.object_list.count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top > min(len(self.ids), self.bound) and self.count > len(self.ids):
            return super().page(number)  # beyond the ids read
        wanted = self.ids[bottom:top]
        position = {pk: index for index, pk in enumerate(wanted)}
        rows = sorted(self.object_list.filter(pk__in=wanted), key=lambda row: position[row.pk])
        return self._get_page(rows, number, self)
