"""Duties towards the people in the register (AVG/GDPR): access, erasure, retention.

Only what this organisation holds is touched: its own people, its assessments, its stance
history, its contacts, and what other apps keep about the person (guest lists, outbox
copies), which take part through a registered PersonDataKeeper. Public reference records
stay, as they are public facts.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import DateField, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.lib.dates import months_before
from werkbezoek.organisations import audit

from .models import AccessLogEntry, Assessment, Interaction, Position, StanceRecord

PERSON_ERASED = audit.action("people.person.erased", gettext_lazy("person's data erased"))
ASSESSMENT_KEPT = audit.action(
    "people.assessment.kept", gettext_lazy("assessment kept after review")
)


@dataclass
class Section:
    """One part of a personal-data export: a record (fields) or a list of records (items).

    Each field is (key, label, value): the key names it in JSON, the Dutch label in HTML."""

    key: str
    title: str
    fields: list[tuple[str, str, object]] = field(default_factory=list)
    items: list[list[tuple[str, str, object]]] = field(default_factory=list)
    is_list: bool = False

    def shown_fields(self) -> list[tuple[str, str]]:
        return [(label, display_value(value)) for _key, label, value in self.fields]

    def shown_items(self) -> list[list[tuple[str, str]]]:
        return [
            [(label, display_value(value)) for _key, label, value in item] for item in self.items
        ]


@dataclass(frozen=True)
class PersonDataKeeper:
    """An app above the register that keeps data about people (guest lists, outbox copies)
    takes part in access, erasure and merging through these three functions."""

    export: Callable  # (organisation, person) -> list[Section]
    erase: Callable  # (organisation, person, tombstone) -> dict of counts
    merge: Callable  # (organisation, source, target) -> None


KEEPERS: list[PersonDataKeeper] = []


def register_keeper(keeper: PersonDataKeeper) -> None:
    """Called from an app's AppConfig.ready()."""
    if keeper not in KEEPERS:
        KEEPERS.append(keeper)


def json_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def display_value(value) -> str:
    """How a value reads for the person: local times, Dutch dates, yes/no."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def person_sections(*, organisation, person) -> list[Section]:
    """Everything the organisation holds about one person (GDPR art. 15), in sections."""
    assessment = (
        Assessment.objects.own().select_related("owner__user").filter(person=person).first()
    )
    sections = [
        Section(
            "person",
            _("Personal details"),
            fields=[
                ("name", _("Name"), person.display_name),
                (
                    "record",
                    _("Kind of record"),
                    _("added by your organisation")
                    if person.organisation_id
                    else _("public record from open data"),
                ),
                ("given_name", _("First name"), person.given_name),
                ("initials", _("Initials"), person.initials),
                ("prefix", _("Prefix"), person.prefix),
                ("family_name", _("Last name"), person.family_name),
                ("salutation", _("Salutation for letters"), person.salutation),
                ("email", _("E-mail address"), person.email),
                ("phone", _("Telephone"), person.phone),
                ("x", "X", person.x_handle),
                ("bluesky", "Bluesky", person.bluesky_handle),
                ("linkedin", "LinkedIn", person.linkedin_url),
                ("instagram", "Instagram", person.instagram_handle),
                ("sources", _("Public sources"), person.sources),
            ],
        ),
        Section(
            "positions_added_by_organisation",
            _("Roles your organisation recorded"),
            is_list=True,
            items=[
                [
                    ("role", _("Role"), p.get_role_display()),
                    ("title", _("Title or organisation"), p.title),
                    ("body", _("Body"), str(p.body or "")),
                    ("from", _("From"), p.start_date),
                    ("until", _("Until"), p.end_date),
                ]
                for p in Position.objects.filter(person=person, organisation=organisation)
            ],
        ),
        Section(
            "assessment",
            _("Your organisation's view"),
            fields=[]
            if assessment is None
            else [
                ("stance", _("Stance"), assessment.get_stance_display()),
                ("influence", _("Influence"), assessment.influence),
                ("drivers", _("Drivers"), assessment.drivers),
                ("notes", _("Notes"), assessment.notes),
                ("themes", _("Themes"), assessment.themes),
                ("do_not_contact", _("Do not contact"), assessment.do_not_contact),
                (
                    "relationship_owner",
                    _("Relationship owner"),
                    str(assessment.owner.user) if assessment.owner else "",
                ),
                ("updated_at", _("Last changed"), assessment.updated_at),
            ],
        ),
        Section(
            "stance_history",
            _("Stance history"),
            is_list=True,
            items=[
                [
                    ("date", _("Date"), r.date),
                    ("stance", _("Stance"), r.get_stance_display()),
                    ("reason", _("Reason"), r.reason),
                    ("source", _("Source"), r.source),
                ]
                for r in StanceRecord.objects.own().filter(person=person)
            ],
        ),
        Section(
            "contacts",
            _("Contacts"),
            is_list=True,
            items=[
                [
                    ("date", _("Date"), i.date),
                    ("kind", _("Kind of contact"), i.get_kind_display()),
                    ("summary", _("Summary"), i.summary),
                    ("follow_up", _("Follow-up"), i.follow_up),
                ]
                for i in Interaction.objects.own().filter(people=person)
            ],
        ),
    ]
    for keeper in KEEPERS:
        sections += keeper.export(organisation, person)
    sections.append(
        Section(
            "access_log",
            _("Access log"),
            is_list=True,
            items=[
                [
                    ("at", _("When"), e.at),
                    ("user", _("Who"), str(e.actor or "")),
                    ("action", _("What"), e.get_action_display()),
                ]
                for e in AccessLogEntry.objects.own().filter(person=person).select_related("actor")
            ],
        )
    )
    return sections


def person_data(*, organisation, person) -> dict:
    """The export as plain data (the JSON download): stable keys, local times."""
    data = {
        "organisation": organisation.name,
        "exported_at": json_value(timezone.now()),
    }
    for section in person_sections(organisation=organisation, person=person):
        if section.is_list:
            data[section.key] = [
                {key: json_value(value) for key, _label, value in item} for item in section.items
            ]
        else:
            data[section.key] = (
                {key: json_value(value) for key, _label, value in section.fields}
                if section.fields
                else None
            )
    return data


@transaction.atomic
def person_erase(*, organisation, person, actor) -> dict:
    """Erase what the organisation holds about a person, everywhere, or nothing at all.
    Returns counts of what went."""
    # The logs keep that an erasure happened, not whose data it was.
    tombstone = _("erased person #%(id)d") % {"id": person.pk}
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
    for keeper in KEEPERS:
        counts.update(keeper.erase(organisation, person, tombstone))
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
