"""Issue 14, item 12: the personal-data checker reads a long text in pieces, so no text is too
long for spaCy and no check holds the models' lock for the whole of a long text."""

import itertools

import pytest

from practices.anonymisation import check_text
from practices.anonymisation.engine import MAX_CHUNK_CHARS, analyzer, chunks


def long_paragraph(chars: int) -> str:
    sentence = "The mentors meet the young people every week in the youth club and talk about their plans. "
    return (sentence * (chars // len(sentence) + 1))[:chars]


def test_a_long_paragraph_is_cut_at_word_boundaries_into_pieces_that_cover_it():
    text = "Intro paragraph.\n\n" + long_paragraph(23_000) + "\n\nLast paragraph."
    pieces = list(chunks(text))
    assert max(len(piece) for _, piece in pieces) <= MAX_CHUNK_CHARS
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert "".join(piece for _, piece in pieces).replace("\n", "") == text.replace("\n", "")
    cuts = [piece for (offset, piece), (following, _) in itertools.pairwise(pieces) if offset + len(piece) == following]
    assert len(cuts) >= 4 and all(piece.endswith(" ") for piece in cuts)  # never inside a word


@pytest.fixture
def short_spacy_limit():
    """spaCy refuses texts over its max_length (1,000,000 characters by default); lowering it
    shows the same refusal on a text a test can check in seconds."""
    models = analyzer().nlp_engine.nlp
    saved = {language: nlp.max_length for language, nlp in models.items()}
    for nlp in models.values():
        nlp.max_length = 2 * MAX_CHUNK_CHARS
    yield
    for language, nlp in models.items():
        nlp.max_length = saved[language]


def test_a_text_longer_than_spacy_takes_is_checked_and_its_findings_keep_their_offsets(short_spacy_limit):
    text = long_paragraph(25_000) + " Call Kari Nordmann on +47 982 17 686 or kari.nordmann@example.org today."
    findings, _hints = check_text(text, "en", field="description")
    found = {(f.type, text[f.start : f.end]) for f in findings}
    assert ("PHONE_NUMBER", "+47 982 17 686") in found
    assert ("EMAIL_ADDRESS", "kari.nordmann@example.org") in found
