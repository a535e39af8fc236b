import logging
import time

from django.conf import settings
from django.shortcuts import render

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


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is too large from its Content-Length, before anything
    reads (or spools to disk) the body. Anonymous requests get a much smaller limit: the
    login, password-reset and invitation forms are small."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        user = getattr(request, "user", None)
        limit = (
            settings.WERKBEZOEK_MAX_REQUEST_BYTES
            if user is not None and user.is_authenticated
            else settings.WERKBEZOEK_MAX_ANONYMOUS_REQUEST_BYTES
        )
        if length > limit:
            logger.warning("request too large", extra={"bytes": length, "limit": limit})
            return render(
                request,
                "413.html",
                {"limit_mb": max(1, round(limit / (1024 * 1024)))},
                status=413,
            )
        return self.get_response(request)
