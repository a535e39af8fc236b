from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import database_alive, live_workers


@never_cache
@require_GET
def healthz(request):
    """Liveness for load balancers and monitoring: the database answers and a task worker
    sent a heartbeat lately. Without a worker no mail goes out, so that is a 503 too."""
    database_ok = database_alive()
    workers = live_workers().count() if database_ok else 0
    healthy = database_ok and workers > 0
    body = {
        "status": "ok" if healthy else "error",
        "database": database_ok,
        "worker": workers > 0,
        "workers": workers,
    }
    return JsonResponse(body, status=200 if healthy else 503)
