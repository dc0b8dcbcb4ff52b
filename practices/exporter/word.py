"""The template as a Word document: a two-column table, label and guidance on
the left, the answer on the right, as the RAN Collection's form has it."""

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from .blocks import Block, markdown_blocks
from .rows import DOCUMENT_TITLE, Row, organisation_type_line

_STYLES = {"bullet": "List Bullet", "number": "List Number"}
_LIST_DEPTHS = 3  # Word's list styles: "List Bullet", "List Bullet 2", "List Bullet 3"


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
    for block in _answer_blocks(row):
        paragraphs.append((block.lines, _style(block)))
    paragraphs += [((str(choice),), None) for choice in row.choices]
    if row.organisation_types:
        paragraphs.append(((organisation_type_line(row.organisation_types, language),), None))
    for number, (lines, style) in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        if style:
            paragraph.style = cell.part.document.styles[style]
        _add_lines(paragraph, lines)


def _style(block: Block) -> str | None:
    """A heading's style, a list item's ("List Bullet 2": an item nested once), else none."""
    if block.kind == "heading":
        return f"Heading {min(block.level, 9)}"
    if block.kind in _STYLES:
        depth = min(block.level, _LIST_DEPTHS - 1)
        return _STYLES[block.kind] + (f" {depth + 1}" if depth else "")
    return None


def _answer_blocks(row: Row) -> list[Block]:
    """A narrative answer's Markdown blocks; any other answer (the name of the practice, a year)
    as one paragraph of its lines, so that "3. Target audience" stays the name it is."""
    if row.markdown:
        return markdown_blocks(row.answer)
    lines = tuple(line.strip() for line in row.answer.split("\n") if line.strip())
    return [Block("paragraph", lines)] if lines else []


def _add_lines(paragraph, lines: tuple[str, ...]) -> None:
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        if number + 1 < len(lines):
            run.add_break(WD_BREAK.LINE)
