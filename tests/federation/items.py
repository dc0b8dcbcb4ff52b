"""Builders of what an origin shares, for the peer side's tests."""

import uuid as uuid_module
from datetime import UTC, datetime, timedelta

from federation import schema
from federation.copies import Origin

HUB = Origin(portal="https://hub.example.eu", name="EU Prevention Hub")
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def practice_item(*, base_url: str = HUB.portal, **changes) -> schema.PracticeItem:
    """A shared practice as an origin's feed carries it."""
    uuid = changes.pop("uuid", None) or uuid_module.uuid4()
    values = {
        "event": 0,
        "uuid": uuid,
        "url": f"{base_url}/practices/{uuid}/",
        "version": 1,
        "updated_at": T0,
        "published_at": T0 - timedelta(days=1),
        "visibility": "public",
        "language": "en",
        "evidence_level": "process_evaluation",
        "title": "Family counselling for returnees",
        "description": "Counsellors meet the families of people returning from conflict zones.",
        "peer_reviewed": "unknown",
        "key_themes": ["family-support"],
        "target_audiences": ["families"],
        "geographical_scope": "Two towns.",
        "start": "Started with two towns.",
        "start_year": 2018,
        "end_year": None,
        "deliverables": "A **handbook** for counsellors.",
        "evidence_evaluation": "",
        "sustainability_transferability": "",
        "ran_meetings": "",
        "eu_links_funding": "",
        "organisation_description": "",
        "country": "BE",
        "last_update_year": 2025,
        "organisation": schema.Organisation(name="Centre for Family Support", type="ngo"),
    }
    values.update(changes)
    return schema.PracticeItem.model_construct(**values) if _invalid(values) else schema.PracticeItem(**values)


def _invalid(values: dict) -> bool:
    """Tests of what the portal refuses build items the schema itself would refuse."""
    return values["visibility"] not in ("public", "members")
