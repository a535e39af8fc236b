"""Back up and restore everything an installation needs to start again elsewhere.

A backup is a folder: the database (SQLite's online backup API, so it is consistent while
the app runs; `pg_dump -Fc` for PostgreSQL), the secret key file, the uploads, and a
manifest with the row count of every table. A restore puts them back and checks the
counts. The static files are not in it: `collectstatic` makes them again.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"


class BackupError(Exception):
    pass


@dataclass
class Restored:
    folder: Path
    counts: dict[str, int]


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = cursor.fetchone()[0]
    return counts


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = ["-h", db.get("HOST") or "localhost", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def backup(target: Path) -> Path:
    """Write a backup into a new folder under `target`; returns that folder."""
    folder = target / f"werkbezoek-{timezone.localtime():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite3.connect(folder / SQLITE_FILE) as copy:
            connection.connection.backup(copy)
    elif connection.vendor == "postgresql":
        args, env = _pg_env()
        name = settings.DATABASES["default"]["NAME"]
        dump = ["pg_dump", "-Fc", "--no-owner", *args, "-f", str(folder / POSTGRES_FILE), name]
        result = subprocess.run(dump, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode:
            raise BackupError(result.stderr.strip())
    else:
        raise BackupError(f"No backup for the {connection.vendor} database.")
    key_file = settings.WERKBEZOEK_DATA_DIR / "secret_key"
    if key_file.exists():
        shutil.copy2(key_file, folder / "secret_key")
    if Path(settings.MEDIA_ROOT).exists():
        shutil.copytree(settings.MEDIA_ROOT, folder / "media")
    manifest = {
        "made_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "tables": table_counts(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return folder


def restore(folder: Path) -> Restored:
    """Put a backup back into the configured database and data folder; the row counts
    must come out as the manifest says, or BackupError."""
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{folder} holds no backup (no {MANIFEST}).")
    manifest = json.loads(manifest_path.read_text())
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['database']} database; this one is {connection.vendor}."
        )
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite3.connect(folder / SQLITE_FILE) as source:
            source.backup(connection.connection)
    else:
        args, env = _pg_env()
        name = settings.DATABASES["default"]["NAME"]
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", *args, "-d", name]
        result = subprocess.run(  # noqa: S603
            [*command, str(folder / POSTGRES_FILE)], env=env, capture_output=True, text=True
        )
        if result.returncode:
            raise BackupError(result.stderr.strip())
    connection.close()
    if (folder / "secret_key").exists():
        shutil.copy2(folder / "secret_key", settings.WERKBEZOEK_DATA_DIR / "secret_key")
    if (folder / "media").exists():
        shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    counts = table_counts()
    expected = manifest["tables"]
    different = {
        name: (count, counts.get(name))
        for name, count in expected.items()
        if counts.get(name) != count
    }
    if different:
        raise BackupError(f"Restored, but these tables differ from the backup: {different}")
    return Restored(folder=folder, counts=counts)
