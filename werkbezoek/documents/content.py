"""What each document says, as plain data (Document), made from the visit. The Word and
PDF renderings (render.py) only lay it out, so both always carry the same text.

Documents go to Dutch guests, press and colleagues: they are written in Dutch.
"""

from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from werkbezoek.visits import letter as letters
from werkbezoek.visits import programme, selectors
from werkbezoek.visits.models import Guest, PlannedPost, TeamMember

from .models import Kind

# The length each platform allows in one post.
POST_LIMITS = {
    PlannedPost.Channel.X: 280,
    PlannedPost.Channel.BLUESKY: 300,
    PlannedPost.Channel.INSTAGRAM: 2200,
    PlannedPost.Channel.LINKEDIN: 3000,
}


@dataclass
class Block:
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # the first row holds the headings


@dataclass
class Document:
    title: str
    blocks: list[Block]
    subtitle: str = ""
    # A letter: sender, place and date, addressee and subject above the text.
    sender: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    place_date: str = ""
    subject: str = ""
    footer: str = ""
    picture: bytes = b""  # a JPEG shown under the title (the factsheet's)


def _when(visit) -> str:
    if visit.date is None:
        return "datum nog niet bekend"
    return letters.date_and_time(visit.date, visit.start_time)


def _sender(organisation) -> list[str]:
    lines = [organisation.name, organisation.address]
    lines.append(" ".join(part for part in (organisation.postcode, organisation.city) if part))
    lines += [organisation.phone, organisation.contact_email]
    return [line for line in lines if line]


def _place_date(organisation, today) -> str:
    return f"{organisation.city or 'Nederland'}, {date_format(today, 'j F Y')}"


def _recipient(guest, positions) -> list[str]:
    position = letters.main_position(positions)
    lines = [guest.person.display_name if guest.person_id else guest.name]
    if position is not None:
        lines.append(letters.role_phrase(position))
    return lines


def _guest_label(guest, positions) -> str:
    return letters.name_and_role(str(guest), positions)


def invitation(visit, guest, *, sender, answer_url: str = "", today=None) -> Document:
    """The invitation as a letter to print and post: the same text as the e-mail."""
    today = today or timezone.localdate()
    context = selectors.letter_context(visit, sender=sender, today=today)
    guest = next(g for g in context["guests"] if g.pk == guest.pk)
    made = selectors.letter_for(context, guest, answer_url=answer_url, printed=True)
    blocks = [Block(paragraphs=made.paragraphs)]
    blocks.append(Block(heading=made.programme_title, bullets=made.programme))
    if made.dates:
        blocks.append(Block(heading=made.dates_title, bullets=made.dates))
    if made.who:
        blocks.append(Block(heading=made.who_title, bullets=made.who))
    blocks.append(
        Block(
            heading=made.practical_title,
            bullets=[f"{label} {text}" for label, text in made.practical],
        )
    )
    closing = [made.reply]
    if answer_url:
        closing.append(f"Uw persoonlijke link: {answer_url}")
    blocks.append(Block(paragraphs=closing))
    blocks.append(Block(paragraphs=["\n".join(made.signature)]))
    return Document(
        title="Uitnodiging",
        blocks=blocks,
        sender=_sender(visit.organisation),
        recipient=_recipient(guest, context["positions_of"](guest.person_id)),
        place_date=_place_date(visit.organisation, today),
        subject=f"Betreft: {made.subject}",
    )


def run_sheet(visit, *, sender, today=None) -> Document:
    """The "draaiboek": minute by minute who does what and where, for the team on the day."""
    context = selectors.letter_context(visit, sender=sender, today=today)
    blocks_ = list(visit.blocks.select_related("stop"))
    slots = programme.timetable(blocks_, visit.start_time)
    table = [["Tijd", "Onderdeel", "Wie leidt", "Waar", "Met bewoners/deelnemers"]]
    host = context["host"]
    for slot in slots:
        block = slot.block
        table.append(
            [
                f"{time_format(slot.starts, 'H.i')}–{time_format(slot.ends, 'H.i')}",
                f"{block.title} ({block.minutes} min.)",
                block.led_by or (str(host) if host else "—"),
                block.stop.name if block.stop_id else "—",
                "ja" if block.with_people else "—",
            ]
        )
    team = [
        f"{member} — {member.get_role_display().lower()}"
        for member in context["team"]
        if member.role != TeamMember.Role.HOST
    ]
    guests = [
        _guest_label(g, context["positions_of"](g.person_id))
        + (f" (pers, {g.get_kind_display().lower()})" if g.kind == Guest.Kind.JOURNALIST else "")
        for g in context["guests"]
    ]
    route = [
        f"{time_format(stop.arrives_at, 'H.i')}–{time_format(stop.leaves_at, 'H.i')} "
        f"{stop.name}" + (f", {stop.address}" if stop.address else "")
        for stop in visit.stops.all()
    ]
    contact_name, contact_email, phone = context["contact"]
    document_blocks = [
        Block(
            heading="In het kort",
            bullets=[
                f"Wanneer: {_when(visit)}",
                f"Waar: {letters.address_of(visit, visit.organisation)}",
                f"Ontvangst en leiding: {host}" if host else "Ontvangst en leiding: nog niemand",
                f"Kernboodschap: {visit.core_message}" if visit.core_message else "",
                f"Concrete vraag: {visit.ask}" if visit.ask else "",
                f"Contact op de dag: {', '.join(p for p in (contact_name, phone) if p)}",
            ],
        ),
        Block(heading="Programma, minuut voor minuut", table=table if slots else []),
        Block(heading="Team", bullets=team or ["Alleen de ontvanger."]),
        Block(heading="Gasten", bullets=guests or ["Nog geen gasten."]),
    ]
    if route:
        document_blocks.append(Block(heading="Route", bullets=route))
    if visit.media_present:
        media = []
        if visit.press_present:
            media.append("Er is een journalist aanwezig.")
        if visit.photographer_present:
            media.append("Er is een fotograaf; fotografeer alleen wie toestemming gaf.")
        document_blocks.append(Block(heading="Media", paragraphs=media))
    for block in document_blocks:
        block.bullets = [line for line in block.bullets if line]
    return Document(
        title="Draaiboek",
        subtitle=f"{visit.title} — {_when(visit)}",
        blocks=document_blocks,
        footer=f"{visit.organisation.name} · alleen voor het team",
    )


def briefing(visit, *, sender, today=None) -> Document:
    """The team briefing: goal, message and ask, and who the guests are, with the
    organisation's own assessment of each (stance, influence, what drives them)."""
    rows = selectors.guest_rows(visit)
    blocks = [
        Block(heading="Doel", paragraphs=[visit.goal or "—"]),
        Block(heading="Kernboodschap", paragraphs=[visit.core_message or "—"]),
        Block(heading="Concrete vraag", paragraphs=[visit.ask or "—"]),
    ]
    table = [["Gast", "Functie en fractie", "Houding", "Invloed", "Wat drijft hem of haar"]]
    for row in rows:
        guest = row.guest
        position = letters.main_position(row.positions)
        role = letters.role_phrase(position) if position is not None else "—"
        group = next((str(p.party_group.name) for p in row.positions if p.party_group_id), "")
        assessment = row.assessment
        table.append(
            [
                str(guest),
                f"{role} ({group})" if group else role,
                assessment.get_stance_display() if assessment else "onbekend",
                str(assessment.influence) if assessment and assessment.influence else "—",
                (assessment.drivers if assessment else "") or "—",
            ]
        )
    blocks.append(Block(heading="Wie komen er", table=table if rows else []))
    blocks.append(
        Block(
            heading="Afspraken voor het team",
            bullets=[
                "Vertel verhalen bij de cijfers; laat bewoners en deelnemers zelf aan het woord.",
                "Geen presentatie met dia's: laat de gasten zien en meemaken.",
                "Sluit af met de kernboodschap en de concrete vraag, en spreek een vervolg af.",
            ],
        )
    )
    return Document(
        title="Briefing voor het team",
        subtitle=f"{visit.title} — {_when(visit)}",
        blocks=blocks,
        footer=f"{visit.organisation.name} · vertrouwelijk: bevat eigen inschattingen",
    )


def factsheet(visit, *, sender, today=None) -> Document:
    """One page to hand out: key figures, one story, the ask and whom to contact."""
    contact_name, contact_email, phone = selectors.contact_of(visit, sender)
    figures = [line.strip(" -•") for line in visit.key_figures.splitlines() if line.strip()]
    blocks = []
    if visit.core_message:
        blocks.append(Block(paragraphs=[visit.core_message]))
    if figures:
        blocks.append(Block(heading="In cijfers", bullets=figures))
    if visit.story.strip():
        blocks.append(Block(heading="Een verhaal", paragraphs=[visit.story.strip()]))
    if visit.ask:
        blocks.append(Block(heading="Onze vraag aan u", paragraphs=[visit.ask]))
    blocks.append(
        Block(
            heading="Contact",
            paragraphs=[", ".join(p for p in (contact_name, contact_email, phone) if p)],
        )
    )
    return Document(
        title=visit.organisation.name,
        subtitle=visit.theme or visit.location_name,
        picture=bytes(visit.factsheet_image or b""),
        blocks=blocks,
        footer=visit.organisation.description[:200],
    )


SHORT_ROLES = {
    "alderman": "wethouder",
    "council_member": "raadslid",
    "member_of_parliament": "Kamerlid",
    "mayor": "burgemeester",
    "senator": "senator",
    "provincial_member": "Statenlid",
}


def _coming(visit):
    """The guests proper who have not declined, with their current positions."""
    return [
        row
        for row in selectors.guest_rows(visit)
        if row.guest.kind == Guest.Kind.GUEST
        and row.guest.person_id
        and row.guest.rsvp != Guest.Rsvp.DECLINED
    ]


def _short_name(row) -> str:
    """ "wethouder Zuidema", "Kamerlid Van der Berg": how a headline names someone."""
    position = letters.main_position(row.positions)
    role = SHORT_ROLES.get(position.role, "") if position is not None else ""
    return f"{role} {row.guest.person.surname}".strip()


def _headline_subject(rows) -> str:
    names = [_short_name(row) for row in rows]
    if len(names) > 3:
        names = [names[0], f"{len(names) - 1} andere politici"]
    text = letters.in_text(names) or "Politici"
    return text[:1].upper() + text[1:]


def press_release(visit, *, sender, after: bool, today=None) -> Document:
    """A press release announcing the visit, or reporting on it afterwards."""
    organisation = visit.organisation
    contact_name, contact_email, phone = selectors.contact_of(visit, sender)
    rows = _coming(visit)
    plural = len(rows) != 1
    who = letters.in_text([_guest_label(row.guest, row.positions) for row in rows]) or "politici"
    place = visit.location_name or organisation.name
    topic = f" over {letters.in_sentence(visit.theme)}" if visit.theme else ""
    when = f"Op {date_format(visit.date, 'l j F Y')}" if visit.date else "Binnenkort"
    if after:
        verb = "bezochten" if plural else "bezocht"
        headline = f"{_headline_subject(rows)} {verb} {organisation.name}"
        lead = (
            f"{when} {'brachten' if plural else 'bracht'} {who} een werkbezoek aan {place}{topic}."
        )
    else:
        verb = "bezoeken" if plural else "bezoekt"
        headline = f"{_headline_subject(rows)} {verb} {organisation.name}"
        lead = (
            f"{when} {'brengen' if plural else 'brengt'} {who} een werkbezoek aan {place}{topic}."
        )
    body = [lead]
    if visit.goal:
        body.append(visit.goal)
    if visit.core_message:
        body.append(f"{organisation.name}: “{visit.core_message}”")
    if visit.ask and after:
        body.append(f"{organisation.name} vroeg de bezoekers: {visit.ask}")
    if not after and visit.date:
        body.append(f"Het bezoek begint om {time_format(visit.start_time, 'H.i')} uur.")
    if visit.template.press_text:  # the paragraph of an umbrella's uniform way of working
        body.append(visit.template.press_text)
    blocks = [Block(paragraphs=body)]
    blocks.append(
        Block(
            heading="Noot voor de redactie",
            paragraphs=[
                "Voor meer informatie en beeldmateriaal: "
                + ", ".join(p for p in (contact_name, contact_email, phone) if p)
                + (". U bent welkom bij het bezoek; meld u vooraf aan." if not after else ".")
            ],
        )
    )
    return Document(
        title="Persbericht",
        subtitle=headline,
        blocks=blocks,
        place_date=_place_date(organisation, today or timezone.localdate()),
    )


def post_text(post, handles: list[str]) -> tuple[str, int, int]:
    """The post with the handles of guests who agreed to be tagged, within the platform's
    limit: the text is shortened on a word, the tags stay. Returns (text, length, limit)."""
    text = post.text.strip()
    limit = POST_LIMITS.get(post.channel, 0)
    tags = ""
    if limit:
        tags = " ".join(h if h.startswith("@") else f"@{h}" for h in handles)
    room = limit - (len(tags) + 1 if tags else 0)
    if limit and len(text) > room:
        text = text[: room - 1].rsplit(" ", 1)[0] + "…"
    if tags:
        text = f"{text} {tags}"
    return text, len(text), limit


def posts(visit, *, sender, today=None) -> Document:
    handles = [
        guest.handle for guest in visit.guests.filter(tagging_allowed=True).exclude(handle="")
    ]
    blocks = []
    for post in visit.posts.all():
        text, length, limit = post_text(post, handles)
        when = f"{post.days_after} dagen na het bezoek" if post.days_after else "op de dag zelf"
        count = f"{length} van {limit} tekens" if limit else f"{length} tekens"
        blocks.append(
            Block(heading=f"{post.get_channel_display()} — {when}", paragraphs=[text, count])
        )
    if not blocks:
        blocks.append(Block(paragraphs=["Er zijn nog geen berichten gepland (zie Media)."]))
    blocks.append(
        Block(
            paragraphs=[
                "Alleen gasten die toestemming gaven, worden getagd; noem anderen niet bij naam."
            ]
        )
    )
    return Document(title="Berichten voor sociale media", subtitle=visit.title, blocks=blocks)


def thank_you(visit, guest, *, sender, today=None) -> Document:
    """The thank-you letter with what is known now; the follow-up adds photo and report."""
    today = today or timezone.localdate()
    context = selectors.letter_context(visit, sender=sender, today=today)
    guest = next(g for g in context["guests"] if g.pk == guest.pk)
    paragraphs = letters.thank_you_paragraphs(
        visit=visit,
        organisation=visit.organisation,
        person=guest.person,
        style=context["style"],
        contact=context["contact"],
    )
    return Document(
        title="Bedankt",
        blocks=[Block(paragraphs=paragraphs)],
        sender=_sender(visit.organisation),
        recipient=_recipient(guest, context["positions_of"](guest.person_id)),
        place_date=_place_date(visit.organisation, today),
        subject=f"Betreft: uw werkbezoek aan {visit.organisation.name}",
    )


def build(kind: str, visit, *, guest=None, sender=None, answer_url: str = "") -> Document:
    """The document of this kind, in Dutch whatever the reader's language."""
    with translation.override("nl"):
        if kind == Kind.INVITATION:
            return invitation(visit, guest, sender=sender, answer_url=answer_url)
        if kind == Kind.THANK_YOU:
            return thank_you(visit, guest, sender=sender)
        if kind == Kind.PRESS_BEFORE:
            return press_release(visit, sender=sender, after=False)
        if kind == Kind.PRESS_AFTER:
            return press_release(visit, sender=sender, after=True)
        builders = {
            Kind.RUN_SHEET: run_sheet,
            Kind.BRIEFING: briefing,
            Kind.FACTSHEET: factsheet,
            Kind.POSTS: posts,
        }
        return builders[kind](visit, sender=sender)
