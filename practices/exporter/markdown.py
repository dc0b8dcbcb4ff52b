"""The template as Markdown: a two-column pipe table, label and guidance on the
left, the answer on the right. Line breaks in a cell are ``<br>``; a pipe in
the text is escaped as ``\\|`` (GitHub's table syntax)."""

from .rows import DOCUMENT_TITLE, Row, organisation_type_line

_HEADER = {"en": ("Field", "Answer"), "fr": ("Champ", "Réponse")}


def markdown_text(rows: list[Row], *, language: str) -> str:
    field, answer = _HEADER[language]
    lines = [f"# {DOCUMENT_TITLE[language]}", "", f"| {field} | {answer} |", "| --- | --- |"]
    for row in rows:
        label = f"**{row.label}**" + (f"<br>*{row.guidance}*" if row.guidance else "")
        lines.append(f"| {_cell(label)} | {_cell(_answer(row, language))} |")
    return "\n".join(lines) + "\n"


def _answer(row: Row, language: str) -> str:
    parts = [row.answer] if row.answer else []
    if row.choices:
        parts.append("\n".join(f"- {choice}" for choice in row.choices))
    if row.organisation_types:
        parts.append(organisation_type_line(row.organisation_types, language))
    return "\n\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")
