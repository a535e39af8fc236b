from django.contrib import messages
from django.db.models import Max, Min
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbezoek.organisations.access import editor_required, reader_required, require_role
from werkbezoek.organisations.models import Role

from . import services
from .forms import CalendarForm
from .models import CalendarFeed
from .tasks import calendar_refresh


@reader_required
def calendar_list(request, org):
    form = CalendarForm(
        request.POST or None,
        request.FILES or None,
        initial={"municipality": request.organisation.municipalities.first()},
    )
    if request.method == "POST":
        require_role(request, Role.EDITOR)
        if form.is_valid():
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
    feeds = CalendarFeed.objects.select_related("body").annotate(
        first=Min("meetings__starts_at"), last=Max("meetings__starts_at")
    )
    return render(request, "calendars/list.html", {"form": form, "feeds": feeds})


@editor_required
@require_POST
def feed_action(request, org, pk):
    feed = get_object_or_404(CalendarFeed, pk=pk)
    if request.POST.get("action") == "delete":
        name = feed.name
        feed.delete()
        messages.success(request, _("%(name)s and its meetings are removed.") % {"name": name})
    elif feed.kind == CalendarFeed.Kind.SUBSCRIPTION:
        calendar_refresh.enqueue(feed_id=feed.pk)
        messages.success(request, _("The calendar is fetched again in a moment."))
    return redirect("calendars:list", org=org)
