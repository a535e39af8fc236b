"""What the visits keep about a person, in access, erasure and merge requests (people.privacy
calls these through the PersonDataKeeper registered in apps.py)."""

from django.db.models import Count
from django.utils.translation import gettext as _

from werkbezoek.mail.services import outbox_copies, outbox_redact
from werkbezoek.organisations.audit import redact
from werkbezoek.people.privacy import PersonDataKeeper, Section

from .models import Commitment, Guest, Photo


def about(person) -> str:
    """How the outbox names the person a message was about."""
    return f"people.person:{person.pk}"


def export(organisation, person) -> list[Section]:
    guests = (
        Guest.objects.own()
        .filter(person=person)
        .select_related("visit", "preferred_option", "invitation")
        .prefetch_related("availability")
    )
    messages = outbox_copies(organisation_pk=organisation.pk, about=about(person))
    return [
        Section(
            "guest_lists",
            _("Guest lists of working visits"),
            is_list=True,
            items=[
                [
                    ("visit", _("Visit"), guest.visit.title),
                    ("date", _("Date"), guest.visit.date),
                    ("comes_as", _("Comes as"), guest.get_kind_display()),
                    ("answer", _("Answer"), guest.get_rsvp_display()),
                    (
                        "preferred_date",
                        _("Preferred date"),
                        guest.preferred_option.date if guest.preferred_option else None,
                    ),
                    ("notes", _("Notes"), guest.notes),
                    ("photos_allowed", _("May be photographed"), guest.photos_allowed),
                    ("tagging_allowed", _("May be tagged in posts"), guest.tagging_allowed),
                    ("handle", _("Handle for posts"), guest.handle),
                    ("added_at", _("Added"), guest.added_at),
                    ("letter", _("Letter for this guest"), _own_letter(guest)),
                    ("invited_at", _("Invitation sent"), _invitation(guest, "sent_at")),
                    ("answered_at", _("Answered"), _invitation(guest, "answered_at")),
                    ("answer_note", _("The guest's note"), _invitation(guest, "answer_note")),
                    (
                        "available",
                        _("Can come on"),
                        ", ".join(
                            a.date.isoformat() for a in guest.availability.all() if a.available
                        ),
                    ),
                ]
                for guest in guests
            ],
        ),
        Section(
            "commitments",
            _("Commitments"),
            is_list=True,
            items=[
                [
                    ("text", _("What was promised"), item.text),
                    ("made_on", _("Promised on"), item.made_on),
                    ("due_on", _("Due on"), item.due_on),
                    ("status", _("Status"), item.get_status_display()),
                    ("visit", _("Visit"), item.visit.title if item.visit else ""),
                ]
                for item in Commitment.objects.own().filter(people=person).select_related("visit")
            ],
        ),
        Section(
            "photos",
            _("Photos"),
            is_list=True,
            items=[
                [
                    ("visit", _("Visit"), photo.visit.title),
                    ("caption", _("Caption"), photo.caption),
                    ("consent", _("How consent was given"), photo.consent),
                ]
                for photo in Photo.objects.own()
                .filter(guests__person=person)
                .select_related("visit")
                .defer("image", "thumbnail", "visit__factsheet_image")
            ],
        ),
        Section(
            "messages_sent",
            _("Messages sent"),
            is_list=True,
            items=[
                [
                    ("at", _("When"), message.sent_at or message.created_at),
                    ("to", _("To"), message.to),
                    ("subject", _("Subject"), message.subject),
                    ("status", _("Status"), message.get_status_display()),
                ]
                for message in messages
            ],
        ),
    ]


def _invitation(guest, name):
    invitation = getattr(guest, "invitation", None)
    return getattr(invitation, name) if invitation is not None else None


def _own_letter(guest) -> str:
    return _invitation(guest, "text") or ""


def erase(organisation, person, tombstone: str) -> dict:
    guests = Guest.objects.own().filter(person=person)
    ids = list(guests.values_list("pk", flat=True))
    # Photos showing the person go; a promise made with others stays, without this one.
    photo_ids = set(Photo.objects.own().filter(guests__in=ids).values_list("pk", flat=True))
    Photo.objects.own().filter(pk__in=photo_ids).delete()
    # Counted before filtering on the person, so the count covers everyone who promised.
    commitments = Commitment.objects.own().annotate(promisers=Count("people")).filter(people=person)
    alone = [item.pk for item in commitments if item.promisers == 1]
    for item in commitments:
        item.people.remove(person)
    redact(object_type="visits.commitment", object_ids=alone, tombstone=tombstone)
    Commitment.objects.own().filter(pk__in=alone).delete()
    # Their entourage stays on the list, no longer tied to the erased guest.
    Guest.objects.own().filter(accompanies_id__in=ids).update(accompanies=None)
    redact(object_type="visits.guest", object_ids=ids, tombstone=tombstone)
    return {
        "guest_rows": guests.delete()[0],
        "photos": len(photo_ids),
        "commitments": len(alone),
        "messages": outbox_redact(
            organisation_pk=organisation.pk, about=about(person), tombstone=tombstone
        ),
    }


def merge(organisation, source, target) -> None:
    """The source's places on guest lists become the target's; where both were invited to
    the same visit, the target's row stays (with the source's entourage)."""
    for item in Commitment.objects.own().filter(people=source):
        item.people.remove(source)
        item.people.add(target)
    for guest in Guest.objects.own().filter(person=source):
        kept = Guest.objects.own().filter(visit_id=guest.visit_id, person=target).first()
        if kept is None:
            guest.person = target
            guest.save(update_fields=["person"])
        else:
            Guest.objects.own().filter(accompanies=guest).update(accompanies=kept)
            guest.delete()


KEEPER = PersonDataKeeper(export=export, erase=erase, merge=merge)
