from django.tasks import task

from werkbezoek.organisations.tasks import GONE, organisation_task

from .models import CalendarFeed
from .services import feed_refresh


# Behind mail and imports in the queue (priority), and bounded in time (fetching.py).
@organisation_task(priority=-10)
def calendar_refresh(*, organisation, feed_id: int) -> str:
    # The scope is the organisation's: another organisation's feed id finds nothing.
    feed = CalendarFeed.objects.filter(pk=feed_id).first()
    if feed is None or feed.kind != CalendarFeed.Kind.SUBSCRIPTION:
        return GONE
    return feed_refresh(feed)


@task(priority=-10)
def subscriptions_refresh() -> int:
    """Periodic job: queue a fetch for every subscription not fetched for a day."""
    from .services import refresh_due_subscriptions

    return refresh_due_subscriptions()
