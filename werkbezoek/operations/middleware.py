import logging
import time

logger = logging.getLogger("werkbezoek.request")


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration, user, organisation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if not request.path_info.startswith("/static/"):
            user = getattr(request, "user", None)
            organisation = getattr(request, "organisation", None)
            fields = {
                "method": request.method,
                # escaped so a crafted path cannot forge log lines
                "path": request.path_info.encode("unicode_escape").decode("ascii"),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "organisation": organisation.slug if organisation else None,
            }
            logger.info("%(method)s %(path)s %(status)s %(duration_ms)sms", fields, extra=fields)
        return response
