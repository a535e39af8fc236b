"""A visit and its rows as the visit's pages read them, each query built once per process
and asked for with the visit's id (organisations.scoping.built_once): the visit page makes
a dozen of these small reads, and building each cost Django more than running it.

Each list comes back with its rows' `visit` set to the visit given, as
`visit.<rows>.all()` would, so reading it costs no query."""

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


def date_options(visit) -> list[DateOption]:
    return _of(visit, _date_options)


def guests(visit) -> list[Guest]:
    """With their people from the register."""
    return _of(visit, _guests)


def team(visit) -> list[TeamMember]:
    """What the visit page shows of its team: names and roles."""
    return _of(visit, _team)


def tasks(visit) -> list[ChecklistTask]:
    return _of(visit, _tasks)


def history(visit) -> list[StatusChange]:
    """Its status changes: when, from and to, and who (by name)."""
    return _of(visit, _history)


def blocks(visit) -> list[ProgrammeBlock]:
    return _of(visit, _blocks)


def stops(visit) -> list[Stop]:
    return _of(visit, _stops)


def _of(visit, read) -> list:
    rows = list(read(visit=visit.pk))
    set_related(rows, "visit", [visit])
    return rows


@built_once
def _visits_with_template():
    return Visit.objects.when_run().select_related("template").filter(pk=given_id("visit"))


@built_once
def _date_options():
    return DateOption.objects.when_run().filter(visit_id=given_id("visit"))


@built_once
def _guests():
    return Guest.objects.when_run().filter(visit_id=given_id("visit")).select_related("person")


@built_once
def _team():
    return (
        TeamMember.objects.when_run()
        .filter(visit_id=given_id("visit"))
        .select_related("membership__user")
        .only("visit_id", "name", "role", "membership__user__full_name", "membership__user__email")
    )


@built_once
def _tasks():
    return ChecklistTask.objects.when_run().filter(visit_id=given_id("visit"))


@built_once
def _history():
    return (
        StatusChange.objects.when_run()
        .filter(visit_id=given_id("visit"))
        .select_related("actor")
        .only("visit_id", "at", "from_status", "to_status", "actor__full_name", "actor__email")
    )


@built_once
def _blocks():
    return ProgrammeBlock.objects.when_run().filter(visit_id=given_id("visit"))


@built_once
def _stops():
    return Stop.objects.when_run().filter(visit_id=given_id("visit"))
