"""One scoping semantics for every organisation-owned model, proven on real rows.

Both organisations get one row of every scoped model (testing.seed_every_scoped_model), on
the same public person, so a manager that filters wrongly shows the other's row here.
"""

import datetime
from unittest import mock

import pytest
from django.core.checks.registry import registry
from django.utils import timezone
from django_scopes import ScopeError, scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.lib.late import given_id, local_today
from werkbezoek.organisations.checks import check_scoped_managers, organisation_owned_models
from werkbezoek.organisations.scoping import SharedOrOwnManager, built_once
from werkbezoek.visits.models import Visit

MODELS = sorted(organisation_owned_models(), key=lambda model: model._meta.label)
LABELS = [model._meta.label for model in MODELS]


@pytest.fixture
def seeded(personas):
    council = testing.make_council()
    person = testing.make_public_person("Hoekstra", "alderman", council.executive)
    return {
        "a": testing.seed_every_scoped_model(personas.org_a, personas.admin, person),
        "b": testing.seed_every_scoped_model(personas.org_b, personas.outsider, person),
    }


def shares_public_rows(model) -> bool:
    return isinstance(model._default_manager, SharedOrOwnManager)


def test_every_scoped_model_is_seeded(seeded):
    assert set(seeded["a"]) == set(LABELS)
    assert all(row is not None and row.pk for row in seeded["a"].values())


def test_system_check_finds_no_unscoped_model():
    assert check_scoped_managers() == []
    assert check_scoped_managers in registry.get_checks()


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_outside_a_scope_every_query_raises(model, seeded):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=seeded["a"][model._meta.label].pk).exists()


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_a_scope_shows_own_rows_and_never_the_others(model, personas, seeded):
    label = model._meta.label
    for mine, theirs, organisation in (("a", "b", personas.org_a), ("b", "a", personas.org_b)):
        with scope(organisation=organisation):
            visible = model.objects.all()
            assert visible.filter(pk=seeded[mine][label].pk).exists()
            assert not visible.filter(pk=seeded[theirs][label].pk).exists()
            owners = set(visible.values_list("organisation_id", flat=True))
            allowed = {organisation.pk, None} if shares_public_rows(model) else {organisation.pk}
            assert owners <= allowed
            assert set(model.objects.own().values_list("organisation_id", flat=True)) == {
                organisation.pk
            }


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_with_scope_narrows_one_query_the_same_way(model, personas, seeded):
    label = model._meta.label
    narrowed = model.objects.with_scope(organisation=personas.org_a)
    assert narrowed.filter(pk=seeded["a"][label].pk).exists()
    assert not narrowed.filter(pk=seeded["b"][label].pk).exists()
    assert set(narrowed.own().values_list("organisation_id", flat=True)) == {personas.org_a.pk}


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_none_a_list_or_a_stray_value_is_refused(model, personas, seeded):
    for value in (None, [personas.org_a, personas.org_b], personas.org_a.pk):
        with scope(organisation=value), pytest.raises(ScopeError):
            list(model.objects.all())
        with pytest.raises(ScopeError):
            model.objects.with_scope(organisation=value)


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_there_is_no_way_to_disable_the_scope_per_query(model):
    assert not hasattr(model.objects, "with_scopes_disabled")


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


def test_a_models_own_queryset_methods_refuse_outside_a_scope_too(db):
    import datetime

    from werkbezoek.people.models import Position

    with pytest.raises(ScopeError):
        list(Position.objects.held_on(datetime.date(2026, 1, 1)))


# --- Queries built once (scoping.built_once, Model.objects.when_run()) ----------------------


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_a_query_built_once_shows_each_run_the_rows_of_the_scope_it_runs_in(
    model, personas, seeded
):
    label = model._meta.label
    every_row = built_once(lambda: model.objects.when_run())
    for mine, theirs, organisation in (("a", "b", personas.org_a), ("b", "a", personas.org_b)):
        with scope(organisation=organisation):
            assert every_row().filter(pk=seeded[mine][label].pk).exists()
            assert not every_row().filter(pk=seeded[theirs][label].pk).exists()
            owners = set(every_row().values_list("organisation_id", flat=True))
            allowed = {organisation.pk, None} if shares_public_rows(model) else {organisation.pk}
            assert owners <= allowed


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_a_query_built_once_refuses_to_run_without_one_organisations_scope(model, personas, seeded):
    every_row = built_once(lambda: model.objects.when_run())
    with pytest.raises(ScopeError):
        list(every_row())
    with scopes_disabled(), pytest.raises(ScopeError):
        list(every_row())
    for value in (None, [personas.org_a, personas.org_b], personas.org_a.pk):
        with scope(organisation=value), pytest.raises(ScopeError):
            list(every_row())


def test_a_query_built_once_cannot_fix_one_organisation_in_it(personas):
    # Built with the scoped manager, the first caller's organisation would be written into
    # the query for every caller after it: building happens outside any scope, so it raises.
    fixed = built_once(lambda: Visit.objects.filter(title="Schooltuin"))
    with scope(organisation=personas.org_a), pytest.raises(ScopeError):
        fixed()


def test_each_call_of_a_query_built_once_is_a_fresh_query_built_only_once(personas):
    builds = []

    def titles():
        builds.append(1)
        return Visit.objects.when_run().values_list("title", flat=True)

    titles = built_once(titles)
    with scope(organisation=personas.org_a):
        testing.make_visit(personas.org_a, title="Bezoek van A")
        first = titles()
        assert list(first) == ["Bezoek van A"]
    with scope(organisation=personas.org_b):
        testing.make_visit(personas.org_b, title="Bezoek van B")
        # The first call's rows stay with the first call's query.
        assert list(titles()) == ["Bezoek van B"]
    assert list(first) == ["Bezoek van A"]
    assert len(builds) == 1


def test_a_query_built_once_reads_the_day_it_runs_on(personas):
    upcoming = built_once(
        lambda: (
            Visit.objects.when_run().filter(date__gte=local_today()).values_list("title", flat=True)
        )
    )
    soon = timezone.localdate() + datetime.timedelta(days=3)
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(personas.org_a, title="Over drie dagen")
        Visit.objects.filter(pk=visit.pk).update(date=soon)
        assert list(upcoming()) == ["Over drie dagen"]
        a_week_later = timezone.now() + datetime.timedelta(days=7)
        with mock.patch("django.utils.timezone.now", return_value=a_week_later):
            assert list(upcoming()) == []


def test_a_query_built_once_takes_the_values_its_caller_gives(personas):
    titled = built_once(
        lambda: (
            Visit.objects.when_run().filter(pk=given_id("visit")).values_list("title", flat=True)
        )
    )
    with scope(organisation=personas.org_a):
        visit = testing.make_visit(personas.org_a, title="Bezoek van A")
        other = testing.make_visit(personas.org_a, title="Nog een bezoek")
        assert list(titled(visit=visit.pk)) == ["Bezoek van A"]
        assert list(titled(visit=other.pk)) == ["Nog een bezoek"]
        with pytest.raises(TypeError, match="visit="):
            list(titled())
        # A forged id too large for the column finds nothing, as a filter on it would.
        assert list(titled(visit=2**70)) == []
    with scope(organisation=personas.org_b):
        # Another organisation's id finds nothing: the scope still applies.
        assert list(titled(visit=visit.pk)) == []
