"""Test helpers: named personas in two organisations, mail and task helpers.

Personas (like healthchecks' alice/bob/charlie): in organisation A ("welzijn-a") `admin`,
`editor` and `reader`; `outsider` is admin of organisation B only and must never see A.
"""

import re
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from unittest import mock

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from django.core.management import call_command
from django_scopes import scopes_disabled

from werkbezoek.accounts.models import User
from werkbezoek.organisations.models import Membership, Organisation, Role

PASSWORD = "geheim-wachtwoord-42"  # noqa: S105  (test accounts only)


def make_user(email: str, name: str = "", password: str = PASSWORD) -> User:
    return User.objects.create_user(email=email, password=password, full_name=name)


def make_organisation(slug: str, name: str | None = None, **fields) -> Organisation:
    fields.setdefault("kind", Organisation.Kind.SOCIAL_WORK)
    return Organisation.objects.create(slug=slug, name=name or slug.title(), **fields)


def add_member(organisation: Organisation, user: User, role: str) -> Membership:
    with scopes_disabled():
        return Membership.objects.create(organisation=organisation, user=user, role=role)


@dataclass
class Personas:
    org_a: Organisation
    org_b: Organisation
    admin: User
    editor: User
    reader: User
    outsider: User


def make_personas() -> Personas:
    org_a = make_organisation("welzijn-a", "Welzijn A")
    org_b = make_organisation("natuur-b", "Natuur B", kind=Organisation.Kind.NATURE_EDUCATION)
    people = Personas(
        org_a=org_a,
        org_b=org_b,
        admin=make_user("admin@a.example", "Anna Admin"),
        editor=make_user("editor@a.example", "Eddy Editor"),
        reader=make_user("reader@a.example", "Rik Reader"),
        outsider=make_user("outsider@b.example", "Olga Outsider"),
    )
    add_member(org_a, people.admin, Role.ADMIN)
    add_member(org_a, people.editor, Role.EDITOR)
    add_member(org_a, people.reader, Role.READER)
    add_member(org_b, people.outsider, Role.ADMIN)
    return people


def totp_code(key_hex: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for this device key, now or a step (30 s) later
    (a code is accepted once: a second login in the same half minute needs the next one)."""
    from django_otp.oath import TOTP

    return f"{TOTP(bytes.fromhex(key_hex), drift=steps_ahead).token():06d}"


def pass_second_factor(client, user) -> None:
    """For a test client logged in with force_login: an admin or superuser has also given
    the code from a linked app, as at a real login."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from werkbezoek.accounts.second_factor import needs_second_factor

    if needs_second_factor(user):
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "app"}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def run_queued_tasks() -> None:
    """Run every queued background task once, as the production worker would.

    Inside a test's transaction autocommit is off, which the worker's
    close_old_connections() takes for a broken connection and closes (on PostgreSQL that
    would end the test's transaction), so that one call is skipped here.
    """
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command(
            "db_worker", queue_name="*", batch=True, startup_delay=False, reload=False, verbosity=0
        )


# --- a real SMTP server for tests ---------------------------------------------------------


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list = field(default_factory=list)
    # Scripted answers to DATA, one per attempt, e.g. ["451 4.3.0 try later"]; then "250".
    replies: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SMTP, session, envelope):
        with self.lock:
            if self.replies:
                return self.replies.pop(0)
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "message": message_from_bytes(envelope.content, policy=policy.default),
                }
            )
        return "250 OK"

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.replies.clear()

    def bodies(self) -> list[str]:
        return [m["message"].get_body(("plain",)).get_content() for m in self.messages]

    def last_link(self) -> str:
        body = self.bodies()[-1]
        return re.search(r"https?://\S+", body).group(0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp_server() -> tuple[SmtpServer, Controller]:
    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    return server, controller


# --- builders: reference data, people, visits -----------------------------------------------


@dataclass
class Council:
    province: object
    municipality: object
    council: object
    executive: object
    groups: dict  # party abbreviation -> PartyGroup in the council


def make_council(code: str = "GM9106", name: str = "Testassen", parties=("TP", "AP")) -> Council:
    """A municipality with its council, executive and one party group per party."""
    from werkbezoek.reference.models import Body, Municipality, Party, PartyGroup, Province

    province, _created = Province.objects.get_or_create(
        code="PV99", defaults={"name": "Testprovincie"}
    )
    municipality = Municipality.objects.create(code=code, name=name, province=province)
    council = Body.objects.create(
        code=f"GR-{code}",
        kind=Body.Kind.COUNCIL,
        name=f"Gemeenteraad {name}",
        municipality=municipality,
    )
    executive = Body.objects.create(
        code=f"BW-{code}",
        kind=Body.Kind.EXECUTIVE,
        name=f"College {name}",
        municipality=municipality,
    )
    groups = {}
    for abbreviation in parties:
        party, _created = Party.objects.get_or_create(
            name=f"Partij {abbreviation}", defaults={"abbreviation": abbreviation}
        )
        groups[abbreviation] = PartyGroup.objects.create(
            body=council, party=party, name=f"{abbreviation} {name}"
        )
    return Council(province, municipality, council, executive, groups)


def make_public_person(family_name: str, role: str, body, group=None, **fields):
    """A public person (open data, no organisation) with one current position."""
    import datetime

    from werkbezoek.people.models import Person, Position

    fields.setdefault("initials", "A.")
    person = Person.objects.create(family_name=family_name, **fields)
    Position.objects.create(
        person=person,
        role=role,
        body=body,
        party_group=group,
        start_date=datetime.date(2022, 1, 1),
    )
    return person


def make_visit(organisation, actor=None, **fields):
    """A visit made the way a user makes one (programme and checklist included).

    Call inside the organisation's scope."""
    from werkbezoek.visits import services
    from werkbezoek.visits.models import ProgrammeTemplate
    from werkbezoek.visits.standard_templates import ensure

    ensure()
    fields.setdefault("title", "Wethouder in de schooltuin")
    fields.setdefault("kind", "local")
    fields.setdefault("goal_type", "influence")
    fields.setdefault("ask", "Behoud de subsidie")
    if "template" not in fields:
        fields["template"] = ProgrammeTemplate.objects.get(code="local", organisation=None)
    return services.visit_create(organisation=organisation, actor=actor, **fields)


def ready_to_invite(visit, actor=None, *, date=None, options=()):
    """What sending needs besides guests: a core message, a host, and a fixed date or date
    options (each a datetime.date). Call inside the organisation's scope."""
    import datetime

    from werkbezoek.visits import services
    from werkbezoek.visits.models import DateOption

    visit.core_message = visit.core_message or "Een schooltuin maakt kinderen gezonder."
    visit.save(update_fields=["core_message"])
    if not visit.team.filter(role="host").exists():
        services.team_add(visit=visit, actor=actor, role="host", name="Gastvrouw Gea")
    if date is not None:
        services.date_set(visit=visit, actor=actor, date=date, start_time=datetime.time(10, 0))
    for rank, day in enumerate(options, start=1):
        DateOption.objects.create(
            organisation=visit.organisation,
            visit=visit,
            date=day,
            start_time=datetime.time(10, 0),
            rank=rank,
        )
    if date is None and not options and not visit.date_options.exists():
        from django.utils import timezone

        today = timezone.localdate()
        services.date_set(
            visit=visit,
            actor=actor,
            date=today + datetime.timedelta(days=30),
            start_time=datetime.time(10, 0),
        )
    return visit


def seed_private_data(organisation, person, actor, secret: str) -> None:
    """Everything an organisation can hold about one person, each carrying `secret`.

    Call inside the organisation's scope."""
    import datetime

    from werkbezoek.people import services as people
    from werkbezoek.people.services import interaction_log

    people.assessment_update(
        organisation=organisation,
        actor=actor,
        person=person,
        notes=secret,
        drivers=secret,
        influence=5,
        do_not_contact=True,
    )
    people.stance_record(
        organisation=organisation,
        person=person,
        stance="opponent",
        date=datetime.date(2026, 1, 5),
        reason=secret,
        actor=actor,
    )
    interaction_log(
        organisation=organisation,
        actor=actor,
        date=datetime.date(2026, 1, 6),
        kind="call",
        people=[person],
        summary=secret,
    )
    people.access_log(organisation=organisation, person=person, actor=actor)


def seed_every_scoped_model(organisation, actor, public_person) -> dict:
    """One row of every organisation-owned model, owned by `organisation`, keyed by model
    label. tests/test_scoping.py checks that no scoped model is missing here."""
    import datetime

    from django.utils import timezone
    from django_scopes import scope

    from werkbezoek.actions import services as action_services
    from werkbezoek.actions.models import ActionRating, DigestSent
    from werkbezoek.calendars.models import CalendarFeed, Meeting
    from werkbezoek.documents.models import GeneratedFile
    from werkbezoek.imports.models import ImportJob
    from werkbezoek.organisations.models import AuditEntry, FormSubmission, Invitation
    from werkbezoek.people import services as people
    from werkbezoek.people.models import Assessment, Position
    from werkbezoek.reference.models import Body
    from werkbezoek.visits import follow_up
    from werkbezoek.visits import services as visits
    from werkbezoek.visits.models import (
        Availability,
        CoHost,
        DateOption,
        Photo,
        ProgrammeTemplate,
        Report,
    )

    slug = organisation.slug
    with scope(organisation=organisation):
        visit = make_visit(organisation, actor, title=f"Bezoek {slug}", submission=f"seed-{slug}")
        guest = visits.guest_add(visit=visit, actor=actor, person=public_person)
        seed_private_data(organisation, public_person, actor, secret=f"geheim {slug}")
        own_person = people.person_create(
            organisation=organisation,
            actor=actor,
            family_name=f"Eigen {slug}",
            position={"role": "civil_servant", "title": "Beleidsadviseur"},
        )
        body = Body.objects.get_or_create(
            code="GR-SEED", defaults={"kind": "council", "name": "Raad"}
        )[0]
        feed = CalendarFeed.objects.create(
            organisation=organisation, body=body, kind="ics_file", name=f"{slug}.ics"
        )
        rows = {
            "organisations.Membership": organisation.memberships.first(),
            "organisations.Invitation": Invitation.objects.create(
                organisation=organisation,
                email=f"nieuw@{slug}.example",
                token_hash=f"seed-{slug}".ljust(64, "0"),
                expires_at=timezone.now() + datetime.timedelta(days=3),
            ),
            "organisations.AuditEntry": AuditEntry.objects.filter(
                organisation=organisation
            ).first(),
            "organisations.FormSubmission": FormSubmission.objects.get(token=f"seed-{slug}"),
            "people.Person": own_person,
            "people.Position": Position.objects.get(person=own_person),
            "people.Assessment": Assessment.objects.get(person=public_person),
            "people.StanceRecord": public_person.stance_records.get(),
            "people.AccessLogEntry": public_person.access_log.get(),
            "calendars.Meeting": Meeting.objects.create(
                organisation=organisation,
                feed=feed,
                body=body,
                uid=f"seed-{slug}",
                title="Raadsvergadering",
                starts_at=timezone.now(),
            ),
            "people.Interaction": public_person.interactions.get(),
            "imports.ImportJob": ImportJob.objects.create(
                organisation=organisation, filename=f"{slug}.csv", imported_by=actor
            ),
            "calendars.CalendarFeed": feed,
            "visits.ProgrammeTemplate": ProgrammeTemplate.objects.create(
                organisation=organisation,
                code=f"eigen-{slug}",
                name="Eigen",
                kind="local",
                min_minutes=30,
                max_minutes=60,
                max_story_minutes=15,
            ),
            "visits.Visit": visit,
            "visits.StatusChange": visit.status_changes.get(),
            "visits.Guest": guest,
            "visits.TeamMember": visits.team_add(
                visit=visit, actor=actor, role="host", name="Gastvrouw"
            ),
            "visits.DateOption": DateOption.objects.create(
                organisation=organisation,
                visit=visit,
                date=timezone.localdate() + datetime.timedelta(days=40),
                start_time=datetime.time(10, 0),
            ),
            "visits.Stop": visits.stop_add(
                visit=visit,
                actor=actor,
                name="Tuin",
                arrives_at=datetime.time(10, 0),
                leaves_at=datetime.time(10, 30),
            ),
            "visits.ProgrammeBlock": visit.blocks.first(),
            "visits.ChecklistTask": visit.tasks.first(),
            "visits.PlannedPost": visits.post_add(
                visit=visit, actor=actor, channel="x", text="Dank voor het bezoek"
            ),
            "visits.LetterTemplate": visits.letter_template_save(
                organisation=organisation,
                actor=actor,
                text="{{ aanhef }},\n\nWelkom.",
                salutation="formal",
            ),
            "visits.GuestInvitation": visits.guest_letter_save(
                visit=visit, actor=actor, guest=guest, text=f"Brief {slug}"
            ),
        }
        rows["visits.Availability"] = Availability.objects.create(
            organisation=organisation,
            guest=guest,
            date=rows["visits.DateOption"].date,
            available=True,
        )
        rows["documents.GeneratedFile"] = GeneratedFile.objects.create(
            organisation=organisation, visit=visit, kind="run_sheet", format="pdf"
        )
        rows["visits.Report"] = Report.objects.create(
            organisation=organisation, visit=visit, what_happened=f"Verslag {slug}"
        )
        rows["visits.Photo"] = Photo.objects.create(
            organisation=organisation,
            visit=visit,
            image=b"jpeg",
            thumbnail=b"jpeg",
            consent="Gevraagd",
            caption=f"Foto {slug}",
        )
        rows["visits.Commitment"] = follow_up.commitment_add(
            organisation=organisation,
            actor=actor,
            people=[public_person],
            text=f"Belofte {slug}",
            made_on=timezone.localdate(),
            visit=visit,
        )
        rows["visits.CommitmentChange"] = rows["visits.Commitment"].changes.get()
        # A co-host row of the organisation's own visit (an umbrella's dialogue session).
        rows["visits.CoHost"] = CoHost.objects.create(
            organisation=organisation, visit=visit, member=organisation
        )
        rows["actions.ActionRating"] = ActionRating.objects.create(
            organisation=organisation, action="pledge", ratings={"network": 5}
        )
        rows["actions.ActionPlan"] = action_services.plan_create(
            organisation=organisation, actor=actor, action="pledge"
        )
        rows["actions.PlanTask"] = rows["actions.ActionPlan"].tasks.first()
        rows["actions.DigestSent"] = DigestSent.objects.create(
            organisation=organisation, user=actor, day=timezone.localdate()
        )
    return rows


def load_real_councils(folder, codes=("GM0106",)) -> None:
    """Real public data for some municipalities: all municipalities, Assen's 2026 candidate
    list, and the office holders and seats of `codes` from the Register van
    Overheidsorganisaties (its rows for those municipalities, written to `folder`)."""
    import csv

    from django.conf import settings

    from werkbezoek.people.office_holders import load_office_holders_from
    from werkbezoek.people.public_data import load_assen_2026
    from werkbezoek.reference.loaders import load_municipalities

    data = settings.WERKBEZOEK_SHARED_DATA
    source = data / "gemeenteraad" / "roo_bestuurders_en_raadsleden_2026-04.csv"
    subset = folder / source.name
    with source.open(encoding="utf-8") as rows, subset.open("w", encoding="utf-8") as out:
        reader = csv.DictReader(rows)
        writer = csv.DictWriter(out, reader.fieldnames)
        writer.writeheader()
        writer.writerows(row for row in reader if row["gemeentecode"] in codes)
    load_municipalities(data / "gemeenten" / "gemeenten_2025.csv")
    load_assen_2026(data)
    load_office_holders_from(
        subset,
        seats_path=data / "gemeenteraad" / "roo_raad_zetels_per_partij_2026-04.csv",
        municipalities_path=data / "gemeenteraad" / "roo_gemeenten_2026-04.csv",
    )
