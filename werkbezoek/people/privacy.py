"""Duties towards the people in the register (AVG/GDPR): access, erasure, retention.

Only what this organisation holds is touched: its own people, its assessments, its stance
history, its contacts. Public reference records stay, as they are public facts.
"""

from django.db import transaction
from django.db.models import DateField, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.lib.dates import months_before
from werkbezoek.organisations import audit

from .models import AccessLogEntry, Assessment, Interaction, Position, StanceRecord

PERSON_ERASED = audit.action("people.person.erased", gettext_lazy("person's data erased"))
ASSESSMENT_KEPT = audit.action(
    "people.assessment.kept", gettext_lazy("assessment kept after review")
)


def person_data(*, organisation, person) -> dict:
    """Everything the organisation holds about one person, as plain data (for JSON/HTML)."""
    assessment = (
        Assessment.objects.own().select_related("owner__user").filter(person=person).first()
    )
    own_positions = Position.objects.filter(person=person, organisation=organisation)
    return {
        "organisation": organisation.name,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "person": {
            "name": person.display_name,
            "record": "own" if person.organisation_id else "public",
            "given_name": person.given_name,
            "initials": person.initials,
            "prefix": person.prefix,
            "family_name": person.family_name,
            "salutation": person.salutation,
            "email": person.email,
            "phone": person.phone,
            "x": person.x_handle,
            "bluesky": person.bluesky_handle,
            "linkedin": person.linkedin_url,
            "instagram": person.instagram_handle,
            "sources": person.sources,
        },
        "positions_added_by_organisation": [
            {
                "role": p.get_role_display(),
                "title": p.title,
                "body": str(p.body or ""),
                "from": str(p.start_date or ""),
                "until": str(p.end_date or ""),
            }
            for p in own_positions
        ],
        "assessment": None
        if assessment is None
        else {
            "stance": assessment.get_stance_display(),
            "influence": assessment.influence,
            "drivers": assessment.drivers,
            "notes": assessment.notes,
            "themes": assessment.themes,
            "do_not_contact": assessment.do_not_contact,
            "relationship_owner": str(assessment.owner.user) if assessment.owner else "",
            "updated_at": assessment.updated_at.isoformat(timespec="seconds"),
        },
        "stance_history": [
            {
                "date": str(r.date),
                "stance": r.get_stance_display(),
                "reason": r.reason,
                "source": r.source,
            }
            for r in StanceRecord.objects.own().filter(person=person)
        ],
        "contacts": [
            {
                "date": str(i.date),
                "kind": i.get_kind_display(),
                "summary": i.summary,
                "follow_up": i.follow_up,
            }
            for i in Interaction.objects.own().filter(people=person)
        ],
        "access_log": [
            {
                "at": e.at.isoformat(timespec="seconds"),
                "user": str(e.actor or ""),
                "action": e.get_action_display(),
            }
            for e in AccessLogEntry.objects.own().filter(person=person).select_related("actor")
        ],
    }


@transaction.atomic
def person_erase(*, organisation, person, actor) -> dict:
    """Erase what the organisation holds about a person. Returns counts of what went."""
    counts = {
        "assessments": Assessment.objects.own().filter(person=person).delete()[0],
        "stance_records": StanceRecord.objects.own().filter(person=person).delete()[0],
    }
    contacts = Interaction.objects.own().filter(people=person)
    counts["contacts_mentioning"] = contacts.count()
    for interaction in contacts:
        interaction.people.remove(person)
    # A contact that was only with this person says nothing without them.
    emptied = (
        Interaction.objects.own()
        .annotate(
            anyone=Exists(Interaction.people.through.objects.filter(interaction=OuterRef("pk")))
        )
        .filter(anyone=False)
    )
    counts["contacts_deleted"] = emptied.delete()[0]
    # The log keeps that an erasure happened, not whose data it was.
    tombstone = _("erased person #%(id)d") % {"id": person.pk}
    AccessLogEntry.objects.own().filter(person=person).update(person_name=tombstone)
    if person.organisation_id == organisation.pk:
        Position.objects.filter(person=person).delete()
        person.delete()
        counts["person"] = 1
    AccessLogEntry.objects.create(
        organisation=organisation,
        person=None,
        actor=actor,
        person_name=tombstone,
        action=AccessLogEntry.Action.ERASE,
    )
    # Only the id stays: the entry says an erasure happened, not whose data it was.
    audit.record(
        organisation=organisation,
        actor=actor,
        action=PERSON_ERASED,
        subject=f"#{person.pk}",
        **counts,
    )
    return counts


def due_for_review(organisation, today=None):
    """Assessments untouched, and without contact, for longer than the retention period."""
    today = today or timezone.localdate()
    cutoff = months_before(today, organisation.retention_months)
    return (
        Assessment.objects.own()
        .select_related("person", "owner__user")
        # Interaction.objects is scoped: only this organisation's contacts count.
        .annotate(
            last_contact=Subquery(
                Interaction.objects.own()
                .filter(people=OuterRef("person"))
                .order_by("-date")
                .values("date")[:1],
                output_field=DateField(),
            )
        )
        .filter(updated_at__date__lt=cutoff)
        # Spelled out: exclude(last_contact__gte=...) would also drop "never contacted" (NULL).
        .filter(Q(last_contact__isnull=True) | Q(last_contact__lt=cutoff))
        .order_by("updated_at")
    )


@transaction.atomic
def assessment_keep(*, assessment, actor) -> None:
    """Reviewed and still needed: the retention period starts again."""
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["updated_at"])
    audit.record(
        organisation=assessment.organisation,
        actor=actor,
        action=ASSESSMENT_KEPT,
        target=assessment,
        subject=f"#{assessment.person_id}",
    )
