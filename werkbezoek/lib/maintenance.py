"""Keep the query planner's statistics fresh.

Without statistics SQLite picks poor plans on large tables (a per-page "last contact"
lookup took 233 ms instead of 2 ms before ANALYZE). PostgreSQL's autovacuum analyses by
itself; running ANALYZE there too after big imports does no harm.

On PostgreSQL a GIN index (the name search's trigram indexes) takes new rows into a
pending list that every search reads through until VACUUM merges it: right after 10,000
imported people a name search took 10 ms instead of 2.5. ANALYZE does not merge it, so
the pending lists are merged here too, rather than at autovacuum's next turn.
"""

import logging
import sqlite3

from django.db import connection
from django.tasks import task

logger = logging.getLogger("werkbezoek.worker")


def refresh_query_statistics() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Bounded work per index: approximate statistics are enough for the planner.
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            cursor.execute(GIN_PENDING_LISTS_MERGE)
    logger.info("query statistics refreshed")


# The GIN indexes of this schema that the application's role owns (only an owner may).
GIN_PENDING_LISTS_MERGE = """
    SELECT gin_clean_pending_list(index.oid)
    FROM pg_class AS index JOIN pg_am ON pg_am.oid = index.relam
    WHERE pg_am.amname = 'gin'
      AND index.relnamespace = current_schema()::regnamespace
      AND pg_has_role(index.relowner, 'MEMBER')
"""


@task()
def query_statistics_refresh() -> str:
    """ANALYZE as a background task: after imports and loads, and hourly (a periodic job)."""
    refresh_query_statistics()
    return "ok"


def keep_wal_on_close(sender, connection, **kwargs) -> None:
    """connection_created: SQLite's last connection to close checkpoints the WAL into the
    database and removes it, a synced write. Connections close often (a web process's
    after a minute, every management command's), and each close then paid for it whenever
    no other process held the database open. The WAL is still checkpointed as it grows
    (every 1,000 pages), and backups use SQLite's backup API, which includes it."""
    if connection.vendor == "sqlite":
        connection.connection.setconfig(sqlite3.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, True)
