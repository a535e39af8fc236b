"""Query parameters filled in when a query runs, not when it is built.

A busy page's small queries cost Django more to build (filters resolved into joins and
lookups) than the database to run. Such a query can be built once per process and cloned
for each request, as Django's generic views do with their `queryset`
(organisations.scoping.built_once). What changes between runs is then a parameter:
`Late` for what the moment tells (today, the organisation in scope), `Given` for what the
caller passes (the visit on the page)."""

import datetime
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db.models import BigIntegerField, DateField, Expression, IntegerField
from django.utils import timezone


class _Parameter(Expression):
    """A value sent with the query as a parameter, like Value, but known only when the
    query is compiled (`value_for`)."""

    def value_for(self, compiler):
        raise NotImplementedError

    def as_sql(self, compiler, connection):
        return "%s", [self.output_field.get_db_prep_value(self.value_for(compiler), connection)]

    def get_group_by_cols(self):
        return []  # nothing to group by


class Late(_Parameter):
    """`compute()`'s value, asked each time the query is compiled."""

    def __init__(self, compute: Callable, output_field):
        super().__init__(output_field=output_field)
        self.compute = compute

    def value_for(self, compiler):
        return self.compute()


class Given(_Parameter):
    """The value passed by this name when the query built once was asked for:
    `_tasks(visit=pk)`. Only in the query's own filters, not in a subquery's."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def value_for(self, compiler):
        given = getattr(compiler.query, "given", {})
        if self.name not in given:
            raise TypeError(f"This query needs {self.name}=… where it is asked for.")
        return given[self.name]

    def as_sql(self, compiler, connection):
        sql, [value] = super().as_sql(compiler, connection)
        if isinstance(self.output_field, IntegerField):
            # A forged id too large for the column matches nothing, as Django's own lookups
            # answer it, instead of the database driver refusing it (a 500).
            low, high = connection.ops.integer_field_range(self.output_field.get_internal_type())
            if (low is not None and value < low) or (high is not None and value > high):
                raise EmptyResultSet
        return sql, [value]


def given_id(name: str) -> Given:
    """The id passed by this name (the visit's: `given_id("visit")`)."""
    return Given(name, BigIntegerField())


def local_today(days: int = 0) -> Late:
    """Today's date where the organisation works (TIME_ZONE), `days` later (or earlier),
    on the day the query runs."""
    if days:
        return Late(lambda: timezone.localdate() + datetime.timedelta(days=days), DateField())
    return Late(timezone.localdate, DateField())
