"""A visit and its rows as the visit's pages read them, each query built once per process
and asked for with the visit's id (organisations.scoping.built_once): the visit page makes
a dozen of these small reads, and building each cost Django more than running it.

Each list comes back with its rows' `visit` set to the visit given, as
`visit.<rows>.all()` would, so reading it costs no query."""

import functools

from django.shortcuts import get_object_or_404

from werkbezoek.lib.late import given_id
from werkbezoek.lib.related import set_related
from werkbezoek.organisations.scoping import built_once

from .models import (
    ChecklistTask,
    DateOption,
    Guest,
    ProgrammeBlock,
    StatusChange,
    Stop,
    TeamMember,
    Visit,
)


def visit_or_404(pk) -> Visit:
    """The organisation's visit with its template; another's or none: 404."""
    return get_object_or_404(_visits_with_template(visit=pk))


@built_once
def _visits_with_template():
    return Visit.objects.when_run().select_related("template").filter(pk=given_id("visit"))


def rows_of_visit(build):
    """`build()`'s query, of rows with `visit_id=given_id("visit")`, built once; the
    decorated function takes the visit and returns the list of its rows."""
    read = built_once(build)

    @functools.wraps(build)
    def rows(visit) -> list:
        found = list(read(visit=visit.pk))
        set_related(found, "visit", [visit])
        return found

    return rows


@rows_of_visit
def date_options():
    return DateOption.objects.when_run().filter(visit_id=given_id("visit"))


@rows_of_visit
def guests():
    """With their people from the register."""
    return Guest.objects.when_run().filter(visit_id=given_id("visit")).select_related("person")


@rows_of_visit
def team():
    """What the visit page shows of its team: names and roles."""
    return (
        TeamMember.objects.when_run()
        .filter(visit_id=given_id("visit"))
        .select_related("membership__user")
        .only("visit_id", "name", "role", "membership__user__full_name", "membership__user__email")
    )


@rows_of_visit
def tasks():
    return ChecklistTask.objects.when_run().filter(visit_id=given_id("visit"))


@rows_of_visit
def history():
    """Its status changes: when, from and to, and who (by name)."""
    return (
        StatusChange.objects.when_run()
        .filter(visit_id=given_id("visit"))
        .select_related("actor")
        .only("visit_id", "at", "from_status", "to_status", "actor__full_name", "actor__email")
    )


@rows_of_visit
def blocks():
    return ProgrammeBlock.objects.when_run().filter(visit_id=given_id("visit"))


@rows_of_visit
def stops():
    return Stop.objects.when_run().filter(visit_id=given_id("visit"))
