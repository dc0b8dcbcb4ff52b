"""Snapshots of published practices: what readers saw, version by version."""

from typing import Any

from practices.models import Practice

SNAPSHOT_ATTRIBUTES = (
    "title",
    "description",
    "peer_reviewed",
    "geographical_scope",
    "start",
    "start_year",
    "end_year",
    "deliverables",
    "evidence_evaluation",
    "sustainability_transferability",
    "ran_meetings",
    "eu_links_funding",
    "organisation_description",
    "contact",
    "last_update_year",
    "language",
    "visibility",
    "evidence_level",
)


def practice_snapshot(practice: Practice) -> dict[str, Any]:
    """The practice's content as a JSON-ready dict (taxonomies by code)."""
    content: dict[str, Any] = {name: getattr(practice, name) for name in SNAPSHOT_ATTRIBUTES}
    content["country"] = practice.country.code if practice.country else ""
    content["organisation"] = practice.organisation.name
    content["key_themes"] = [t.code for t in practice.key_themes.all()]
    content["target_audiences"] = [t.code for t in practice.target_audiences.all()]
    return content
