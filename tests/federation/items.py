"""Builders of what an origin shares, for the peer side's tests."""

import uuid as uuid_module
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from federation.copies import Origin

HUB = Origin(portal="https://hub.example.eu", name="EU Prevention Hub")
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def practice_item(**changes) -> SimpleNamespace:
    """A shared practice as an origin's feed carries it (federation.schema.PracticeItem's fields)."""
    uuid = changes.pop("uuid", None) or uuid_module.uuid4()
    values = {
        "uuid": uuid,
        "url": f"https://hub.example.eu/practices/{uuid}/",
        "updated_at": T0,
        "published_at": T0 - timedelta(days=1),
        "title": "Family counselling for returnees",
        "language": "en",
        "description": "Counsellors meet the families of people returning from conflict zones.",
        "deliverables": "A **handbook** for counsellors.",
        "start": "Started with two towns.",
        "version": 1,
        "key_themes": ["family-support"],
        "target_audiences": ["families"],
        "country": "BE",
        "organisation": SimpleNamespace(name="Centre for Family Support", type="ngo"),
        "start_year": 2018,
        "end_year": None,
        "last_update_year": 2025,
        "evidence_level": "process_evaluation",
        "peer_reviewed": "unknown",
        "visibility": "public",
    }
    values.update(changes)
    return SimpleNamespace(**values)
