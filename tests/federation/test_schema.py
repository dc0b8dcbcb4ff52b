"""The wire schema: extra fields refused, the published JSON Schema current, the item an allowlist."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from federation.schema import PUBLISHED_SCHEMAS, PracticeItem, Tombstone
from practices.template_fields import TEMPLATE_ATTRIBUTES

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "federation"


@pytest.mark.parametrize("name", sorted(PUBLISHED_SCHEMAS))
def test_the_published_json_schema_is_the_models_schema(name):
    path = SCHEMA_DIR / f"{name}.schema.json"
    assert path.exists(), f"run manage.py federation_schema to write {path.name}"
    assert json.loads(path.read_text()) == PUBLISHED_SCHEMAS[name].model_json_schema()


def test_a_message_with_an_unknown_field_is_refused():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Tombstone.model_validate(
            {"event": 1, "uuid": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "withdrawn_at": "2026-01-01T00:00:00Z", "x": 1}
        )


def test_the_practice_item_carries_every_template_field_but_the_contact_details():
    """A new template field fails here until someone decides whether it may travel."""
    travelling = set(PracticeItem.model_fields) - {"organisation"}
    template = set(TEMPLATE_ATTRIBUTES) - {"contact"}
    assert template <= travelling
    assert "contact" not in travelling
    assert not {"author", "import_warnings", "withdrawal_reason", "change_summary"} & travelling
