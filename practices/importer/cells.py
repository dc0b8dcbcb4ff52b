"""A cell of a template document, the one type every reader produces.

Kept apart from ``formats`` so that ``word`` (python-docx, loaded only when a
Word file comes) and ``formats`` both import it without importing each other.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

T = TypeVar("T")
# A row's number in a first column of its own ("1", "2.", "3)", "1.2", "A", "IV.").
_ROW_NUMBER = re.compile(r"\(?(?:\d{1,2}(?:\.\d{1,2})*|[A-Za-z]|[IVXivx]{1,4})[.)]?\)?")


@dataclass(frozen=True)
class Cell:
    label: str | None  # plain text of a label cell; None for anything else
    body: str  # Markdown
    loose: bool = False  # running text: its lines may be labels
    field: str | None = None  # text for the end of this field, whatever labels it holds (an e-mail's own: contact)
    joined: tuple[str, ...] = ()  # words a reader joined that a hyphen broke at a line's end ("ses-" / "sions")
    # an e-mail's attached templates when it carries several: the one read, then those left (a note, no text)
    attachments: tuple[str, ...] = ()


# The Latin ligatures a font sets as one glyph ("ﬁ", "ﬂ", "ﬀ"), which a PDF's text (Google Docs, LaTeX, InDesign)
# gives back as one character: written as their letters, or "conﬂict" would match no word, list term or query.
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def composed(cells: list[Cell]) -> list[Cell]:
    """The cells in Unicode's NFC form, as search reads queries (a PDF or a file made on macOS may
    write "é" as "e" and a combining accent, which would match no label and be found by no search), their
    ligatures written as letters."""

    def nfc(text: str) -> str:
        return unicodedata.normalize("NFC", text.translate(_LIGATURES))

    return [replace(cell, label=None if cell.label is None else nfc(cell.label), body=nfc(cell.body)) for cell in cells]


def tidy_markdown(text: str) -> str:
    """Trim trailing spaces and runs of blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def add_loose(loose: list[str], cells: list[Cell]) -> None:
    """Add the parts of running text, if any, as one loose cell."""
    text = tidy_markdown("\n\n".join(part for part in loose if part))
    if text:
        cells.append(Cell(None, text, loose=True))


def without_row_number(columns: list[T], text: Callable[[T], str]) -> list[T]:
    """A table row's columns without a first column that only numbers the row
    ("3 | Key themes | Family support"), when label and answer columns follow it."""
    if len(columns) >= 3 and _ROW_NUMBER.fullmatch(" ".join(text(columns[0]).split()).strip("*")):
        return columns[1:]
    return columns
