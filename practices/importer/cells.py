"""A cell of a template document, the one type every reader produces.

Kept apart from ``formats`` so that ``word`` (python-docx, loaded only when a
Word file comes) and ``formats`` both import it without importing each other.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    label: str | None  # plain text of a label cell; None for anything else
    body: str  # Markdown
    loose: bool = False  # running text: its lines may be labels


def tidy_markdown(text: str) -> str:
    """Trim trailing spaces and runs of blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def add_loose(loose: list[str], cells: list[Cell]) -> None:
    """Add the parts of running text, if any, as one loose cell."""
    text = tidy_markdown("\n\n".join(part for part in loose if part))
    if text:
        cells.append(Cell(None, text, loose=True))
