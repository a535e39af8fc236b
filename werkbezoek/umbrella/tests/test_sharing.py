"""Sharing on purpose: the umbrella sees only the public facts of the visits members chose
to share, through the named reads of visits.shared — and nothing private, anywhere."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek import testing
from werkbezoek.organisations.models import UmbrellaLink
from werkbezoek.people import services as register
from werkbezoek.visits import services
from werkbezoek.visits.models import Visit

pytestmark = pytest.mark.django_db

MARKER = "GEHEIM-7731"


@pytest.fixture
def world(personas, koepel):
    """Welzijn A and Natuur B are members; each has a shared visit with a public alderman
    and one it keeps to itself, and A's visit carries private data with a marker."""
    umbrella, umbrella_admin, _link = koepel
    with scopes_disabled():
        UmbrellaLink.objects.create(umbrella=umbrella, member=personas.org_b, status="active")
    council = testing.make_council(parties=("GL",))
    alderman = testing.make_public_person(
        "Hoekstra",
        "alderman",
        council.executive,
        council.groups["GL"],
        given_name="Marleen",
        email="m.hoekstra@testassen.example",
    )
    personas.org_a.municipalities.add(council.municipality)
    day = timezone.localdate() + datetime.timedelta(days=20)
    visits = {}
    for org, actor in ((personas.org_a, personas.editor), (personas.org_b, personas.outsider)):
        with scope(organisation=org):
            shared = testing.make_visit(
                org, actor, title=f"Titel {MARKER}", theme="Leefbare wijken",
                goal=f"Doel {MARKER}", ask=f"Vraag {MARKER}",
            )  # fmt: skip
            guest = services.guest_add(visit=shared, actor=actor, person=alderman)
            services.guest_answer_save(
                visit=shared, actor=actor, guest=guest, rsvp="declined", notes=f"Nee {MARKER}"
            )
            own = register.person_create(
                organisation=org, actor=actor, family_name=f"Eigen{MARKER}"
            )
            services.guest_add(visit=shared, actor=actor, person=own)
            register.assessment_update(
                organisation=org, actor=actor, person=alderman, notes=f"Notitie {MARKER}"
            )
            register.interaction_log(
                organisation=org, actor=actor, date=timezone.localdate(), kind="call",
                people=[alderman], summary=f"Gebeld {MARKER}",
            )  # fmt: skip
            services.date_set(visit=shared, actor=actor, date=day, start_time=datetime.time(10))
            services.visit_share_set(visit=shared, actor=actor, shared=True)
            private = testing.make_visit(org, actor, title="Niet gedeeld", theme="Geheim thema")
            visits[org.slug] = (shared, private, guest)
    return umbrella, umbrella_admin, visits, alderman


def overview(client, **params):
    return client.get(reverse("umbrella:overview", args=["woonkoepel"]), params)


def test_the_umbrella_sees_what_members_shared_and_nothing_else(client_as, world):
    umbrella, umbrella_admin, visits, alderman = world
    client = client_as(umbrella_admin)
    page = overview(client).text
    assert "2 gedeelde bezoeken" in page
    assert "Welzijn A" in page and "Natuur B" in page and "Leefbare wijken" in page
    assert "Marleen Hoekstra" in page and "GL Testassen" in page  # public role, party group
    assert "Testassen" in page  # the municipality (A's working area)
    assert "Geheim thema" not in page and "Niet gedeeld" not in page
    # Filters: theme, party, politician, status, period.
    assert "2 gedeelde bezoeken" in overview(client, politician="Marleen Hoekstra").text
    assert "0 gedeelde bezoeken" in overview(client, politician="Jansen").text
    assert "0 gedeelde bezoeken" in overview(client, party="VVD").text
    assert "2 gedeelde bezoeken" in overview(client, party="GL").text
    assert "0 gedeelde bezoeken" in overview(client, status="held").text
    far = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    assert "0 gedeelde bezoeken" in overview(client, start=far).text


def test_nothing_private_appears_in_any_shared_view_or_export(client_as, world):
    _umbrella, umbrella_admin, _visits, _alderman = world
    client = client_as(umbrella_admin)
    responses = [
        overview(client),
        overview(client, politician="Hoekstra"),
        client.get(reverse("umbrella:templates", args=["woonkoepel"])),
        client.get(reverse("umbrella:overview-export", args=["woonkoepel", "csv"])),
    ]
    for response in responses:
        assert response.status_code == 200
        assert MARKER not in response.content.decode("utf-8-sig")
    xlsx = client.get(reverse("umbrella:overview-export", args=["woonkoepel", "xlsx"]))
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as workbook:
        text = " ".join(workbook.read(name).decode() for name in workbook.namelist())
    assert "Leefbare wijken" in text and MARKER not in text
    csv_text = responses[-1].content.decode("utf-8-sig")
    assert "Marleen Hoekstra" in csv_text and "Welzijn A" in csv_text


def test_the_umbrella_cannot_open_a_members_pages(client_as, world):
    _umbrella, umbrella_admin, visits, _alderman = world
    shared, private, _guest = visits["welzijn-a"]
    client = client_as(umbrella_admin)
    for visit in (shared, private):
        url = reverse("visits:detail", args=["welzijn-a", visit.pk])
        assert client.get(url).status_code == 404
        # Not under its own name either: a member's visit is no umbrella row.
        assert (
            client.get(reverse("visits:detail", args=["woonkoepel", visit.pk])).status_code == 404
        )
    assert client.get(reverse("people:register", args=["welzijn-a"])).status_code == 404


def test_ending_or_unsharing_removes_access_at_once_and_the_member_keeps_its_visits(
    client_as, personas, world
):
    umbrella, umbrella_admin, visits, _alderman = world
    shared, _private, _guest = visits["welzijn-a"]
    client = client_as(umbrella_admin)
    with scope(organisation=personas.org_a):
        services.visit_share_set(visit=shared, actor=personas.editor, shared=False)
    assert "1 gedeeld bezoek" in overview(client).text
    # Natuur B leaves: at the next request the umbrella sees none of its visits.
    from werkbezoek.organisations import umbrellas

    with scopes_disabled():
        link = UmbrellaLink.objects.get(member=personas.org_b, status="active")
        umbrellas.umbrella_end(link=link, organisation=personas.org_b, actor=personas.outsider)
    page = overview(client).text
    assert "0 gedeelde bezoeken" in page and "Natuur B" not in page
    with scope(organisation=personas.org_b):  # its own visits are untouched
        assert Visit.objects.count() == 2
        assert Visit.objects.filter(shared_with_umbrella=True).count() == 1


def test_a_new_visit_follows_the_organisations_sharing_default(personas, koepel):
    with scopes_disabled():
        personas.org_a.share_visits_with_umbrella = True
        personas.org_a.save()
    with scope(organisation=personas.org_a):
        assert testing.make_visit(personas.org_a, personas.editor).shared_with_umbrella
    with scope(organisation=personas.org_b):
        assert not testing.make_visit(personas.org_b, personas.outsider).shared_with_umbrella


def test_a_member_sees_the_invitation_load_without_learning_who_invited(client_as, personas, world):
    umbrella, _umbrella_admin, visits, alderman = world
    shared_b, _private, _guest = visits["natuur-b"]
    with scope(organisation=personas.org_b):
        testing.ready_to_invite(shared_b, personas.outsider)
        services.invitations_send(visit=shared_b, actor=personas.outsider, base_url="http://x")
    with scopes_disabled():
        umbrella.invitation_load_threshold = 1
        umbrella.save()
    client = client_as(personas.editor)
    shared_a, _private_a, _guest_a = visits["welzijn-a"]
    url = reverse("visits:guests", args=["welzijn-a", shared_a.pk])
    page = client.get(url).text
    assert "1 uitnodiging deze maand van andere leden" in page
    assert "al veel uitnodigingen" in page and "Marleen Hoekstra (1)" in page
    assert "Natuur B" not in page
    search = client.get(
        url, {"q": "Hoekstra"}, headers={"HX-Request": "true", "HX-Target": "search-results"}
    )
    assert "1 uitnodiging deze maand van andere leden" in search.text
    # Its own invitations do not count: B sees none for the same politician.
    with scope(organisation=personas.org_a):
        testing.ready_to_invite(shared_a, personas.editor)
        services.invitations_send(visit=shared_a, actor=personas.editor, base_url="http://x")
    page_b = client_as(personas.outsider).get(
        reverse("visits:guests", args=["natuur-b", shared_b.pk])
    )
    assert "1 uitnodiging deze maand van andere leden" in page_b.text


def test_exports_are_formula_safe(client_as, personas, world):
    _umbrella, umbrella_admin, visits, _alderman = world
    shared, _private, _guest = visits["welzijn-a"]
    with scopes_disabled():
        Visit.objects.filter(pk=shared.pk).update(theme='=HYPERLINK("http://x")')
    csv_text = (
        client_as(umbrella_admin)
        .get(reverse("umbrella:overview-export", args=["woonkoepel", "csv"]))
        .content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK" in csv_text


def test_the_overview_and_the_load_cost_the_same_queries_at_any_size(client_as, personas, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _umbrella, umbrella_admin, visits, alderman = world
    shared_a, _private, _guest = visits["welzijn-a"]

    def count(user, url):
        client = client_as(user)  # one test client: log in as whoever looks
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    overview_url = reverse("umbrella:overview", args=["woonkoepel"])
    guests_url = reverse("visits:guests", args=["welzijn-a", shared_a.pk])
    few = count(umbrella_admin, overview_url), count(personas.editor, guests_url)
    council = testing.make_council("GM9107", "Meerdorp", parties=("PA", "PB"))
    with scope(organisation=personas.org_b):
        for index in range(6):
            visit = testing.make_visit(personas.org_b, personas.outsider, theme=f"Thema {index}")
            for group in ("PA", "PB"):
                person = testing.make_public_person(
                    f"Raadslid {index}{group}", "council_member", council.council,
                    council.groups[group], email=f"r{index}{group}@meerdorp.example",
                )  # fmt: skip
                services.guest_add(visit=visit, actor=personas.outsider, person=person)
            services.visit_share_set(visit=visit, actor=personas.outsider, shared=True)
    many = count(umbrella_admin, overview_url), count(personas.editor, guests_url)
    assert many == few
