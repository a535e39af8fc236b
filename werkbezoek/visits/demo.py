"""Two demo visits for the demo social-work organisation: one being planned (guests, date
options with reasons, programme, checklist) and one held, so a newcomer sees the flow.
Only the fictional people of the demo register are invited. Dates are relative to today."""

import datetime
import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope
from PIL import Image, ImageDraw

from werkbezoek.calendars.models import CalendarFeed
from werkbezoek.calendars.parsing import parse_ics
from werkbezoek.calendars.services import council_of, feed_upload
from werkbezoek.organisations.models import Membership
from werkbezoek.people.demo import FICTIONAL
from werkbezoek.people.models import Person
from werkbezoek.reference.models import Body, Municipality

from . import evaluation, follow_up, services
from .models import Guest, ProgrammeTemplate, TeamMember, Visit
from .standard_templates import ensure as ensure_standard_templates

PLANNED = {
    "title": "Wethouder Zuidema en raadsleden in de buurtmoestuin Kloosterveen",
    "theme": "Eenzaamheid onder ouderen",
    "kind": Visit.Kind.LOCAL,
    "goal_type": Visit.GoalType.INFLUENCE,
    "goal": "Laten zien hoe ouderen en jongeren samen de buurtmoestuin onderhouden, en wat "
    "dat doet tegen eenzaamheid.",
    "core_message": "Samen tuinieren brengt mensen uit hun huis: elke euro in de "
    "buurtmoestuin voorkomt dure zorg later.",
    "ask": "Behoud de subsidie voor de buurtmoestuinen in de begroting van volgend jaar.",
    "location_name": "Buurtmoestuin Kloosterveen",
    "address": "Kloosterveste 1, Assen (voorbeeldadres)",
    "duration_minutes": 45,
}

HELD = {
    "title": "Werkbezoek buurthuis De Kloosterveen: schuldhulp dichtbij",
    "theme": "Schuldhulp",
    "kind": Visit.Kind.LOCAL,
    "goal_type": Visit.GoalType.INFORM,
    "goal": "De wethouder laten ervaren hoe vrijwilligers in het buurthuis vroeg signaleren.",
    "core_message": "Vroeg erbij zijn voorkomt diepe schulden.",
    "ask": "Kom over een half jaar terug om de resultaten te zien.",
    "location_name": "Buurthuis De Kloosterveen",
    "address": "Kloosterveste 3, Assen (voorbeeldadres)",
    "duration_minutes": 45,
}


def _person(family_name):
    return Person.objects.get(sources=FICTIONAL, family_name=family_name)


def demo_calendar(today: datetime.date) -> bytes:
    """A fictional council calendar for Assen (an ICS file, read like a real upload): the
    council meets on Tuesday evenings every four weeks, its committees two weeks later."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Werkbezoek//Demo//NL"]
    tuesday = today - datetime.timedelta(days=today.weekday() - 1 + 56)
    for number in range(12):
        for offset, title, hour in ((0, "Raadsvergadering", 19), (15, "Commissie Samenleving", 19)):
            day = tuesday + datetime.timedelta(days=28 * number + offset)
            lines += [
                "BEGIN:VEVENT",
                f"UID:demo-assen-{day:%Y%m%d}-{offset}@werkbezoek.example",
                f"DTSTART;TZID=Europe/Amsterdam:{day:%Y%m%d}T{hour:02d}3000",
                f"DTEND;TZID=Europe/Amsterdam:{day:%Y%m%d}T{hour + 3:02d}0000",
                f"SUMMARY:{title} (demo)",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode()


def _place_in_assen(people):
    """The demo people sit in Assen's council and executive, so their meetings count."""
    assen = Municipality.objects.filter(code="GM0106").first()
    if assen is None:
        return None  # reference data not loaded: the visits still work, without meetings
    council = council_of(assen)
    executive, _created = Body.objects.get_or_create(
        code="BW-GM0106",
        defaults={
            "kind": Body.Kind.EXECUTIVE,
            "name": "College van B&W Assen",
            "municipality": assen,
        },
    )
    for person in people:
        person.positions.filter(body__isnull=True).update(
            body=executive if person.family_name == "Zuidema" else council
        )
    return assen


def _task_update(visit, actor, task, *, done=None, assignee=None):
    """Tick a task or assign it, as a user does on the checklist."""
    services.task_save(
        visit=visit,
        actor=actor,
        task=task,
        title=task.title,
        offset_days=task.offset_days,
        working_days=task.working_days,
        assignee=assignee or task.assignee,
        done=task.done_at is not None if done is None else done,
    )


def load_visits_demo(organisation, users: dict) -> None:
    if organisation.slug != "welzijn-assen":
        return
    today = timezone.localdate()
    with scope(organisation=organisation):
        if Visit.objects.exists():
            return
        demi = users["demo@example.org"]
        members = {m.user.email: m for m in Membership.objects.select_related("user")}
        ensure_standard_templates()
        local = ProgrammeTemplate.objects.get(code="local", organisation=None)
        assen = _place_in_assen([_person(f) for f in ("Zuidema", "Yilmaz", "Bos")])
        if assen is not None:
            feed_upload(
                organisation=organisation,
                municipality=assen,
                kind=CalendarFeed.Kind.ICS_FILE,
                name="Demo: vergaderkalender gemeenteraad Assen (fictief).ics",
                specs=parse_ics(demo_calendar(today)),
                actor=demi,
            )

        # 1. Being planned: invited, three date options, answers coming in.
        visit = services.visit_create(
            organisation=organisation, actor=demi, template=local, **PLANNED
        )
        for family in ("Zuidema", "Yilmaz", "Bos"):
            services.guest_add(actor=demi, visit=visit, person=_person(family))
        services.team_add(
            actor=demi, visit=visit, role=TeamMember.Role.HOST, membership=members[demi.email]
        )
        services.team_add(
            actor=demi, visit=visit, role=TeamMember.Role.RESIDENT, name="Mevr. Jansen (85)"
        )
        services.team_add(
            actor=demi,
            visit=visit,
            role=TeamMember.Role.GUIDE,
            membership=members["sanne.bakker@example.org"],
        )
        start = today + datetime.timedelta(days=35)
        services.dates_propose(
            actor=demi,
            visit=visit,
            start=start,
            end=start + datetime.timedelta(days=41),
            time_of_day="morning",
        )
        services.visit_letter_save(
            visit=visit,
            actor=demi,
            text="",
            contact=members[demi.email],
            involvement="De gemeente Assen subsidieert de buurtmoestuin sinds 2023 en stelt "
            "de grond beschikbaar.",
        )
        # The public records carry no e-mail address: the letters went by post.
        services.invitations_send(visit=visit, actor=demi, base_url=settings.WERKBEZOEK_SITE_URL)
        guests = {g.person.family_name: g for g in visit.guests.select_related("person")}
        for guest in guests.values():
            services.invitation_mark_posted(visit=visit, actor=demi, guest=guest)
        options = list(visit.date_options.all())
        if options:
            # Zuidema's secretary phoned; Yilmaz answered through her personal link.
            services.guest_answer_save(
                visit=visit,
                actor=demi,
                guest=guests["Zuidema"],
                rsvp=Guest.Rsvp.ACCEPTED,
                preferred_option=options[0],
            )
            services.guest_answer_by_link(
                guest=guests["Yilmaz"],
                rsvp=Guest.Rsvp.ACCEPTED,
                available_dates={option.date for option in options[:2]},
                note="Ik kom graag; ik neem een collega uit de commissie Samenleving mee.",
                photos_allowed=True,
                tagging_allowed=True,
            )
        for task in visit.tasks.filter(code__in=["goal", "homework"]):
            _task_update(visit, demi, task, done=True)
        _task_update(visit, demi, visit.tasks.get(code="invite"), assignee=members[demi.email])
        _task_update(
            visit,
            demi,
            visit.tasks.get(code="briefing"),
            assignee=members["sanne.bakker@example.org"],
        )
        services.media_update(
            visit=visit,
            actor=demi,
            press_present=False,
            photographer_present=True,
            press_release=False,
        )
        services.factsheet_update(
            visit=visit,
            actor=demi,
            key_figures="42 ouderen tuinieren elke week mee\n18 vrijwilligers van 14 tot 81 "
            "jaar\n€ 9.500 subsidie per jaar",
            story="Mevrouw Jansen (85) kwam twee jaar geleden haar huis nauwelijks uit. Nu "
            "zaait ze elke dinsdag met de kinderen van basisschool De Boomgaard.",
        )

        # 2. Held six weeks ago and followed up.
        held = services.visit_create(organisation=organisation, actor=demi, template=local, **HELD)
        guest = services.guest_add(actor=demi, visit=held, person=_person("Zuidema"))
        services.team_add(
            actor=demi, visit=held, role=TeamMember.Role.HOST, membership=members[demi.email]
        )
        services.guest_answer_save(
            visit=held,
            actor=demi,
            guest=guest,
            rsvp=Guest.Rsvp.ACCEPTED,
            photos_allowed=True,
            tagging_allowed=True,
            handle=guest.handle,
        )
        services.date_set(
            visit=held,
            actor=demi,
            date=today - datetime.timedelta(days=45),
            start_time=datetime.time(10, 0),
        )
        services.stop_add(
            visit=held,
            actor=demi,
            name="Buurthuis De Kloosterveen",
            arrives_at=datetime.time(10, 0),
            leaves_at=datetime.time(10, 45),
        )
        for to in ("invited", "confirmed", "held"):
            services.transition(visit=held, to=to, actor=demi, note="Demo")
        _follow_up_held(held, demi, guest, members, today)
        services.transition(visit=held, to="followed_up", actor=demi, note="Demo")
        for task in held.tasks.filter(guest__isnull=True):
            _task_update(held, demi, task, done=True)


def _demo_photo() -> SimpleUploadedFile:
    """A drawn picture standing in for a photo of the day (no real person on it)."""
    image = Image.new("RGB", (1200, 800), (214, 232, 208))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 800), fill=(96, 140, 72))
    draw.rectangle((380, 250, 820, 560), fill=(190, 120, 80))
    draw.polygon([(340, 260), (600, 90), (860, 260)], fill=(120, 60, 50))
    draw.rectangle((560, 420, 640, 560), fill=(70, 50, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("buurthuis.jpg", out.getvalue(), content_type="image/jpeg")


def _follow_up_held(held, demi, guest, members, today):
    """The held visit's follow-up: thank-you, report with evaluation, a photo, a promise that
    falls due soon and one kept, and the next contact with the alderman."""
    services.thank_you_send(visit=held, actor=demi)
    follow_up.report_save(
        visit=held,
        actor=demi,
        what_happened="Wethouder Zuidema sprak een uur met drie vrijwilligers van de "
        "schuldhulp en met een bewoner die dankzij het buurtteam schuldenvrij is.",
        quotes="“Dit had ik op papier nooit zo gezien.” — wethouder Zuidema",
        ask_outcome="partly",
        outcome="De wethouder zegde toe de wachttijd te laten uitzoeken; over het budget "
        "volgt een gesprek na de voorjaarsnota.",
        ratings=dict(zip(evaluation.CODES, (4, 4, 2, 2, 3, 4), strict=True)),
    )
    follow_up.photo_add(
        visit=held,
        actor=demi,
        upload=_demo_photo(),
        caption="Het buurthuis De Kloosterveen",
        consent="Alleen het gebouw staat erop.",
    )
    kept = follow_up.commitment_add(
        organisation=held.organisation,
        actor=demi,
        people=[guest.person],
        text="Laat uitzoeken hoe lang inwoners wachten op een eerste gesprek bij schuldhulp.",
        made_on=held.date,
        due_on=held.date + datetime.timedelta(days=30),
        visit=held,
    )
    follow_up.commitment_status(
        commitment=kept,
        actor=demi,
        status="kept",
        evidence="Raadsinformatiebrief over de wachttijden schuldhulp ontvangen.",
    )
    follow_up.commitment_add(
        organisation=held.organisation,
        actor=demi,
        people=[guest.person],
        text="Neemt het buurtteam schuldhulp mee in de voorjaarsnota.",
        made_on=held.date,
        due_on=today + datetime.timedelta(days=6),
        owner=members[demi.email],
        visit=held,
    )
    follow_up.next_contact_set(
        visit=held,
        actor=demi,
        guest=guest,
        date=today + datetime.timedelta(days=9),
        what="Bellen over de voorjaarsnota",
        owner=members[demi.email],
    )
