"""Enqueue the periodic jobs that are due (lib.periodic holds the registry)."""

import logging

from django.utils import timezone

from werkbezoek.lib.periodic import JOBS

from .models import PeriodicJobRun

logger = logging.getLogger("werkbezoek.worker")


def enqueue_due_jobs(now=None) -> list[str]:
    """Enqueue every job whose interval has passed; returns the names enqueued.

    Each job is claimed with a compare-and-set on its row, so two workers checking at the
    same moment enqueue it once.
    """
    now = now or timezone.now()
    enqueued = []
    for job in JOBS.values():
        run, _created = PeriodicJobRun.objects.get_or_create(name=job.name)
        last = run.last_enqueued_at
        if last is not None and now - last < job.every:
            continue
        claimed = PeriodicJobRun.objects.filter(pk=run.pk, last_enqueued_at=last).update(
            last_enqueued_at=now
        )
        if claimed:
            job.task.enqueue()
            enqueued.append(job.name)
            logger.info("periodic job enqueued", extra={"job": job.name})
    return enqueued
