"""Lay a Document out as Word (python-docx: what Dutch offices edit) and as PDF
(WeasyPrint, from an HTML template). Both show the same text."""

import base64
import functools
import io

from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .content import Document

# Documents load nothing from outside (a data: image at most). One fetcher for every PDF:
# WeasyPrint's default makes a fresh TLS context per document, a third of the time.
FETCHER = URLFetcher(allowed_protocols={"data"})
FONTS = FontConfiguration()  # the system's fonts, looked up once per process


def _lines(paragraph, text: str):
    """A paragraph whose line breaks stay line breaks (a signature, an address)."""
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _paragraph(word, text: str = "", style_id: str = ""):
    """A paragraph with a style set by its id. python-docx's own style= looks through all
    of the template's styles for every paragraph, most of the time a letter takes."""
    paragraph = word.add_paragraph(text)
    if style_id:
        paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


# The styles a document uses, with what they are based on and linked to.
TEMPLATE_STYLES = {
    "Normal",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
    "Header",
    "HeaderChar",
    "Footer",
    "FooterChar",
    "Heading1",
    "Heading1Char",
    "Heading2",
    "Heading2Char",
    "ListParagraph",
    "ListBullet",
    "TableGrid",
}


@functools.cache
def _template() -> bytes:
    """python-docx's default template without what no document here uses: Word 2010's
    second copy of the styles, the latent styles, 150 unused styles and the thumbnail.
    Each document parsed and wrote those 880 KB of XML again: half of a letter's time."""
    word = WordDocument()
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            word.part.drop_rel(rel_id)
    package_rels = word.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)
    styles = word.styles.element
    styles.remove(styles.find(qn("w:latentStyles")))
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in TEMPLATE_STYLES:
            styles.remove(style)
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_docx(document: Document) -> bytes:
    word = WordDocument(io.BytesIO(_template()))
    word.core_properties.title = document.title
    word.core_properties.language = "nl-NL"
    if document.sender:
        sender = _paragraph(word)
        sender.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _lines(sender, "\n".join(document.sender))
    if document.recipient:
        _lines(_paragraph(word), "\n".join(document.recipient))
    if document.place_date:
        _paragraph(word, document.place_date)
    if document.subject:
        _paragraph(word).add_run(document.subject).bold = True
    else:
        _paragraph(word, document.title, "Heading1")
    if document.subtitle:
        _paragraph(word).add_run(document.subtitle).italic = True
    if document.picture:
        word.add_picture(io.BytesIO(document.picture), width=Cm(12))
    grid = None
    for block in document.blocks:
        if block.heading:
            _paragraph(word, block.heading, "Heading2")
        for text in block.paragraphs:
            _lines(_paragraph(word), text)
        for text in block.bullets:
            _paragraph(word, text, "ListBullet")
        if block.table:
            table = word.add_table(rows=0, cols=len(block.table[0]))
            grid = grid or word.styles["Table Grid"]
            table.style = grid
            for number, row in enumerate(block.table):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
                    if number == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
    if document.footer:
        word.sections[0].footer.paragraphs[0].text = document.footer
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_html(document: Document) -> str:
    picture = ""
    if document.picture:
        picture = "data:image/jpeg;base64," + base64.b64encode(document.picture).decode()
    return render_to_string("documents/print.html", {"document": document, "picture": picture})


def to_pdf(document: Document) -> bytes:
    return HTML(string=to_html(document), url_fetcher=FETCHER).write_pdf(font_config=FONTS)
