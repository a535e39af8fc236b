"""Writes to the register. Public records (organisation NULL) are never changed here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbezoek.lib.inserts import insert_rows
from werkbezoek.organisations import audit, submissions
from werkbezoek.organisations.models import AuditEntry

from .models import (
    GROUP_ROLES,
    AccessLogEntry,
    Assessment,
    Interaction,
    Person,
    Position,
    StanceRecord,
)

PERSON_FIELDS = [
    "given_name",
    "initials",
    "prefix",
    "family_name",
    "salutation",
    "email",
    "phone",
    "x_handle",
    "bluesky_handle",
    "linkedin_url",
    "instagram_handle",
    "sources",
]
ASSESSMENT_FIELDS = ["influence", "drivers", "owner", "themes", "notes", "do_not_contact"]

# The audit log names people by id only: an erased person leaves no name behind there.
PERSON_CREATED = audit.action("people.person.created", gettext_lazy("person added"))
PERSON_UPDATED = audit.action("people.person.updated", gettext_lazy("person's details changed"))
PERSON_MERGED = audit.action("people.person.merged", gettext_lazy("two records merged"))
ASSESSMENT_UPDATED = audit.action("people.assessment.updated", gettext_lazy("assessment changed"))
STANCE_RECORDED = audit.action("people.stance.recorded", gettext_lazy("stance recorded"))
POSITION_SAVED = audit.action("people.position.saved", gettext_lazy("role saved"))
CONTACT_LOGGED = audit.action("people.contact.logged", gettext_lazy("contact logged"))
PARTY_GROUP_COMPLETED = audit.action(
    "people.party_group.completed", gettext_lazy("party group completed")
)


def _record(organisation, actor, action, target, **data):
    audit.record(
        organisation=organisation,
        actor=actor,
        action=action,
        target=target,
        subject=f"#{target.pk}",
        **data,
    )


@transaction.atomic
def person_create(
    *,
    organisation,
    actor,
    family_name: str,
    position: dict | None = None,
    external_id: str | None = None,
    given_name: str = "",
    initials: str = "",
    prefix: str = "",
    salutation: str = "",
    email: str = "",
    phone: str = "",
    x_handle: str = "",
    bluesky_handle: str = "",
    linkedin_url: str = "",
    instagram_handle: str = "",
    sources: str = "",
    submission: str = "",
) -> Person:
    """Someone the organisation adds itself (an official, journalist, partner, own base).

    `position` is their first role: {"role": ..., "title": ...} (and body, party group)."""
    person = Person(
        organisation=organisation,
        external_id=external_id,
        family_name=family_name,
        given_name=given_name,
        initials=initials,
        prefix=prefix,
        salutation=salutation,
        email=email,
        phone=phone,
        x_handle=x_handle,
        bluesky_handle=bluesky_handle,
        linkedin_url=linkedin_url,
        instagram_handle=instagram_handle,
        sources=sources,
    )
    person.full_clean()
    person.save()
    Assessment.objects.create(organisation=organisation, person=person)
    if position:
        Position.objects.create(organisation=organisation, person=person, **position)
    submissions.remember(token=submission, target=person)
    _record(organisation, actor, PERSON_CREATED, person)
    return person


@transaction.atomic
def person_update(
    *,
    organisation,
    actor,
    person: Person,
    family_name: str | None = None,
    given_name: str | None = None,
    initials: str | None = None,
    prefix: str | None = None,
    salutation: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    x_handle: str | None = None,
    bluesky_handle: str | None = None,
    linkedin_url: str | None = None,
    instagram_handle: str | None = None,
    sources: str | None = None,
) -> Person:
    """Change the facts of a person the organisation added itself; None leaves a fact as
    it is (an import names only some columns)."""
    if person.organisation_id != organisation.pk:
        raise ValidationError(
            _(
                "Public records from open data cannot be changed here. Add your own notes in "
                "your assessment instead."
            )
        )
    given = {
        "family_name": family_name,
        "given_name": given_name,
        "initials": initials,
        "prefix": prefix,
        "salutation": salutation,
        "email": email,
        "phone": phone,
        "x_handle": x_handle,
        "bluesky_handle": bluesky_handle,
        "linkedin_url": linkedin_url,
        "instagram_handle": instagram_handle,
        "sources": sources,
    }
    for name, value in given.items():
        if value is not None:
            setattr(person, name, value)
    person.full_clean()
    person.save()
    _record(organisation, actor, PERSON_UPDATED, person)
    return person


def assessment_for(*, organisation, person: Person) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(
        organisation=organisation, person=person
    )
    return assessment


# "Leave as it is" for assessment fields that may be set to None (influence, owner).
UNCHANGED = object()


class EditConflict(ValidationError):
    """Someone else saved in between; `current` is the row as it is now."""

    def __init__(self, message, current):
        super().__init__(message, code="conflict")
        self.current = current


@transaction.atomic
def assessment_update(
    *,
    organisation,
    actor,
    person: Person,
    version: int | None = None,
    influence=UNCHANGED,
    drivers=UNCHANGED,
    owner=UNCHANGED,
    themes=UNCHANGED,
    notes=UNCHANGED,
    do_not_contact=UNCHANGED,
) -> Assessment:
    """Change the organisation's own view of a person; UNCHANGED leaves a field as it is.

    `version` is the version the user's form showed: if someone saved since, nothing is
    saved and EditConflict says what they changed."""
    assessment = Assessment.objects.select_for_update().get(
        pk=assessment_for(organisation=organisation, person=person).pk
    )
    if version is not None and version != assessment.version:
        raise EditConflict(_conflict_message(organisation, person, assessment), assessment)
    given = {
        "influence": influence,
        "drivers": drivers,
        "owner": owner,
        "themes": themes,
        "notes": notes,
        "do_not_contact": do_not_contact,
    }
    for name, value in given.items():
        if value is not UNCHANGED:
            setattr(assessment, name, value)
    if assessment.owner_id and assessment.owner.organisation_id != organisation.pk:
        raise ValidationError(_("The relationship owner must be a colleague in this team."))
    assessment.updated_at = timezone.now()
    assessment.version += 1
    assessment.full_clean()
    assessment.save()
    _record(organisation, actor, ASSESSMENT_UPDATED, person)
    return assessment


def _conflict_message(organisation, person, current: Assessment) -> str:
    last = (
        AuditEntry.objects.own()
        .filter(action=ASSESSMENT_UPDATED, object_type="people.person", object_id=person.pk)
        .select_related("actor")
        .first()
    )
    who = str(last.actor) if last is not None and last.actor else _("someone else")
    when = timezone.localtime(current.updated_at).strftime("%H:%M")
    now = "; ".join(
        f"{label}: {value}"
        for label, value in (
            (_("stance"), current.get_stance_display()),
            (_("influence"), current.influence or "—"),
            (_("drivers"), current.drivers or "—"),
            (_("notes"), current.notes or "—"),
        )
    )
    return _(
        "%(who)s changed this assessment at %(when)s, after you opened it. Nothing of yours "
        "has been saved yet. It now reads: %(now)s. Compare, adjust your text if needed and "
        "save again."
    ) % {"who": who, "when": when, "now": now}


@transaction.atomic
def stance_record(
    *, organisation, person: Person, stance: str, date, reason: str, source: str = "", actor
) -> StanceRecord:
    """Add a dated stance observation; the assessment shows the newest one."""
    if date > timezone.localdate():
        raise ValidationError(_("A stance cannot be recorded for a date in the future."))
    record = StanceRecord(
        organisation=organisation,
        person=person,
        stance=stance,
        date=date,
        reason=reason,
        source=source,
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    assessment = assessment_for(organisation=organisation, person=person)
    newest = StanceRecord.objects.own().filter(person=person).first()  # ordered newest first
    assessment.stance = newest.stance
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["stance", "updated_at"])
    _record(organisation, actor, STANCE_RECORDED, person, stance=stance)
    return record


def access_log(*, organisation, person: Person, actor, action=AccessLogEntry.Action.VIEW):
    AccessLogEntry.objects.create(
        organisation=organisation,
        person=person,
        person_name=person.display_name,
        actor=actor,
        action=action,
    )


def access_log_many(*, organisation, actor, people, action=AccessLogEntry.Action.VIEW) -> int:
    """One access-log entry per person whose assessment a page or an export showed.
    Written as plain rows: pages log up to 25 at every view (insert_rows)."""
    at = timezone.now()
    actor_id = actor.pk if actor else None
    return insert_rows(
        AccessLogEntry,
        ("organisation", "person", "person_name", "actor", "action", "at"),
        (
            (organisation.pk, person.pk, person.display_name, actor_id, action, at)
            for person in {person.pk: person for person in people}.values()
        ),
    )


@transaction.atomic
def person_merge(*, organisation, source: Person, target: Person, actor) -> Person:
    """Merge `source` into `target` (the same person recorded twice), keeping all history.

    Everything this organisation holds about `source` moves to `target`. An own record is
    then removed; a public record stays for other organisations.
    """
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different records to merge."))
    StanceRecord.objects.own().filter(person=source).update(person=target)
    Position.objects.filter(person=source, organisation=organisation).update(person=target)
    for interaction in Interaction.objects.own().filter(people=source):
        interaction.people.remove(source)
        interaction.people.add(target)
    AccessLogEntry.objects.own().filter(person=source).update(person=target)
    moved = Assessment.objects.own().filter(person=source).first()
    if moved is not None:
        kept = Assessment.objects.own().filter(person=target).first()
        if kept is None:
            moved.person = target
            moved.save(update_fields=["person"])
        else:
            for name in ("influence", "drivers", "owner"):
                if not getattr(kept, name) and getattr(moved, name):
                    setattr(kept, name, getattr(moved, name))
            kept.notes = "\n\n".join(note for note in (kept.notes, moved.notes) if note)
            kept.themes = kept.themes + [t for t in moved.themes if t not in kept.themes]
            kept.do_not_contact = kept.do_not_contact or moved.do_not_contact
            kept.save()
            moved.delete()
    from .privacy import KEEPERS

    for keeper in KEEPERS:
        keeper.merge(organisation, source, target)
    newest = StanceRecord.objects.own().filter(person=target).first()
    if newest is not None:
        Assessment.objects.own().filter(person=target).update(
            stance=newest.stance, updated_at=timezone.now()
        )
    _record(organisation, actor, PERSON_MERGED, target, merged=source.pk)
    if source.organisation_id == organisation.pk:
        source.delete()
    return target


@transaction.atomic
def position_save(
    *,
    organisation,
    actor,
    person: Person,
    position: Position | None,
    role: str,
    body=None,
    party_group=None,
    title: str = "",
    portfolio: str = "",
    start_date=None,
    end_date=None,
) -> Position:
    """Add or change a role the organisation recorded itself; public roles stay untouched."""
    if position is not None and position.organisation_id != organisation.pk:
        raise ValidationError(_("Public roles from open data cannot be changed here."))
    position = position or Position(organisation=organisation, person=person)
    position.role, position.body, position.party_group = role, body, party_group
    position.title, position.portfolio = title, portfolio
    position.start_date, position.end_date = start_date, end_date
    position.full_clean()
    position.save()
    _record(organisation, actor, POSITION_SAVED, person, role=position.role)
    return position


@transaction.atomic
def party_group_complete(*, organisation, actor, person: Person, body, party_group) -> Position:
    """The organisation says which party group a council member belongs to where the public
    source does not. Kept as the organisation's own fact, beside the public position (which
    a newer source may still complete); saying it again replaces the earlier answer."""
    if party_group.body_id != body.pk:
        raise ValidationError(_("This party group belongs to another body."))
    public = Position.objects.public().filter(person=person, body=body, role__in=GROUP_ROLES)
    seat = public.held_on(timezone.localdate()).order_by("title", "pk").first()
    if seat is None:
        raise ValidationError(_("This person holds no seat in %(body)s.") % {"body": body})
    own = Position.objects.own().filter(person=person, body=body, role=seat.role, title="")
    position = own.first() or Position(
        organisation=organisation, person=person, body=body, role=seat.role
    )
    position.party_group = party_group
    position.source = _("completed by your organisation")
    position.full_clean()
    position.save()
    _record(organisation, actor, PARTY_GROUP_COMPLETED, person, group=party_group.name)
    return position


@transaction.atomic
def interaction_log(
    *,
    organisation,
    actor,
    date,
    kind,
    people,
    summary,
    follow_up_needed=False,
    follow_up="",
    submission: str = "",
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
    interaction.full_clean(exclude=["recorded_by"])  # None: logged by the system
    interaction.save()
    interaction.people.set(people)
    submissions.remember(token=submission, target=interaction)
    audit.record(
        organisation=organisation,
        actor=actor,
        action=CONTACT_LOGGED,
        target=interaction,
        subject=", ".join(f"#{person.pk}" for person in people)[:254],
        kind=kind,
    )
    return interaction
