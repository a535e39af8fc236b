"""Benchmark: the organisation's home page ("Wat nu?") and the daily reminders at scale.

The home page for one organisation with 10,000 people of its own (on top of the national
register when --national: every council and the whole Kamer), 100,000 contacts, 2,000
visits with their checklists and guests, and 5,000 commitments: p50/p95 in ms and the
query count, and the same for its part that loads after the page (goal: p95 of each under
150 ms, a fixed number of queries). Then the daily reminder
for 300 organisations, each with a few colleagues, visits, tasks and commitments
(goal: under 60 s). The HTTP throughput goal (1/3 of the one-query view) is measured by
`make bench-http`.

Runs against a fresh database of its own: SQLite in a temporary folder, or PostgreSQL when
BENCH_DATABASE_URL is set. Usage: .venv/bin/python bench/home.py [--national]
"""

import argparse
import datetime
import random
import time

from register import configure, measure

OWN_PEOPLE = 10_000
CONTACTS = 100_000
VISITS = 2_000
COMMITMENTS = 5_000
DIGEST_ORGANISATIONS = 300


def generate_home(national: bool):
    from django.core.management import call_command
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from werkbezoek.accounts.models import User
    from werkbezoek.organisations.models import Membership, Organisation, Role
    from werkbezoek.people.models import Assessment, Interaction, Person
    from werkbezoek.reference.models import Municipality
    from werkbezoek.visits import checklist
    from werkbezoek.visits.models import (
        ChecklistTask,
        Commitment,
        Guest,
        ProgrammeTemplate,
        Status,
        Visit,
    )
    from werkbezoek.visits.standard_templates import ensure

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if national:
        call_command("load_reference_data", verbosity=0)
    else:  # municipalities and the election calendar only
        from django.conf import settings

        from werkbezoek.reference.calendar import load_calendar
        from werkbezoek.reference.loaders import load_municipalities

        data = settings.WERKBEZOEK_SHARED_DATA
        load_municipalities(data / "gemeenten" / "gemeenten_2025.csv")
        load_calendar(data)
    ensure()
    rng = random.Random(42)
    today = timezone.localdate()
    with scopes_disabled():
        organisation = Organisation.objects.create(name="Bench", slug="bench", kind="other")
        assen = Municipality.objects.filter(code="GM0106").first()
        if assen is not None:
            organisation.municipalities.add(assen)
        user = User.objects.create_user(email="bench@example.org", password="x" * 12)
        # An editor (an administrator would first be asked for the second factor).
        member = Membership.objects.create(organisation=organisation, user=user, role=Role.EDITOR)
        people = Person.objects.bulk_create(
            Person(organisation=organisation, family_name=f"Eigen{n:05d}", initials="E.")
            for n in range(OWN_PEOPLE)
        )
        public = list(Person.objects.filter(organisation__isnull=True)[:2000])
        Assessment.objects.bulk_create(
            Assessment(
                organisation=organisation, person=p, influence=rng.randint(1, 5), owner=member
            )
            for p in people
        )
        interactions = Interaction.objects.bulk_create(
            (
                Interaction(
                    organisation=organisation,
                    kind="meeting",
                    summary="Gesprek",
                    date=today - datetime.timedelta(days=rng.randint(0, 1500)),
                )
                for _ in range(CONTACTS)
            ),
            batch_size=5000,
        )
        everyone = people + public
        through = Interaction.people.through
        through.objects.bulk_create(
            (through(interaction_id=i.pk, person_id=rng.choice(everyone).pk) for i in interactions),
            batch_size=5000,
        )
        template = ProgrammeTemplate.objects.get(code="local", organisation=None)
        statuses = [Status.CONCEPT, Status.INVITED, Status.CONFIRMED, Status.HELD]
        statuses += [Status.FOLLOWED_UP, Status.CLOSED]
        visits = Visit.objects.bulk_create(
            Visit(
                organisation=organisation,
                title=f"Bezoek {n}",
                kind="local",
                goal_type="inform",
                template=template,
                status=rng.choice(statuses),
                date=today + datetime.timedelta(days=rng.randint(-700, 200)),
                created_by=user,
            )
            for n in range(VISITS)
        )
        ChecklistTask.objects.bulk_create(
            (
                ChecklistTask(
                    organisation=organisation,
                    visit=visit,
                    code=code,
                    step=step,
                    offset_days=offset,
                    working_days=working,
                    assignee=member if rng.random() < 0.5 else None,
                    done_at=timezone.now() if rng.random() < 0.7 else None,
                    due_on=checklist.due_date_of(offset, working, visit.date),
                )
                for visit in visits
                for code, step, _t, _h, offset, working, _c in checklist.DEFAULT_TASKS
            ),
            batch_size=5000,
        )
        Guest.objects.bulk_create(
            (
                Guest(organisation=organisation, visit=visit, person=rng.choice(everyone))
                for visit in visits
                for _ in range(3)
            ),
            batch_size=5000,
            ignore_conflicts=True,
        )
        commitments = Commitment.objects.bulk_create(
            Commitment(
                organisation=organisation,
                visit=rng.choice(visits),
                text="Belofte",
                made_on=today - datetime.timedelta(days=rng.randint(10, 700)),
                due_on=today + datetime.timedelta(days=rng.randint(-300, 300)),
                status=rng.choice(["open", "kept", "open", "not_kept"]),
                owner=member,
            )
            for _ in range(COMMITMENTS)
        )
        link = Commitment.people.through
        link.objects.bulk_create(
            link(commitment_id=c.pk, person_id=rng.choice(everyone).pk) for c in commitments
        )
    return user


def generate_digest_organisations(count: int):
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from werkbezoek.accounts.models import User
    from werkbezoek.organisations.models import Membership, Organisation, Role
    from werkbezoek.people.models import Person
    from werkbezoek.visits import checklist
    from werkbezoek.visits.models import ChecklistTask, Commitment, ProgrammeTemplate, Visit

    rng = random.Random(7)
    today = timezone.localdate()
    organisations = []
    with scopes_disabled():
        template = ProgrammeTemplate.objects.get(code="local", organisation=None)
        for n in range(count):
            org = Organisation.objects.create(name=f"Lid {n}", slug=f"lid-{n}", kind="other")
            members = [
                Membership.objects.create(
                    organisation=org,
                    user=User.objects.create_user(email=f"m{k}@lid{n}.example"),
                    role=Role.EDITOR,
                )
                for k in range(3)
            ]
            person = Person.objects.create(organisation=org, family_name=f"Wethouder{n}")
            visits = Visit.objects.bulk_create(
                Visit(
                    organisation=org,
                    title=f"Bezoek {k}",
                    kind="local",
                    goal_type="inform",
                    template=template,
                    status="confirmed",
                    date=today + datetime.timedelta(days=rng.randint(-20, 60)),
                    created_by=members[0].user,
                )
                for k in range(5)
            )
            ChecklistTask.objects.bulk_create(
                ChecklistTask(
                    organisation=org,
                    visit=visit,
                    code=code,
                    step=step,
                    offset_days=offset,
                    working_days=working,
                    assignee=rng.choice(members),
                    due_on=checklist.due_date_of(offset, working, visit.date),
                )
                for visit in visits
                for code, step, _t, _h, offset, working, _c in checklist.DEFAULT_TASKS
            )
            for _k in range(5):
                commitment = Commitment.objects.create(
                    organisation=org,
                    text="Belofte",
                    made_on=today - datetime.timedelta(days=30),
                    due_on=today + datetime.timedelta(days=rng.randint(-5, 20)),
                    owner=rng.choice(members),
                )
                commitment.people.add(person)
            organisations.append(org)
    return organisations


def parts_timed(user):
    """Each part of the home page on its own, to see where the time goes."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scope

    from werkbezoek.organisations import home
    from werkbezoek.organisations.models import Membership, Organisation

    organisation = Organisation.objects.get(slug="bench")
    request = RequestFactory().get("/o/bench/")
    request.user, request.organisation = user, organisation
    with scope(organisation=organisation):
        request.membership = Membership.objects.get(user=user)
        for part in home._PARTS:
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                part.compute(request)
            print(
                f"  part {part.name:10} ({'after the page' if part.later else 'in the page'}): "
                f"{(time.perf_counter() - started) * 1000:7.1f} ms, "
                f"{len(queries.captured_queries)} queries"
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--national", action="store_true", help="load the national register")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    configure()
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import Client
    from django.utils import timezone
    from django_scopes import scope

    started = time.perf_counter()
    user = generate_home(args.national)
    from werkbezoek.lib.maintenance import refresh_query_statistics

    refresh_query_statistics()  # what the worker does every hour in production
    print(
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
        f"{OWN_PEOPLE} own people, {CONTACTS} contacts, {VISITS} visits, {COMMITMENTS} "
        f"commitments generated in {time.perf_counter() - started:.0f} s"
    )
    settings.ALLOWED_HOSTS = ["testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    parts_timed(user)
    home = measure(client, "home page", "/o/bench/", args.repeats)
    # The part that htmx loads once it scrolls into view: the user waits for it too.
    later = measure(client, "its part after", "/o/bench/start/contacten/", args.repeats)
    print("goal: p95 of each under 150 ms —", "met" if max(home, later) < 150 else "NOT met")

    organisations = generate_digest_organisations(DIGEST_ORGANISATIONS)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    from werkbezoek.actions.digest import digests_send

    today = timezone.localdate()
    started = time.perf_counter()
    sent = 0
    for organisation in organisations:
        with scope(organisation=organisation):
            sent += digests_send(organisation, today)
    seconds = time.perf_counter() - started
    print(
        f"daily reminder for {len(organisations)} organisations: {seconds:.1f} s, {sent} mails "
        f"queued — goal under 60 s: {'met' if seconds < 60 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
