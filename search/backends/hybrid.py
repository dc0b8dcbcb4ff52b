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
from collections.abc import Callable, Sequence
from typing import Any

from search.backends.base import MatchedBy

RRF_K = 60  # measured: k=20 gives the same figures (benchmarks/crosslingual.py)
LEXICAL_WEIGHT = 1.0
SEMANTIC_WEIGHT = 1.0  # 0.5 and 2 measured; equal weights kept (docs/SEARCH.md)
SEMANTIC_LIMIT = 50  # semantic hits at most (the ones closest to the query)
# e5's cosines are compressed (unrelated passages score about 0.75): below this a document is
# no semantic hit however few there are. Measured on the judged set (docs/SEARCH.md).
SIMILARITY_FLOOR = 0.80

_EXCLUDED = re.compile(r'-"[^"]*"?|(?<!\S)-\S+')
_OR = re.compile(r"(?<!\S)OR(?!\S)")


def semantic_text(text: str) -> str:
    """The query as the model reads it: its words, without exclusions, quotes or ``OR``."""
    kept = _OR.sub(" ", _EXCLUDED.sub(" ", text or "")).replace('"', " ")
    return " ".join(kept.split())


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
