from django.tasks import task
from django_scopes import scopes_disabled

from .models import CalendarFeed
from .services import feed_refresh


@task()
def calendar_refresh(*, feed_id: int) -> str:
    # The worker has no request, hence no scope: the feed's id was chosen inside one.
    with scopes_disabled():
        feed = CalendarFeed.objects.select_related("organisation").filter(pk=feed_id).first()
        if feed is None or feed.kind != CalendarFeed.Kind.SUBSCRIPTION:
            return "gone"
        return feed_refresh(feed)
