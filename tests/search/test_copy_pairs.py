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
