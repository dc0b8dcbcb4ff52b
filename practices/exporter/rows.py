"""A practice as the rows of the RAN Collection template: label, guidance, answer.

The rows follow ``practices.template_fields`` (the one declaration of the
template); the labels and guidance are the template's own words, in English
or French, as the importer (``practices.importer``) reads them back.
"""

import re
from dataclasses import dataclass, field

from babel import Locale

from practices.importer.instructions import INSTRUCTIONS
from practices.importer.subfields import _SUB_FIELD as SUB_FIELD  # the importer's reading: one declaration
from practices.importer.text import fold, markdown_to_plain
from practices.importer.years import end_year, start_year
from practices.models import KeyTheme, Practice, TargetAudience
from practices.template_fields import TEMPLATE_FIELDS, model_attribute

TEMPLATE_LANGUAGES = ("en", "fr")
TICKED, UNTICKED = "☒", "☐"
DOCUMENT_TITLE = {"en": "RAN Collection Practice Template", "fr": "Modèle de pratique de la Collection RAN"}
_WORD_LIMIT = {"en": "(max. {limit} words)", "fr": "({limit} mots maximum)"}
_LAST_UPDATE = {"en": "(year)", "fr": "(année)"}
# The answer for a practice without a country: the importer reads it as none
# (practices.importer.build.NOT_STATED) instead of looking for a country in the scope.
_NO_COUNTRY = {"en": "Not specified", "fr": "Non précisé"}
_YES_NO = {"en": {"yes": "Yes", "no": "No"}, "fr": {"yes": "Oui", "no": "Non"}}
_ORGANISATION_TYPE = {"en": "Type of organisation:", "fr": "Type d'organisation :"}
# A colon after a sub-field's label in the organisation's description, written as the HTML entity
# Markdown reads as that colon: the line reads the same, but not as a sub-field (docs/EXPORT.md).
_COLON_ENTITY = {":": "&colon;", "：": "&#xFF1A;"}
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)
# Line breaks of other systems (CR LF, a lone CR), and the vertical tab and form feed that Word
# writes in text for its line and page breaks: each a line break ("\n").
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c]")
# Characters XML 1.0 cannot hold: the other C0 controls (NUL, BEL, ESC…), U+FFFE, U+FFFF and
# lone surrogates. In a .docx they are an error (python-docx refuses them); the importer refuses a
# text file holding NUL or many controls. None is visible: they are left out.
_NOT_IN_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Which sentences of the template's instructions stand under each label
# (positions in ``INSTRUCTIONS[language]``, the same in both languages).
_GUIDANCE = {
    "title": (0,),
    "description": (1, 2, 3, 4),
    "key_themes": (5,),
    "target_audiences": (6,),
    "geographical_scope": (7,),
    "start": (8, 9),
    "deliverables": (10,),
    "evidence_evaluation": (11, 12, 13, 14, 15, 16, 17),
    "sustainability_transferability": (18, 19),
    "ran_meetings": (20, 21),
    "eu_links_funding": (22, 23),
    "organisation": (24, 25),
    "country": (26,),
    "contact": (27,),
}


@dataclass(frozen=True)
class Choice:
    label: str
    ticked: bool

    def __str__(self) -> str:
        return f"{TICKED if self.ticked else UNTICKED} {self.label}"


@dataclass
class Row:
    code: str
    label: str  # the template's label, with its word limit
    guidance: str  # the template's instructions for the field
    answer: str = ""  # Markdown in a narrative field, else plain text
    markdown: bool = True  # a narrative field: the answer is Markdown
    choices: list[Choice] = field(default_factory=list)  # a checklist (key themes, target audiences)
    organisation_types: list[Choice] = field(default_factory=list)  # the organisation's type, under its text


def template_language(practice: Practice, requested: str | None) -> str:
    """The template's language: the one asked for, else the practice's, else English."""
    for language in (requested, practice.language):
        if language in TEMPLATE_LANGUAGES:
            return language
    return "en"


def template_rows(practice: Practice, *, language: str, show_contact: bool) -> list[Row]:
    """Every field of the template, in template order, filled in from ``practice``.

    ``show_contact`` comes from the rule that says who may see contact details;
    without it the contact row stays empty.
    """
    rows = []
    for template_field in TEMPLATE_FIELDS:
        row = Row(template_field.code, _label(template_field, language), _guidance(template_field.code, language))
        row.markdown = template_field.narrative
        _fill(row, practice, language, show_contact=show_contact)
        row.answer = document_text(row.answer)
        rows.append(row)
    return rows


def document_text(text: str) -> str:
    """``text`` as a document can hold it: line breaks as "\\n", no character XML 1.0 cannot hold."""
    return _NOT_IN_XML.sub("", _LINE_BREAK.sub("\n", text))


def _label(template_field, language: str) -> str:
    label = template_field.label_fr if language == "fr" else template_field.label_en
    if template_field.word_limit:
        label += " " + _WORD_LIMIT[language].format(limit=template_field.word_limit)
    elif template_field.code == "last_update":
        label += " " + _LAST_UPDATE[language]
    return label


def _guidance(code: str, language: str) -> str:
    return " ".join(INSTRUCTIONS[language][index] for index in _GUIDANCE.get(code, ()))


def _fill(row: Row, practice: Practice, language: str, *, show_contact: bool) -> None:
    code = row.code
    if code == "peer_reviewed":
        row.answer = _YES_NO[language].get(practice.peer_reviewed, "")
    elif code == "key_themes":
        row.choices = _checklist(KeyTheme.objects.all(), practice.key_themes.all(), language)
    elif code == "target_audiences":
        row.choices = _checklist(TargetAudience.objects.all(), practice.target_audiences.all(), language)
    elif code == "country":
        row.answer = country_name(practice.country.code, language) if practice.country else _NO_COUNTRY[language]
    elif code == "last_update":
        row.answer = str(practice.last_update_year or "")
    elif code == "start":
        row.answer = start_answer(practice)
    elif code == "organisation":
        description = not_sub_fields(document_text(practice.organisation_description))
        row.answer = "\n\n".join(part for part in (practice.organisation.name, description) if part)
        # wherever the model lives
        types = practice.organisation._meta.get_field("type").related_model._default_manager.all()
        row.organisation_types = _checklist(types, [practice.organisation.type], language)
    elif code == "contact":
        row.answer = practice.contact if show_contact else ""
    else:
        row.answer = getattr(practice, model_attribute(code))


def not_sub_fields(text: str) -> str:
    """``text`` (Markdown) with the colon of each line the importer would read as a sub-field of the
    organisation ("Type of organisation: NGO", "Website: …") written as an HTML entity
    (``&colon;``): it shows the same, and reads back as the text it is, not as a sub-field."""
    colons = []
    for found in SUB_FIELD.finditer(fold(text)):
        colon = max(found.group().rfind(":"), found.group().rfind("："))
        if not _in_code(text, found.start() + colon):
            colons.append(found.start() + colon)
    for position in reversed(colons):
        text = text[:position] + _COLON_ENTITY[text[position]] + text[position + 1 :]
    return text


def _in_code(text: str, position: int) -> bool:
    """Whether ``position`` is in Markdown code (a code span, an indented or fenced block), where an
    entity shows as written: such a colon is left as it is (docs/EXPORT.md, "Known limits")."""
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position]
    indent = len(before.expandtabs(4)) - len(before.expandtabs(4).lstrip(" "))
    fences = len(_FENCE.findall(text[:line_start]))
    return indent >= 4 or before.count("`") % 2 == 1 or fences % 2 == 1


def _checklist(terms, chosen, language: str) -> list[Choice]:
    codes = {term.code for term in chosen}
    return [Choice(term.label_fr if language == "fr" else term.label_en, term.code in codes) for term in terms]


def organisation_type_line(choices: list[Choice], language: str) -> str:
    return " ".join([_ORGANISATION_TYPE[language], *(str(choice) for choice in choices)])


def country_name(code: str, language: str) -> str:
    """The country's name in the template's language (CLDR, as the importer reads it)."""
    return Locale.parse(language).territories.get(code, code)


def start_answer(practice: Practice) -> str:
    """The "Start of the practice" text; when it does not state the practice's
    years as the importer reads them, a first line gives them ("2014–2021")."""
    text = practice.start
    plain = markdown_to_plain(text)
    if (start_year(plain), end_year(text)) == (practice.start_year, practice.end_year):
        return text
    if practice.start_year is None:
        return text
    years = str(practice.start_year) + (f"–{practice.end_year}" if practice.end_year else "")
    return "\n\n".join(part for part in (years, text) if part)
