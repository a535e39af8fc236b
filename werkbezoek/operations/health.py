from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import WorkerHeartbeat


def database_alive() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def live_workers():
    """Workers that reported within three heartbeat intervals and did not stop."""
    since = timezone.now() - timedelta(seconds=3 * settings.WERKBEZOEK_WORKER_HEARTBEAT_SECONDS)
    return WorkerHeartbeat.objects.filter(last_seen__gte=since, stopped_at__isnull=True)
