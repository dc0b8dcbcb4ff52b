"""The semantic ranking less each document's language share (search/backends/hybrid.py,
``language_shares``): what every document of a language shares no longer ranks a document of the
query's language above one in another language that says what the query asks."""

import numpy as np

from search.backends import hybrid
from search.embedding.vectors import normalise

DIMENSIONS = 8
FRENCH, ENGLISH = np.eye(DIMENSIONS)[0], np.eye(DIMENSIONS)[1]  # what a language's texts share
EXIT, PRISON, SCHOOL = np.eye(DIMENSIONS)[2], np.eye(DIMENSIONS)[3], np.eye(DIMENSIONS)[4]  # subjects


def _corpus() -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Eight French practices on prisons or schools, seven English ones on the same, and one
    English practice on exit work (the last row)."""
    rows = [FRENCH + 0.8 * (PRISON if i % 2 else SCHOOL) for i in range(8)]
    rows += [ENGLISH + 0.8 * (PRISON if i % 2 else SCHOOL) for i in range(7)]
    rows.append(ENGLISH + 0.8 * EXIT)
    languages = {"fr": np.arange(16) < 8, "en": np.arange(16) >= 8}
    return normalise(np.stack(rows)), languages


EXIT_WORK = 15


def test_a_document_in_another_language_that_answers_comes_before_those_in_the_querys():
    rows, languages = _corpus()
    query = normalise(FRENCH + 0.8 * EXIT)  # a French query on exit work
    cosines = rows @ query
    assert cosines[EXIT_WORK] < cosines[:8].min()  # the bias: every French practice comes first

    of_row, shares = hybrid.language_shares(rows, languages)
    ranked = hybrid.without_language_share(cosines, query, of_row, shares)

    assert int(np.argmax(ranked)) == EXIT_WORK
    assert len(set(of_row[:8])) == 1 and len(set(of_row[8:])) == 1 and of_row[0] != of_row[8]


def test_within_one_language_the_order_is_the_cosines():
    rows, languages = _corpus()
    query = normalise(FRENCH + 0.5 * PRISON)
    of_row, shares = hybrid.language_shares(rows, languages)
    ranked = hybrid.without_language_share(rows @ query, query, of_row, shares)
    french = np.flatnonzero(languages["fr"])
    assert list(french[np.argsort(-ranked[french])]) == list(french[np.argsort(-(rows @ query)[french])])


def test_a_language_of_one_document_keeps_most_of_what_it_says():
    """A single practice's language mean is the practice itself: shrunk toward the collection's
    mean (LANGUAGE_PRIOR), its share is a fraction of its difference from that mean, and the
    practice is still found by what it says."""
    rows, languages = _corpus()
    greek = normalise(np.eye(DIMENSIONS)[5] + 0.8 * EXIT)  # a Greek practice on exit work
    rows = np.vstack([rows, greek[None, :]])
    languages = {code: np.append(mask, False) for code, mask in languages.items()}
    languages["el"] = np.arange(17) == 16
    query = normalise(ENGLISH + 0.8 * EXIT)
    of_row, shares = hybrid.language_shares(rows, languages)
    ranked = hybrid.without_language_share(rows @ query, query, of_row, shares)
    assert set(np.argsort(-ranked)[:2].tolist()) == {EXIT_WORK, 16}


def test_documents_without_a_language_or_a_vector_are_left_as_they_are():
    rows, languages = _corpus()
    rows = np.vstack([rows, np.zeros(DIMENSIONS, dtype=np.float32)])
    languages = {code: np.append(mask, False) for code, mask in languages.items()}
    languages[""] = np.arange(17) == 16  # no language: never a share of its own
    of_row, shares = hybrid.language_shares(rows, languages)
    assert of_row[-1] == len(shares) - 1 and not shares[-1].any()
    empty_rows, empty_shares = hybrid.language_shares(np.zeros((3, DIMENSIONS), np.float32), {})
    assert list(empty_rows) == [0, 0, 0] and not empty_shares.any()


def test_the_means_come_from_the_measured_rows_only_and_every_row_of_a_language_gets_its_share():
    """The engines measure the public documents only: a members-only practice's vector changes
    no one's ranking (nothing a reader may not see shows through the order of what they may)."""
    rows, languages = _corpus()
    hidden = normalise(FRENCH + 3.0 * SCHOOL)[None, :]
    with_hidden = np.vstack([rows, hidden])
    languages = {code: np.append(mask, code == "fr") for code, mask in languages.items()}
    public = np.arange(17) < 16
    query = normalise(FRENCH + 0.8 * EXIT)

    of_row, shares = hybrid.language_shares(with_hidden, languages, measured=public)
    without_rows, without_shares = hybrid.language_shares(rows, {k: v[:16] for k, v in languages.items()})

    assert np.allclose(shares, without_shares)
    assert of_row[16] == of_row[0]  # the hidden French practice is ranked less the French share
    ranked = hybrid.without_language_share(with_hidden @ query, query, of_row, shares)
    assert np.allclose(ranked[:16], hybrid.without_language_share(rows @ query, query, without_rows, without_shares))
