import csv
import io

from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from werkbezoek.lib.spreadsheets import neutralise
from werkbezoek.people.models import AccessLogEntry, Assessment, Person


def setup_people(personas):
    with scopes_disabled():
        risky = Person.objects.create(
            organisation=personas.org_a, family_name="=HYPERLINK(1)", initials="+A."
        )
        Assessment.objects.create(
            organisation=personas.org_a, person=risky, influence=4, themes=["@thema", "Wonen"]
        )
        public = Person.objects.create(family_name="Openbaar", external_id="p1")
        # Another organisation's view of the same public person must not be exported.
        Assessment.objects.create(
            organisation=personas.org_b,
            person=public,
            influence=5,
            stance="opponent",
            notes="geheim",
        )


def url(**params):
    return reverse("people:export", args=["welzijn-a"]), params


def test_csv_export_neutralises_formulas(client_as, personas):
    setup_people(personas)
    path, params = url(formaat="csv", show="all")  # "Openbaar" holds no office
    response = client_as(personas.reader).get(path, params)
    assert response["Content-Disposition"].startswith('attachment; filename="relaties-welzijn-a-')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Naam"
    by_name = {row[0]: row for row in rows[1:]}
    risky = by_name["'+A. =HYPERLINK(1)"]
    assert risky[1] == "'+A."
    assert risky[9] == "'@thema, Wonen"
    openbaar = by_name["Openbaar"]
    assert openbaar[4] == "Onbekend" and openbaar[5] == ""  # not org B's opponent/5


def test_xlsx_export_opens_and_has_no_formulas(client_as, personas):
    setup_people(personas)
    path, params = url(formaat="xlsx", in_register="on")
    response = client_as(personas.reader).get(path, params)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Naam", "Voorletters"]
    assert values[1][0] == "'+A. =HYPERLINK(1)"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert len(values) == 2  # filtered: only people with this organisation's assessment


def test_every_export_is_logged(client_as, personas):
    setup_people(personas)
    path, params = url(formaat="csv", show="all")  # "Openbaar" holds no office
    client_as(personas.reader).get(path, params)
    with scopes_disabled():
        entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.actor, entry.organisation) == (
        "export",
        personas.reader,
        personas.org_a,
    )


def test_unknown_format_is_404(client_as, personas):
    path, params = url(formaat="exe")
    assert client_as(personas.reader).get(path, params).status_code == 404


def test_neutralise():
    assert [neutralise(v) for v in ["=1", "-2", "tekst", None, 3, "\t=x"]] == [
        "'=1",
        "'-2",
        "tekst",
        "",
        "3",
        "'\t=x",
    ]
