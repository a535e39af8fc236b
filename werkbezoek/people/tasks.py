"""Background work on the register, each run in one organisation's scope."""

from werkbezoek.organisations.tasks import organisation_task

from .models import Person
from .services import person_merge


@organisation_task()
def merge_duplicate_record(*, organisation, source_id: int, target_id: int):
    """A newer source shows two public records are one person: this organisation's
    assessment, stances, contacts and guest rows move to the record that stays."""
    source = Person.objects.filter(pk=source_id).first()
    target = Person.objects.filter(pk=target_id).first()
    if source is None or target is None:
        return "gone"
    person_merge(organisation=organisation, source=source, target=target, actor=None)
    return "merged"
