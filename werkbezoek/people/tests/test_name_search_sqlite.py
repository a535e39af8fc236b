"""On SQLite the register's name search is answered from a trigram full-text index of the
names (migration people 0013), kept in step with people_person by triggers."""

import functools
import operator

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.people import selectors
from werkbezoek.people.models import Person

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")

NAMES = [
    # given name, initials, prefix, family name
    ("Jan", "J.", "", "Jansen"),
    ("Marjan", "M.", "van", "Dijk"),
    ("", "B.J.", "", "Weening"),
    ("Fatma", "F.", "", "Jansen-Çelik"),
    ("Anna", "A.", "ter", "Horst"),
    ("Bosse", "B.", "", "Bosman"),
    ("Ilse", "I.", "", "Bos"),
    ("Sjoerd", "S.", "van der", "Meer"),
]


@pytest.fixture
def names(db):
    with scopes_disabled():
        Person.objects.bulk_create(
            [
                Person(given_name=g, initials=i, prefix=p, family_name=f, external_id=f"n{n}")
                for n, (g, i, p, f) in enumerate(NAMES)
            ]
        )


def search(organisation, words):
    with scope(organisation=organisation):
        people = selectors.filtered_people(
            organisation, {"q": words, "show": "all"}, timezone.localdate()
        )
        return sorted(person.family_name for person in people)


def scanned(words):
    """What icontains on every column the search looks at finds (PostgreSQL's way)."""
    with scopes_disabled():
        people = Person.objects.all()
        for word in words.split():
            people = people.filter(
                functools.reduce(
                    operator.or_,
                    (Q(**{f"{c}__icontains": word}) for c in selectors.name_columns(word)),
                )
            )
        return sorted(person.family_name for person in people)


@pytest.mark.parametrize(
    "words", ["jan", "JANSEN", "jans", "bos", "van", "ter", "van dijk", "b.j.", "der meer", "orst"]
)
def test_the_index_finds_what_reading_every_name_finds(personas, names, words):
    found = search(personas.org_a, words)
    assert found and found == scanned(words)


def test_the_index_is_asked_instead_of_reading_every_name(personas, names):
    with scope(organisation=personas.org_a):
        sql = str(
            selectors.filtered_people(personas.org_a, {"q": "jansen"}, timezone.localdate()).query
        )
    assert "people_person_name_search MATCH" in sql
    assert "LIKE" not in sql
    # Two letters are no trigram: those are still read name by name.
    with scope(organisation=personas.org_a):
        sql = str(
            selectors.filtered_people(personas.org_a, {"q": "bo"}, timezone.localdate()).query
        )
    assert "LIKE" in sql


def test_letters_with_accents_match_either_case(personas, names):
    """SQLite's LIKE folds only A-Z: "çelik" did not find "Jansen-Çelik"."""
    assert search(personas.org_a, "çelik") == ["Jansen-Çelik"]
    assert search(personas.org_a, "ÇELIK") == ["Jansen-Çelik"]


def test_quotes_and_search_syntax_are_plain_text(personas, names):
    for words in ['jan"sen', "jan OR bos", "jan*", "{prefix}:van", "NEAR(jan bos)"]:
        search(personas.org_a, words)  # no error from the index's query language
    assert search(personas.org_a, 'jan"') == []


def test_the_index_follows_new_changed_and_removed_names(personas):
    """Triggers keep the index in step, however a name is written. A migration that has
    Django remake people_person on SQLite drops them: this test then fails, and that
    migration must create them again (people 0013, `create`)."""
    with scopes_disabled():
        person = Person.objects.create(family_name="Zwartkruis", external_id="z")
    assert search(personas.org_a, "zwartkr") == ["Zwartkruis"]
    with scopes_disabled():
        Person.objects.filter(pk=person.pk).update(family_name="Wittekruis")
    assert search(personas.org_a, "zwartkr") == []
    assert search(personas.org_a, "wittekr") == ["Wittekruis"]
    with scopes_disabled():
        Person.objects.filter(pk=person.pk).delete()
    assert search(personas.org_a, "wittekr") == []


def test_the_index_shows_no_one_the_organisation_may_not_see(personas):
    """The index holds every organisation's own people; the search still answers only
    with those this organisation sees."""
    with scopes_disabled():
        Person.objects.create(organisation=personas.org_b, family_name="Geheimhouder")
    assert search(personas.org_a, "geheimh") == []
    assert search(personas.org_b, "geheimh") == ["Geheimhouder"]
