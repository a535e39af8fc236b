from django.contrib import messages
from django.db.models import Max, Min
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from werkbezoek.organisations.access import editor_required, reader_required
from werkbezoek.reference.models import Municipality

from . import services
from .forms import CalendarForm
from .models import CalendarFeed


def _back_to(request) -> str:
    """Where to return after an import: a page of this organisation (the visit's date step)."""
    target = request.POST.get("terug") or request.GET.get("terug") or ""
    own = f"/o/{request.organisation.slug}/"
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe and target.startswith(own) else ""


def _list_page(request, form=None):
    chosen = request.GET.get("gemeente", "")
    municipality = (
        Municipality.objects.filter(pk=chosen).first()
        if chosen.isdecimal() and len(chosen) < 10
        else None
    ) or request.organisation.municipalities.first()
    form = form or CalendarForm(initial={"municipality": municipality})
    feeds = CalendarFeed.objects.select_related("body").annotate(
        first=Min("meetings__starts_at"), last=Max("meetings__starts_at")
    )
    return render(
        request, "calendars/list.html", {"form": form, "feeds": feeds, "back": _back_to(request)}
    )


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
            ngettext(
                "%(count)d meeting imported from %(name)s.",
                "%(count)d meetings imported from %(name)s.",
                feed.meeting_count,
            )
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
    return redirect(_back_to(request) or reverse("calendars:list", args=[org]))


@editor_required
@require_POST
def feed_refresh(request, org, pk):
    feed = get_object_or_404(CalendarFeed, pk=pk, kind=CalendarFeed.Kind.SUBSCRIPTION)
    services.feed_refresh_queue(feed=feed, actor=request.user)
    messages.success(request, _("The calendar is fetched again in a moment."))
    return redirect("calendars:list", org=org)


@editor_required
@require_POST
def feed_evening(request, org, pk):
    feed = get_object_or_404(CalendarFeed, pk=pk)
    blocks_day = request.POST.get("hele_dag") == "ja"
    services.feed_evening_set(feed=feed, actor=request.user, blocks_day=blocks_day)
    if blocks_day:
        message = _("%(body)s: an evening meeting now blocks the whole day.")
    else:
        message = _("%(body)s: on a day with an evening meeting, daytime visits are possible.")
    messages.success(request, message % {"body": feed.body.name})
    return redirect("calendars:list", org=org)


@editor_required
@require_POST
def feed_remove(request, org, pk):
    feed = get_object_or_404(CalendarFeed, pk=pk)
    services.feed_remove(feed=feed, actor=request.user)
    messages.success(request, _("%(name)s and its meetings are removed.") % {"name": feed.name})
    return redirect("calendars:list", org=org)
