"""What an import gives back: a parsed practice, its organisation and its warnings."""

from dataclasses import asdict, dataclass, field


class UnreadableDocument(Exception):
    """The file cannot be read at all. ``message`` is fit to show the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportWarning:
    field: str  # a template field code, or "document"
    code: str  # e.g. "over_word_limit"; see ``practices.importer.WARNING_CODES``
    message: str  # fit to show the user

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class ParsedOrganisation:
    name: str = ""
    type: str | None = None  # an organisation type code
    description: str = ""  # Markdown


@dataclass
class ParsedPractice:
    """A template document as the portal's fields. Its attributes are exactly
    the keys of :meth:`as_json`."""

    title: str = ""
    language: str = "en"
    peer_reviewed: bool | None = None
    key_themes: list[str] = field(default_factory=list)
    target_audiences: list[str] = field(default_factory=list)
    country: str | None = None
    geographical_scope: str = ""
    start: str = ""
    start_year: int | None = None
    end_year: int | None = None
    last_update_year: int | None = None
    organisation: ParsedOrganisation = field(default_factory=ParsedOrganisation)
    contact: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # narrative fields (Markdown) by code
    warnings: list[ImportWarning] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)

    def warning_codes(self, field_code: str | None = None) -> list[str]:
        """The warning codes, optionally only those about one field."""
        return [w.code for w in self.warnings if field_code is None or w.field == field_code]
