"""What search indexes of a practice: declared once, read by every search engine.

Full-text fields carry a weight (the title weighs most, then the description);
filter fields carry codes for facets and for visibility. Contact details are
never indexed.
"""

from dataclasses import dataclass
from typing import Any

from practices.importer.countries import country_names
from practices.models import Practice


@dataclass(frozen=True)
class TextField:
    name: str
    weight: str  # PostgreSQL weight class A-D; engines map it to their own boosts
    boost: float


TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("title", "A", 5.0),
    TextField("description", "B", 3.0),
    TextField("taxonomy", "B", 2.0),  # theme and audience labels in every language
    TextField("organisation", "C", 1.5),  # organisation name, type labels, country names
    TextField("body", "D", 1.0),  # every other narrative field except contact
)

BODY_SOURCES: tuple[str, ...] = (
    "geographical_scope",
    "start",
    "deliverables",
    "evidence_evaluation",
    "sustainability_transferability",
    "ran_meetings",
    "eu_links_funding",
    "organisation_description",
)

# Facet name -> document key holding a list of codes (see search.backends.base.FACETS).
FACET_FIELDS: dict[str, str] = {
    "theme": "themes",
    "audience": "audiences",
    "country": "country",
    "organisation_type": "organisation_type",
    "language": "language",
    "peer_reviewed": "peer_reviewed",
    "evidence_level": "evidence_level",
    "start_period": "start_period",
}

START_PERIODS: tuple[tuple[str, int, int], ...] = (
    ("before-2010", 0, 2009),
    ("2010-2014", 2010, 2014),
    ("2015-2019", 2015, 2019),
    ("2020-2024", 2020, 2024),
    ("2025-later", 2025, 9999),
)


def start_period(year: int | None) -> str:
    if not year:
        return "unknown"
    return next(code for code, low, high in START_PERIODS if low <= year <= high)


def is_indexable(practice: Practice) -> bool:
    """Only published practices are in the index; withdrawals leave it."""
    return practice.status == Practice.Status.PUBLISHED and practice.revision_of_id is None


def practice_document(practice: Practice, *, version: int) -> dict[str, Any]:
    """The search document of a published practice (prefetch themes, audiences, organisation type)."""
    themes = list(practice.key_themes.all())
    audiences = list(practice.target_audiences.all())
    organisation = practice.organisation
    countries = country_names(practice.country.code) if practice.country else ()
    return {
        "id": practice.pk,
        "version": version,
        "title": practice.title,
        "description": practice.description,
        "taxonomy": " ".join(t.label_en + " " + t.label_fr for t in [*themes, *audiences]),
        "organisation": " ".join([organisation.name, organisation.type.label_en, organisation.type.label_fr, *countries]),
        "body": "\n\n".join(getattr(practice, name) for name in BODY_SOURCES if getattr(practice, name)),
        "themes": [t.code for t in themes],
        "audiences": [a.code for a in audiences],
        "country": [practice.country.code] if practice.country else [],
        "organisation_type": [organisation.type.code],
        "language": [practice.language],
        "peer_reviewed": [practice.peer_reviewed],
        "evidence_level": [practice.evidence_level],
        "start_period": [start_period(practice.start_year)],
        "start_year": practice.start_year,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
        "visibility": practice.visibility,
        "organisation_id": organisation.pk,
    }
