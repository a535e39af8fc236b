from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from werkbezoek.mail.tasks import email_send
from werkbezoek.operations.models import WorkerHeartbeat
from werkbezoek.operations.recovery import requeue_orphaned_tasks


def running_task(worker_id, minutes_ago):
    result = email_send.enqueue(email_id=1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING",
        worker_ids=[worker_id],
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
    return str(result.id)


def test_task_of_a_dead_worker_is_requeued(db):
    WorkerHeartbeat.objects.create(worker_id="alive", hostname="h", pid=1)
    orphan = running_task("dead", minutes_ago=10)
    busy = running_task("alive", minutes_ago=10)
    just_started = running_task("dead", minutes_ago=0)
    assert requeue_orphaned_tasks() == [orphan]
    statuses = dict(DBTaskResult.objects.values_list("id", "status"))
    assert {str(k): v for k, v in statuses.items()} == {
        orphan: "READY",
        busy: "RUNNING",
        just_started: "RUNNING",
    }
    assert requeue_orphaned_tasks() == []
