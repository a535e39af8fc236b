import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's WAL")


def open_database(path):
    return DatabaseWrapper({**connection.settings_dict, "NAME": str(path), "OPTIONS": {}})


def test_the_last_connection_to_close_leaves_the_wal_in_place(tmp_path, django_db_blocker):
    """A web process closes its connection after every request. SQLite's last connection
    to close would checkpoint the WAL and remove it, a synced write each time; the WAL stays
    and is checkpointed as it grows."""
    path = tmp_path / "werkbezoek.sqlite3"
    with django_db_blocker.unblock():  # a database of its own, not the test database
        database = open_database(path)
        with database.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("CREATE TABLE visit (title TEXT)")
            cursor.execute("INSERT INTO visit VALUES ('Werkbezoek wethouder')")
        database.close()
        assert (tmp_path / "werkbezoek.sqlite3-wal").stat().st_size > 0

        again = open_database(path)
        with again.cursor() as cursor:
            cursor.execute("SELECT title FROM visit")
            assert cursor.fetchall() == [("Werkbezoek wethouder",)]
        again.close()
