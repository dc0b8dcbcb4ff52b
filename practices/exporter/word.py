"""The template as a Word document: a two-column table, label and guidance on
the left, the answer on the right, as the RAN Collection's form has it."""

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from .blocks import markdown_blocks
from .rows import DOCUMENT_TITLE, Row, organisation_type_line

_STYLES = {"bullet": "List Bullet", "number": "List Number"}


def docx_bytes(rows: list[Row], *, language: str) -> bytes:
    document = Document()
    document.core_properties.title = DOCUMENT_TITLE[language]
    document.core_properties.language = language
    document.add_heading(DOCUMENT_TITLE[language], level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(6), Cm(11)
        _label_cell(cells[0], row)
        _answer_cell(cells[1], row, language)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _label_cell(cell, row: Row) -> None:
    cell.paragraphs[0].add_run(row.label).bold = True
    if row.guidance:
        guidance = cell.add_paragraph().add_run(row.guidance)
        guidance.italic = True
        guidance.font.size = Pt(8)


def _answer_cell(cell, row: Row, language: str) -> None:
    paragraphs = []
    for block in markdown_blocks(row.answer):
        style = _STYLES.get(block.kind) or (f"Heading {min(block.level, 9)}" if block.kind == "heading" else None)
        paragraphs.append((block.lines, style))
    paragraphs += [((str(choice),), None) for choice in row.choices]
    if row.organisation_types:
        paragraphs.append(((organisation_type_line(row.organisation_types, language),), None))
    for number, (lines, style) in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        if style:
            paragraph.style = cell.part.document.styles[style]
        _add_lines(paragraph, lines)


def _add_lines(paragraph, lines: tuple[str, ...]) -> None:
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        if number + 1 < len(lines):
            run.add_break(WD_BREAK.LINE)
