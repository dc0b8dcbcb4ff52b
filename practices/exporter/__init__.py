"""Export a practice as a filled-in RAN Collection template (.docx or .md).

    exported = export_practice(practice, fmt="docx", language="fr", show_contact=False)
    exported.content, exported.filename, exported.content_type, exported.content_disposition

The importer (``practices.importer``) reads what this writes back into the
same fields: see docs/EXPORT.md. Callers decide who may read the practice and
whether its contact details may be shown (``practices.rules``); a redacted
practice holds only its redacted text, so that is all an export can hold.
"""

import urllib.parse
from dataclasses import dataclass

from django.utils.text import slugify

from practices.models import Practice

from .markdown import markdown_text
from .rows import TEMPLATE_LANGUAGES, Row, template_language, template_rows
from .word import docx_bytes

__all__ = ["EXPORT_FORMATS", "TEMPLATE_LANGUAGES", "ExportedTemplate", "Row", "export_practice", "template_language"]

EXPORT_FORMATS: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


@dataclass(frozen=True)
class ExportedTemplate:
    content: bytes
    filename: str
    content_type: str
    unicode_filename: str = ""  # the same name with the title's letters in any script

    @property
    def content_disposition(self) -> str:
        """The attachment header (RFC 6266): the ASCII name, and the title's own letters as
        ``filename*`` (RFC 5987) when they are not all ASCII."""
        header = f'attachment; filename="{self.filename}"'
        if self.unicode_filename and self.unicode_filename != self.filename:
            header += f"; filename*=UTF-8''{urllib.parse.quote(self.unicode_filename, safe='')}"
        return header


def export_practice(practice: Practice, *, fmt: str, language: str, show_contact: bool) -> ExportedTemplate:
    """``practice`` in the template of ``language`` ("en" or "fr"), as ``fmt`` ("docx" or "md")."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format: {fmt}")
    if language not in TEMPLATE_LANGUAGES:
        raise ValueError(f"No template in language: {language}")
    rows = template_rows(practice, language=language, show_contact=show_contact)
    if fmt == "docx":
        content = docx_bytes(rows, language=language)
    else:
        content = markdown_text(rows, language=language).encode("utf-8")
    return ExportedTemplate(
        content,
        template_filename(practice, fmt=fmt, language=language),
        EXPORT_FORMATS[fmt],
        template_filename(practice, fmt=fmt, language=language, allow_unicode=True),
    )


def template_filename(practice: Practice, *, fmt: str, language: str, allow_unicode: bool = False) -> str:
    """``ran-template-<id>-<title slug>-<language>.<fmt>``: ASCII only, or with the title's
    letters in any script (``allow_unicode``); never a space, a slash or a control character."""
    slug = slugify(practice.title, allow_unicode=allow_unicode)[:60].strip("-_") or "practice"
    return f"ran-template-{practice.pk}-{slug}-{language}.{fmt}"
