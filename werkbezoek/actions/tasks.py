import datetime

from django.tasks import task

from werkbezoek.organisations.models import Organisation
from werkbezoek.organisations.tasks import organisation_task

from . import digest


@organisation_task(priority=-5)
def organisation_digest(*, organisation, day: str) -> int:
    """The daily reminders of one organisation for `day` (ISO date); safe to run twice."""
    return digest.digests_send(organisation, datetime.date.fromisoformat(day))


@task(priority=-5)
def digests_due() -> int:
    """Periodic job (hourly): from the morning on, queue each organisation's reminders for
    today; the ones already sent today are skipped by the organisation's run."""
    today = digest.morning()
    if today is None:
        return 0
    ids = list(Organisation.objects.values_list("pk", flat=True))
    for organisation_id in ids:
        organisation_digest.enqueue(organisation_id=organisation_id, day=today.isoformat())
    return len(ids)
