from django.tasks import task

from .throttle import forget_old


@task()
def throttle_cleanup() -> int:
    """Periodic job: counted attempts older than a day are not needed any more."""
    return forget_old()
