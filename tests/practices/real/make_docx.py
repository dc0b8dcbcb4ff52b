"""Build the corpus's Word documents from their text sources.

A ``*.docx.txt`` file holds tab-separated rows (label, TAB, answer; a line
without a tab continues the answer before it); it becomes a two-column table
in a Word document, one paragraph per line of the answer, as a form filled
in by hand looks. The corpus loader builds them in memory; run this script
to write the .docx files beside their sources for a look in Word:

    .venv/bin/python tests/practices/real/make_docx.py
"""

import io
import sys
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent


def rows(text: str) -> list[tuple[str, list[str]]]:
    result: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if "\t" in line:
            label, answer = line.split("\t", 1)
            result.append((label, [answer]))
        elif result:
            result[-1][1].append(line)
    return result


def build(source: Path) -> bytes:
    document = Document()
    document.add_heading("RAN Collection Practice Template", level=1)
    table = document.add_table(rows=0, cols=2)
    for label, lines in rows(source.read_text(encoding="utf-8")):
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = lines[0]
        for line in lines[1:]:
            cells[1].add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    for source in sorted(HERE.glob("*/*.docx.txt")):
        target = source.with_name(source.name.removesuffix(".txt"))
        target.write_bytes(build(source))
        print(target.relative_to(HERE), file=sys.stderr)


if __name__ == "__main__":
    main()
