"""Scoping for tables that mix public reference rows with an organisation's own rows."""

from django.db import models
from django.db.models import Q
from django_scopes.manager import DisabledQuerySet
from django_scopes.state import get_scope


class SharedOrScopedManager(models.Manager):
    """Rows whose `organisation` is NULL are public reference data, visible everywhere;
    rows with an organisation are visible only inside that organisation's scope.

    Like django-scopes' ScopedManager it refuses every query outside a scope, so a
    forgotten scope raises instead of leaking another organisation's rows.
    """

    is_organisation_scoped = True

    def get_queryset(self):
        current = get_scope()
        queryset = super().get_queryset()
        if not current.get("_enabled", True):
            return queryset
        if "organisation" not in current:
            return DisabledQuerySet(self.model, using=self._db, missing_scopes={"organisation"})
        organisation = current["organisation"]
        if organisation is None:
            return queryset.filter(organisation__isnull=True)
        return queryset.filter(Q(organisation__isnull=True) | Q(organisation=organisation))

    def public(self):
        """Reference rows only (for the import commands, which run without a scope)."""
        return super().get_queryset().filter(organisation__isnull=True)
