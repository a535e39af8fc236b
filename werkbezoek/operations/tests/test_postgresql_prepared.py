import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from werkbezoek.people.models import Assessment, Person

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_query_run_again_on_a_connection_is_planned_once(personas):
    """Parameters are bound on the server and a query run twice is prepared, so that a
    page's small queries are not planned anew at every request (settings: DATABASES)."""
    with scope(organisation=personas.org_a):
        for _ in range(3):
            list(Assessment.objects.filter(influence__gte=4))
    prepared = [s for s in prepared_statements() if '"people_assessment"' in s]
    assert len(prepared) == 1
    assert "$1" in prepared[0]  # the values are parameters, not part of the statement


def test_the_results_of_a_prepared_query_follow_its_values(personas):
    with scopes_disabled():
        for name in ("Zuidema", "Zuidema", "Weening"):
            Person.objects.create(family_name=name)
    with scope(organisation=personas.org_a):
        counts = [
            Person.objects.filter(family_name=name).count()
            for name in ("Zuidema", "Weening", "Zuidema", "De Rijke", "Weening")
        ]
    assert counts == [2, 1, 2, 0, 1]
    # The last three counts came from the statement prepared at the second.
    assert [s for s in prepared_statements() if "COUNT(*)" in s and '"family_name"' in s]
