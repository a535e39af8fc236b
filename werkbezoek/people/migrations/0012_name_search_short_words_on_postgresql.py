"""On PostgreSQL: trigram indexes for prefixes and initials too.

A short search word ("bos", "jan") is also looked for in prefixes, and one with a dot or
of two letters in initials (selectors.name_matches). Without an index on those columns
the whole OR could not be answered from indexes: the server read all 23,000 names for
"bos" (21 ms instead of 1 ms). Does nothing on SQLite, or without pg_trgm (0011 says why).
"""

from django.db import migrations

COLUMNS = ["prefix", "initials"]


def has_pg_trgm(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql" or not has_pg_trgm(schema_editor):
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
        ("people", "0011_name_search_on_postgresql"),
    ]

    operations = [migrations.RunPython(create, drop)]
