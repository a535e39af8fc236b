"""The registry of periodic jobs. Apps declare theirs in `AppConfig.ready()`:

    periodic.register("calendars.refresh_subscriptions", every=timedelta(hours=1),
                      task=refresh_subscriptions)

The worker (operations.periodic) enqueues each job's task when it is due, once across all
workers; the task then runs like any other. A job's task takes no arguments: it looks up
what is due itself and is idempotent, so running it once too often does no harm.
"""

import datetime
from dataclasses import dataclass

from django.tasks import Task


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: datetime.timedelta
    task: Task


JOBS: dict[str, PeriodicJob] = {}


def register(name: str, *, every: datetime.timedelta, task: Task) -> PeriodicJob:
    if name in JOBS and JOBS[name].task is not task:
        raise ValueError(f"Periodic job {name!r} is registered twice.")
    JOBS[name] = PeriodicJob(name=name, every=every, task=task)
    return JOBS[name]
