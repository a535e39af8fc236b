import datetime

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from werkbezoek.people.models import Assessment, Person, Stance
from werkbezoek.people.services import stance_record
from werkbezoek.people.stakeholder_map import COLUMNS, layout


def add(personas, name, stance, influence, org=None):
    org = org or personas.org_a
    with scopes_disabled():
        person = Person.objects.create(organisation=org, family_name=name)
    with scope(organisation=org):
        Assessment.objects.create(organisation=org, person=person, influence=influence)
        stance_record(
            organisation=org,
            person=person,
            stance=stance,
            date=timezone.localdate() - datetime.timedelta(days=1),
            reason="x",
            actor=personas.admin,
        )
    return person


def test_map_shows_own_people_as_links_and_in_a_table(client_as, personas):
    supporter = add(personas, "Steun", Stance.SUPPORTER, 5)
    add(personas, "Tegen", Stance.OPPONENT, 2)
    add(personas, "Ander", Stance.SUPPORTER, 5, org=personas.org_b)
    response = client_as(personas.reader).get(reverse("people:map", args=["welzijn-a"]))
    assert response.status_code == 200
    text = response.text
    assert f'href="/o/welzijn-a/relaties/{supporter.pk}/"' in text
    assert text.count("<circle") == 2
    assert "Ander" not in text
    assert "Twijfelaars en tegenstanders" in text  # the approach per segment


def test_moving_a_person_moves_the_dot(personas):
    person = add(personas, "Beweegt", Stance.DOUBTER, 3)
    with scope(organisation=personas.org_a):
        assessment = Assessment.objects.get(person=person)
        before = layout([(person, assessment)])[0]
        stance_record(
            organisation=personas.org_a,
            person=person,
            stance=Stance.SUPPORTER,
            date=timezone.localdate(),
            reason="Overtuigd",
            actor=personas.admin,
        )
        assessment.refresh_from_db()
        after = layout([(person, assessment)])[0]
    assert after.x > before.x and after.y == before.y


def test_people_in_one_cell_do_not_overlap(personas):
    people = [add(personas, f"P{n}", Stance.SUPPORTER, 4) for n in range(9)]
    with scope(organisation=personas.org_a):
        entries = [(p, Assessment.objects.get(person=p)) for p in people]
    positions = {(dot.x, dot.y) for dot in layout(entries)}
    assert len(positions) == 9
    assert COLUMNS[-1] == Stance.SUPPORTER


def test_svg_coordinates_use_a_decimal_point_in_dutch(client_as, personas):
    import re

    add(personas, "Punt", Stance.DOUBTER, 3)
    text = client_as(personas.reader).get(reverse("people:map", args=["welzijn-a"])).text
    svg = text[text.index("<svg") : text.index("</svg>")]
    numbers = re.findall(r'\s(?:x|y|cx|cy|x1|x2|y1|y2|width|height)="([^"]*)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers


def test_a_crowded_map_shows_counts_per_cell_with_links(client_as, personas, monkeypatch):
    from werkbezoek.people import views

    monkeypatch.setattr(views, "MAP_DOT_LIMIT", 2)
    for number in range(3):
        add(personas, f"Veel{number}", Stance.SUPPORTER, 4)
    add(personas, "Eén", Stance.OPPONENT, 2)
    text = client_as(personas.reader).get(reverse("people:map", args=["welzijn-a"])).text
    assert "4 personen op de kaart" in text and "Te veel voor een stip per persoon" in text
    assert "?in_register=on&amp;stance=supporter&amp;influence=4" in text
    assert ">3</text>" in text and ">1</text>" in text
    listing = client_as(personas.reader).get(
        reverse("people:register", args=["welzijn-a"]),
        {"in_register": "on", "stance": "supporter", "influence": 4},
    )
    assert "3 personen" in listing.text
