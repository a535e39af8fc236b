"""A backup restores into an empty database with every row and a working app, on the
database the tests run on (SQLite, or PostgreSQL in CI)."""

import json
import os
import subprocess
import uuid

import pytest

from .test_processes import env_for, manage

COUNT_ROWS = (
    "import json; from werkbezoek.operations.backup import table_counts; "
    "print(json.dumps(table_counts()))"
)
USE_THE_APP = """
from django.test import Client
client = Client(SERVER_NAME="127.0.0.1")
client.post("/account/inloggen/", {"username": "demo@example.org", "password": "werkbezoek"})
from werkbezoek.accounts.models import User
from werkbezoek.testing import pass_second_factor
pass_second_factor(client, User.objects.get(email="demo@example.org"))  # an admin
page = client.get("/o/welzijn-assen/bezoeken/")
assert page.status_code == 200, page.status_code
assert "buurtmoestuin" in page.content.decode()
print("app works")
"""


def postgres_databases():
    """Two fresh databases on the PostgreSQL server of DATABASE_URL, dropped afterwards."""
    import psycopg

    server = os.environ["DATABASE_URL"]
    base = server.rsplit("/", 1)[0]
    names = [f"werkbezoek_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    return base, names


def drop(base, names):
    import psycopg

    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(env) -> dict:
    result = manage("shell", "-c", COUNT_ROWS, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_backup_restores_into_an_empty_database_with_every_row(tmp_path):
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    source_dir, target_dir = tmp_path / "source", tmp_path / "target"
    source_dir.mkdir()
    target_dir.mkdir()
    if on_postgres:
        base, names = postgres_databases()
        source = env_for(source_dir, DATABASE_URL=f"{base}/{names[0]}")
        target = env_for(target_dir, DATABASE_URL=f"{base}/{names[1]}")
    else:
        source, target = env_for(source_dir), env_for(target_dir)
    try:
        assert manage("migrate", "-v", "0", env=source).returncode == 0
        assert manage("load_demo_data", env=source).returncode == 0
        (source_dir / "media").mkdir()
        (source_dir / "media" / "foto.jpg").write_bytes(b"\xff\xd8 een foto")
        made = manage("backup", str(tmp_path / "backups"), env=source)
        assert made.returncode == 0, made.stderr
        folder = made.stdout.strip().split("Back-up gemaakt in ", 1)[1]

        refused = manage("restore", folder, env=target)
        assert refused.returncode != 0 and "--yes" in refused.stderr
        restored = manage("restore", folder, "--yes", env=target)
        assert restored.returncode == 0, restored.stderr
        assert rows(target) == rows(source)
        assert (target_dir / "secret_key").read_text() == (source_dir / "secret_key").read_text()
        assert (target_dir / "media" / "foto.jpg").read_bytes() == b"\xff\xd8 een foto"
        # As the restore command says: the static files are made again, then the app runs.
        assert manage("collectstatic", "--noinput", "-v", "0", env=target).returncode == 0
        works = manage("shell", "-c", USE_THE_APP, env=target)
        assert "app works" in works.stdout, works.stderr
    finally:
        if on_postgres:
            drop(base, names)


@pytest.mark.slow
def test_a_folder_that_is_no_backup_is_refused(tmp_path):
    result = manage("restore", str(tmp_path), "--yes", env=env_for(tmp_path))
    assert result.returncode != 0 and "manifest.json" in result.stderr
    assert not subprocess.run(["true"]).returncode  # the test ran its command
