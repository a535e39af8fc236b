"""On PostgreSQL the register's name search is answered from trigram indexes, its default
list from the name index alone, and the server compiles no query plans to machine code
(JIT) for a page's short queries."""

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scope

from werkbezoek.lib.maintenance import refresh_query_statistics
from werkbezoek.people import selectors
from werkbezoek.people.models import Person

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def test_no_jit_for_the_pages_queries(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize(
    ("word", "name", "columns"),
    [
        ("çelik", "Jansen-Çelik", ("family_name", "given_name")),
        # A short word is a prefix too, one with a dot initials too (name_matches).
        ("ter", "Terpstra", ("family_name", "given_name", "prefix")),
        ("b.j.", "Weening", ("family_name", "given_name", "initials")),
    ],
)
def test_the_name_search_can_be_answered_from_the_trigram_indexes(personas, word, name, columns):
    """The indexes are on the very expression Django's icontains writes, UPPER(name) LIKE
    UPPER('%…%'), for every column a word is looked for in, so the server can answer the
    search from them. (At a test's few rows the planner rightly prefers a scan; at the
    national register's 23,000 names it picks the indexes: 42 ms became 1 ms in
    bench/http_pages.py, and "bos", looked for in prefixes too, 21 ms became 1 ms.)"""
    Person.objects.bulk_create(
        [Person(family_name=f"Naam{n:04d}", external_id=f"n{n}") for n in range(500)]
        + [Person(family_name=name, initials="B.J.", external_id="gezocht")]
    )
    with scope(organisation=personas.org_a):
        found = selectors.filtered_people(
            personas.org_a, {"q": word, "show": "all"}, timezone.localdate()
        )
        assert [person.family_name for person in found] == [name]
        sql = str(found.query)
    for column in columns:
        expression = f'UPPER("people_person"."{column}"::text) LIKE UPPER('
        assert expression in sql
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            # At this size the planner would rather read a whole B-tree that holds the name
            # columns than the trigram index; the test's transaction is rolled back.
            cursor.execute("DROP INDEX IF EXISTS people_own_by_name")
            cursor.execute("DROP INDEX IF EXISTS people_by_name")
            cursor.execute(
                f"EXPLAIN SELECT id FROM people_person WHERE {expression}%s)",  # noqa: S608 - constants
                [f"%{word.upper()}%"],
            )
            plan = " ".join(row[0] for row in cursor.fetchall())
        assert f"people_person_{column}_trgm" in plan


def test_refreshing_statistics_merges_the_name_indexes_pending_rows(db):
    """New rows wait in a GIN index's pending list, which every search reads through, until
    it is merged; the import's follow-up task (refresh_query_statistics) merges it."""
    merge = "SELECT gin_clean_pending_list('people_person_family_name_trgm'::regclass)"
    with connection.cursor() as cursor:
        Person.objects.bulk_create(
            [Person(family_name=f"Later{n:04d}", external_id=f"l{n}") for n in range(300)]
        )
        refresh_query_statistics()
        cursor.execute(merge)
        assert cursor.fetchone()[0] == 0  # nothing left to merge
        Person.objects.bulk_create(
            [Person(family_name=f"Daarna{n:04d}", external_id=f"d{n}") for n in range(300)]
        )
        cursor.execute(merge)
        assert cursor.fetchone()[0] > 0  # without the refresh there would have been


def test_the_default_list_walks_the_name_index_without_reading_the_table(personas):
    """The register's default list walks everyone in name order and keeps the organisation's
    own people and the public ones it follows. The name index holds what that filter reads
    (whose record, which id), so the walk is an index-only scan: on a vacuumed table it
    reads no table row for the thousands of public names it passes (migration 0015)."""
    Person.objects.bulk_create(
        [Person(family_name=f"Naam{n:04d}", external_id=f"n{n}") for n in range(500)]
    )
    today = timezone.localdate()
    with scope(organisation=personas.org_a):
        ids = (
            selectors.filtered_people(personas.org_a, {}, today)
            .prefetch_related(None)
            .values_list("pk", flat=True)[:26]
        )
        sql, params = ids.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # At a test's few rows the planner would rather read and sort the table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using people_by_name on people_person" in plan
