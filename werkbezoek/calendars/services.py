"""Importing a calendar: all meetings of a feed are replaced at once, or nothing changes."""

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from werkbezoek.people.models import Body, Meeting, Municipality

from .fetching import FetchError, fetch
from .models import CalendarFeed
from .parsing import CalendarError, MeetingSpec, parse


def council_of(municipality: Municipality) -> Body:
    """The municipality's council (reference data; created the first time it is needed)."""
    body, _created = Body.objects.get_or_create(
        code=f"GR-{municipality.code}",
        defaults={
            "kind": Body.Kind.COUNCIL,
            "name": f"Gemeenteraad {municipality.name}",
            "municipality": municipality,
        },
    )
    return body


def _uid(feed: CalendarFeed, uid: str) -> str:
    # Unique across organisations: the same public calendar may be imported by many.
    digest = hashlib.sha256(uid.encode()).hexdigest()[:40]
    return f"feed{feed.pk}:{digest}"


@transaction.atomic
def meetings_replace(feed: CalendarFeed, specs: list[MeetingSpec]) -> int:
    Meeting.objects.filter(feed=feed).delete()
    unique = {spec.uid: spec for spec in specs}
    Meeting.objects.bulk_create(
        [
            Meeting(
                organisation=feed.organisation,
                feed=feed,
                body=feed.body,
                uid=_uid(feed, spec.uid),
                title=spec.title,
                starts_at=spec.starts_at,
                ends_at=spec.ends_at,
                source=feed.name[:300],
            )
            for spec in unique.values()
        ]
    )
    feed.meeting_count = len(unique)
    feed.last_fetched_at = timezone.now()
    feed.last_error = ""
    feed.save(update_fields=["meeting_count", "last_fetched_at", "last_error"])
    return len(unique)


@transaction.atomic
def feed_upload(*, organisation, municipality, kind, name, specs, actor) -> CalendarFeed:
    """A new feed from an uploaded, already parsed file."""
    feed = CalendarFeed.objects.create(
        organisation=organisation,
        body=council_of(municipality),
        kind=kind,
        name=name[:300],
        created_by=actor,
    )
    meetings_replace(feed, specs)
    return feed


@transaction.atomic
def feed_subscribe(*, organisation, municipality, url, actor) -> CalendarFeed:
    from .tasks import calendar_refresh

    feed = CalendarFeed.objects.create(
        organisation=organisation,
        body=council_of(municipality),
        kind=CalendarFeed.Kind.SUBSCRIPTION,
        name=url[:300],
        url=url,
        created_by=actor,
    )
    transaction.on_commit(lambda: calendar_refresh.enqueue(feed_id=feed.pk))
    return feed


def feed_refresh(feed: CalendarFeed) -> str:
    """Fetch a subscription again. A failure keeps the old meetings and records why."""
    try:
        specs = parse(fetch(feed.url), CalendarFeed.Kind.ICS_FILE)
    except (FetchError, CalendarError) as error:
        feed.last_error = str(error)
        feed.last_fetched_at = timezone.now()
        feed.save(update_fields=["last_error", "last_fetched_at"])
        return "failed"
    meetings_replace(feed, specs)
    return "ok"


def refresh_due_subscriptions() -> int:
    """Queue a fetch for every subscription not fetched for a day (run by the worker)."""
    from django.conf import settings
    from django.db.models import Q
    from django_scopes import scopes_disabled

    from .tasks import calendar_refresh

    due = timezone.now() - datetime.timedelta(hours=settings.WERKBEZOEK_CALENDAR_REFRESH_HOURS)
    with scopes_disabled():
        ids = list(
            CalendarFeed.objects.filter(kind=CalendarFeed.Kind.SUBSCRIPTION)
            .filter(Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lt=due))
            .values_list("pk", flat=True)
        )
    for feed_id in ids:
        calendar_refresh.enqueue(feed_id=feed_id)
    return len(ids)
