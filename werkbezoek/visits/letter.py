"""The invitation letter, written once as data: the HTML mail, the text mail and the
preview on the invitation page all show this one Letter, so they cannot drift apart."""

from dataclasses import dataclass, field

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import TeamMember


@dataclass
class Letter:
    salutation: str
    paragraphs: list[str]
    programme_title: str
    programme: list[str]
    practical_title: str
    practical: list[tuple[str, str]]  # (label, text), e.g. ("Wanneer:", "dinsdag 3 maart")
    reply: str
    signature: list[str] = field(default_factory=list)

    def facts(self) -> list[str]:
        """Every piece of text in the letter (for the check that each rendering has all)."""
        return [
            self.salutation,
            *self.paragraphs,
            self.programme_title,
            *self.programme,
            self.practical_title,
            *(part for line in self.practical for part in line),
            self.reply,
            *self.signature,
        ]


def _minutes(minutes: int) -> str:
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": minutes}


def _when(visit, options) -> str:
    if visit.date:
        return f"{date_format(visit.date, 'l j F Y')}, {time_format(visit.start_time, 'H:i')}"
    if options:
        dates = "; ".join(
            f"{date_format(o.date, 'l j F')} {time_format(o.start_time, 'H:i')}" for o in options
        )
        return _("one of these dates —") + " " + dates
    return _("to be agreed")


def _who(host, team) -> str:
    parts = [_("%(host)s receives you") % {"host": host}] if host else []
    parts += [
        f"{member} ({member.get_role_display().lower()})"
        for member in team
        if member.role != TeamMember.Role.HOST
    ]
    return "; ".join(parts)


def _media(visit) -> str:
    if not (visit.press_present or visit.photographer_present):
        return _("we propose to share a photo and a short report afterwards, with your consent.")
    present = []
    if visit.press_present:
        present.append(_("a journalist will be present"))
    if visit.photographer_present:
        present.append(_("a photographer will take pictures"))
    return (
        ", ".join(present)
        + ". "
        + _("We would like to agree with you beforehand on photos and mentions on social media.")
    )


def invitation_letter(*, visit, organisation, guest, sender, options, slots, host, team) -> Letter:
    person = getattr(guest, "person", None)
    if person is not None and person.salutation:
        salutation = person.salutation
    else:
        salutation = _("Dear") + " " + str(person or _("guest"))
    opening = _("%(org)s invites you to a working visit: %(title)s.") % {
        "org": organisation.name,
        "title": visit.title,
    }
    paragraphs = [f"{opening} {visit.goal}".strip()]
    if visit.core_message:
        paragraphs.append(visit.core_message)
    sender_name = sender.full_name or sender.email
    contact = organisation.contact_email or sender.email
    if organisation.phone:
        contact += f", {organisation.phone}"
    place = visit.location_name or organisation.name
    if visit.address:
        place += f", {visit.address}"
    return Letter(
        salutation=salutation,
        paragraphs=paragraphs,
        programme_title=_("Programme"),
        programme=[f"{slot.block.title} ({_minutes(slot.block.minutes)})" for slot in slots],
        practical_title=_("Practical"),
        practical=[
            (_("When:"), _when(visit, options)),
            (
                _("Duration:"),
                ngettext(
                    "about %(minutes)s minute", "about %(minutes)s minutes", visit.duration_minutes
                )
                % {"minutes": visit.duration_minutes},
            ),
            (_("Where:"), place),
            (_("Who:"), _who(host, team)),
            (_("Media:"), _media(visit)),
        ],
        reply=_("Will you let us know which date suits you? You can reply to")
        + f" {sender_name} ({contact}).",
        signature=[_("Kind regards,"), sender_name, organisation.name],
    )
