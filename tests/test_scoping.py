"""Every organisation-owned model refuses queries outside an organisation scope."""

import pytest
from django.core.checks.registry import registry
from django_scopes import ScopeError, scope

from werkbezoek.organisations.checks import check_scoped_managers, organisation_owned_models

MODELS = sorted(organisation_owned_models(), key=lambda model: model._meta.label)


def test_there_are_organisation_owned_models():
    labels = {model._meta.label for model in MODELS}
    assert {"organisations.Membership", "organisations.Invitation"} <= labels


def test_system_check_finds_no_unscoped_model():
    assert check_scoped_managers() == []
    assert check_scoped_managers in registry.get_checks()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_unscoped_query_raises(model, db):
    with pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_scope_shows_only_own_rows(model, personas):
    with scope(organisation=personas.org_b):
        assert not model.objects.filter(organisation=personas.org_a).exists()


def test_system_check_flags_a_model_without_scoped_manager(monkeypatch):
    from werkbezoek.organisations import checks as scoping_checks
    from werkbezoek.organisations.models import Organisation

    class Unscoped:
        class _meta:
            label = "example.Unscoped"

        _default_manager = Organisation.objects  # a plain manager

    monkeypatch.setattr(scoping_checks, "organisation_owned_models", lambda: [Unscoped])
    errors = scoping_checks.check_scoped_managers()
    assert [error.id for error in errors] == ["werkbezoek.E001"]
