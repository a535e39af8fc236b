"""The one scoping mechanism: how every organisation-owned table is read.

Two managers share one set of rules; they differ only in whether public reference rows
(organisation NULL) are visible too:

- `OrganisationScopedManager`: only the rows of the organisation in scope;
- `SharedOrOwnManager`: public rows plus the organisation's own (persons, positions,
  meetings, programme templates).

The rules, the same for both:
- outside a scope every query raises `ScopeError` (a forgotten scope never leaks);
- inside `scopes_disabled()` every row is visible: that is allowed only in the places
  listed in `tests/test_guards.py`;
- the scope is exactly one organisation: `None`, a list or anything that is not a saved
  organisation raises `ScopeError` (a cross-organisation read is a named selector, never a
  widened scope, see docs/tenancy.md);
- `Model.objects.with_scope(organisation=...)` narrows one query to one organisation,
  without entering a scope; there is deliberately no `with_scopes_disabled()`.

Code that reads private data (assessments, stance history, contacts, guests, the access
log) asks `current_organisation()`, which raises outside a scope *and* under
`scopes_disabled()`, or uses `Model.objects.own()`.
"""

import copy
import functools

from django.db import models
from django.db.models import Q
from django_scopes import ScopeError
from django_scopes.manager import DisabledQuerySet
from django_scopes.state import get_scope, state

from werkbezoek.lib.late import Late

DIMENSION = "organisation"


def _one_organisation(value):
    """The scope's value, refused unless it is one saved organisation."""
    from .models import Organisation  # models import this module

    if not isinstance(value, Organisation) or value.pk is None:
        raise ScopeError(
            f"An organisation scope must be one saved organisation, not {value!r}. "
            "Read across organisations through a named selector (docs/tenancy.md)."
        )
    return value


def current_organisation():
    """The organisation whose scope is active.

    Raises ScopeError outside a scope and when scopes are disabled: private data is
    always read for one organisation, never for "whichever rows happen to be visible".
    """
    current = get_scope()
    if not current.get("_enabled", True) or DIMENSION not in current:
        raise ScopeError("This needs one organisation's scope (a request or organisation_task).")
    return _one_organisation(current[DIMENSION])


@functools.cache
def _refusing(queryset_class):
    """A queryset class that raises ScopeError on every query, with the model's own
    queryset methods too (so `Position.objects.held_on(day)` raises ScopeError as well)."""
    if queryset_class is models.QuerySet:
        return DisabledQuerySet
    return type(f"Refusing{queryset_class.__name__}", (DisabledQuerySet, queryset_class), {})


class OrganisationScopedManager(models.Manager):
    """Rows of the organisation in scope only."""

    is_organisation_scoped = True
    _override: dict | None = None

    def with_scope(self, *, organisation):
        """This manager narrowed to one organisation, whatever scope is active."""
        narrowed = copy.copy(self)
        narrowed._override = {DIMENSION: _one_organisation(organisation), "_enabled": True}
        return narrowed

    def visible(self, queryset, organisation):
        return queryset.filter(organisation=organisation)

    def visible_when_run(self, queryset):
        return queryset.filter(organisation_id=organisation_when_run())

    def when_run(self):
        """The rows of the organisation in scope when the query runs rather than when it is
        built: for a query built once and run for every request (`built_once`). Raises
        ScopeError when it runs outside one organisation's scope (or under
        scopes_disabled()), as `own()` does."""
        return self.visible_when_run(models.Manager.get_queryset(self))

    def get_queryset(self):
        current = self._override if self._override is not None else get_scope()
        queryset = super().get_queryset()
        if not current.get("_enabled", True):
            return queryset
        if DIMENSION not in current:
            refusing = _refusing(self._queryset_class)
            return refusing(self.model, using=self._db, missing_scopes={DIMENSION})
        return self.visible(queryset, _one_organisation(current[DIMENSION]))

    def all(self):
        queryset = super().all()
        if isinstance(queryset, DisabledQuerySet):
            queryset.error()  # raise now, not at the first iteration
        return queryset

    def own(self):
        """The rows the organisation in scope owns itself (raises without one)."""
        if self._override is not None and self._override.get("_enabled"):
            organisation = self._override[DIMENSION]
        else:
            organisation = current_organisation()
        # Owned rows are a subset of the visible ones: one filter, not visible()'s and this.
        return models.Manager.get_queryset(self).filter(organisation=organisation)


class SharedOrOwnManager(OrganisationScopedManager):
    """Public reference rows (organisation NULL) plus the organisation's own rows."""

    def visible(self, queryset, organisation):
        return queryset.filter(Q(organisation__isnull=True) | Q(organisation=organisation))

    def visible_when_run(self, queryset):
        return queryset.filter(
            Q(organisation__isnull=True) | Q(organisation_id=organisation_when_run())
        )

    def public(self):
        """Reference rows only: for the loaders, which run without a scope."""
        return models.Manager.get_queryset(self).filter(organisation__isnull=True)


def organisation_when_run() -> Late:
    """The id of the organisation in scope when the query runs: for a filter of its own
    on a table without a scoped manager (a many-to-many link table), in a query built
    once."""
    return Late(lambda: current_organisation().pk, models.BigIntegerField())


def built_once(build):
    """`build()`'s query, built on the first call and cloned on every call after it (as
    Django's generic views clone their `queryset`): building a query's joins and lookups
    cost Django more than running it. What changes between runs are parameters
    (lib.late): `Model.objects.when_run()` for the organisation, `local_today()` for the
    day, `given_id("visit")` for a value the caller passes by that name. The query is
    built with no organisation in scope, so any `Model.objects` read that would fix one
    organisation in it raises ScopeError there and then. Each call returns a fresh clone:
    the shared query never holds rows or values."""
    built = None

    @functools.wraps(build)
    def fresh(**given):
        nonlocal built
        if built is None:
            outside = state.set({"_enabled": True})
            try:
                built = build()
            finally:
                state.reset(outside)
        queryset = built.all()
        if given:
            queryset.query.given = given  # read by lib.late.Given when compiled
        return queryset

    return fresh
