"""Snapshots of published practices: what readers saw, version by version."""

import hashlib
import json
from typing import Any

from practices.models import Practice
from practices.template_fields import PLAIN_TEMPLATE_ATTRIBUTES, TAXONOMY_ATTRIBUTES, WRITER_CHOICES

# Plain values copied as they are; the country, the organisation and the taxonomy
# lists are stored by code or name below.
SNAPSHOT_ATTRIBUTES: tuple[str, ...] = (
    *(name for name in PLAIN_TEMPLATE_ATTRIBUTES if name != "country"),
    *WRITER_CHOICES,
    "evidence_level",
)


def practice_snapshot(practice: Practice) -> dict[str, Any]:
    """The practice's content as a JSON-ready dict (taxonomies by code)."""
    content: dict[str, Any] = {name: getattr(practice, name) for name in SNAPSHOT_ATTRIBUTES}
    content["country"] = practice.country.code if practice.country else ""
    content["organisation"] = practice.organisation.name
    for name in TAXONOMY_ATTRIBUTES:
        content[name] = [t.code for t in getattr(practice, name).all()]
    return content


def content_fingerprint(practice: Practice) -> str:
    """A short digest of what a version of ``practice`` would hold now: the review page carries it,
    so an approval from a page opened before the text changed is refused (``services.practice_approve``)."""
    content = practice_snapshot(practice)
    for name in TAXONOMY_ATTRIBUTES:  # the same terms in any order are the same text
        content[name] = sorted(content[name])
    payload = json.dumps(content, sort_keys=True, default=str)
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()
