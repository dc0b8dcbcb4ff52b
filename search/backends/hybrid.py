"""Hybrid search, what every engine shares: the semantic half's parameters, the text a query
is embedded from, and reciprocal rank fusion (docs/SEARCH.md, "Across languages").

What a hybrid search finds, on every engine:

- the lexical matches (every word, as before) that the reader may see, and
- the semantic hits: the ``SEMANTIC_LIMIT`` documents the reader may see whose vector is
  closest to the query's, among those at a cosine of at least ``SIMILARITY_FLOOR``, none of
  which holds an excluded word (``-word``).

Both lists are restricted to what the reader may see before anything else (the database
engine masks the matrix with the reader's visibility bits; Elasticsearch puts the
visibility filter inside the kNN query). The facet filters then apply to their union as they
apply to lexical matches: the total and every facet count are of (lexical ∪ semantic) ∩
filters, each facet under the other facets' filters. Ranking by relevance: reciprocal rank
fusion of the two lists as the page shows them (after the filters), ``weight / (RRF_K + rank)``
summed, ties to the newest. Sorting by date ignores the scores.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from search import accents
from search.backends.base import MatchedBy
from search.embedding.vectors import BLOCK_ROWS, Int8Matrix

RRF_K = 60  # measured: k=20 gives the same figures (benchmarks/crosslingual.py)
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 1.0  # 0.5 and 2 measured; equal weights kept (docs/SEARCH.md)
SEMANTIC_LIMIT = 50  # semantic hits at most (the ones closest to the query)
# e5's cosines are compressed (unrelated passages score about 0.75): below this a document is
# no semantic hit however few there are. Measured on the judged set (docs/SEARCH.md).
SIMILARITY_FLOOR = 0.80

# e5 ranks the documents written in the query's language above those in other languages on the
# same subject: a French query's semantic hits were mostly French practices, whatever they were
# about ("sortie des milieux néonazis": the French practices on prisons and training before the
# English, Swedish and Norwegian exit programmes). Each document's cosine is therefore ranked
# less its language's share, q·(μ_lang − μ): μ_lang the mean vector of the collection's documents
# in that language, μ the mean of all, so that what every document of a language shares (its
# language) no longer counts, only what the document says. A language with few documents has a
# mean that is mostly their subject: μ_lang is shrunk toward μ as if the language held
# LANGUAGE_PRIOR documents more at the collection's mean (measured on the judged set: 2, 3 and 5
# give the same figures; none, a single practice's language mean is the practice itself and
# sinks it). The similarity floor still applies to the cosine itself.
LANGUAGE_PRIOR = 3.0

_EXCLUDED = re.compile(r'-"[^"]*"?|(?<!\S)-\S+')
_OR = re.compile(r"(?<!\S)OR(?!\S)")


def semantic_text(text: str) -> str:
    """The query as the model reads it: its words, without exclusions, quotes or ``OR``, a word
    typed without its accents given them (search/accents.py)."""
    kept = _OR.sub(" ", _EXCLUDED.sub(" ", text or "")).replace('"', " ")
    return accents.restored(" ".join(kept.split()))


def rrf(rankings: Sequence[tuple[Sequence[int], float]], *, k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: each ranking (best first) adds ``weight / (k + rank)`` to its items."""
    scores: dict[int, float] = {}
    for ranking, weight in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores


def fused_order(
    lexical: Sequence[int], semantic: Sequence[int], *, newest: Callable[[int], Any], sort: str = "relevance"
) -> list[tuple[int, float]]:
    """The union of two rankings (best first) as (item, fused score), in the order a page shows
    it: by relevance ``rrf`` of both (ties: ``newest`` first), by date ``newest`` first."""
    fused = rrf([(lexical, LEXICAL_WEIGHT), (semantic, SEMANTIC_WEIGHT)])
    order = sorted(fused, key=newest, reverse=True)
    if sort != "date":
        order.sort(key=lambda item: -fused[item])  # stable: ties stay newest first
    return [(item, fused[item]) for item in order]


def matched_by(in_lexical: bool, in_semantic: bool) -> MatchedBy:
    if in_lexical and in_semantic:
        return "both"
    return "semantic" if in_semantic else "lexical"


def language_shares(
    vectors: "np.ndarray | Int8Matrix", languages: Mapping[str, np.ndarray], measured: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's language (an index into the second array; rows of no known language point to
    its last row, zeros) and each language's share ``μ_lang − μ`` (shrunk, see LANGUAGE_PRIOR),
    from the rows' vectors (float, or int8 with a scale per row: read a block at a time, never
    all in float32). ``languages``: language code -> boolean mask over the rows; rows in no mask
    (no vector) count for nothing, those under the code "" count for the mean of all only.
    ``measured``: the rows the means are taken from (the engines pass the public documents, so
    that no ranking depends on what a reader may not see); every row of a language gets its share."""
    rows, dimensions = (len(vectors), vectors.codes.shape[1]) if isinstance(vectors, Int8Matrix) else vectors.shape
    codes = [code for code, mask in languages.items() if code and mask.any()]
    of_row = np.full(rows, len(codes) + 1, dtype=np.int64)  # len(codes): no language; + 1: not counted
    for code, mask in languages.items():
        of_row[mask] = codes.index(code) if code in codes else len(codes)
    counted_row = of_row.copy()
    if measured is not None:
        counted_row[~measured] = len(codes) + 1
    sums = np.zeros((len(codes) + 2, dimensions), dtype=np.float64)
    for start in range(0, rows, BLOCK_ROWS):
        block = _float_rows(vectors, start, start + BLOCK_ROWS)
        of_block = counted_row[start : start + BLOCK_ROWS]
        for index in np.unique(of_block):
            sums[index] += block[of_block == index].sum(axis=0)
    counts = np.bincount(counted_row, minlength=len(codes) + 2)
    shares = np.zeros((len(codes) + 1, dimensions), dtype=np.float32)
    of_row[of_row > len(codes)] = len(codes)  # not counted: no share either
    counted = int(counts[: len(codes) + 1].sum())
    if not codes or not counted:
        return of_row, shares
    overall = sums[: len(codes) + 1].sum(axis=0) / counted
    for index in range(len(codes)):
        mean = (sums[index] + LANGUAGE_PRIOR * overall) / (counts[index] + LANGUAGE_PRIOR)
        shares[index] = mean - overall
    return of_row, shares


def _float_rows(vectors: "np.ndarray | Int8Matrix", start: int, stop: int) -> np.ndarray:
    if isinstance(vectors, Int8Matrix):
        return vectors.codes[start:stop].astype(np.float32) * vectors.scales[start:stop, None]
    return np.asarray(vectors[start:stop], dtype=np.float32)


def without_language_share(
    closeness: np.ndarray, query: np.ndarray, of_row: np.ndarray, shares: np.ndarray
) -> np.ndarray:
    """The cosines ``closeness`` (one per row) less each row's language share of the query:
    the semantic ranking's scores (language_shares)."""
    return closeness - (shares @ np.asarray(query, dtype=np.float32))[of_row]
