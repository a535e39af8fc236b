"""What the HTTP benchmarks share: their own database, manage.py commands, and gunicorn
on a free loopback port. The scripts run from bench/, so this imports as common.harness."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(env, *args, check=True) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check and result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def database(data: Path, name: str):
    """A database of the benchmark's own: a fresh one on the PostgreSQL server named by
    BENCH_DATABASE_URL (dropped afterwards), or SQLite in the data folder. Yields
    (DATABASE_URL, engine name)."""
    server_url = os.environ.get("BENCH_DATABASE_URL")
    if not server_url:
        yield f"sqlite:///{data / f'{name}.sqlite3'}", "SQLite"
        return
    import psycopg

    base = server_url.rsplit("/", 1)[0]
    database_name = f"werkbezoek_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database_name}"')
    try:
        yield f"{base}/{database_name}", "PostgreSQL"
    finally:
        with psycopg.connect(base + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')


@contextlib.contextmanager
def gunicorn(env, port: int, *options):
    """gunicorn serving the project on 127.0.0.1:port until the block ends."""
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "werkbezoek.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            *options,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
