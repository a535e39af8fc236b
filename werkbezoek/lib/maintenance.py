"""Keep the query planner's statistics fresh.

Without statistics SQLite picks poor plans on large tables (a per-page "last contact"
lookup took 233 ms instead of 2 ms before ANALYZE). PostgreSQL's autovacuum analyses by
itself; running ANALYZE there too after big imports does no harm.
"""

import logging

from django.db import connection
from django.tasks import task

logger = logging.getLogger("werkbezoek.worker")


def refresh_query_statistics() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Bounded work per index: approximate statistics are enough for the planner.
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
    logger.info("query statistics refreshed")


@task()
def query_statistics_refresh() -> str:
    """ANALYZE as a background task: after imports and loads, and hourly (a periodic job)."""
    refresh_query_statistics()
    return "ok"
