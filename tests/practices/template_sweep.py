"""What the importer's sweeps of unseen templates share (test_importer_fresh_sweep.py,
test_importer_unseen_round3.py): a case (a document, the fields it must give, the free-text answers
it must keep), the makers of its file in each format, and the two checks every case goes through."""

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
from reportlab.pdfgen import canvas

from practices.importer import import_document
from practices.importer.pandoc import pandoc_path
from practices.importer.text import fold


@dataclass(frozen=True)
class Case:
    id: str
    filename: str
    data: bytes | Callable[[], bytes]  # a callable for a file made by a tool (pandoc) when the test runs
    expected: dict  # ParsedPractice attributes ("organisation.name" for the organisation's)
    kept: tuple[str, ...] = ()  # free-text answers that must be found somewhere in the draft
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
    return _saved(document)


def docx_paragraphs(lines: list[tuple[str, bool]]) -> bytes:
    """A Word document of paragraphs, bold (labels) or not."""
    document = Document()
    for line, bold in lines:
        document.add_paragraph().add_run(line).bold = bold
    return _saved(document)


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_lines(lines: list[tuple[str, bool]]) -> bytes:
    """A PDF of lines, bold (labels) or not, a gap after each answer."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    y = 800.0
    for line, bold in lines:
        page.setFont("Helvetica-Bold" if bold else "Helvetica", 11)
        page.drawString(60, y, line)
        y -= 14 if bold else 24
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


def check_fields(case: Case) -> None:
    """The document gives the fields the case expects."""
    parsed = import_document(case.bytes(), case.filename)
    actual = {name: _attribute(parsed, name) for name in case.expected}
    assert actual == case.expected


def check_kept(case: Case) -> None:
    """Every free-text answer the case names is found somewhere in the draft."""
    parsed = import_document(case.bytes(), case.filename)
    everything = fold(" ".join(json.dumps(parsed.as_json(), ensure_ascii=False).replace("\\n", " ").split()))
    assert [phrase for phrase in case.kept if fold(phrase) not in everything] == []
