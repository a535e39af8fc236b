"""The invitation letter, written once as data: the e-mail (HTML and text), the printed
letter and the preview on the invitation page all show this one Letter, so they cannot
drift apart.

The letter has two parts. The personal text is the organisation's template (or the
Dutch default below) with placeholders such as {{ aanhef }}, filled in per guest and
editable per visit and per guest. The blocks after it (programme, dates, who will be
there, practical details) are always made from the visit itself, so a changed programme
or date can never be contradicted by an old text.

Letters go to Dutch office holders: they are written in Dutch whatever the reader's
interface language is.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Guest, TeamMember

# A role that began this recently is congratulated on ("after an election, congratulate").
CONGRATULATE_WITHIN_DAYS = 183

# Placeholder → what it holds, shown beside the text box. Nothing else can be reached
# from a template: filling in is plain substitution of these values.
PLACEHOLDERS = {
    "aanhef": gettext_lazy("the salutation, e.g. “Geachte mevrouw Hoekstra”"),
    "naam": gettext_lazy("the guest's name"),
    "functie": gettext_lazy("the current role, e.g. “wethouder van Zorg en Welzijn in Assen”"),
    "felicitatie": gettext_lazy(
        "a congratulation when the role began in the last six months (otherwise empty)"
    ),
    "waarom": gettext_lazy("why this visit matters to this guest: role, theme and your ask"),
    "organisatie": gettext_lazy("your organisation's name"),
    "thema": gettext_lazy("the visit's theme"),
    "betrokkenheid": gettext_lazy("how the municipality is already involved"),
    "kernboodschap": gettext_lazy("the core message"),
    "vraag": gettext_lazy("the concrete ask"),
}
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
STRAY_BRACES = re.compile(r"\{\{|\}\}")

# Written for this product from the method (step 2 of a working visit): short but complete,
# why it matters to this person, how the municipality is involved, the core message.
DEFAULT_INVITATION = """{{ aanhef }},

{{ felicitatie }}

Graag nodigen wij u uit voor een werkbezoek aan {{ organisatie }}. {{ waarom }}

{{ betrokkenheid }}

{{ kernboodschap }}

Hieronder leest u het programma in het kort en de praktische gegevens.
Wij hopen u te mogen ontvangen."""


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in a template that do not exist (a typo), and loose braces."""
    wrong = [name or "{{ }}" for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]
    if STRAY_BRACES.search(PLACEHOLDER.sub("", text)):
        wrong.append("{{ … }}")
    return list(dict.fromkeys(wrong))


def placeholder_problem(text: str) -> str:
    """The message for a template with a placeholder that does not exist ("" if none)."""
    wrong = unknown_placeholders(text)
    if not wrong:
        return ""
    return _("Unknown placeholder: %(wrong)s. You can use: %(known)s.") % {
        "wrong": ", ".join(wrong),
        "known": ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS),
    }


def fill(text: str, values: dict[str, str]) -> list[str]:
    """The template with its placeholders filled in, as paragraphs; a paragraph that holds
    only an empty placeholder (no congratulation due, no involvement written) disappears."""
    filled = PLACEHOLDER.sub(lambda match: values.get(match[1], ""), text.replace("\r\n", "\n"))
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", filled))
    return [paragraph for paragraph in paragraphs if paragraph and paragraph != ","]


@dataclass
class Letter:
    subject: str
    paragraphs: list[str]
    programme_title: str
    programme: list[str]
    dates_title: str
    dates: list[str]  # the date options; empty when the date is fixed
    who_title: str
    who: list[str]
    practical_title: str
    practical: list[tuple[str, str]]  # (label, text), e.g. ("Wanneer:", "dinsdag 3 maart")
    reply: str
    answer_url: str = ""
    signature: list[str] = field(default_factory=list)

    def facts(self) -> list[str]:
        """Every piece of text in the letter (for the check that each rendering has all)."""
        return [
            *self.paragraphs,
            self.programme_title,
            *self.programme,
            *([self.dates_title, *self.dates] if self.dates else []),
            self.who_title,
            *self.who,
            self.practical_title,
            *(part for line in self.practical for part in line),
            self.reply,
            *([self.answer_url] if self.answer_url else []),
            *self.signature,
        ]


# --- Who the guest is ------------------------------------------------------------------------

# Which role names a person in a letter when they hold several (a deputy mayor is an alderman).
ROLE_ORDER = [
    "mayor",
    "alderman",
    "member_of_parliament",
    "senator",
    "provincial_member",
    "council_member",
]


def _place(position) -> str:
    body = position.body
    municipality = getattr(body, "municipality", None) if body else None
    return municipality.name if municipality else (body.name if body else "")


def role_phrase(position) -> str:
    """A position as a letter names it: "wethouder van Zorg en Welzijn in Assen",
    "lid van de gemeenteraad van Assen", "lid van de Tweede Kamer"."""
    place = _place(position)
    if position.role == "alderman":
        if position.portfolio:
            return f"wethouder van {position.portfolio}" + (f" in {place}" if place else "")
        return "wethouder" + (f" van {place}" if place else "")
    if position.role == "mayor":
        return "burgemeester" + (f" van {place}" if place else "")
    if position.role == "council_member":
        return "lid van de gemeenteraad" + (f" van {place}" if place else "")
    if position.role == "member_of_parliament":
        return "lid van de Tweede Kamer"
    if position.role == "senator":
        return "lid van de Eerste Kamer"
    if position.role == "provincial_member":
        return f"lid van {position.body.name}" if position.body else "Statenlid"
    label = position.title or position.get_role_display()
    return label[:1].lower() + label[1:]


def main_position(positions):
    """The position a letter names: the weightiest role, the most recent first."""
    if not positions:
        return None

    def weight(position):
        rank = ROLE_ORDER.index(position.role) if position.role in ROLE_ORDER else len(ROLE_ORDER)
        return (rank, -(position.start_date or datetime.date.min).toordinal())

    return min(positions, key=weight)


def salutation_for(person, style: str = "formal") -> str:
    """ "Geachte mevrouw Hoekstra" from the register (public records carry one), or
    "Beste Marleen" when the organisation writes personally."""
    if style == "personal":
        first = person.given_name or person.display_name
        return f"Beste {first}"
    if person.salutation:
        return person.salutation
    return f"Geachte {person.display_name}"


def congratulation(position, today: datetime.date) -> str:
    began = position.start_date if position else None
    if began is None or not (0 <= (today - began).days <= CONGRATULATE_WITHIN_DAYS):
        return ""
    return f"Allereerst van harte gefeliciteerd met uw nieuwe functie als {role_phrase(position)}."


def in_sentence(phrase: str) -> str:
    """ "Eenzaamheid onder ouderen" written inside a sentence; "GGZ" and "Assen" stay."""
    first = phrase.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower() and " " in phrase:
        return phrase[0].lower() + phrase[1:]
    return phrase


def why_it_matters(visit, position) -> str:
    """The organiser's starting point for "why this matters to you", from role, theme and ask."""
    parts = []
    theme = in_sentence(visit.theme.strip())
    if position is not None and theme:
        parts.append(f"Als {role_phrase(position)} bent u betrokken bij de keuzes rond {theme}.")
    elif theme:
        parts.append(f"Het bezoek gaat over {theme}.")
    parts.append(
        "Tijdens het bezoek ziet u zelf hoe ons werk in de praktijk uitpakt en spreekt u de "
        "mensen om wie het gaat."
    )
    if visit.ask.strip():
        ask = visit.ask.strip()
        parts.append(f"Aan het eind leggen wij u graag één concrete vraag voor: {ask}")
    return " ".join(parts)


def placeholder_values(*, visit, organisation, person, positions, today, style) -> dict:
    position = main_position(positions)
    return {
        "aanhef": salutation_for(person, style) if person else "Geachte heer, mevrouw",
        "naam": person.display_name if person else "",
        "functie": role_phrase(position) if position else "",
        "felicitatie": congratulation(position, today),
        "waarom": why_it_matters(visit, position),
        "organisatie": organisation.name,
        "thema": visit.theme,
        "betrokkenheid": visit.involvement.strip(),
        "kernboodschap": visit.core_message.strip(),
        "vraag": visit.ask.strip(),
    }


# --- The blocks made from the visit ------------------------------------------------------------


def _minutes(minutes: int) -> str:
    return ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": minutes}


def date_and_time(day, start) -> str:
    """ "dinsdag 5 januari 2027, 10.00 uur": how letters and documents write a moment."""
    return f"{date_format(day, 'l j F Y')}, {time_format(start, 'H.i')} uur"


def address_of(visit, organisation) -> str:
    """Where the visit is: the location (or the organisation) and its address."""
    place = visit.location_name or organisation.name
    return f"{place}, {visit.address}" if visit.address else place


def name_and_role(name: str, positions) -> str:
    """ "Fatma Yilmaz, lid van de gemeenteraad van Assen", or the name alone."""
    position = main_position(positions)
    return f"{name}, {role_phrase(position)}" if position is not None else name


def in_text(names: list[str]) -> str:
    """ "A, B en C", as a Dutch sentence lists names ("" for none)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def _who(*, guest, guests, host, team, visit, positions_of) -> list[str]:
    lines = []
    if host is not None:
        lines.append(f"{host} ontvangt u en leidt het bezoek")
    lines += [
        f"{member} ({member.get_role_display().lower()})"
        for member in team
        if member.role != TeamMember.Role.HOST
    ]
    # Politicians in the same role are named on one line ("Ook uitgenodigd als lid van de
    # gemeenteraad van Assen: A, B en C"): a letter to one of twelve council members does
    # not grow a line for each of the others.
    by_role: dict[str, list[str]] = {}
    press = []
    for other in guests:
        if other.pk == getattr(guest, "pk", None):
            continue
        if other.kind == Guest.Kind.GUEST:
            position = main_position(positions_of(other.person_id))
            role = role_phrase(position) if position is not None else ""
            by_role.setdefault(role, []).append(str(other))
        elif other.kind == Guest.Kind.JOURNALIST:
            press.append(f"{other}, journalist (pers)")
    for role, names in by_role.items():
        if not role:
            lines += names
        elif len(names) == 1:
            lines.append(f"{names[0]}, {role}")
        else:
            lines.append(f"Ook uitgenodigd als {role}: {in_text(names)}")
    lines += press
    if visit.press_present and not any(g.kind == Guest.Kind.JOURNALIST for g in guests):
        lines.append("een journalist (pers)")
    if visit.photographer_present:
        lines.append("een fotograaf")
    return lines


def _media(visit) -> str:
    if not visit.media_present:
        return (
            "wij stellen voor na afloop een foto en een kort verslag te delen, "
            "als u daarmee instemt."
        )
    present = []
    if visit.press_present:
        present.append("er is een journalist aanwezig")
    if visit.photographer_present:
        present.append("er maakt een fotograaf foto's")
    return (
        " en ".join(present).capitalize()
        + ". Over foto's en het noemen van uw naam op sociale media maken wij vooraf graag "
        "afspraken met u."
    )


def invitation_letter(
    *,
    visit,
    organisation,
    guest,
    text: str,
    style: str,
    options,
    slots,
    total_minutes: int,
    host,
    team,
    guests,
    positions_of,
    contact,
    today: datetime.date,
    answer_url: str = "",
    printed: bool = False,
) -> Letter:
    """The letter for one guest. `text` is the template (visit's, organisation's or the
    default) or this guest's edited letter; `positions_of(person_id)` their current roles;
    `printed`: on paper, so it does not say "reply to this message"."""
    with translation.override("nl"):
        person = getattr(guest, "person", None)
        values = placeholder_values(
            visit=visit,
            organisation=organisation,
            person=person,
            positions=positions_of(person.pk) if person else [],
            today=today,
            style=style,
        )
        place = address_of(visit, organisation)
        minutes = total_minutes or visit.duration_minutes
        contact_line = ", ".join(part for part in contact if part)
        if visit.date:
            when = date_and_time(visit.date, visit.start_time)
            reply = "Wilt u ons laten weten of u erbij kunt zijn?"
        else:
            when = "op een van de mogelijke data hierboven" if options else "in overleg"
            reply = "Wilt u ons laten weten welke data u schikken?"
        if answer_url and printed:
            reply += f" Dat kan via uw persoonlijke link hieronder, of bij {contact_line}."
        elif answer_url:
            reply += (
                " Dat kan met uw persoonlijke link hieronder, of door op dit bericht te antwoorden."
            )
        else:
            reply += f" U kunt antwoorden aan {contact_line}."
        subject = f"Uitnodiging werkbezoek {organisation.name}"
        if visit.theme:
            subject += f": {visit.theme}"
        return Letter(
            subject=subject,
            paragraphs=fill(text, values),
            programme_title="Het programma",
            programme=[
                f"{time_format(slot.starts, 'H.i')} uur · {slot.block.title} "
                f"({_minutes(slot.block.minutes)})"
                for slot in slots
            ]
            + ([f"In totaal ongeveer {_minutes(total_minutes)}."] if slots else []),
            dates_title="Mogelijke data",
            dates=[] if visit.date else [date_and_time(o.date, o.start_time) for o in options],
            who_title="Wie zijn er bij",
            who=_who(
                guest=guest,
                guests=guests,
                host=host,
                team=team,
                visit=visit,
                positions_of=positions_of,
            ),
            practical_title="Praktisch",
            practical=[
                ("Wanneer:", when),
                ("Duur:", f"ongeveer {_minutes(minutes)}"),
                ("Waar:", place),
                ("Ontvangst:", str(host) if host else "nog niet bekend"),
                ("Media:", _media(visit)),
                ("Contact:", contact_line),
            ],
            reply=reply,
            answer_url=answer_url,
            signature=["Met vriendelijke groet,", *(contact[:1]), organisation.name],
        )


def thank_you_paragraphs(*, visit, organisation, person, style: str, contact) -> list[str]:
    """The thank-you, with what is known now (the follow-up adds a photo and the report).
    One text for the letter on paper and the e-mail."""
    with translation.override("nl"):
        salutation = salutation_for(person, style) if person else "Geachte heer, mevrouw"
        place = visit.location_name or organisation.name
        when = f"op {date_format(visit.date, 'l j F Y')}" if visit.date else "onlangs"
        paragraphs = [
            f"{salutation},",
            f"Hartelijk dank voor uw bezoek aan {place} {when}. Wij vonden het waardevol dat "
            "u met eigen ogen kwam kijken en met de mensen om wie het gaat hebt gesproken.",
        ]
        if visit.core_message.strip():
            paragraphs.append(f"Wat wij u graag meegeven: {visit.core_message.strip()}")
        if visit.ask.strip():
            paragraphs.append(
                f"Zoals besproken vragen wij u: {visit.ask.strip()} Wij houden u graag op de "
                "hoogte en nemen binnenkort contact met u op over een vervolg."
            )
        paragraphs.append("Met vriendelijke groet,\n" + "\n".join([contact[0], organisation.name]))
        return paragraphs
