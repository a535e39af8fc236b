import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from hypothesis import given, settings
from hypothesis import strategies as st

from werkbezoek.imports.models import ImportJob
from werkbezoek.imports.services import ImportRejected, parse_people, people_import, template_csv
from werkbezoek.people.models import Assessment, Person, StanceRecord
from werkbezoek.testing import run_queued_tasks

GOOD = (
    "kenmerk,achternaam,voorletters,functie,standpunt,invloed,themas,niet_benaderen,email\n"
    "A1,Jansen,P.,ambtenaar,twijfelaar,3,Wonen|Jeugd,nee,p.jansen@example.org\n"
    "A2,Bakker,K.,journalist,,,,ja,\n"
)


def run(personas, raw, name="lijst.csv"):
    """Check and queue the file as the upload page does, then let the worker write it."""
    with scope(organisation=personas.org_a), TestCase.captureOnCommitCallbacks(execute=True):
        job = people_import(
            organisation=personas.org_a, actor=personas.editor, filename=name, raw=raw
        )
    assert job.status == ImportJob.Status.QUEUED
    run_queued_tasks()
    with scopes_disabled():
        job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    assert job.source == ""  # the file's personal data is not kept beside the register
    return job


def own_people(personas):
    with scopes_disabled():
        return Person.objects.filter(organisation=personas.org_a)


def test_it_imports_people_with_assessments(personas):
    job = run(personas, GOOD.encode())
    assert (job.created, job.updated) == (2, 0)
    with scopes_disabled():
        jansen = Person.objects.get(family_name="Jansen")
        assessment = Assessment.objects.get(person=jansen)
        assert jansen.organisation == personas.org_a
        assert jansen.positions.get().role == "civil_servant"
        assert (assessment.stance, assessment.influence, assessment.themes) == (
            "doubter",
            3,
            ["Wonen", "Jeugd"],
        )
        assert StanceRecord.objects.get(person=jansen).source == "lijst.csv"
        assert Assessment.objects.get(person__family_name="Bakker").do_not_contact


def test_importing_again_updates_instead_of_duplicating(personas):
    run(personas, GOOD.encode())
    job = run(personas, GOOD.replace("Jansen,P.", "Jansen,P.M.").encode())
    assert (job.created, job.updated) == (0, 2)
    assert own_people(personas).count() == 2
    assert own_people(personas).get(family_name="Jansen").initials == "P.M."
    with scopes_disabled():
        assert StanceRecord.objects.count() == 1  # unchanged stance is not recorded again


def test_excel_semicolon_flavour_with_bom(personas):
    raw = "\ufeffachternaam;voorletters;invloed\nde Wit;A.;5\n".encode()
    assert run(personas, raw).created == 1


def test_one_bad_row_imports_nothing_and_names_line_and_column(personas):
    bad = GOOD + "A3,Visser,J.,ambtenaar,twijfelaar,7,,nee,\n"
    with pytest.raises(ImportRejected) as rejected:
        run(personas, bad.encode())
    assert rejected.value.errors == ["Regel 4, kolom invloed: '7' is geen getal van 1 tot 5."]
    assert not own_people(personas).exists()


def test_thousand_rows_with_three_bad_ones_reports_those_three(personas):
    lines = ["achternaam,invloed,email"]
    for number in range(1000):
        influence = "9" if number in (10, 500, 999) else "2"
        lines.append(f"Persoon{number},{influence},p{number}@example.org")
    with pytest.raises(ImportRejected) as rejected:
        run(personas, "\n".join(lines).encode())
    assert [e.split(",")[0] for e in rejected.value.errors] == [
        "Regel 12",
        "Regel 502",
        "Regel 1001",
    ]
    assert not own_people(personas).exists()
    fixed = "\n".join(lines).replace(",9,", ",2,").encode()
    assert run(personas, fixed).created == 1000


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "leeg"),
        (b"naam,invloed\nJansen,2\n", "Onbekende kolom 'naam'"),
        (b"voorletters\nP.\n", "Kolom 'achternaam' ontbreekt"),
        (b"achternaam,invloed\nJansen\n", "Regel 2: 1 velden in plaats van 2"),
        (b"achternaam,email\nJansen,geen-adres\n", "'geen-adres' is geen e-mailadres"),
        (b"achternaam\n", "geen regels"),
        ("achternaam\nJürgens\n".encode("latin-1"), "geen UTF-8"),
        (b"achternaam\n" + b"x" * (5 * 1024 * 1024 + 1), "groter dan 5 MB"),
        (b"kenmerk,achternaam\nA,X\nA,Y\n", "al gebruikt op regel 2"),
    ],
)
def test_bad_files_get_a_dutch_message(personas, raw, message):
    with pytest.raises(ImportRejected) as rejected:
        run(personas, raw)
    assert message in " ".join(rejected.value.errors)
    assert not own_people(personas).exists()


def test_the_template_imports_as_is(personas):
    assert run(personas, template_csv()).created == 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_a_clear_rejection(raw):
    try:
        parse_people(b"achternaam,invloed\n" + raw)
    except ImportRejected as rejected:
        assert rejected.errors


def test_upload_page_shows_errors_and_then_imports(client_as, personas):
    client = client_as(personas.editor)
    url = reverse("imports:people", args=["welzijn-a"])
    bad = SimpleUploadedFile("lijst.csv", (GOOD + "A3,Visser,J.,x,,,,nee,\n").encode())
    response = client.post(url, {"file": bad})
    assert "Er is niets geïmporteerd" in response.text and "Regel 4, kolom functie" in response.text
    good = SimpleUploadedFile("lijst.csv", GOOD.encode())
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"file": good}, follow=True)
    assert "gecontroleerd en in orde" in response.text
    assert (
        "0 van 2 rijen geïmporteerd" in response.text and 'hx-trigger="every 2s"' in response.text
    )
    run_queued_tasks()
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert "2 toegevoegd, 0 bijgewerkt" in response.text and "every 2s" not in response.text
    with scopes_disabled():
        assert ImportJob.objects.filter(organisation=personas.org_a).count() == 1
    template = client.get(reverse("imports:people-template", args=["welzijn-a"]))
    assert template.content.decode("utf-8-sig").startswith("kenmerk;achternaam")


def test_role_words_work_whatever_the_interface_language(personas):
    from django.utils import translation

    with translation.override("en"):
        job = run(personas, b"achternaam,functie\nDekker,Wethouder\nSmit,journalist\n")
    assert job.created == 2
    with scopes_disabled():
        assert Person.objects.get(family_name="Dekker").positions.get().role == "alderman"


def test_a_stopped_import_resumes_after_the_last_committed_chunk(personas, monkeypatch):
    """A worker killed halfway: the chunks written stay, the rest follows, nothing twice."""
    from werkbezoek.imports import services

    monkeypatch.setattr(services, "CHUNK_ROWS", 2)
    rows = "".join(f"Persoon{n},P.\n" for n in range(5))
    with scope(organisation=personas.org_a):
        job = people_import(
            organisation=personas.org_a,
            actor=personas.editor,
            filename="vijf.csv",
            raw=("achternaam,voorletters\n" + rows).encode(),
        )
        real_row = services._import_row
        calls = []

        def dies_in_the_second_chunk(job, values):
            calls.append(values)
            if len(calls) == 3:
                raise RuntimeError("worker killed")
            return real_row(job, values)

        monkeypatch.setattr(services, "_import_row", dies_in_the_second_chunk)
        with pytest.raises(RuntimeError):
            services.people_import_run(job=job)
        job.refresh_from_db()
        assert (job.status, job.rows_done) == (ImportJob.Status.RUNNING, 2)
        assert own_people(personas).count() == 2
        monkeypatch.setattr(services, "_import_row", real_row)
        services.people_import_run(job=job)
    assert (job.status, job.rows_done, job.created) == (ImportJob.Status.DONE, 5, 5)
    assert own_people(personas).count() == 5


def test_a_file_without_codes_or_addresses_imported_twice_is_not_doubled(client_as, personas):
    raw = (
        b"achternaam,voorletters,organisatie_of_functietitel\n"
        b"Visser,J.,Gemeente Assen\n"
        b"Visser,J.,Gemeente Emmen\n"  # the same name elsewhere: another person
        b"Mulder,K.,\n"
    )
    run(personas, raw)
    again = run(personas, raw)
    assert (again.created, again.updated, again.matched_by_name) == (0, 3, 3)
    assert own_people(personas).count() == 3
    page = client_as(personas.editor).get(reverse("imports:people", args=["welzijn-a"]))
    assert "3 rijen hadden geen kenmerk of e-mailadres" in page.text
