"""What the importer's sweeps of unseen templates share (test_importer_fresh_sweep.py,
test_importer_unseen_round3.py, test_importer_unseen_round4.py, test_importer_unseen_round5.py): a case (a document,
the fields it must give, the free-text answers it must keep, those that must land in a given field and the text that
must not be read into one), the makers of its file in each
format, and the two checks every case goes through (on one import of the document)."""

import io
import json
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from practices.importer import ParsedPractice, import_document
from practices.importer.pandoc import pandoc_path
from practices.importer.text import fold


@dataclass(frozen=True)
class Case:
    id: str
    filename: str
    data: bytes | Callable[[], bytes]  # a callable for a file made by a tool (pandoc) when the test runs
    expected: dict  # ParsedPractice attributes ("organisation.name" for the organisation's)
    kept: tuple[str, ...] = ()  # free-text answers that must be found somewhere in the draft
    placed: tuple[tuple[str, str], ...] = ()  # (field code, words of its answer): read into that field
    # (field code, words) that must not be read into that field ("*": into any field, the name and the
    # contact included): a page's header, an e-mail's quote marks, another field's answer
    absent: tuple[tuple[str, str], ...] = ()
    xfail: str = ""  # the reason, for a known limit

    def bytes(self) -> bytes:
        return self.data if isinstance(self.data, bytes) else self.data()


def text(*lines: str) -> bytes:
    return "\n".join(lines).encode()


def docx_table(rows: list[tuple[str, str]], heading: str = "") -> bytes:
    document = Document()
    if heading:
        document.add_heading(heading, level=1)
    table = document.add_table(rows=0, cols=2)
    for label, answer in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, answer
    return saved_docx(document)


def docx_blocks(blocks: list[tuple[str, str]]) -> bytes:
    """A Word document of (style, text) paragraphs: "h2" a heading, "bold" a paragraph all in bold,
    "bullet" a List Bullet paragraph, "" a plain one."""
    document = Document()
    for style, line in blocks:
        if style == "h2":
            document.add_heading(line, level=2)
        elif style == "bullet":
            document.add_paragraph(line, style="List Bullet")
        else:
            document.add_paragraph().add_run(line).bold = style == "bold"
    return saved_docx(document)


def rtf(*paragraphs: tuple[str, bool]) -> bytes:
    """A Rich Text file of paragraphs, bold or not; letters past ASCII as \\u escapes, as Word writes them."""

    def escaped(line: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in line)

    body = "".join(
        ("{\\b " + escaped(line) + "}\\par " if bold else escaped(line) + "\\par ") for line, bold in paragraphs
    )
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}" + body + "}").encode("ascii")


def docx_paragraphs(lines: list[tuple[str, bool]]) -> bytes:
    """A Word document of paragraphs, bold (labels) or not."""
    document = Document()
    for line, bold in lines:
        document.add_paragraph().add_run(line).bold = bold
    return saved_docx(document)


def saved_docx(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# A font with every letter of the EU's Latin and Cyrillic alphabets (Helvetica has only Western European ones):
# DejaVu Sans, as Debian's fonts-dejavu-core installs it.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def pdf_lines(lines: list[tuple[str, bool]], *, all_letters: bool = False) -> bytes:
    """A PDF of lines, bold (labels) or not, a gap after each answer; ``all_letters``: in DejaVu Sans, which
    writes "ľ", "ț" or "ų" (the test is skipped where the font is not installed)."""
    regular, bold = "Helvetica", "Helvetica-Bold"
    if all_letters:
        if not (DEJAVU / "DejaVuSans.ttf").exists():
            pytest.skip("DejaVu Sans is not installed: no font to write these letters into a PDF")
        regular, bold = "DejaVuSans", "DejaVuSans-Bold"
        for name in (regular, bold):
            pdfmetrics.registerFont(TTFont(name, str(DEJAVU / f"{name}.ttf")))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    y = 800.0
    for line, is_bold in lines:
        page.setFont(bold if is_bold else regular, 11)
        page.drawString(60, y, line)
        y -= 14 if is_bold else 24
    page.save()
    return out.getvalue()


def odt_from_markdown(markdown: str) -> Callable[[], bytes]:
    """An OpenDocument file pandoc (the binary the importer runs) makes from ``markdown``, as saved by a writer."""

    def make() -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            source, target = Path(folder) / "in.md", Path(folder) / "out.odt"
            source.write_text(markdown, encoding="utf-8")
            subprocess.run([pandoc_path(), "-f", "markdown", "-t", "odt", "-o", target, source], check=True)
            return target.read_bytes()

    return make


def params(cases: list[Case]) -> list:
    """The cases as pytest parameters, a known limit's as a strict xfail."""
    return [
        pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [])
        for case in cases
    ]


def _attribute(parsed, name: str):
    for part in name.split("."):
        parsed = getattr(parsed, part)
    return parsed


def field_answer(parsed, code: str) -> str:
    """A field's answer in the draft: a narrative field's, or the contact's."""
    return parsed.contact if code == "contact" else parsed.fields.get(code, "")


def misplaced(parsed, placed: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The (field, words) of ``placed`` whose words are not in that field's answer."""
    return [
        (code, words) for code, words in placed if fold(words) not in fold(" ".join(field_answer(parsed, code).split()))
    ]


_IMPORTED: dict[int, ParsedPractice] = {}


def imported(case: Case) -> ParsedPractice:
    """The case's document as imported, once a test run (both checks read it; neither changes it). Cases are
    module constants: one object each for the whole run."""
    key = id(case)
    if key not in _IMPORTED:
        _IMPORTED[key] = import_document(case.bytes(), case.filename)
    return _IMPORTED[key]


def imported_case(cases: list[Case], case_id: str) -> ParsedPractice:
    """The case ``case_id`` of ``cases`` as imported (``imported``: once a run)."""
    return imported(next(case for case in cases if case.id == case_id))


def warnings_coded(parsed, code: str) -> list[tuple[str, str]]:
    """(field, message) of each of ``parsed``'s warnings of ``code``."""
    return [(warning.field, warning.message) for warning in parsed.warnings if warning.code == code]


def misread(parsed, absent: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The (field, words) of ``absent`` found in that field's answer ("*": in any field's)."""
    every = ("title", *parsed.fields, "contact")
    return [
        (code, words)
        for code, words in absent
        if any(
            fold(words) in fold(" ".join(field_answer(parsed, field).split()))
            for field in (every if code == "*" else (code,))
        )
    ]


def check_fields(case: Case) -> None:
    """The document gives the fields the case expects, each placed answer is in its field, and no absent
    words are in theirs."""
    parsed = imported(case)
    actual = {name: _attribute(parsed, name) for name in case.expected}
    assert (actual, misplaced(parsed, case.placed), misread(parsed, case.absent)) == (case.expected, [], [])


def check_kept(case: Case) -> None:
    """Every free-text answer the case names (kept or placed) is found somewhere in the draft."""
    parsed = imported(case)
    everything = fold(" ".join(json.dumps(parsed.as_json(), ensure_ascii=False).replace("\\n", " ").split()))
    phrases = (*case.kept, *(words for _, words in case.placed))
    assert [phrase for phrase in phrases if fold(phrase) not in everything] == []
