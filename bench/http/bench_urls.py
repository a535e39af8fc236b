"""The project's URLs plus what the HTTP benchmark compares them with: a trivial view and a
one-query view behind the same middleware and access check, and the admin changelist of
the same people (Django's own list of a large table, as a peer)."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from werkbezoek.organisations.access import reader_required
from werkbezoek.people.models import Person


@reader_required
@require_safe
def trivial(request, org):
    return HttpResponse("ok")


@reader_required
@require_safe
def one_query(request, org):
    return HttpResponse(str(Person.objects.filter(organisation=request.organisation).count()))


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "initials", "prefix", "given_name", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["family_name", "given_name"]
    list_per_page = 50


# Imported after the registration above: the admin builds its URLs when the project's
# URLconf is imported.
from werkbezoek.urls import urlpatterns as project_urls  # noqa: E402

urlpatterns = [
    path("o/<slug:org>/bench/trivial/", trivial),
    path("o/<slug:org>/bench/one-query/", one_query),
    *project_urls,
]
