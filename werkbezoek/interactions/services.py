from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.organisations import audit
from werkbezoek.people.models import Person

from .models import Interaction

CONTACT_LOGGED = audit.action("interactions.contact.logged", gettext_lazy("contact logged"))


@transaction.atomic
def interaction_log(
    *, organisation, actor, date, kind, people, summary, follow_up_needed=False, follow_up=""
) -> Interaction:
    """Record a contact with one or more people from the register."""
    people = list(people)
    if not people:
        raise ValidationError(_("Choose at least one person."))
    # Only people this organisation can see (public or its own): a forged id is refused.
    visible = set(Person.objects.filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    if len(visible) != len({p.pk for p in people}):
        raise ValidationError(_("One of the chosen people does not exist."))
    if date > timezone.localdate():
        raise ValidationError(_("A contact cannot be logged for a date in the future."))
    interaction = Interaction(
        organisation=organisation,
        date=date,
        kind=kind,
        summary=summary,
        follow_up_needed=follow_up_needed,
        follow_up=follow_up,
        recorded_by=actor,
    )
    interaction.full_clean()
    interaction.save()
    interaction.people.set(people)
    audit.record(
        organisation=organisation,
        actor=actor,
        action=CONTACT_LOGGED,
        target=interaction,
        subject=", ".join(f"#{person.pk}" for person in people)[:254],
        kind=kind,
    )
    return interaction
