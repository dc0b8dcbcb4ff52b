"""Near-duplicates on a page of results are found for every pair at once (search/hits.py:
``copy_pairs``); each pair must get the answer of the rule itself (``is_copy``)."""

import numpy as np

from search.hits import copy_pairs, is_copy


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_every_pair_gets_the_answer_of_the_rule_itself():
    rng = np.random.default_rng(16)
    originals = [_unit(rng.normal(size=(n, 48))) for n in (3, 7, 1, 5)]
    matrices = [
        *originals,
        _unit(originals[0] + rng.normal(scale=0.05, size=originals[0].shape)),  # a translation: very close
        _unit(originals[1][:4] + rng.normal(scale=0.12, size=(4, 48))),  # a trimmed copy, less close
        np.zeros((0, 0), dtype=np.float32),  # no sentences stored: never a copy
        originals[2].copy(),  # the same sentence, word for word
    ]
    languages = ["en", "fr", "en", "de", "fr", "fr", "en", None]
    pairs = copy_pairs(matrices, languages)
    for i, first in enumerate(matrices):
        for j, second in enumerate(matrices):
            if i != j:
                expected = is_copy(first, second, same_language=languages[i] == languages[j])
                assert pairs[i, j] == expected, (i, j)
    assert pairs[0, 4] and pairs[2, 7] and not pairs[0, 1] and not pairs[6].any()


def test_fewer_than_two_documents_with_sentences_make_no_pair():
    one = _unit(np.ones((2, 8)))
    assert not copy_pairs([one, np.zeros((0, 0), dtype=np.float32)], ["en", "en"]).any()


def _turned(rng, rows: np.ndarray, cosines: list[float]) -> np.ndarray:
    """Each row turned away from itself until its cosine with the original is the one given
    (a sentence and its translation)."""
    turned = []
    for row, cosine in zip(rows, cosines, strict=True):
        away = rng.normal(size=row.shape)
        away -= (away @ row) * row
        turned.append(cosine * row + np.sqrt(1 - cosine**2) * away / np.linalg.norm(away))
    return np.array(turned, dtype=np.float32)


def test_two_practices_sharing_all_their_sentences_but_one_are_not_copies():
    """Six sentences in common, word for word, and one of their own each, 0.86 apart (an
    organisation's wording around two different practices): their average reaches the old
    rule's figure (0.98 in one language); the sentence of their own does not."""
    rng = np.random.default_rng(7)
    shared = _unit(rng.normal(size=(6, 48)))
    own = _unit(rng.normal(size=(1, 48)))
    first, second = np.vstack([own, shared]), np.vstack([_turned(rng, own, [0.86]), shared])
    assert not is_copy(first, second, same_language=True)
    assert not copy_pairs([first, second], ["en", "en"])[0, 1]
    # across languages: translated sentences (0.95), but the practice's own sentence another's
    translated = np.vstack([_turned(rng, own, [0.86]), _turned(rng, shared, [0.95] * 6)])
    assert not is_copy(first, translated, same_language=False)
    assert not copy_pairs([first, translated], ["en", "fr"])[0, 1]


def test_a_copy_every_sentence_of_which_is_found_is_one():
    rng = np.random.default_rng(8)
    original = _unit(rng.normal(size=(6, 48)))
    trimmed = original[:4].copy()  # a second import, its last paragraph dropped
    translation = _turned(rng, original, [0.93, 0.9, 0.88, 0.91, 0.95, 0.9])
    assert is_copy(trimmed, original, same_language=True) and is_copy(original, trimmed, same_language=True)
    assert is_copy(original, translation, same_language=False)
    assert copy_pairs([trimmed, original, translation], ["fr", "fr", "en"])[[0, 1], [1, 2]].all()
