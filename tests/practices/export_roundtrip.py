"""What a round trip (export, then import) must give back, field by field."""

from portal.text import render_markdown
from practices.exporter import export_practice
from practices.importer import ParsedPractice, Vocabulary, import_document
from practices.models import Practice
from practices.template_fields import NARRATIVE_FIELD_CODES, model_attribute

PEER = {True: "yes", False: "no", None: "unknown"}
# Narrative fields compared as readers see them: Markdown that renders the same is the same text.
TEXT_FIELDS = tuple(code for code in NARRATIVE_FIELD_CODES if code not in ("organisation", "contact", "start"))


def practice_fields(practice: Practice, *, show_contact: bool = True) -> dict:
    fields = {
        "title": practice.title,
        "peer_reviewed": practice.peer_reviewed,
        "key_themes": sorted(practice.key_themes.values_list("code", flat=True)),
        "target_audiences": sorted(practice.target_audiences.values_list("code", flat=True)),
        "country": practice.country.code or None,
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "last_update_year": practice.last_update_year,
        "organisation": (practice.organisation.name, practice.organisation.type.code),
        "organisation_description": str(render_markdown(practice.organisation_description)),
        "contact": str(render_markdown(practice.contact if show_contact else "")),
    }
    for code in TEXT_FIELDS:
        fields[code] = str(render_markdown(getattr(practice, model_attribute(code))))
    return fields


def parsed_fields(parsed: ParsedPractice) -> dict:
    fields = {
        "title": parsed.title,
        "peer_reviewed": PEER[parsed.peer_reviewed],
        "key_themes": sorted(parsed.key_themes),
        "target_audiences": sorted(parsed.target_audiences),
        "country": parsed.country,
        "start_year": parsed.start_year,
        "end_year": parsed.end_year,
        "last_update_year": parsed.last_update_year,
        "organisation": (parsed.organisation.name, parsed.organisation.type),
        "organisation_description": str(render_markdown(parsed.organisation.description)),
        "contact": str(render_markdown(parsed.contact)),
    }
    for code in TEXT_FIELDS:
        fields[code] = str(render_markdown(parsed.fields.get(code, "")))
    return fields


def round_trip(practice: Practice, fmt: str, language: str, *, show_contact: bool = True) -> ParsedPractice:
    exported = export_practice(practice, fmt=fmt, language=language, show_contact=show_contact)
    return import_document(exported.content, exported.filename, vocabulary=Vocabulary.from_database())


def assert_round_trip(practice: Practice, fmt: str, language: str) -> ParsedPractice:
    """Importing the export gives back every field, and the language the practice is written in
    (whichever the template's: a German practice in the English template reads back German)."""
    parsed = round_trip(practice, fmt, language)
    got, expected = parsed_fields(parsed), practice_fields(practice)
    differences = {key: (got[key], expected[key]) for key in expected if got[key] != expected[key]}
    if "contact" in differences:  # personal data (the seed's is real): never in a test log
        differences["contact"] = "differs"
    assert not differences, f"{fmt}/{language}: read back != practice: {differences}"
    assert parsed.language == practice.language, (fmt, language, practice.language, parsed.language)
    assert render_markdown(parsed.start) == render_markdown(export_start(practice)), (parsed.start, practice.start)
    return parsed


def export_start(practice: Practice) -> str:
    from practices.exporter.rows import start_answer

    return start_answer(practice)
