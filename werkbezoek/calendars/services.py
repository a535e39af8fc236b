"""Importing a calendar: all meetings of a feed are replaced at once, or nothing changes."""

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from werkbezoek.organisations import audit
from werkbezoek.reference.models import Body, Municipality

from .fetching import FetchError, fetch
from .models import CalendarFeed, Meeting
from .parsing import CalendarError, MeetingSpec, parse

FEED_ADDED = audit.action("calendars.feed.added", gettext_lazy("meeting calendar added"))
FEED_REFRESH_ASKED = audit.action(
    "calendars.feed.refresh_requested", gettext_lazy("meeting calendar fetched again")
)
FEED_REMOVED = audit.action("calendars.feed.removed", gettext_lazy("meeting calendar removed"))
FEED_EVENING_SET = audit.action(
    "calendars.feed.evening_set", gettext_lazy("evening meetings setting changed")
)


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
    """A feed from an uploaded, already parsed file. The same file for the same council
    again (a newer export) replaces that feed's meetings instead of adding a second feed."""
    body = council_of(municipality)
    feed = CalendarFeed.objects.filter(body=body, kind=kind, name=name[:300]).first()
    if feed is None:
        feed = CalendarFeed.objects.create(
            organisation=organisation, body=body, kind=kind, name=name[:300], created_by=actor
        )
    meetings_replace(feed, specs)
    audit.record(organisation=organisation, actor=actor, action=FEED_ADDED, target=feed)
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
    transaction.on_commit(
        lambda: calendar_refresh.enqueue(organisation_id=organisation.pk, feed_id=feed.pk)
    )
    audit.record(organisation=organisation, actor=actor, action=FEED_ADDED, target=feed)
    return feed


@transaction.atomic
def feed_refresh_queue(*, feed: CalendarFeed, actor) -> None:
    """Fetch a subscription again soon, in the background."""
    from .tasks import calendar_refresh

    transaction.on_commit(
        lambda: calendar_refresh.enqueue(organisation_id=feed.organisation_id, feed_id=feed.pk)
    )
    audit.record(
        organisation=feed.organisation, actor=actor, action=FEED_REFRESH_ASKED, target=feed
    )


@transaction.atomic
def feed_evening_set(*, feed: CalendarFeed, actor, blocks_day: bool) -> None:
    """Whether this council's evening meetings keep its members busy the whole day."""
    feed.evening_blocks_day = blocks_day
    feed.save(update_fields=["evening_blocks_day"])
    audit.record(
        organisation=feed.organisation,
        actor=actor,
        action=FEED_EVENING_SET,
        target=feed,
        blocks_day=blocks_day,
    )


@transaction.atomic
def feed_remove(*, feed: CalendarFeed, actor) -> None:
    """Remove an imported calendar with its meetings."""
    audit.record(organisation=feed.organisation, actor=actor, action=FEED_REMOVED, target=feed)
    feed.delete()


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
    """Queue a fetch for the subscriptions not fetched for a day (a periodic job).

    At most a few per organisation per run, the longest-waiting first: an organisation
    with many (or slow) calendars cannot fill the queue for everyone else."""
    from django.conf import settings
    from django.db.models import F, Q
    from django_scopes import scopes_disabled

    from .tasks import calendar_refresh

    due = timezone.now() - datetime.timedelta(hours=settings.WERKBEZOEK_CALENDAR_REFRESH_HOURS)
    per_organisation = settings.WERKBEZOEK_CALENDAR_FEEDS_PER_RUN
    # A fan-out over every organisation's feeds: ids only, each fetch runs in its own scope.
    with scopes_disabled():
        rows = list(
            CalendarFeed.objects.filter(kind=CalendarFeed.Kind.SUBSCRIPTION)
            .filter(Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lt=due))
            .order_by("organisation_id", F("last_fetched_at").asc(nulls_first=True), "pk")
            .values_list("organisation_id", "pk")
        )
    queued: dict[int, int] = {}
    for organisation_id, feed_id in rows:
        if queued.get(organisation_id, 0) >= per_organisation:
            continue  # the rest waits for the next run
        calendar_refresh.enqueue(organisation_id=organisation_id, feed_id=feed_id)
        queued[organisation_id] = queued.get(organisation_id, 0) + 1
    return sum(queued.values())
