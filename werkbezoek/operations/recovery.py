"""Put tasks back in the queue when the worker running them died (django-tasks-db has no
such recovery). Safe because every task is idempotent: e-mail, for instance, is claimed by
compare-and-set, so a message that may have gone out stays in SENDING and is not resent."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .health import live_workers

logger = logging.getLogger("werkbezoek.worker")

# A task that started less than this long ago is left alone even if its worker looks gone,
# to allow for a heartbeat that is merely late.
GRACE = timedelta(minutes=2)


def requeue_orphaned_tasks() -> list[str]:
    """Re-queue RUNNING tasks whose worker sends no heartbeat; returns their ids."""
    alive = set(live_workers().values_list("worker_id", flat=True))
    started_before = timezone.now() - GRACE
    requeued = []
    candidates = DBTaskResult.objects.running().filter(started_at__lt=started_before)
    for task in candidates.only("id", "worker_ids"):
        if task.worker_ids and task.worker_ids[-1] in alive:
            continue
        # Compare-and-set: another worker's reaper may get there first.
        if DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").update(status="READY"):
            requeued.append(str(task.pk))
            logger.warning("requeued orphaned task", extra={"task_id": str(task.pk)})
    return requeued
