"""Load: 50 logged-in users for 10 minutes over the register, person, visit and dashboard
pages, with writes (contacts logged), against gunicorn on loopback.

Prints throughput, p50/p95 per page, the count of non-2xx answers (goal: no 5xx), and
checks the writes afterwards: every contact the users saved is there once, none lost or
doubled. For comparison the same users first load the login page (no database work) for
a while: the ratio to that baseline is what to compare between runs and machines.

Uses its own data folder and database: SQLite, or PostgreSQL with BENCH_DATABASE_URL
(a fresh database on that server is made and dropped).
Usage: .venv/bin/python bench/load.py [--users 50] [--seconds 600] [--baseline-seconds 30]
"""

import argparse
import http.client
import json
import os
import re
import statistics
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from common.harness import database, free_port, gunicorn, manage

PASSWORD = "belasting-test-2026"  # noqa: S105  (bench accounts only)

PREPARE = """
from django_scopes import scopes_disabled
from werkbezoek.accounts.models import User
from werkbezoek.organisations.models import Membership, Organisation, Role
from werkbezoek.people.models import Person
from werkbezoek.visits.models import Visit
import json
with scopes_disabled():
    org = Organisation.objects.get(slug="welzijn-assen")
    for n in range({users}):
        user = User.objects.create_user(email=f"last{{n}}@example.org", password="{password}")
        Membership.objects.create(organisation=org, user=user, role=Role.EDITOR)
    people = list(Person.objects.filter(organisation=org).values_list("pk", flat=True)[:20])
    visits = list(Visit.objects.filter(organisation=org).values_list("pk", flat=True))
print(json.dumps({{"people": people, "visits": visits}}))
"""
COUNT = """
from django_scopes import scopes_disabled
from werkbezoek.people.models import Interaction
with scopes_disabled():
    print(Interaction.objects.filter(summary__startswith="load:").count(),
          Interaction.objects.filter(summary__startswith="load:").values("summary").distinct().count())
"""


class Browser:
    """One user: keeps cookies, sends the CSRF token, measures every request."""

    def __init__(self, port, results):
        self.port, self.results, self.cookies = port, results, {}

    def request(self, kind, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
        except OSError:
            status = 0  # no answer at all
        finally:
            connection.close()
        self.results[kind].append((time.perf_counter() - started, status))
        return status


def user_loop(number, port, ids, deadline, results, writes, baseline):
    browser = Browser(port, results)
    browser.request("login page", "GET", "/account/inloggen/")
    if baseline:
        while time.monotonic() < deadline:
            browser.request("baseline: login page", "GET", "/account/inloggen/")
        return
    browser.request(
        "log in",
        "POST",
        "/account/inloggen/",
        {"username": f"last{number}@example.org", "password": PASSWORD},
    )
    o, step = "/o/welzijn-assen", 0
    while time.monotonic() < deadline:
        person = ids["people"][step % len(ids["people"])]
        visit = ids["visits"][step % len(ids["visits"])]
        browser.request("dashboard", "GET", f"{o}/")
        browser.request("register", "GET", f"{o}/relaties/")
        browser.request("person", "GET", f"{o}/relaties/{person}/")
        browser.request("visit", "GET", f"{o}/bezoeken/{visit}/")
        if step % 4 == 0:
            summary = f"load:{number}:{step}"
            status = browser.request(
                "log a contact (write)",
                "POST",
                f"{o}/relaties/{person}/contact/",
                {
                    "date": time.strftime("%Y-%m-%d"),
                    "kind": "call",
                    "people": [person],
                    "summary": summary,
                    "submission": uuid.uuid4().hex,
                },
            )
            if status == 302:
                writes.append(summary)
        step += 1


def run(port, ids, users, seconds, baseline):
    results, writes = defaultdict(list), []
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=user_loop, args=(n, port, ids, deadline, results, writes, baseline))
        for n in range(users)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, writes, time.monotonic() - started


def report(results, elapsed):
    total = sum(len(v) for v in results.values())
    print(f"{total} requests in {elapsed:.0f} s: {total / elapsed:.1f} req/s")
    for kind, samples in sorted(results.items()):
        times = sorted(t for t, _ in samples)
        statuses = [s for _, s in samples]
        p95 = times[int(len(times) * 0.95) - 1] if len(times) > 1 else times[0]
        not_ok = sum(1 for s in statuses if not 200 <= s < 400)
        errors = sum(1 for s in statuses if s >= 500 or s == 0)
        print(
            f"  {kind:24} {len(samples):7d}  p50 {statistics.median(times) * 1000:7.1f} ms"
            f"  p95 {p95 * 1000:7.1f} ms  non-2xx/3xx {not_ok:4d}  5xx/none {errors:4d}"
        )
    return total / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--baseline-seconds", type=int, default=30)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="werkbezoek-load-"))
    env = {
        **os.environ,
        "WERKBEZOEK_DATA_DIR": str(data),
        "WERKBEZOEK_HTTPS": "0",
        "WERKBEZOEK_LOG_LEVEL": "WARNING",
        "WERKBEZOEK_ALLOWED_HOSTS": "127.0.0.1",
    }
    with database(data, "load") as (env["DATABASE_URL"], engine):
        manage(env, "migrate", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo_data")
        ids = json.loads(
            manage(env, "shell", "-c", PREPARE.format(users=args.users, password=PASSWORD))
            .strip()
            .splitlines()[-1]
        )
        port = free_port()
        with gunicorn(env, port, "--workers", "2", "--threads", "4"):
            time.sleep(3)
            print(f"database: {engine}; {args.users} users; gunicorn 2 workers x 4 threads")
            print(f"== baseline (login page, no database work), {args.baseline_seconds} s")
            base_results, _, base_elapsed = run(port, ids, args.users, args.baseline_seconds, True)
            baseline_rate = report(base_results, base_elapsed)
            print(f"== logged-in users, {args.seconds} s")
            results, writes, elapsed = run(port, ids, args.users, args.seconds, False)
            rate = report(results, elapsed)
            print(f"throughput ratio to the baseline: {rate / baseline_rate:.2f}")
        # The server has stopped: every write it answered is in the database.
        stored, distinct = map(int, re.findall(r"\d+", manage(env, "shell", "-c", COUNT))[-2:])
        lost, doubled = len(writes) - distinct, stored - distinct
        print(f"writes: {len(writes)} saved, {stored} stored; lost {lost}, doubled {doubled}")
        fives = sum(1 for v in results.values() for _, s in v if s >= 500 or s == 0)
        ok = fives == 0 and lost == 0 and doubled == 0
        print("goal: zero 5xx, no lost or doubled writes —", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
