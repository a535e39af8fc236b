import datetime
import re

import pytest
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.lib.pagination import IdListPaginator
from werkbezoek.lib.urls import url_for_each
from werkbezoek.lib.widgets import NativeDateInput
from werkbezoek.organisations.models import Membership
from werkbezoek.people import selectors
from werkbezoek.people.models import (
    AccessLogEntry,
    Assessment,
    Interaction,
    Person,
    Position,
    Role,
    Stance,
)
from werkbezoek.people.services import assessment_update, interaction_log, stance_record
from werkbezoek.reference.models import Body, Municipality, Party, PartyGroup, Province
from werkbezoek.testing import add_member, make_user


@pytest.fixture
def council(personas):
    with scopes_disabled():
        body = Body.objects.create(code="GR-TEST", kind=Body.Kind.COUNCIL, name="Gemeenteraad Test")
        group = PartyGroup.objects.create(
            body=body, name="Groen Links Test", party=Party.objects.create(name="Groen")
        )
        people = {}
        for name in ("Jansen", "Bakker", "Visser"):
            person = Person.objects.create(family_name=name, initials="A.", external_id=f"t:{name}")
            Position.objects.create(
                person=person,
                role=Role.COUNCIL_MEMBER,
                body=body,
                party_group=group,
                start_date=datetime.date(2022, 3, 30),
            )
            people[name] = person
        return people


def url(name, *args):
    return reverse(name, args=["welzijn-a", *args])


def record(personas, person, stance, date=None, org=None):
    org = org or personas.org_a
    with scope(organisation=org):
        return stance_record(
            organisation=org,
            person=person,
            stance=stance,
            date=date or timezone.localdate(),
            reason="Gesprek",
            actor=personas.admin,
        )


def test_register_lists_public_people_with_their_current_role(client_as, personas, council):
    response = client_as(personas.reader).get(url("people:register"))
    assert response.status_code == 200
    assert "A. Jansen" in response.text and "Groen Links Test" in response.text
    jansen = council["Jansen"]
    assert f'<a href="{url("people:detail", jansen.pk)}">A. Jansen</a>' in response.text


def test_search_by_name(client_as, personas, council):
    response = client_as(personas.reader).get(url("people:register"), {"q": "bakk"})
    assert "A. Bakker" in response.text and "A. Jansen" not in response.text


def test_stance_filter_uses_only_this_organisations_view(client_as, personas, council):
    record(personas, council["Jansen"], Stance.SUPPORTER)
    record(personas, council["Bakker"], Stance.SUPPORTER, org=personas.org_b)  # not ours
    response = client_as(personas.reader).get(url("people:register"), {"stance": "supporter"})
    assert "A. Jansen" in response.text
    assert "A. Bakker" not in response.text


def test_register_query_count_is_fixed(client_as, personas, council, django_assert_max_num_queries):
    client = client_as(personas.reader)
    with scopes_disabled():  # one shown assessment: the page logs it (one bulk insert)
        Assessment.objects.create(organisation=personas.org_a, person=council["Jansen"])
    client.get(url("people:register"))
    with django_assert_max_num_queries(20) as few:
        client.get(url("people:register"))
    with scopes_disabled():
        for number in range(20):
            person = Person.objects.create(family_name=f"Extra{number}", external_id=f"x{number}")
            Position.objects.create(
                person=person, role=Role.COUNCIL_MEMBER, body=Body.objects.get(code="GR-TEST")
            )
            Assessment.objects.create(organisation=personas.org_a, person=person, influence=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("people:register"))
    assert "Extra19" in response.text


def test_stance_history_keeps_every_record_and_shows_the_newest(client_as, personas, council):
    person = council["Visser"]
    client = client_as(personas.editor)
    client.post(
        url("people:stance", person.pk),
        {"stance": "doubter", "date": "2026-01-10", "reason": "Twijfelde in debat"},
    )
    client.post(
        url("people:stance", person.pk),
        {"stance": "supporter", "date": "2026-03-01", "reason": "Na werkbezoek"},
    )
    # An older observation added later does not replace the current stance.
    client.post(
        url("people:stance", person.pk),
        {"stance": "opponent", "date": "2025-06-01", "reason": "Oud artikel"},
    )
    with scopes_disabled():
        assessment = Assessment.objects.get(organisation=personas.org_a, person=person)
        assert assessment.stance == Stance.SUPPORTER
        assert assessment.person.stance_records.count() == 3
    page = client.get(url("people:detail", person.pk))
    assert "Na werkbezoek" in page.text and "Twijfelde in debat" in page.text


def test_future_stance_date_is_refused(client_as, personas, council):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client_as(personas.editor).post(
        url("people:stance", council["Visser"].pk),
        {"stance": "supporter", "date": future, "reason": "x"},
    )
    assert "toekomst" in response.text
    with scopes_disabled():
        assert not council["Visser"].stance_records.exists()


def test_reading_an_assessment_is_logged_and_shown_to_admins(client_as, personas, council):
    record(personas, council["Jansen"], Stance.DOUBTER)
    client_as(personas.reader).get(url("people:detail", council["Jansen"].pk))
    with scopes_disabled():
        entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.action, entry.organisation) == (
        personas.reader,
        "view",
        personas.org_a,
    )
    admin_page = client_as(personas.admin).get(url("people:detail", council["Jansen"].pk))
    assert "Rik Reader" in admin_page.text
    assert "Rik Reader" in client_as(personas.admin).get(url("people:access-log")).text


def test_editor_adds_own_person_invisible_to_others(client_as, personas):
    response = client_as(personas.editor).post(
        url("people:create"),
        {
            "family_name": "Ambtenaar",
            "initials": "B.",
            "role": "civil_servant",
            "title": "Beleidsadviseur sociaal domein",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        person = Person.objects.get(family_name="Ambtenaar")
    assert person.organisation == personas.org_a
    page = client_as(personas.editor).get(response["Location"])
    assert "Beleidsadviseur sociaal domein" in page.text
    other = client_as(personas.outsider).get(reverse("people:detail", args=["natuur-b", person.pk]))
    assert other.status_code == 404


def test_public_records_cannot_be_edited(client_as, personas, council):
    response = client_as(personas.editor).post(
        url("people:edit", council["Jansen"].pk), {"family_name": "Gewijzigd"}, follow=True
    )
    assert "kunnen hier niet worden gewijzigd" in response.text
    council["Jansen"].refresh_from_db()
    assert council["Jansen"].family_name == "Jansen"


def test_assessment_owner_must_be_a_colleague(client_as, personas, council):
    with scopes_disabled():
        foreign_member = personas.org_b.memberships.get()
        own_member = personas.org_a.memberships.get(user=personas.editor)
    client = client_as(personas.editor)
    response = client.post(
        url("people:assessment", council["Jansen"].pk),
        {"influence": "4", "owner": foreign_member.pk},
    )
    assert response.status_code == 200  # form error: not a valid choice
    response = client.post(
        url("people:assessment", council["Jansen"].pk),
        {"influence": "4", "owner": own_member.pk, "drivers": "Wijkaanpak"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assessment = Assessment.objects.get(organisation=personas.org_a)
    assert (assessment.influence, assessment.owner, assessment.drivers) == (
        4,
        own_member,
        "Wijkaanpak",
    )


def test_log_a_contact_and_see_it_as_last_contact(client_as, personas, council):
    person = council["Jansen"]
    client = client_as(personas.editor)
    response = client.post(
        url("people:contact", person.pk),
        {
            "date": "2026-11-02",
            "kind": "meeting",
            "people": [person.pk],
            "summary": "Kennismaking over schuldhulp",
            "follow_up_needed": "on",
            "follow_up": "Cijfers sturen",
        },
    )
    assert response.status_code == 302
    page = client.get(url("people:detail", person.pk))
    assert "Kennismaking over schuldhulp" in page.text and "2 november 2026" in page.text
    listing = client.get(url("people:register"), {"q": "Jansen"})
    assert "2 november 2026" in listing.text


def test_a_contact_with_another_organisations_person_is_refused(client_as, personas, council):
    with scopes_disabled():
        foreign = Person.objects.create(organisation=personas.org_b, family_name="Geheim")
    response = client_as(personas.editor).post(
        url("people:contact", council["Jansen"].pk),
        {
            "date": "2026-11-02",
            "kind": "call",
            "people": [foreign.pk],
            "summary": "x",
        },
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not Interaction.objects.exists()


def test_date_fields_are_prefilled_in_iso_for_the_browser_date_picker(client_as, personas, council):
    page = client_as(personas.editor).get(url("people:stance", council["Visser"].pk))
    # Read at the moment of the test, not at import: a run can cross midnight.
    assert f'type="date" name="date" value="{timezone.localdate().isoformat()}"' in page.text


def test_sorting_by_influence_and_by_last_contact(client_as, personas, council):
    with scopes_disabled():
        for name, influence in (("Jansen", 2), ("Bakker", 5), ("Visser", None)):
            Assessment.objects.create(
                organisation=personas.org_a, person=council[name], influence=influence
            )
    with scope(organisation=personas.org_a):
        from werkbezoek.people.services import interaction_log

        interaction_log(
            organisation=personas.org_a,
            actor=personas.admin,
            kind="call",
            date=datetime.date(2026, 1, 5),
            people=[council["Jansen"]],
            summary="x",
        )
        interaction_log(
            organisation=personas.org_a,
            actor=personas.admin,
            kind="call",
            date=datetime.date(2026, 6, 5),
            people=[council["Bakker"]],
            summary="x",
        )
    client = client_as(personas.reader)

    def order(sort):
        text = client.get(url("people:register"), {"sort": sort, "in_register": "on"}).text
        return sorted(("Jansen", "Bakker", "Visser"), key=lambda n: text.index(f"A. {n}</a>"))

    assert order("") == ["Bakker", "Jansen", "Visser"]
    assert order("influence") == ["Bakker", "Jansen", "Visser"]
    assert order("contact") == ["Visser", "Jansen", "Bakker"]  # never contacted comes first


def test_record_that_a_council_member_became_alderman(client_as, personas, council):
    person = council["Visser"]
    client = client_as(personas.editor)
    with scopes_disabled():
        body = Body.objects.get(code="GR-TEST")
    response = client.post(
        url("people:position-add", person.pk),
        {
            "role": "alderman",
            "body": body.pk,
            "portfolio": "Sociaal domein",
            "start_date": "2026-06-01",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        own = Position.objects.get(person=person, organisation=personas.org_a)
    page = client.get(url("people:detail", person.pk)).text
    assert "Wethouder" in page and "Sociaal domein" in page
    # Ending it keeps it in the timeline.
    client.post(
        url("people:position-edit", person.pk, own.pk),
        {
            "role": "alderman",
            "body": body.pk,
            "portfolio": "Sociaal domein",
            "start_date": "2026-06-01",
            "end_date": "2026-10-01",
        },
    )
    own.refresh_from_db()
    assert own.end_date == datetime.date(2026, 10, 1)
    assert "Stopt als Wethouder" in client.get(url("people:detail", person.pk)).text
    # Another organisation does not see this role.
    with scope(organisation=personas.org_b):
        assert not Position.objects.filter(pk=own.pk).exists()


def test_public_roles_cannot_be_edited_and_bad_dates_are_refused(client_as, personas, council):
    person = council["Visser"]
    with scopes_disabled():
        public = Position.objects.get(person=person, organisation__isnull=True)
    client = client_as(personas.editor)
    assert client.get(url("people:position-edit", person.pk, public.pk)).status_code == 404
    response = client.post(
        url("people:position-add", person.pk),
        {
            "role": "alderman",
            "start_date": "2026-06-01",
            "end_date": "2026-01-01",
        },
    )
    assert "einddatum ligt vóór de begindatum" in response.text


def test_register_filters_by_municipality(client_as, personas, council):
    from werkbezoek.reference.models import Municipality, Province

    with scopes_disabled():
        province = Province.objects.create(code="PV99", name="Testprovincie")
        town = Municipality.objects.create(code="GM9999", name="Testdorp", province=province)
        Body.objects.filter(code="GR-TEST").update(municipality=town)
        Person.objects.create(family_name="Elders", external_id="elders")
    response = client_as(personas.reader).get(url("people:register"), {"municipality": town.pk})
    assert "A. Jansen" in response.text and "Elders" not in response.text


def test_a_stale_assessment_form_gets_a_conflict_instead_of_undoing_the_other_change(
    client_as, personas, council
):
    from django.test import Client

    person = council["Jansen"]
    url = reverse("people:assessment", args=["welzijn-a", person.pk])
    with scope(organisation=personas.org_a):
        shown = assessment_update(
            organisation=personas.org_a, actor=personas.admin, person=person, influence=3
        ).version
    # Anna and Eddy both opened the form at this version; Eddy saves first.
    eddy = Client()
    eddy.force_login(personas.editor, backend="django.contrib.auth.backends.ModelBackend")
    eddy_form = {"influence": "4", "notes": "Komt op voor de buurt", "version": shown}
    assert eddy.post(url, eddy_form).status_code == 302
    anna = client_as(personas.admin)
    stale = anna.post(url, {"influence": "2", "notes": "Anna", "version": shown})
    assert stale.status_code == 200
    assert "Eddy Editor" in stale.text and "Komt op voor de buurt" in stale.text
    with scopes_disabled():
        kept = Assessment.objects.get(organisation=personas.org_a, person=person)
    assert (kept.influence, kept.notes) == (4, "Komt op voor de buurt")
    # The page now carries the newer version: saving again is a deliberate choice.
    assert f'value="{kept.version}"' in stale.text
    again = anna.post(url, {"influence": "2", "notes": "Anna", "version": kept.version})
    assert again.status_code == 302


def test_row_links_are_the_same_as_reversed_one_by_one():
    detail = url_for_each("people:detail", "welzijn-a")
    assert [detail(pk) for pk in (1, 42, 2_000_000)] == [
        url("people:detail", pk) for pk in (1, 42, 2_000_000)
    ]


@pytest.mark.parametrize("bound", [3, 7, 250])
def test_paging_by_ids_gives_the_pages_and_count_of_djangos_paginator(personas, bound):
    """Short lists are read once by id; longer ones are counted, beyond the bound read as
    usual. Every page holds the same people as Django's own paginator gives."""
    with scopes_disabled():
        Person.objects.bulk_create(
            [Person(organisation=personas.org_a, family_name=f"Rij{n:02d}") for n in range(12)]
        )
    with scope(organisation=personas.org_a):
        people = Person.objects.filter(family_name__startswith="Rij").order_by("-family_name")
        expected = Paginator(people, 5)
        for number in (1, 2, 3, "9", "x"):
            page = IdListPaginator(people, 5, bound=bound).get_page(number)
            same = expected.get_page(number)
            assert [p.family_name for p in page] == [p.family_name for p in same]
            assert (page.number, page.paginator.count) == (same.number, 12)
            assert page.has_next() == same.has_next()


def test_a_search_with_a_handful_of_results_reads_the_people_once(client_as, personas, council):
    client = client_as(personas.reader)
    client.get(url("people:register"), {"q": "jansen"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("people:register"), {"q": "jansen"})
    assert "1 persoon" in response.text
    assert not [q for q in queries.captured_queries if "COUNT(*)" in q["sql"]]


def test_the_owner_filter_names_the_colleagues_and_filters_on_one(client_as, personas, council):
    nameless = make_user("zonder-naam@a.example")
    add_member(personas.org_a, nameless, "reader")
    with scope(organisation=personas.org_a):
        owner = Membership.objects.get(user=personas.editor)
        assessment_update(
            organisation=personas.org_a, actor=None, person=council["Visser"], owner=owner
        )
    client = client_as(personas.reader)
    response = client.get(url("people:register-filters"), HTTP_HX_REQUEST="true")
    owners = response.text.split('name="owner"')[1].split("</select>")[0]
    assert f'<option value="{owner.pk}">Eddy Editor</option>' in owners
    assert ">zonder-naam@a.example</option>" in owners and "Olga Outsider" not in owners
    listing = client.get(url("people:register"), {"owner": owner.pk})
    assert "1 persoon" in listing.text and "A. Visser" in listing.text
    forged = client.get(url("people:register"), {"owner": "99999999"})
    assert forged.status_code == 200


def test_a_row_shows_stance_influence_owner_and_a_do_not_contact_warning(
    client_as, personas, council
):
    """The rows' assessments are read as plain values: the owner is written as str(user)
    writes it (the name, or the e-mail address without one)."""
    nameless = make_user("zonder-naam@a.example")
    add_member(personas.org_a, nameless, "editor")
    with scope(organisation=personas.org_a):
        named = Membership.objects.get(user=personas.editor)
        unnamed = Membership.objects.get(user=nameless)
        for person, owner, extra in (
            (council["Jansen"], named, {"influence": 4, "do_not_contact": True}),
            (council["Bakker"], unnamed, {"influence": 2}),
            (council["Visser"], None, {}),
        ):
            assessment_update(
                organisation=personas.org_a, actor=None, person=person, owner=owner, **extra
            )
        record(personas, council["Jansen"], Stance.SUPPORTER)
    client = client_as(personas.reader)

    def rows():
        page = client.get(url("people:register")).text
        return {
            row.split("</a>")[0].rsplit(">", 1)[1]: row
            for row in re.findall(r"<tr>(.*?)</tr>", page)
            if "</a>" in row
        }

    dutch = rows()
    assert "niet benaderen" in dutch["A. Jansen"] and "niet benaderen" not in dutch["A. Bakker"]
    assert "Voorstander" in dutch["A. Jansen"] and "<td>4</td>" in dutch["A. Jansen"]
    assert "<td>Eddy Editor</td>" in dutch["A. Jansen"]
    assert "<td>zonder-naam@a.example</td>" in dutch["A. Bakker"]
    assert dutch["A. Visser"].endswith("<td>—</td>")
    assert "Groen Links Test · Gemeenteraad Test" in dutch["A. Visser"]
    assert "nooit" in dutch["A. Visser"] and "Onbekend" in dutch["A. Visser"]
    # The row's fixed words are kept per language: the same page in English after Dutch.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = rows()
    assert "do not contact" in english["A. Jansen"] and "Supporter" in english["A. Jansen"]
    assert "never" in english["A. Visser"] and "Unknown" in english["A. Visser"]


def test_the_less_used_filters_are_filled_in_when_opened(client_as, personas, council):
    """ "More filters" (council, party, municipality, owner, influence, last contact) holds
    no choice lists until it is opened: htmx then asks for them with the page's filters.
    Without JavaScript its link opens the register with them shown; a filter in use
    shows them at once."""
    client = client_as(personas.reader)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url("people:register"), {"q": "jansen"})
    assert 'name="q"' in page.text and 'name="role"' in page.text
    assert 'name="municipality"' not in page.text and 'name="owner"' not in page.text
    # The municipalities' and councils' choice lists: their ids and names, nothing else.
    tables = "|".join(model._meta.db_table for model in (Municipality, Body))
    choice_list = re.compile(rf'SELECT "({tables})"\."id" AS "pk", "\1"\."name" AS "name" FROM')
    assert not [q for q in queries.captured_queries if choice_list.match(q["sql"])]
    more_url = url("people:register-filters") + "?q=jansen"
    assert f'hx-get="{more_url}"' in page.text and '<details class="more-filters">' in page.text

    with CaptureQueriesContext(connection) as queries:
        part = client.get(more_url, HTTP_HX_REQUEST="true")
    assert len([q for q in queries.captured_queries if choice_list.match(q["sql"])]) == 2
    assert 'name="municipality"' in part.text and 'name="owner"' in part.text
    assert 'name="q"' not in part.text and "<html" not in part.text

    shown = client.get(more_url)  # without JavaScript: the register, all filters
    assert "A. Jansen" in shown.text and 'name="municipality"' in shown.text
    assert '<details class="more-filters" open>' in shown.text

    body = Body.objects.get(code="GR-TEST")
    chosen = client.get(url("people:register"), {"body": body.pk})
    assert '<details class="more-filters" open>' in chosen.text
    assert f'<option value="{body.pk}" selected>Gemeenteraad Test</option>' in chosen.text
    assert "3 personen" in chosen.text
    # A wrong value in a closed filter still shows where the problem is.
    wrong = client.get(url("people:register"), {"contact_before": "2026-02-30"})
    assert '<details class="more-filters" open>' in wrong.text and "errorlist" in wrong.text


def test_paging_a_long_list_needs_no_count(personas):
    """Over the bound a page knows a next one exists by reading one id more; a page beyond
    the end gives the last page (the one time such a list is counted)."""
    with scopes_disabled():
        Person.objects.bulk_create(
            [Person(organisation=personas.org_a, family_name=f"Lang{n:02d}") for n in range(12)]
        )
    with scope(organisation=personas.org_a):
        people = Person.objects.filter(family_name__startswith="Lang").order_by("family_name")
        paginator = IdListPaginator(people, 5, bound=6)
        with CaptureQueriesContext(connection) as queries:
            pages = [paginator.get_page(number) for number in (1, 2, 3)]
        assert not paginator.count_known
        assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
        assert [[p.family_name[-2:] for p in page] for page in pages] == [
            ["00", "01", "02", "03", "04"],
            ["05", "06", "07", "08", "09"],
            ["10", "11"],
        ]
        assert [page.has_next() for page in pages] == [True, True, False]
        assert (pages[1].previous_page_number(), pages[1].next_page_number()) == (1, 3)
        for number in (40, "99999999999999999999999"):
            beyond = IdListPaginator(people, 5, bound=6).get_page(number)
            assert (beyond.number, [p.family_name for p in beyond]) == (3, ["Lang10", "Lang11"])


def test_a_long_register_shows_its_count_after_the_page(client_as, personas, council):
    """Above 250 people the list itself counts nothing: it says "meer dan 250" and the page
    asks for the number afterwards, with the same filters."""
    with scopes_disabled():
        Person.objects.bulk_create(
            [Person(organisation=personas.org_a, family_name=f"Eigen{n:04d}") for n in range(1260)]
        )
    client = client_as(personas.reader)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("people:register"), {"show": "current"})
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
    count_url = url("people:register-count") + "?show=current"
    assert "Meer dan 250 personen" in response.text
    assert f'hx-get="{count_url}"' in response.text
    assert "Pagina 1<" in response.text and "pagina=2" in response.text
    # Grouped as Dutch writes it; the council's three are in the list too.
    assert client.get(count_url).text.strip() == "1.263 personen"
    narrowed = client.get(url("people:register-count"), {"q": "Eigen001"})
    assert narrowed.text.strip() == "10 personen"
    short = client.get(url("people:register"), {"q": "Eigen001"})
    assert "10 personen" in short.text and "Meer dan" not in short.text


def _tags(html):
    """Each tag with its attributes sorted: the same markup whatever the attribute order."""
    return re.sub(
        r"<(\w+)([^>]*)>",
        lambda m: "<" + " ".join([m[1], *sorted(re.findall(r'[\w-]+(?:="[^"]*")?', m[2]))]) + ">",
        html,
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"q": 'a<b"', "in_register": "on", "contact_before": "2026-02-30", "sort": "influence"},
        {"contact_after": "2025-01-05", "party": "VVD", "show": "all"},
    ],
)
def test_filters_written_out_directly_are_djangos_own_markup(personas, data):
    """The register's filter fields skip Django's widget templates; what they write is what
    those templates write: values, checked boxes, errors, help text links."""
    from django.template import engines

    from werkbezoek.people import forms as people_forms

    as_django = engines["django"].from_string(
        "{% for field in form.hidden_fields %}{{ field }}{% endfor %}"
        '{% for field in form.visible_fields %}{% if field.name != "in_register" %}'
        '<div class="field"><label for="{{ field.id_for_label }}">{{ field.label }}:</label>'
        '{% if field.help_text %}<div class="helptext" id="{{ field.auto_id }}_helptext">'
        "{{ field.help_text }}</div>{% endif %}{{ field.errors }}{{ field }}</div>{% endif %}"
        "{% endfor %}{{ form.in_register }}"
    )
    direct = engines["django"].from_string("{% load people_tags %}{% filter_fields form %}")
    with scope(organisation=personas.org_a):
        form = people_forms.AllRegisterFilters(data, organisation=personas.org_a)
        form.is_valid()
        djangos_own = {
            people_forms.DirectTextInput: forms.TextInput,
            people_forms.DirectCheckboxInput: forms.CheckboxInput,
            people_forms.DirectDateInput: NativeDateInput,
        }
        for field in form.fields.values():  # back to Django's own widgets, as declared
            if type(field.widget) in djangos_own:
                field.widget = djangos_own[type(field.widget)](attrs=field.widget.attrs)
        expected = as_django.render({"form": form})
        form = people_forms.AllRegisterFilters(data, organisation=personas.org_a)
        form.is_valid()
        written = direct.render({"form": form}) + str(form["in_register"])
    assert _tags(written) == _tags(expected)
    if data and "contact_before" in data:
        assert "errorlist" in written and 'value="a&lt;b&quot;"' in written


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only (ids_in_name_order)")
@pytest.mark.parametrize(
    "filters",
    [{}, {"show": "current"}, {"show": "all"}, {"stance": "supporter"}, {"role": "council_member"}],
)
def test_a_long_list_in_name_order_is_read_in_two_parts_with_the_same_pages(personas, filters):
    """On SQLite ids_in_name_order reads the organisation's own people and the public records apart
    and merges them: every page holds exactly the people, in the order, of the one query,
    across the bound too, with names that sort by more than their first letters (case,
    accents, equal names told apart by id)."""
    names = ["de Vries", "De Vries", "Çelik", "Celik", "Zwart", "Ábel", "Abel", "bakker", "Bakker"]
    with scopes_disabled():
        municipality = Municipality.objects.create(
            code="GM9999",
            name="Testdorp",
            province=Province.objects.create(code="PV99", name="Testprovincie"),
        )
        personas.org_a.municipalities.add(municipality)
        council = Body.objects.create(
            code="GR-TD",
            kind=Body.Kind.COUNCIL,
            name="Gemeenteraad Testdorp",
            municipality=municipality,
        )
        own = [
            Person(organisation=personas.org_a, family_name=name, initials=initials)
            for name in names
            for initials in ("", "A.", "A.")
        ]
        public = [Person(family_name=name, initials="B.") for name in names for _ in range(3)]
        Person.objects.bulk_create(own + public)
        elsewhere = Person.objects.create(organisation=personas.org_b, family_name="Abel")
    # Public records the organisation follows: a local seat, an assessment, a contact; the
    # rest (and another organisation's own person) is not in its default list.
    with scopes_disabled():
        for person in public[::3]:
            Position.objects.create(person=person, role=Role.COUNCIL_MEMBER, body=council)
    for person in public[1::6] + own[::4]:
        record(personas, person, Stance.SUPPORTER)
    with scope(organisation=personas.org_a):
        interaction_log(
            organisation=personas.org_a,
            actor=personas.editor,
            date=datetime.date(2026, 5, 1),
            kind="meeting",
            summary="Koffie",
            people=public[2::6],
        )
        today = timezone.localdate()
        people = selectors.filtered_people(personas.org_a, filters, today).order_by(
            *selectors.NAME_ORDER
        )
        expected = list(people.values_list("pk", flat=True))
        assert elsewhere.pk not in expected and len(expected) >= 9
        read = selectors.ids_in_name_order(personas.org_a, filters, today)
        assert read(0, len(expected) + 5) == expected
        for bound in (4, 250):
            paginator = IdListPaginator(people, 5, bound=bound, ids=read)
            pages = [paginator.get_page(number) for number in range(1, len(expected) // 5 + 2)]
            assert [p.pk for page in pages for p in page] == expected
        # The list's queryset, given as a function, is built only to be counted.
        built = []
        paginator = IdListPaginator(
            lambda: built.append(1) or people,
            5,
            bound=4,
            ids=read,
            rows=lambda ids: selectors.register_rows(ids, today),
        )
        assert [p.pk for p in paginator.get_page(2)] == expected[5:10] and not built
        last = paginator.get_page(999)  # beyond the end: the last page, which needs the count
        assert [p.pk for p in last] == expected[(len(expected) - 1) // 5 * 5 :] and built == [1]
        # Names searched or another order: one query, as before.
        assert selectors.ids_in_name_order(personas.org_a, {"q": "abel"}, today) is None
        assert selectors.ids_in_name_order(personas.org_a, {"sort": "stance"}, today) is None
