"""The importer's notes as the form and the review page show them.

A note whose cause has been fixed is not shown (a description cut below its
word limit or its character limit, a missing field filled in, a country chosen); a note on no field
of the form (the whole document, the organisation) is shown at the top.
"""

import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from practices.template_fields import FIELDS_BY_CODE, character_limit, field_label, model_attribute, over_limit

OTHER_ORGANISATION = "other_organisation"  # not the importer's: the view adds it (see organisation_note)
# Notes that say a field had no usable value: fixed once the field has one.
FIXED_BY_A_VALUE = ("missing_field", "unknown_country", "unrecognised_value")
EMPTY_VALUES: tuple[object, ...] = (None, "", "unknown", [], ())


@dataclass(frozen=True)
class ImportNote:
    field: str  # the form field's name; "" for the whole document
    label: str
    message: str


def _raw_notes(raw) -> list[dict]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return []
    return [note for note in raw if isinstance(note, dict)] if isinstance(raw, list) else []


def still_true(raw, values: dict) -> list[dict]:
    """The stored notes whose cause ``values`` (form field name -> current value) has not fixed:
    what a saved practice keeps."""
    kept = []
    for note in _raw_notes(raw):
        code = str(note.get("field") or "document")
        name = model_attribute(code)
        if name not in values or not _fixed(note, code, values[name]):
            kept.append(note)
    return kept


def import_notes(raw, values: dict) -> list[ImportNote]:
    """Notes still true of ``values`` as shown, document-level ones (no field of the form) first."""
    notes = []
    for note in still_true(raw, values):
        code = str(note.get("field") or "document")
        name = model_attribute(code)
        field = name if name in values else ""
        notes.append(ImportNote(field, field_label(code) if field else str(_("The document")), _message(note)))
    return sorted(notes, key=lambda note: note.field != "")


def _fixed(note: dict, code: str, value) -> bool:
    kind = note.get("code")
    if kind == "over_word_limit" and code in FIELDS_BY_CODE:
        return over_limit(code, str(value or "")) is None
    if kind == "over_character_limit":
        return len(str(value or "")) <= character_limit(code)
    if kind in FIXED_BY_A_VALUE:
        return value not in EMPTY_VALUES
    return False


def _message(note: dict) -> str:
    if note.get("code") == OTHER_ORGANISATION:
        return _(
            "The document names the organisation “%(named)s”; the practice is shared under your "
            "organisation, “%(yours)s”. If it belongs to the other organisation, someone there should "
            "share it."
        ) % {"named": note.get("named", ""), "yours": note.get("yours", "")}
    return str(note.get("message", ""))


def organisation_note(named: str, yours: str) -> dict | None:
    """A note when the document names another organisation than the contributor's, else None."""
    if not named.strip() or " ".join(named.casefold().split()) == " ".join(yours.casefold().split()):
        return None
    return {"field": "document", "code": OTHER_ORGANISATION, "message": "", "named": named.strip(), "yours": yours}


def by_field(notes: list[ImportNote]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for note in notes:
        if note.field:
            grouped.setdefault(note.field, []).append(note.message)
    return grouped


def practice_import_notes(practice) -> list[ImportNote]:
    """The notes still true of a saved practice (the review page shows them to moderators)."""
    from practices.forms import FORM_FIELDS

    values: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value: Any = getattr(practice, name, None)
        values[name] = [term.pk for term in value.all()] if hasattr(value, "all") else value
    return import_notes(practice.import_warnings, values)
