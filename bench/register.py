"""Benchmark: the relationship register at 10,000 people, 150,000 positions and 100,000
contacts in one organisation. Prints p50/p95 in ms and the query count per page.

Runs against a fresh database of its own: SQLite in a temporary folder, or PostgreSQL when
BENCH_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/werkbezoek_bench).
Usage: make bench   (or: .venv/bin/python bench/register.py [--people 10000])
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def configure():
    data_dir = tempfile.mkdtemp(prefix="werkbezoek-bench-")
    os.environ["WERKBEZOEK_DATA_DIR"] = data_dir
    os.environ["WERKBEZOEK_HTTPS"] = "0"
    os.environ["WERKBEZOEK_LOG_LEVEL"] = "WARNING"
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{data_dir}/bench.sqlite3"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkbezoek.settings"
    import django

    django.setup()


def generate(people_count: int):
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from werkbezoek.accounts.models import User
    from werkbezoek.organisations.models import Membership, Organisation, Role
    from werkbezoek.people.models import Assessment, Interaction, Person, Position, Stance
    from werkbezoek.people.models import Role as PersonRole
    from werkbezoek.reference.models import Body, Party, PartyGroup

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)  # a re-run starts empty
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(42)
    with scopes_disabled():
        organisation = Organisation.objects.create(name="Bench", slug="bench", kind="other")
        user = User.objects.create_user(email="bench@example.org", password="x" * 12)
        member = Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
        bodies = [
            Body.objects.create(code=f"B{n}", kind=Body.Kind.COUNCIL, name=f"Raad {n}")
            for n in range(40)
        ]
        parties = [Party.objects.create(name=f"Partij {n}") for n in range(12)]
        groups = [
            PartyGroup.objects.create(body=b, party=p, name=f"{p.name} {b.name}")
            for b in bodies
            for p in parties
        ]
        people = Person.objects.bulk_create(
            Person(
                organisation=organisation,
                family_name=f"Achternaam{n:05d}",
                initials=f"{chr(65 + n % 26)}.",
                given_name=rng.choice(["Anna", "Bram", "Cor"]),
            )
            for n in range(people_count)
        )
        stances = list(Stance.values)
        Assessment.objects.bulk_create(
            Assessment(
                organisation=organisation,
                person=p,
                stance=rng.choice(stances),
                influence=rng.randint(1, 5),
                owner=member,
                themes=["Wonen"],
            )
            for p in people
        )
        today = datetime.date(2026, 11, 1)
        positions = []
        for person in people:
            for index in range(15):  # 14 ended roles and one current one
                group = rng.choice(groups)
                start = today - datetime.timedelta(days=200 * (15 - index))
                end = None if index == 14 else start + datetime.timedelta(days=199)
                positions.append(
                    Position(
                        organisation=organisation,
                        person=person,
                        role=PersonRole.COUNCIL_MEMBER,
                        body=group.body,
                        party_group=group,
                        start_date=start,
                        end_date=end,
                    )
                )
        Position.objects.bulk_create(positions, batch_size=5000)
        interactions = Interaction.objects.bulk_create(
            (
                Interaction(
                    organisation=organisation,
                    kind="meeting",
                    summary="Gesprek",
                    date=today - datetime.timedelta(days=rng.randint(0, 1500)),
                )
                for _ in range(people_count * 10)
            ),
            batch_size=5000,
        )
        through = Interaction.people.through
        through.objects.bulk_create(
            (through(interaction_id=i.pk, person_id=rng.choice(people).pk) for i in interactions),
            batch_size=5000,
        )
    return user, people


def measure(client, label, url, repeats):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"{label:<22} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
        f"{len(queries.captured_queries):3d} queries"
    )
    return p95


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    configure()
    from django.conf import settings
    from django.test import Client

    started = time.perf_counter()
    user, people = generate(args.people)
    from werkbezoek.lib.maintenance import refresh_query_statistics

    refresh_query_statistics()  # what the worker does every hour in production
    print(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
        f"{args.people} people, {args.people * 15} positions, {args.people * 10} contacts "
        f"generated in {time.perf_counter() - started:.0f} s"
    )
    settings.ALLOWED_HOSTS = ["testserver"]
    # As in Django's TestCase: keep one connection, so queries can be counted per page.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    middle = people[len(people) // 2]
    results = {
        "register list": measure(client, "register list", "/o/bench/relaties/", args.repeats),
        "search": measure(client, "search", "/o/bench/relaties/?q=Achternaam0500", args.repeats),
        "person page": measure(
            client, "person page", f"/o/bench/relaties/{middle.pk}/", args.repeats
        ),
        "stakeholder map": measure(
            client, "stakeholder map", "/o/bench/relaties/kaart/", args.repeats
        ),
    }
    slow = [name for name, p95 in results.items() if p95 > 100]
    print("goal: p95 under 100 ms —", "met" if not slow else "NOT met for " + ", ".join(slow))


if __name__ == "__main__":
    main()
