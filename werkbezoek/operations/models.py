from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """A running task worker writes `last_seen` every few seconds; /healthz reads it."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.hostname}:{self.pid}"


class PeriodicJobRun(models.Model):
    """When each periodic job was last enqueued: the compare-and-set on this row makes
    sure that of several workers only one enqueues a due job."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name
