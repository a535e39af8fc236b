"""HTTP benchmark: the project's pages against baselines, measured in the same run.

gunicorn with two sync workers on loopback, the national register loaded (all councils,
the whole Kamer: some 13,000 public people) plus 10,000 people of the organisation's own,
and wrk (Debian package) hitting one URL at a time with a logged-in session. Prints req/s
per page and the ratios to a one-query view behind the same middleware and to Django's
admin changelist of the same people. Goals (issue #10): register list, search and map at
least 1/8 of the one-query view and 2x the admin changelist; person and visit pages 1/4;
organisation home 1/3, and so its part that loads after the page (contacts per party
group), requested as htmx requests it; a long register list is counted after the page
(1/8, like the list). Then p95 per page measured in-process (goal < 50 ms), the pages
again in rounds, and the query count of each page.

The pages are measured in rounds, each round every page once, and a page's rate is its
median over the rounds: a machine whose speed drifts during the run (other work on the
host) then slows every page of a round alike, instead of the few measured at that moment,
and the printed spread shows how much one page's rate varied. Five rounds: on a shared
two-core host one round of a page can come out a third low, and the median of three then
moved a ratio by a tenth from run to run.

With --instructions N (Debian package valgrind, some 10 minutes more): the instructions
each page's request runs in-process, counted by valgrind over N requests, and their
ratios. Unlike req/s on a shared host they are the same from run to run, so they tell
whether a change made a page cheaper; database server work (PostgreSQL) is not counted.

Uses its own data folder and database: SQLite, or PostgreSQL with BENCH_DATABASE_URL.
Usage: make bench-http   (or: .venv/bin/python bench/http_pages.py [--rounds 5 --seconds 4
[--instructions 20]])
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from common.harness import ROOT, database, free_port, gunicorn, manage

PASSWORD = "benchmark-http-2026"  # noqa: S105  (bench account only)
OWN_PEOPLE = 10_000

PREPARE = """
import json, random
from django.db import transaction
from django_scopes import scopes_disabled
from werkbezoek.accounts.models import User
from werkbezoek.lib.maintenance import refresh_query_statistics
from werkbezoek.organisations.models import Membership, Organisation, Role
from werkbezoek.people.models import Assessment, Person, Position
from werkbezoek.visits.models import Visit
random.seed(7)
with scopes_disabled(), transaction.atomic():
    org = Organisation.objects.get(slug="welzijn-assen")
    user = User.objects.create_user(email="bench@example.org", password="{password}")
    user.is_staff = user.is_superuser = True
    user.save()
    Membership.objects.create(organisation=org, user=user, role=Role.EDITOR)
    Person.objects.bulk_create(
        [
            Person(organisation=org, family_name=f"Eigen{{n:05d}}", initials="E.")
            for n in range({own})
        ],
        batch_size=2000,
    )
    own = list(Person.objects.filter(organisation=org, family_name__startswith="Eigen"))
    Position.objects.bulk_create(
        [
            Position(organisation=org, person=p, role="civil_servant", title="Beleidsadviseur")
            for p in own
        ],
        batch_size=2000,
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                organisation=org,
                person=p,
                influence=random.randint(1, 5),
                stance=random.choice(["supporter", "doubter", "opponent"]),
            )
            for p in own[:2000]
        ],
        batch_size=2000,
    )
    council_member = Person.objects.filter(positions__body__code="GR-GM0106").first()
    visit = Visit.objects.filter(organisation=org).first()
# What the import's follow-up task and the hourly job do after 10,000 new rows.
refresh_query_statistics()
# And what autovacuum does on a production PostgreSQL server soon after such a load (this
# machine's server runs without it): the pages marked all-visible, so that an index-only
# scan reads no table rows. Measured as the register is used, not just after its load.
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("VACUUM")
print(json.dumps({{"person": council_member.pk, "visit": visit.pk}}))
"""

INPROCESS = """
import json, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from werkbezoek.accounts.models import User
client = Client()
client.force_login(User.objects.get(email="bench@example.org"))
pages = {pages}
headers = {{name: {{"HX-Request": "true"}} if name in {htmx} else {{}} for name, _path in pages}}
times = {{name: [] for name, _path in pages}}
for name, path in pages:
    client.get(path, headers=headers[name])
# In rounds, every page once per round: a passing disturbance (the database's own
# background work after the load above) falls on all pages, not on the one measured then.
for _ in range(30):
    for name, path in pages:
        start = time.perf_counter()
        client.get(path, headers=headers[name])
        times[name].append((time.perf_counter() - start) * 1000)
out = {{}}
for name, path in pages:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path, headers=headers[name]).status_code
    ordered = sorted(times[name])
    p50, p95 = ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.95) - 1]
    out[name] = [p50, p95, len(queries), status]
print(json.dumps(out))
"""


REQUESTS = """
from django.test import Client
from werkbezoek.accounts.models import User
client = Client()
client.force_login(User.objects.get(email="bench@example.org"))
for _ in range(2):  # every page's first requests cost far more (templates, catalogues)
    for path, headers in {warm!r}:
        client.get(path, headers=headers)
for _ in range({count}):
    client.get({path!r}, headers={headers!r})
"""


def instructions(env, warm, path, count, headers):
    """Instructions of a process that logs in, requests every page of `warm` twice, and
    then `path` `count` times."""
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607 - valgrind from the Debian package, found on PATH
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            REQUESTS.format(warm=warm, path=path, count=count, headers=headers),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)[1].replace(",", ""))


def instructions_per_request(env, pages, count):
    """Per page: (instructions with `count` requests - with none) / count, two at a time."""
    headers = {name: HTMX_HEADERS if name in HTMX_PAGES else {} for name, _path in pages}
    warm = [(path, headers[name]) for name, path in pages]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        start = pool.submit(instructions, env, warm, pages[0][1], 0, {})
        runs = {
            name: pool.submit(instructions, env, warm, path, count, headers[name])
            for name, path in pages
        }
        return {name: (run.result() - start.result()) / count for name, run in runs.items()}


def session_cookie(port):
    """Log in through the login form; return the session cookie for wrk."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    page = opener.open(f"{base}/account/inloggen/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode(
        {"username": "bench@example.org", "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - http on loopback, built here
        f"{base}/account/inloggen/", data=data, headers={"Referer": f"{base}/account/inloggen/"}
    )
    opener.open(request).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit("could not log in")
    return f"sessionid={cookies['sessionid']}"


# Requests that a page's own JavaScript makes are measured as it makes them: the home
# page's later part, and the number of people in a long register list, are fetched by
# htmx, which asks for the part alone (HX-Request).
HTMX_PAGES = {"home: part loaded after", "register: count after"}
HTMX_HEADERS = {"HX-Request": "true"}


def wrk(port, path, cookie, seconds, headers=()):
    extra = [option for header in headers for option in ("-H", header)]
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607 - wrk from the Debian package, found on PATH
            "wrk",
            "-t2",
            "-c4",
            f"-d{seconds}s",
            "-H",
            f"Cookie: {cookie}",
            *extra,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)[1])
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    return rate, int(bad[1]) if bad else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="every page once per round")
    parser.add_argument("--seconds", type=int, default=4, help="per page and round")
    parser.add_argument(
        "--instructions", type=int, default=0, help="requests per page counted under valgrind"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    if args.instructions and not shutil.which("valgrind"):
        raise SystemExit("valgrind is missing: apt-get install valgrind")
    data = Path(tempfile.mkdtemp(prefix="werkbezoek-http-"))
    env = {
        **os.environ,
        "WERKBEZOEK_DATA_DIR": str(data),
        "WERKBEZOEK_HTTPS": "0",
        "WERKBEZOEK_LOG_LEVEL": "WARNING",
        "WERKBEZOEK_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "WERKBEZOEK_SECOND_FACTOR": "optional",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench" / "http"), str(ROOT)]),
    }
    try:
        with database(data, "http") as (env["DATABASE_URL"], engine):
            print("preparing: migrate, the national register, the demo, 10,000 own people …")
            manage(env, "migrate", "-v", "0")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            manage(env, "load_reference_data")
            manage(env, "load_demo_data")
            prepared = manage(env, "shell", "-c", PREPARE.format(password=PASSWORD, own=OWN_PEOPLE))
            ids = json.loads(prepared.strip().splitlines()[-1])
            o = "/o/welzijn-assen"
            pages = [
                ("baseline: trivial view", f"{o}/bench/trivial/"),
                ("baseline: one-query view", f"{o}/bench/one-query/"),
                ("peer: admin changelist", "/admin/people/person/"),
                ("register list", f"{o}/relaties/"),
                ("register: count after", f"{o}/relaties/aantal/"),
                ("register, all people", f"{o}/relaties/?show=all"),
                ("register search", f"{o}/relaties/?q=jansen"),
                ("stakeholder map", f"{o}/relaties/kaart/"),
                ("person page", f"{o}/relaties/{ids['person']}/"),
                ("visit page", f"{o}/bezoeken/{ids['visit']}/"),
                ("organisation home", f"{o}/"),
                ("home: part loaded after", f"{o}/start/contacten/"),
                ("party coverage", f"{o}/relaties/fracties/"),
                ("what changed", f"{o}/relaties/wijzigingen/"),
            ]
            port = free_port()
            with gunicorn(env, port, "--workers", "2", "--worker-class", "sync"):
                time.sleep(4)
                cookie = session_cookie(port)
                print(
                    f"database: {engine}; gunicorn 2 sync workers; wrk 2 threads, 4 connections, "
                    f"{args.rounds} rounds of {args.seconds} s per page"
                )
                measured_rates = {name: [] for name, _path in pages}
                bad_responses = dict.fromkeys(measured_rates, 0)
                for _round in range(args.rounds):
                    for name, path in pages:
                        headers = ["HX-Request: true"] if name in HTMX_PAGES else []
                        rate, bad = wrk(port, path, cookie, args.seconds, headers)
                        measured_rates[name].append(rate)
                        bad_responses[name] += bad
                rates = {name: statistics.median(values) for name, values in measured_rates.items()}
                print("req/s, median of the rounds (lowest - highest):")
                for name, values in measured_rates.items():
                    flag = f"  ({bad_responses[name]} non-2xx!)" if bad_responses[name] else ""
                    print(
                        f"  {name:26} {rates[name]:8.1f} req/s"
                        f"  ({min(values):.1f} - {max(values):.1f}){flag}"
                    )
                one_query, admin_list = (
                    rates["baseline: one-query view"],
                    rates["peer: admin changelist"],
                )
                goals = {
                    "register list": (8, 2),
                    "register: count after": (8, None),
                    "register search": (8, 2),
                    "stakeholder map": (8, 2),
                    "person page": (4, None),
                    "visit page": (4, None),
                    "organisation home": (3, None),
                    "home: part loaded after": (3, None),
                }
                print("ratios (goal):")
                for name, (share, times_admin) in goals.items():
                    to_query, to_admin = rates[name] / one_query, rates[name] / admin_list
                    met = to_query >= 1 / share and (times_admin is None or to_admin >= times_admin)
                    admin_goal = f", >= {times_admin}x admin" if times_admin else ""
                    print(
                        f"  {name:20} 1/{one_query / rates[name]:5.1f} of one-query view, "
                        f"{to_admin:4.1f}x admin  (goal >= 1/{share}{admin_goal}: "
                        f"{'met' if met else 'NOT met'})"
                    )
                inprocess = INPROCESS.format(pages=pages[3:], htmx=sorted(HTMX_PAGES))
                measured = json.loads(
                    manage(env, "shell", "-c", inprocess).strip().splitlines()[-1]
                )
                print("in process (Django test client), 30 rounds of the pages (goal p95 < 50 ms):")
                for name, (p50, p95, queries, status) in measured.items():
                    print(
                        f"  {name:26} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {queries:3d} queries"
                        f"  HTTP {status}"
                    )
                if args.instructions:
                    counted = instructions_per_request(env, pages, args.instructions)
                    print(
                        f"instructions per request (valgrind, {args.instructions} requests; "
                        "ratio to the one-query view; x admin):"
                    )
                    for name in goals:
                        print(
                            f"  {name:26} {counted[name] / 1e6:7.1f} M  "
                            f"1/{counted[name] / counted['baseline: one-query view']:4.1f}  "
                            f"{counted['peer: admin changelist'] / counted[name]:4.2f}x admin"
                        )

    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
