"""Benchmark: an umbrella body's overview and the invitation load at scale (issue #13).

An umbrella with 300 member organisations and 15,000 visits they shared (50 each), with
three public guests per visit and their invitations sent over the past months; then, as
the umbrella's staff, the overview (unfiltered, filtered by theme, party and politician,
page 2) and, as a member, the guests page of a visit that shows each guest's invitation
load. Prints p50/p95 in ms and the query count of each (goal: p95 under 200 ms on
PostgreSQL, a fixed number of queries).

Runs against a fresh database of its own: SQLite in a temporary folder, or PostgreSQL when
BENCH_DATABASE_URL is set. Usage: .venv/bin/python bench/umbrella.py
"""

import argparse
import datetime
import random
import time

from register import configure, measure

MEMBERS = 300
VISITS_PER_MEMBER = 50
GUESTS_PER_VISIT = 3
POLITICIANS = 600
THEMES = ["Genoeg betaalbare woningen", "Leefbare wijken", "Verduurzaming", "Taken en middelen"]


def generate():
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from werkbezoek.accounts.models import User
    from werkbezoek.organisations.models import Membership, Organisation, Role, UmbrellaLink
    from werkbezoek.people.models import Person, Position
    from werkbezoek.reference.loaders import load_municipalities
    from werkbezoek.reference.models import Body, Municipality, Party, PartyGroup
    from werkbezoek.visits.models import Guest, GuestInvitation, ProgrammeTemplate, Status, Visit
    from werkbezoek.visits.standard_templates import ensure

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    load_municipalities(settings.WERKBEZOEK_SHARED_DATA / "gemeenten" / "gemeenten_2025.csv")
    ensure()
    rng = random.Random(13)
    now = timezone.now()
    today = timezone.localdate()
    with scopes_disabled():
        umbrella = Organisation.objects.create(name="Koepel", slug="koepel", kind="umbrella")
        staff = User.objects.create_user(email="koepel@example.org", password="x" * 12)
        Membership.objects.create(organisation=umbrella, user=staff, role=Role.EDITOR)
        municipalities = list(Municipality.objects.all())
        members = Organisation.objects.bulk_create(
            Organisation(name=f"Corporatie {n:03d}", slug=f"corporatie-{n:03d}", kind="housing")
            for n in range(MEMBERS)
        )
        UmbrellaLink.objects.bulk_create(
            UmbrellaLink(umbrella=umbrella, member=m, status="active", proposed_by=staff)
            for m in members
        )
        member_user = User.objects.create_user(email="lid@example.org", password="x" * 12)
        Membership.objects.create(organisation=members[0], user=member_user, role=Role.EDITOR)
        # Public politicians: members of parliament and aldermen with party groups.
        tk = Body.objects.create(code="TK-BENCH", kind=Body.Kind.PARLIAMENT, name="Tweede Kamer")
        parties = [
            Party.objects.create(name=f"Partij {n}", abbreviation=f"P{n}") for n in range(15)
        ]
        groups = [PartyGroup.objects.create(body=tk, party=p, name=p.abbreviation) for p in parties]
        politicians = Person.objects.bulk_create(
            Person(family_name=f"Politicus{n:03d}", initials="K.") for n in range(POLITICIANS)
        )
        Position.objects.bulk_create(
            Position(person=p, role="member_of_parliament", body=tk, party_group=rng.choice(groups),
                     start_date=datetime.date(2025, 11, 12))
            for p in politicians
        )  # fmt: skip
        template = ProgrammeTemplate.objects.get(code="national", organisation=None)
        statuses = [Status.CONCEPT, Status.INVITED, Status.CONFIRMED, Status.HELD]
        visits = Visit.objects.bulk_create(
            (
                Visit(
                    organisation=member,
                    title=f"Bezoek {n}",
                    kind="national",
                    goal_type="influence",
                    theme=rng.choice(THEMES),
                    template=template,
                    status=rng.choice(statuses),
                    municipality=rng.choice(municipalities),
                    date=today + datetime.timedelta(days=rng.randint(-300, 90)),
                    shared_with_umbrella=rng.random() < 0.95,
                )
                for member in members
                for n in range(VISITS_PER_MEMBER)
            ),
            batch_size=5000,
        )
        guests = Guest.objects.bulk_create(
            (
                Guest(organisation_id=v.organisation_id, visit=v, person=p, kind="guest")
                for v in visits
                for p in rng.sample(politicians, GUESTS_PER_VISIT)
            ),
            batch_size=5000,
        )
        GuestInvitation.objects.bulk_create(
            (
                GuestInvitation(
                    organisation_id=g.organisation_id,
                    visit_id=g.visit_id,
                    guest=g,
                    sent_at=now - datetime.timedelta(days=rng.randint(0, 120)),
                )
                for g in guests
            ),
            batch_size=5000,
        )
    return staff, member_user, members[0], politicians


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    configure()
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client
    from django_scopes import scopes_disabled

    from werkbezoek.lib.maintenance import refresh_query_statistics
    from werkbezoek.visits.models import Visit

    started = time.perf_counter()
    staff, member_user, member, politicians = generate()
    refresh_query_statistics()
    print(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
        f"{MEMBERS} members, {MEMBERS * VISITS_PER_MEMBER} visits (95% shared), "
        f"{MEMBERS * VISITS_PER_MEMBER * GUESTS_PER_VISIT} invitations, generated in "
        f"{time.perf_counter() - started:.0f} s"
    )
    settings.ALLOWED_HOSTS = ["testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    o = "/o/koepel/koepel/bezoeken/"
    results = [
        measure(client, "overview", o, args.repeats),
        measure(client, "overview, page 2", o + "?pagina=2", args.repeats),
        measure(client, "by theme", o + "?theme=Leefbare+wijken", args.repeats),
        measure(client, "by party", o + "?party=P3", args.repeats),
        measure(client, "by politician", o + "?politician=Politicus042", args.repeats),
    ]
    member_client = Client()
    member_client.force_login(member_user, backend="django.contrib.auth.backends.ModelBackend")
    with scopes_disabled():
        visit = Visit.objects.filter(organisation=member).first()
    guests = f"/o/{member.slug}/bezoeken/{visit.pk}/gasten/"
    results.append(measure(member_client, "load on guests page", guests, args.repeats))
    results.append(
        measure(member_client, "load in guest search", guests + "?q=Politicus01", args.repeats)
    )
    print("goal: p95 of each under 200 ms —", "met" if max(results) < 200 else "NOT met")


if __name__ == "__main__":
    main()
