from django.contrib import messages
from django.db.models import Max, Min
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.organisations.access import editor_required, reader_required

from . import services
from .forms import CalendarForm
from .models import CalendarFeed


def _list_page(request, form=None):
    form = form or CalendarForm(
        initial={"municipality": request.organisation.municipalities.first()}
    )
    feeds = CalendarFeed.objects.select_related("body").annotate(
        first=Min("meetings__starts_at"), last=Max("meetings__starts_at")
    )
    return render(request, "calendars/list.html", {"form": form, "feeds": feeds})


@reader_required
@require_safe
def calendar_list(request, org):
    return _list_page(request)


@editor_required
@require_POST
def calendar_add(request, org):
    form = CalendarForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list_page(request, form)
    data = form.cleaned_data
    if data["file"]:
        feed = services.feed_upload(
            organisation=request.organisation,
            municipality=data["municipality"],
            kind=form.kind,
            name=data["file"].name,
            specs=form.specs,
            actor=request.user,
        )
        messages.success(
            request,
            _("%(count)d meetings imported from %(name)s.")
            % {"count": feed.meeting_count, "name": feed.name},
        )
    else:
        services.feed_subscribe(
            organisation=request.organisation,
            municipality=data["municipality"],
            url=data["url"],
            actor=request.user,
        )
        messages.success(
            request, _("The subscription is saved; the calendar is fetched in a moment.")
        )
    return redirect("calendars:list", org=org)


@editor_required
@require_POST
def feed_refresh(request, org, pk):
    feed = get_object_or_404(CalendarFeed, pk=pk, kind=CalendarFeed.Kind.SUBSCRIPTION)
    services.feed_refresh_queue(feed=feed, actor=request.user)
    messages.success(request, _("The calendar is fetched again in a moment."))
    return redirect("calendars:list", org=org)


@editor_required
@require_POST
def feed_remove(request, org, pk):
    feed = get_object_or_404(CalendarFeed, pk=pk)
    services.feed_remove(feed=feed, actor=request.user)
    messages.success(request, _("%(name)s and its meetings are removed.") % {"name": feed.name})
    return redirect("calendars:list", org=org)
