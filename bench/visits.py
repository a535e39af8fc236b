"""Benchmark: the visit planner at national scale.

A realistic year of meetings: every council of all 342 municipalities meets about monthly
with committee evenings in between (about 45 meetings each), and 150 MPs attend about 2,500
committee meetings. A visit with 20 guests (MPs, aldermen and council members from
different municipalities) asks for date options over three months: goal p95 < 50 ms.
The visit page with a 12-block programme and those 20 guests: goal p95 < 100 ms with a
fixed number of queries.

Uses its own fresh database, like bench/register.py (BENCH_DATABASE_URL for PostgreSQL).
Usage: make bench   (or: .venv/bin/python bench/visits.py)
"""

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from register import configure, measure  # noqa: E402  (bench/ is not a package)

START = datetime.date(2027, 1, 1)


def generate():
    from django.core.management import call_command
    from django.utils import timezone
    from django_scopes import scope, scopes_disabled

    from werkbezoek.accounts.models import User
    from werkbezoek.calendars.models import Meeting
    from werkbezoek.organisations.models import Membership, Organisation, Role
    from werkbezoek.people.models import Person, Position
    from werkbezoek.reference.models import Body, Municipality
    from werkbezoek.visits import services
    from werkbezoek.visits.models import ProgrammeTemplate
    from werkbezoek.visits.standard_templates import ensure as ensure_standard_templates

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    ensure_standard_templates()  # the flush removed the migration's rows
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_reference_data", verbosity=0)  # the real 342 municipalities
    rng = random.Random(7)
    zone = timezone.get_current_timezone()

    def at(day, hour):
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)

    with scopes_disabled():
        councils = []
        meetings = []
        for municipality in Municipality.objects.all():
            council, _ = Body.objects.get_or_create(
                code=f"GR-{municipality.code}",
                defaults={
                    "kind": "council",
                    "name": f"Raad {municipality.name}",
                    "municipality": municipality,
                },
            )
            councils.append(council)
            weekday = rng.choice([0, 1, 2, 3])
            for month in range(1, 13):
                if month == 8:
                    continue  # summer recess
                first = datetime.date(2027, month, 1)
                day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7)
                for week, title in enumerate(
                    ["Raadsvergadering", "Commissie", "Commissie", "Informatieavond"]
                ):
                    meetings.append(
                        Meeting(
                            body=council,
                            uid=f"{council.code}-{month}-{week}",
                            title=title,
                            starts_at=at(day + datetime.timedelta(days=7 * week), 19),
                        )
                    )
        Meeting.objects.bulk_create(meetings, batch_size=5000)
        tk = Body.objects.get(code="TK")
        committees = [
            Body.objects.get_or_create(
                code=f"TK-BENCH-{n}", defaults={"kind": "committee", "name": f"Commissie {n}"}
            )[0]
            for n in range(15)
        ]
        mps = Person.objects.bulk_create(
            Person(family_name=f"Kamerlid{n}", initials="K.") for n in range(150)
        )
        Position.objects.bulk_create(
            Position(person=p, role="member_of_parliament", body=tk, start_date=START) for p in mps
        )
        committee_meetings = Meeting.objects.bulk_create(
            Meeting(
                body=rng.choice(committees),
                uid=f"tk-{n}",
                title="Commissiedebat",
                starts_at=at(START + datetime.timedelta(days=rng.randint(0, 364)), 10),
            )
            for n in range(2500)
        )
        through = Meeting.attendees.through
        through.objects.bulk_create(
            through(meeting_id=m.pk, person_id=p.pk)
            for m in committee_meetings
            for p in rng.sample(mps, rng.randint(3, 8))
        )
        local = []
        for n, council in enumerate(rng.sample(councils, 10)):
            person = Person.objects.create(family_name=f"Lokaal{n}", initials="L.")
            Position.objects.create(
                person=person,
                role="alderman" if n % 2 else "council_member",
                body=council,
                start_date=START,
            )
            local.append(person)

        organisation = Organisation.objects.create(name="Bench", slug="bench", kind="other")
        user = User.objects.create_user(email="bench@example.org", password="x" * 12)
        Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
    with scope(organisation=organisation):
        visit = services.visit_create(
            organisation=organisation,
            actor=user,
            template=ProgrammeTemplate.objects.get(code="national"),
            title="Bench",
            kind="mixed",
            goal_type="inform",
            ask="Kom kijken",
        )
        for person in mps[:10] + local:
            services.guest_add(actor=None, visit=visit, person=person)
        for n in range(5):
            services.block_add(actor=None, visit=visit, kind="tour", title=f"Extra {n}", minutes=5)
        services.dates_propose(
            actor=None,
            visit=visit,
            start=datetime.date(2027, 3, 1),
            end=datetime.date(2027, 5, 31),
            time_of_day="morning",
        )
        assert visit.blocks.count() == 12 and visit.guests.count() == 20
    return user, organisation, visit, len(meetings) + len(committee_meetings)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    configure()
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client
    from django_scopes import scope

    from werkbezoek.lib.maintenance import refresh_query_statistics
    from werkbezoek.visits import selectors

    started = time.perf_counter()
    user, organisation, visit, meeting_count = generate()
    refresh_query_statistics()
    print(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
        f"{meeting_count} meetings, 20 guests, 12 blocks, generated in "
        f"{time.perf_counter() - started:.0f} s"
    )
    timings = []
    with scope(organisation=organisation):
        for _ in range(args.repeats):
            began = time.perf_counter()
            proposal = selectors.date_proposal(
                visit,
                start=datetime.date(2027, 3, 1),
                end=datetime.date(2027, 5, 31),
                time_of_day="morning",
                today=datetime.date(2027, 1, 4),
            )
            timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"{'date options':<22} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
        f"({len(proposal.busy)} busy days, {len(proposal.options)} options)"
    )
    settings.ALLOWED_HOSTS = ["testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = measure(client, "visit page", f"/o/bench/bezoeken/{visit.pk}/", args.repeats)
    dates_page = measure(
        client, "date options page", f"/o/bench/bezoeken/{visit.pk}/datums/", args.repeats
    )
    print(
        "goals: date options p95 < 50 ms —",
        "met" if p95 < 50 else "NOT met",
        "; visit page p95 < 100 ms —",
        "met" if page < 100 else "NOT met",
        f"(date options page: {dates_page:.0f} ms)",
    )


if __name__ == "__main__":
    main()
