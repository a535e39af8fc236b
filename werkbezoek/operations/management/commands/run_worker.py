"""Run the background task worker with a heartbeat that /healthz reads, put back in the
queue any task whose worker died (see operations/recovery.py), and enqueue the periodic
jobs that apps registered (lib/periodic.py) when they are due.

Wraps django-tasks-db's worker; SIGTERM or SIGINT ends the loop at its next turn (a running task
finishes first), then the worker marks itself stopped and exits.
"""

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker as TasksDbWorker
from django_tasks_db.utils import is_locked_database_exception

from werkbezoek.operations.models import WorkerHeartbeat
from werkbezoek.operations.periodic import enqueue_due_jobs
from werkbezoek.operations.recovery import requeue_orphaned_tasks

logger = logging.getLogger("werkbezoek.worker")
SCHEDULE_SECONDS = 60  # how often due periodic jobs are looked for
LOCKED_PAUSE_SECONDS = 1


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str, interval: float):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopping = threading.Event()

    def beat(self, **fields):
        close_old_connections()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"last_seen": timezone.now(), **fields},
            create_defaults={
                "hostname": socket.gethostname(),
                "pid": os.getpid(),
                "last_seen": timezone.now(),
                **fields,
            },
        )

    def run(self):
        last_schedule = time.monotonic()
        try:
            while not self.stopping.wait(self.interval):
                try:
                    self.beat()
                    requeue_orphaned_tasks()
                    # Only enqueues: the jobs themselves run as tasks, not in this thread.
                    if time.monotonic() - last_schedule > SCHEDULE_SECONDS:
                        enqueue_due_jobs()
                        last_schedule = time.monotonic()
                except Exception:
                    logger.exception("heartbeat failed")
        finally:
            connection.close()


class Worker(TasksDbWorker):
    """django-tasks-db's worker, but the first SIGTERM only asks it to stop.

    The original handler raises SystemExit wherever the main thread happens to be, also
    inside the transaction that claims a task. Django's transaction bookkeeping could then
    be left half-done, and the "stopped" mark written afterwards never committed (seen in
    CI: a cleanly stopped worker still counted as alive). Now the loop ends at its next
    turn, within one polling interval or when the current task is done. A second signal
    still ends the process at once."""

    def shutdown(self, signum, frame) -> None:
        if not self.running:
            super().shutdown(signum, frame)
            return
        logger.info("stopping after the current turn", extra={"signal": signum})
        self.running = False


def run_until_stopped(worker) -> None:
    """Run the worker; "database is locked" (SQLite, a long write elsewhere) pauses it and
    it carries on, instead of ending the process and with it every organisation's mail."""
    while True:
        try:
            worker.run()
            return
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            logger.warning("database locked; the worker waits and carries on")
            close_old_connections()
            if not worker.running:
                return
            time.sleep(LOCKED_PAUSE_SECONDS)


class Command(BaseCommand):
    help = "Run the background worker (e-mail, imports, documents) with a health heartbeat."

    def add_arguments(self, parser):
        # How long an idle worker waits before looking for tasks again: a document or
        # an e-mail asked for waits a quarter of a second on average before it is begun.
        parser.add_argument("--interval", type=float, default=0.5)
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args, interval, batch, **options):
        worker_id = get_random_string(32)
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        # First of all: a SIGTERM during start-up (the first heartbeat already says "up")
        # must stop the worker cleanly, not kill it.
        worker.configure_signals()
        heartbeat = Heartbeat(worker_id, settings.WERKBEZOEK_WORKER_HEARTBEAT_SECONDS)
        try:
            heartbeat.beat()
            requeue_orphaned_tasks()
            enqueue_due_jobs()
            heartbeat.start()
            logger.info("worker started", extra={"worker_id": worker_id})
            run_until_stopped(worker)
        finally:
            heartbeat.stopping.set()
            if heartbeat.is_alive():
                heartbeat.join(timeout=5)
            WorkerHeartbeat.objects.filter(worker_id=worker_id).update(stopped_at=timezone.now())
            logger.info("worker stopped", extra={"worker_id": worker_id})
