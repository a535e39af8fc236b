"""Lay a Document out as Word (python-docx: what Dutch offices edit) and as PDF
(WeasyPrint, from an HTML template). Both show the same text."""

import io

from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from weasyprint import HTML

from .content import Document


def _lines(paragraph, text: str):
    """A paragraph whose line breaks stay line breaks (a signature, an address)."""
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def to_docx(document: Document) -> bytes:
    word = WordDocument()
    word.styles["Normal"].font.name = "Calibri"
    word.styles["Normal"].font.size = Pt(11)
    word.core_properties.title = document.title
    word.core_properties.language = "nl-NL"
    if document.sender:
        sender = word.add_paragraph()
        sender.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _lines(sender, "\n".join(document.sender))
    if document.recipient:
        _lines(word.add_paragraph(), "\n".join(document.recipient))
    if document.place_date:
        word.add_paragraph(document.place_date)
    if document.subject:
        word.add_paragraph().add_run(document.subject).bold = True
    if not document.subject:
        word.add_heading(document.title, level=1)
    if document.subtitle:
        word.add_paragraph().add_run(document.subtitle).italic = True
    for block in document.blocks:
        if block.heading:
            word.add_heading(block.heading, level=2)
        for text in block.paragraphs:
            _lines(word.add_paragraph(), text)
        for text in block.bullets:
            word.add_paragraph(text, style="List Bullet")
        if block.table:
            table = word.add_table(rows=0, cols=len(block.table[0]))
            table.style = "Table Grid"
            for number, row in enumerate(block.table):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
                    if number == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
    if document.footer:
        footer = word.sections[0].footer.paragraphs[0]
        footer.text = document.footer
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_html(document: Document) -> str:
    return render_to_string("documents/print.html", {"document": document})


def to_pdf(document: Document) -> bytes:
    return HTML(string=to_html(document)).write_pdf()
