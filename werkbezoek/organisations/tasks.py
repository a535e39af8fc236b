"""The one way background work runs for an organisation.

A worker has no request and so no scope. `organisation_task` gives every task that works
for one organisation the same start as a request gets from the middleware: it takes
`organisation_id`, loads the organisation and runs the body inside its scope (as pretix's
EventTask does). So a task reads exactly what a member of that organisation would, and
private-data code that asks `current_organisation()` works in it unchanged.
"""

import functools

from django.tasks import task
from django_scopes import scope

from .models import Organisation

GONE = "gone"


def organisation_task(function=None, **task_options):
    """Decorator: a django.tasks task whose body runs in one organisation's scope.

    Enqueue with `organisation_id=` plus the body's own keyword arguments (ids); the body
    receives `organisation=` instead of the id. An organisation deleted in the meantime
    ends the task quietly ("gone"), as tasks are idempotent.
    """

    def decorate(body):
        @functools.wraps(body)
        def run(*, organisation_id: int, **kwargs):
            organisation = Organisation.objects.filter(pk=organisation_id).first()
            if organisation is None:
                return GONE
            with scope(organisation=organisation):
                return body(organisation=organisation, **kwargs)

        run.runs_in_organisation_scope = True
        return task(**task_options)(run)

    if function is not None:
        return decorate(function)
    return decorate
