"""Benchmark: invitations and documents (issue #11's speed goals).

1. Invitations for 50 guests, each as an e-mail delivered to a local SMTP server, a Word
   letter and a PDF letter, asked for as a user does and made by two worker processes
   (manage.py run_worker), as in production: wall time until all 150 are done (goal under
   10 s in total).
2. One document: p50/p95 of a run sheet as PDF and an invitation as Word (goal under 300 ms).
3. 500 queued mails delivered by two worker processes (manage.py run_worker) to a local
   SMTP server: messages per second (goal 50 or more) and duplicates counted by Message-ID
   at the server (goal zero).

Uses its own data folder and database: SQLite, or PostgreSQL with BENCH_DATABASE_URL.
Usage: .venv/bin/python bench/documents.py
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller
from common.harness import ROOT, database, free_port

GUESTS = 50
QUEUED = 500


class CountingServer:
    """An SMTP server that keeps the Message-ID of everything it receives."""

    def __init__(self):
        self.ids = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.ids.append(message["Message-ID"])
        return "250 OK"

    def count(self):
        with self.lock:
            return len(self.ids)


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # This process plays the web process that takes the organiser's click. A running web
    # process has its views (and through them WeasyPrint and python-docx) imported and its
    # URL patterns loaded before the click; here that would cost the clock 3 s.
    from django.urls import reverse

    reverse("visits:detail", args=["bench", 1])  # imports every view, fills the URL maps


def make_visit():
    """An organisation, a colleague and a visit with 50 guests, as a user would make them."""
    import datetime

    from django.utils import timezone
    from django_scopes import scope, scopes_disabled

    from werkbezoek import testing
    from werkbezoek.accounts.models import User
    from werkbezoek.organisations.models import Membership, Organisation, Role
    from werkbezoek.visits import services

    with scopes_disabled():
        organisation = Organisation.objects.create(
            name="Stichting Bench", slug="bench", kind="social_work", city="Assen"
        )
        user = User.objects.create_user(
            email="bench@example.org", password="x" * 12, full_name="Bea Bench"
        )
        Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
        council = testing.make_council("GM9199", "Benchdorp")
        people = [
            testing.make_public_person(
                f"Gast{n:02d}",
                "council_member",
                council.council,
                council.groups["TP"],
                email=f"gast{n:02d}@benchdorp.example",
                salutation=f"Geachte heer Gast{n:02d}",
            )
            for n in range(GUESTS)
        ]
    with scope(organisation=organisation):
        visit = testing.make_visit(organisation, user, theme="Eén € voor ĳsbaan en café")
        for person in people:
            services.guest_add(visit=visit, actor=user, person=person)
        today = timezone.localdate()
        testing.ready_to_invite(
            visit, user, options=[today + datetime.timedelta(days=d) for d in (30, 37)]
        )
    return organisation, user, visit


def ask_for_invitations(organisation, user, visit):
    """What the organiser's clicks do: send the invitations, ask for every letter."""
    from django.db import transaction
    from django_scopes import scope

    from werkbezoek.documents.services import document_request
    from werkbezoek.visits import services

    with scope(organisation=organisation), transaction.atomic():
        services.invitations_send(visit=visit, actor=user, base_url="https://werkbezoek.nl")
        for guest in visit.guests.all():
            for fmt in ("docx", "pdf"):
                document_request(
                    visit=visit,
                    actor=user,
                    kind="invitation",
                    fmt=fmt,
                    guest=guest,
                    base_url="https://werkbezoek.nl",
                )


def documents_done(organisation) -> int:
    from django.db import connections
    from django_scopes import scopes_disabled

    from werkbezoek.documents.models import GeneratedFile

    with scopes_disabled():
        done = GeneratedFile.objects.filter(organisation=organisation, status="done").count()
    connections.close_all()
    return done


def one_document(organisation, user, visit, runs=20):
    from django_scopes import scope

    from werkbezoek.documents import content, render

    results = {}
    with scope(organisation=organisation):
        guest = visit.guests.first()
        cases = {
            "run sheet as PDF": lambda: render.to_pdf(
                content.build("run_sheet", visit, sender=user)
            ),
            "invitation as Word": lambda: render.to_docx(
                content.build("invitation", visit, guest=guest, sender=user)
            ),
        }
        for name, make in cases.items():
            make()  # warm: fonts and templates load once per process
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                make()
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            results[name] = (statistics.median(times), times[int(len(times) * 0.95) - 1])
    return results


def queue_mails(organisation):
    from django.db import transaction

    from werkbezoek.mail.services import email_queue

    with transaction.atomic():
        for n in range(QUEUED):
            email_queue(
                to=f"ontvanger{n}@benchdorp.example",
                template="organisations/emails/invitation",
                context={
                    "organisation": organisation.name,
                    "invited_by": "Bea",
                    "role": "bewerker",
                    "url": "https://werkbezoek.nl/uitnodiging/x/",
                    "expires_at": None,
                },
                organisation_pk=organisation.pk,
            )


def workers_ready() -> int:
    from django.db import connections

    from werkbezoek.operations.models import WorkerHeartbeat

    ready = WorkerHeartbeat.objects.filter(stopped_at__isnull=True).count()
    connections.close_all()
    return ready


def with_two_workers(env, work, finished, limit=180):
    """Two workers running and idle, as in production; then `work()` queues the job and
    the clock runs until finished(). Returns (start, done) in seconds."""
    from django.db import connections

    connections.close_all()
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "run_worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        deadline = time.perf_counter() + 60
        while workers_ready() < 2 and time.perf_counter() < deadline:
            time.sleep(0.2)
        started = time.perf_counter()
        work()
        connections.close_all()
        while not finished() and time.perf_counter() - started < limit:
            time.sleep(0.05)
        done = time.perf_counter()
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        from werkbezoek.operations.models import WorkerHeartbeat

        WorkerHeartbeat.objects.all().delete()  # the next run waits for its own workers
    return started, done


def main():
    data = Path(tempfile.mkdtemp(prefix="werkbezoek-documents-"))
    server = CountingServer()
    controller = Controller(server, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {
        **os.environ,
        "WERKBEZOEK_DATA_DIR": str(data),
        "WERKBEZOEK_HTTPS": "0",
        "WERKBEZOEK_LOG_LEVEL": "WARNING",
        "WERKBEZOEK_EMAIL": "smtp",
        "WERKBEZOEK_EMAIL_HOST": "127.0.0.1",
        "WERKBEZOEK_EMAIL_PORT": str(controller.port),
        "DJANGO_SETTINGS_MODULE": "werkbezoek.settings",
    }
    try:
        with database(data, "documents") as (env["DATABASE_URL"], engine):
            setup_django(env)
            organisation, user, visit = make_visit()
            print(f"database: {engine}")
            started, done = with_two_workers(
                env,
                lambda: ask_for_invitations(organisation, user, visit),
                lambda: server.count() >= GUESTS and documents_done(organisation) >= 2 * GUESTS,
            )
            total = done - started
            print(f"invitations for {GUESTS} guests, two workers (goal: under 10 s in total):")
            print(
                f"  {server.count()} e-mails delivered, {documents_done(organisation)} letters "
                f"(Word and PDF) made in {total:.1f} s from the click  "
                f"({'met' if total < 10 else 'NOT met'})"
            )
            print("one document (goal: under 300 ms):")
            for name, (p50, p95) in one_document(organisation, user, visit).items():
                met = "met" if p95 < 300 else "NOT met"
                print(f"  {name:32} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({met})")
            already = server.count()
            first = []

            def all_received():
                if not first and server.count() > already:
                    first.append(time.perf_counter())
                return server.count() >= already + QUEUED

            started, done = with_two_workers(env, lambda: queue_mails(organisation), all_received)
            first = first[0] if first else done
            received = server.ids[already:]
            duplicates = sum(n - 1 for n in Counter(received).values() if n > 1)
            rate = len(received) / (done - started)
            steady = (len(received) - 1) / (done - first) if done > first else float("nan")
            print(f"{QUEUED} queued mails, two workers (goal: 50/s or more, no duplicates):")
            print(
                f"  received {len(received)}, duplicates {duplicates}; "
                f"{rate:.0f}/s from queueing, {steady:.0f}/s from the first mail  "
                f"({'met' if rate >= 50 and duplicates == 0 else 'NOT met'})"
            )
    finally:
        controller.stop()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
