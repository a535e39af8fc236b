"""Documents read back by real readers: python-docx and LibreOffice for Word, pypdf and
pdftoppm for PDF. é, ë, ĳ and € survive every format; the briefing, which holds
assessments, is only for colleagues who may see them."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from werkbezoek import testing
from werkbezoek.documents import content, render
from werkbezoek.documents.models import GeneratedFile, Kind
from werkbezoek.organisations.models import Membership
from werkbezoek.people import services as register
from werkbezoek.testing import run_queued_tasks
from werkbezoek.visits import services

pytestmark = pytest.mark.django_db

SPECIAL = "Café Eén: ĳsbaan, € 12,50"


def url(name, visit, *args):
    return reverse(f"documents:{name}", args=["welzijn-a", visit.pk, *args])


@pytest.fixture
def full_visit(personas, visit, people):
    """A realistic visit: guests, host and guide, a programme, a date, media, posts."""
    with scope(organisation=personas.org_a):
        visit.theme = SPECIAL
        visit.core_message = "Eén euro in de schooltuin scheelt later € 4 aan zorg."
        visit.key_figures = "120 leerlingen\n35 vrijwilligers"
        visit.story = "Noëlle (9) oogstte haar eerste courgette."
        visit.save()
        guest = services.guest_add(visit=visit, actor=None, person=people["alderman"])
        services.guest_add(visit=visit, actor=None, person=people["mp"])
        member = Membership.objects.get(user=personas.editor, organisation=personas.org_a)
        services.team_add(visit=visit, actor=None, role="guide", membership=member)
        testing.ready_to_invite(visit)
        services.post_add(visit=visit, actor=None, channel="x", text="Dank voor het bezoek! " * 20)
        guest.tagging_allowed, guest.handle = True, "@wethouder"
        guest.save()
        register.assessment_update(
            organisation=personas.org_a,
            actor=personas.editor,
            person=people["alderman"],
            influence=4,
            drivers="Wil resultaten zien vóór de begroting",
        )
    return visit


def _make(client, visit, kind, fmt, guest=None, django_capture_on_commit_callbacks=None):
    data = {"kind": kind, "format": fmt}
    if guest is not None:
        data["guest"] = guest.pk
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("make", visit), data).status_code == 302
    run_queued_tasks()
    with scopes_disabled():
        file = GeneratedFile.objects.filter(kind=kind, format=fmt).latest("pk")
    assert file.status == GeneratedFile.Status.DONE, file.error
    response = client.get(url("download", visit, file.pk))
    assert response.status_code == 200
    assert file.filename in response["Content-Disposition"]
    return response.content


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_every_document_opens_in_word_and_pdf_readers_with_its_text(
    client_as, personas, full_visit, people, django_capture_on_commit_callbacks
):
    client = client_as(personas.editor)
    with scopes_disabled():
        guest = full_visit.guests.get(person=people["alderman"])
    for kind in Kind.values:
        who = guest if kind in {Kind.INVITATION, Kind.THANK_YOU} else None
        word = _make(client, full_visit, kind, "docx", who, django_capture_on_commit_callbacks)
        pdf = _make(client, full_visit, kind, "pdf", who, django_capture_on_commit_callbacks)
        with scope(organisation=personas.org_a):
            expected = content.build(kind, full_visit, guest=who, sender=personas.editor)
        word_text, pdf_text = _docx_text(word), " ".join(_pdf_text(pdf).split())
        heading = expected.subject or expected.title  # a letter shows its subject line
        for line in (heading, *(b.heading for b in expected.blocks if b.heading)):
            assert line in word_text, (kind, line)
            assert " ".join(line.split()) in pdf_text, (kind, line)
    invitation = _docx_text(
        _make(client, full_visit, "invitation", "docx", guest, django_capture_on_commit_callbacks)
    )
    assert "Geachte A. Wethouder" in invitation and "/antwoord/" in invitation
    assert "café eén: ĳsbaan, € 12,50" in invitation.lower()
    posts = _pdf_text(
        _make(client, full_visit, "posts", "pdf", None, django_capture_on_commit_callbacks)
    )
    assert "@wethouder" in posts and "van 280 tekens" in posts
    factsheet = _pdf_text(
        _make(client, full_visit, "factsheet", "pdf", None, django_capture_on_commit_callbacks)
    )
    assert "Noëlle" in factsheet and "35 vrijwilligers" in factsheet and "€ 4" in factsheet


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by .ci/run")
def test_libreoffice_converts_the_word_letter_and_pdftoppm_renders_the_pdf(personas, full_visit):
    with scope(organisation=personas.org_a):
        guest = full_visit.guests.first()
        document = content.build("invitation", full_visit, guest=guest, sender=personas.editor)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "brief.docx").write_bytes(render.to_docx(document))
        # One profile per conversion: two LibreOffice runs sharing one fail silently.
        subprocess.run(  # noqa: S603
            [  # noqa: S607
                "soffice",
                f"-env:UserInstallation=file://{folder / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(folder / "brief.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        converted = " ".join(_pdf_text((folder / "brief.pdf").read_bytes()).split())
        assert "Geachte A. Wethouder" in converted
        assert "café eén: ĳsbaan, € 12,50" in converted.lower()
        (folder / "weasy.pdf").write_bytes(render.to_pdf(document))
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "40", str(folder / "weasy.pdf"), str(folder / "page")],  # noqa: S607
            check=True,
            timeout=60,
        )
        pages = sorted(folder.glob("page*.png"))
        assert pages and all(page.stat().st_size > 2000 for page in pages)


def test_the_briefing_is_only_for_colleagues_who_may_see_assessments(
    client_as, personas, full_visit, django_capture_on_commit_callbacks
):
    client = client_as(personas.editor)
    _make(client, full_visit, "briefing", "pdf", None, django_capture_on_commit_callbacks)
    with scopes_disabled():
        file = GeneratedFile.objects.get(kind="briefing")
        Membership.objects.filter(user=personas.reader).update(may_see_assessments=False)
    reader = client_as(personas.reader)
    assert reader.get(url("download", full_visit, file.pk)).status_code == 403
    assert "Briefing voor het team" not in reader.get(url("list", full_visit)).text
    assert client.get(url("list", full_visit)).status_code == 200


def test_a_document_for_another_visits_guest_is_refused(client_as, personas, full_visit):
    client = client_as(personas.editor)
    response = client.post(url("make", full_visit), {"kind": "invitation", "format": "pdf"})
    assert response.status_code == 302
    with scopes_disabled():
        assert not GeneratedFile.objects.exists()
    response = client.post(
        url("make", full_visit), {"kind": "invitation", "format": "pdf", "guest": 99999999}
    )
    assert response.status_code == 404


def _jpeg_with_location() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (2400, 1600), (30, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Camera BV"  # make
    exif[0x8825] = {1: "N", 2: (53.0, 0.0, 0.0)}  # GPS: where the photo was taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_factsheet_picture_loses_its_metadata_and_shows_in_word_and_pdf(
    client_as, personas, full_visit, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    client = client_as(personas.editor)
    photo = _jpeg_with_location()
    assert b"Camera BV" in photo
    response = client.post(
        url("factsheet", full_visit),
        {
            "key_figures": "120 leerlingen",
            "story": "Noëlle",
            "picture": SimpleUploadedFile("tuin.jpg", photo, "image/jpeg"),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        full_visit.refresh_from_db()
        stored = bytes(full_visit.factsheet_image)
    assert b"Camera BV" not in stored and not Image.open(io.BytesIO(stored)).getexif()
    assert max(Image.open(io.BytesIO(stored)).size) == 1600
    word = _make(client, full_visit, "factsheet", "docx", None, django_capture_on_commit_callbacks)
    assert len(docx.Document(io.BytesIO(word)).inline_shapes) == 1
    pdf = _make(client, full_visit, "factsheet", "pdf", None, django_capture_on_commit_callbacks)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    # Not a picture: a clear Dutch message, nothing lost.
    response = client.post(
        url("factsheet", full_visit),
        {
            "key_figures": "anders",
            "story": "",
            "picture": SimpleUploadedFile("tuin.jpg", b"geen plaatje", "image/jpeg"),
        },
    )
    assert response.status_code == 422 and "geen afbeelding die we kunnen lezen" in response.text
    with scopes_disabled():
        full_visit.refresh_from_db()
        assert full_visit.key_figures == "120 leerlingen" and full_visit.factsheet_image


def test_erasing_a_person_deletes_the_documents_that_name_them(
    client_as, personas, full_visit, people, django_capture_on_commit_callbacks
):
    client = client_as(personas.editor)
    _make(client, full_visit, "run_sheet", "pdf", None, django_capture_on_commit_callbacks)
    export = client_as(personas.admin).get(
        reverse("people:privacy-export", args=["welzijn-a", people["mp"].pk])
    )
    assert "Documenten waarin de persoon voorkomt" in export.text
    response = client_as(personas.admin).post(
        reverse("people:erase", args=["welzijn-a", people["mp"].pk])
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert not GeneratedFile.objects.filter(kind="run_sheet").exists()
