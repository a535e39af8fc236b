from django.contrib import admin
from django.urls import include, path

from werkbezoek.operations.views import healthz
from werkbezoek.organisations.views import home


def _superuser_only(request):
    return request.user.is_active and request.user.is_superuser


# The admin spans organisations, so only superusers (not mere staff) may use it.
admin.site.has_permission = _superuser_only
admin.site.site_header = "Werkbezoek beheer"

urlpatterns = [
    path("", home, name="home"),
    path("account/", include("werkbezoek.accounts.urls")),
    path("", include("werkbezoek.organisations.urls")),
    path("", include("werkbezoek.people.urls")),
    path("", include("werkbezoek.imports.urls")),
    path("", include("werkbezoek.visits.urls")),
    path("", include("werkbezoek.documents.urls")),
    path("", include("werkbezoek.calendars.urls")),
    path("", include("werkbezoek.actions.urls")),
    path("", include("werkbezoek.umbrella.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
