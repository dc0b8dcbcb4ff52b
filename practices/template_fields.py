"""The fields of the RAN Collection practice template, in template order.

This is the one declaration of the template that the model, the form, the
detail page, the importer and the JSON output all read.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TemplateField:
    code: str
    label: str | Promise  # lazily translated display label
    label_en: str  # the template's own English label (used by the importer)
    label_fr: str  # the template's own French label (used by the importer)
    word_limit: int | None = None
    narrative: bool = True  # free text written in Markdown
    # The Practice model attributes that hold this field, in form order (the code itself when empty).
    attributes: tuple[str, ...] = ()
    taxonomy: bool = False  # a closed list of terms (a many-to-many relation of the practice)

    @property
    def model_attributes(self) -> tuple[str, ...]:
        return self.attributes or (self.code,)


TEMPLATE_FIELDS: tuple[TemplateField, ...] = (
    TemplateField("title", _("Name of the practice"), "Name of the practice", "Nom de la pratique", narrative=False),
    TemplateField("description", _("Description"), "Description", "Description", word_limit=300),
    TemplateField("peer_reviewed", _("Peer reviewed"), "Peer reviewed", "Examiné par les pairs", narrative=False),
    TemplateField("key_themes", _("Key themes"), "Key themes", "Principaux thèmes", narrative=False, taxonomy=True),
    TemplateField(
        "target_audiences", _("Target audience"), "Target audience", "Public cible", narrative=False, taxonomy=True
    ),
    TemplateField("geographical_scope", _("Geographical scope"), "Geographical scope", "Couverture géographique"),
    TemplateField(
        "start",
        _("Start of the practice"),
        "Start of the practice",
        "Début de la pratique",
        attributes=("start", "start_year", "end_year"),
    ),
    TemplateField("deliverables", _("Deliverables"), "Deliverables", "Produits livrables"),
    TemplateField(
        "evidence_evaluation", _("Evidence and evaluation"), "Evidence and evaluation", "Faits et évaluation"
    ),
    TemplateField(
        "sustainability_transferability",
        _("Sustainability and transferability"),
        "Sustainability and transferability",
        "Durabilité et transférabilité",
        word_limit=200,
    ),
    TemplateField(
        "ran_meetings",
        _("Presented and discussed in RAN meeting"),
        "Presented and discussed in RAN meeting",
        "Présentation et discussion lors d'une réunion du RAN",
    ),
    TemplateField(
        "eu_links_funding",
        _("Linked to other EU initiatives or EU funding"),
        "Linked to other EU initiatives or EU funding",
        "Liens avec d'autres initiatives ou financements de l'UE",
        word_limit=100,
    ),
    TemplateField(
        "organisation",
        _("Organisation"),
        "Organisation",
        "Organisation",
        word_limit=100,
        attributes=("organisation_description",),
    ),
    TemplateField("country", _("Country of origin"), "Country of origin", "Pays d'origine", narrative=False),
    TemplateField("contact", _("Contact details"), "Contact details", "Contacts"),
    TemplateField(
        "last_update",
        _("Last update"),
        "Last update",
        "Dernière mise à jour",
        narrative=False,
        attributes=("last_update_year",),
    ),
)

FIELDS_BY_CODE = {field.code: field for field in TEMPLATE_FIELDS}

# Narrative fields hold Markdown. The organisation's narrative is stored on the
# practice as ``organisation_description``; ``contact`` is personal data.
NARRATIVE_FIELD_CODES: tuple[str, ...] = tuple(f.code for f in TEMPLATE_FIELDS if f.narrative)

# Map template code -> the Practice model attribute holding its text, where they differ.
MODEL_ATTRIBUTE = {f.code: f.model_attributes[0] for f in TEMPLATE_FIELDS if f.model_attributes[0] != f.code}

# Every Practice attribute that holds template content, in template order
# (the two taxonomy lists in their place). The organisation itself is the
# practice's organisation, not something its writer types.
TEMPLATE_ATTRIBUTES: tuple[str, ...] = tuple(name for f in TEMPLATE_FIELDS for name in f.model_attributes)
TAXONOMY_ATTRIBUTES: tuple[str, ...] = tuple(name for f in TEMPLATE_FIELDS if f.taxonomy for name in f.model_attributes)
# Template content that is a plain value of the practice row (no taxonomy lists).
PLAIN_TEMPLATE_ATTRIBUTES: tuple[str, ...] = tuple(a for a in TEMPLATE_ATTRIBUTES if a not in TAXONOMY_ATTRIBUTES)
# The attributes holding Markdown, the ones cooked to HTML when saved.
NARRATIVE_ATTRIBUTES: tuple[str, ...] = tuple(MODEL_ATTRIBUTE.get(code, code) for code in NARRATIVE_FIELD_CODES)
# What the writer also chooses besides the template's content.
WRITER_CHOICES: tuple[str, ...] = ("language", "visibility")


def model_attribute(code: str) -> str:
    return MODEL_ATTRIBUTE.get(code, code)


def count_words(text: str) -> int:
    """Words as a writer counts them: runs of characters between whitespace,
    ignoring Markdown list markers and lone punctuation."""
    return len(_WORD.findall(text))


# A run of non-whitespace holding a letter or digit: ``[^\W_]`` is exactly ``str.isalnum`` and
# ``\s`` ``str.split``'s whitespace, so this counts what ``sum(1 for token in text.split() if
# any(ch.isalnum() for ch in token))`` counts, in C (about three times faster on a long section).
_WORD = re.compile(r"\S*[^\W_]\S*")


def over_limit(code: str, text: str) -> int | None:
    """The word count when ``text`` runs over the field's limit, else None."""
    field = FIELDS_BY_CODE.get(code)
    if field is None or field.word_limit is None:
        return None
    words = count_words(text)
    return words if words > field.word_limit else None


TITLE_MAX_CHARS = 300  # the characters a practice's name may be saved with (Practice.title)


def character_limit(code: str) -> int:
    """The characters a template field (or its model attribute) may be saved with: the name's
    column, any other text settings.PRACTICE_FIELD_MAX_CHARS."""
    from django.conf import settings

    return TITLE_MAX_CHARS if code == "title" else settings.PRACTICE_FIELD_MAX_CHARS


def field_label(code: str) -> str:
    """The translated label of a template field code (the code itself if unknown)."""
    field = FIELDS_BY_CODE.get(code)
    return str(field.label) if field else code
