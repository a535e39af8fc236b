from django.tasks import task

from werkbezoek.organisations.tasks import GONE, organisation_task

from .models import CalendarFeed
from .services import feed_refresh


@organisation_task()
def calendar_refresh(*, organisation, feed_id: int) -> str:
    # The scope is the organisation's: another organisation's feed id finds nothing.
    feed = CalendarFeed.objects.filter(pk=feed_id).first()
    if feed is None or feed.kind != CalendarFeed.Kind.SUBSCRIPTION:
        return GONE
    return feed_refresh(feed)


@task()
def subscriptions_refresh() -> int:
    """Periodic job: queue a fetch for every subscription not fetched for a day."""
    from .services import refresh_due_subscriptions

    return refresh_due_subscriptions()
