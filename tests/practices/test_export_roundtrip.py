"""Round trip with the RAN Collection: the importer reads every exported
template back into the same practice (docs/EXPORT.md)."""

import pytest

from practices import demo
from practices.importer import Vocabulary
from practices.services import practice_import

from .export_roundtrip import assert_round_trip

FORMATS = ("docx", "md")
LANGUAGES = ("en", "fr")


@pytest.fixture
def collection(db):
    vocabulary = Vocabulary.from_database()
    return [practice_import(parsed=demo.import_collection_document(path, vocabulary)) for path in demo.collection_documents()]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hand_written_demo_practice_survives_the_round_trip(collection, fmt, language):
    assert len(collection) >= 30
    for practice in collection:
        assert_round_trip(practice, fmt, language)
