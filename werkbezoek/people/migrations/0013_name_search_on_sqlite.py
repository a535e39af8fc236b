"""On SQLite: a trigram full-text index of the names, for the name search.

The register's search looks for a typed word anywhere in the names of the whole national
register (LIKE '%jansen%'), which SQLite answers by reading all 23,000 names: 3 ms for
"jansen", 10 ms for "jan" (a short word is looked for in prefixes too). SQLite's FTS5
with its trigram tokenizer answers the same question (any piece of three characters or
more, case-insensitive) from an index, as pg_trgm does on PostgreSQL (0011, 0012).

The index is an external-content FTS5 table over people_person, kept in step by triggers,
so every way a name is written (the ORM, bulk loads, raw SQL) updates it. A later
migration that has Django remake people_person on SQLite (a column change) drops these
triggers with the old table: the tests in test_name_search_sqlite.py then fail, and that
migration must run `create` again. Does nothing on PostgreSQL.
"""

from django.db import migrations

TABLE = "people_person_name_search"
COLUMNS = "given_name, initials, prefix, family_name"
OLD = "old.given_name, old.initials, old.prefix, old.family_name"
NEW = "new.given_name, new.initials, new.prefix, new.family_name"

CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    f"{COLUMNS}, content='people_person', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON people_person BEGIN "
    f"INSERT INTO {TABLE}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON people_person BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF {COLUMNS} ON people_person "
    f"BEGIN INSERT INTO {TABLE}({TABLE}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO {TABLE}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    # The names already there.
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0012_name_search_short_words_on_postgresql"),
    ]

    operations = [migrations.RunPython(create, drop)]
