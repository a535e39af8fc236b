"""On PostgreSQL: trigram indexes for the name search.

A register search ("jansen") looks for the typed word anywhere in every family and given
name: `UPPER(name) LIKE '%JANSEN%'`, which without an index reads all 23,000 names of the
national register. pg_trgm's GIN index answers it from the index. SQLite has no such
index and scans its names quickly enough; there this migration does nothing.

Creating the extension needs the right to (pg_trgm is a trusted extension: a database
owner may). Without it the search still works, only slower: the migration says so and
goes on.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

COLUMNS = ["family_name", "given_name"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning("pg_trgm not available, name search without index: %s", error)
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS people_person_{column}_trgm "
            f"ON people_person USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS people_person_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0010_assessment_version"),
    ]

    operations = [migrations.RunPython(create, drop)]
