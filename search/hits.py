"""What the stored vectors add to a page of hits the reader may read (``readable_hits``):
the best-matching sentence of a hit found by meaning only, and near-duplicates grouped.

Both work on hits already re-read through the collection's access rule, so they show
nothing the reader may not see; both do nothing when embeddings are off or not stored.
See docs/SEARCH.md, "Snippets of semantic hits" and "Near-duplicates".
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
from django.utils.html import escape

from search.collections import Collection
from search.embedding import store
from search.selectors import ReadableHit, safe_highlight

# Two practices are one written twice (a translation, a second import) when the sentences
# of one description all find themselves in the other: on average at least the first
# figure, and each sentence at least the second. Each sentence, not only the average: two
# different practices written in one organisation's words share all their sentences but the
# one saying what the practice does, and their average alone reads them as copies (which
# would hide one of them under the other). In one language a copy's sentences are its
# original's, word for word; across languages a translation's sentence aligns less closely.
# Measured by benchmarks/duplicates.py on the demo corpus: docs/SEARCH.md "Near-duplicates".
SAME_LANGUAGE = (0.97, 0.97)
ACROSS_LANGUAGES = (0.90, 0.875)


def with_best_sentences(collection: Collection, found: list[ReadableHit], text: str) -> list[ReadableHit]:
    """Each hit found by meaning only (``matched_by == "semantic"``) with, as its snippet, the
    sentence of its ``sentence_field`` closest to the query in meaning (escaped); the others
    as they are. Unchanged when the query has no vector (embeddings off, model not loaded)."""
    best = best_sentences(collection, [each.hit.id for each in found if each.hit.matched_by == "semantic"], text)
    if not best:
        return found
    return [
        ReadableHit(replace(each.hit, highlight=safe_highlight(escape(best[each.hit.id]))), each.item)
        if best.get(each.hit.id)
        else each
        for each in found
    ]


def best_sentences(collection: Collection, ids: list[int], text: str) -> dict[int, str]:
    """Of the documents ``ids`` (already re-read through the access rule), the sentence of
    each's ``sentence_field`` closest to the query ``text`` in meaning (plain text, not
    escaped); empty when the query has no vector (embeddings off, model not loaded)."""
    if not ids or not collection.sentence_field:
        return {}
    query = store.query_vector(text)
    if query is None:
        return {}
    found = {
        pk: store.closest_sentence(said, matrix, query)
        for pk, (said, matrix) in store.sentences_of(collection.name, ids).items()
    }
    return {pk: sentence for pk, sentence in found.items() if sentence}


@dataclass
class ResultGroup:
    """One result: a hit, and the near-identical copies found on the same page (in rank order)."""

    first: ReadableHit
    copies: list[ReadableHit] = field(default_factory=list)


def alignment(first: np.ndarray, second: np.ndarray) -> float:
    """How well two descriptions' sentences (one vector a row) align: for each sentence of one,
    the cosine of its closest sentence in the other, averaged; the higher of both directions
    (a trimmed copy is contained in its original). 0 when either has none."""
    return max((mean for mean, _least in directions(first, second)), default=0.0)


def directions(first: np.ndarray, second: np.ndarray) -> list[tuple[float, float]]:
    """For each direction (the first's sentences in the second, then the reverse), each
    sentence's best cosine in the other, averaged, and the least of them. Empty when either
    has no sentences."""
    if not len(first) or not len(second):
        return []
    cosines = first @ second.T
    return [(float(best.mean()), float(best.min())) for best in (cosines.max(axis=1), cosines.max(axis=0))]


def is_copy(first: np.ndarray, second: np.ndarray, *, same_language: bool) -> bool:
    """One description is contained in the other: in one direction, its sentences' best cosines
    reach ``SAME_LANGUAGE`` (or ``ACROSS_LANGUAGES``) on average and each of them."""
    mean, each = SAME_LANGUAGE if same_language else ACROSS_LANGUAGES
    return any(average >= mean and least >= each for average, least in directions(first, second))


def grouped(collection: Collection, found: list[ReadableHit]) -> list[ResultGroup]:
    """The hits in rank order, each copy of a better-ranked one (``is_copy``) put under it
    instead of on its own. Without stored sentence vectors, one group per hit."""
    groups = [ResultGroup(each) for each in found]
    if len(found) < 2 or not store.embeds(collection) or not collection.sentence_field:
        return groups
    stored = store.sentences_of(collection.name, [each.hit.id for each in found])
    empty = np.zeros((0, 0), dtype=np.float32)
    copies = copy_pairs(
        [stored[each.hit.id][1] if each.hit.id in stored else empty for each in found],
        [_language(each.item) for each in found],
    )
    kept: list[tuple[int, ResultGroup]] = []
    for index, group in enumerate(groups):
        owner = next((other for position, other in kept if copies[position, index]), None)
        if owner is None:
            kept.append((index, group))
        else:
            owner.copies.append(group.first)
    return [group for _index, group in kept]


def copy_pairs(matrices: list[np.ndarray], languages: list) -> np.ndarray:
    """``is_copy`` of every pair of documents (their sentences' vectors, their languages) at once:
    one product of all the sentences, each sentence's best cosine in each document, averaged per
    document, and their least (``directions`` of each pair). ``[i, j]`` True: i and j are one practice written twice."""
    count = len(matrices)
    pairs = np.zeros((count, count), dtype=bool)
    present = [i for i, matrix in enumerate(matrices) if len(matrix)]  # none: never a copy (alignment 0)
    if len(present) < 2:
        return pairs
    lengths = np.array([len(matrices[i]) for i in present])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    stacked = np.concatenate([matrices[i] for i in present]).astype(np.float32, copy=False)
    best = np.maximum.reduceat(stacked @ stacked.T, starts, axis=1)  # sentence -> best cosine in each document
    means = np.add.reduceat(best, starts, axis=0) / lengths[:, None]  # document -> its sentences' mean in each
    least = np.minimum.reduceat(best, starts, axis=0)  # document -> its sentences' least in each
    spoken = np.array([languages[i] for i in present], dtype=object)
    same = spoken[:, None] == spoken[None, :]
    mean = np.where(same, SAME_LANGUAGE[0], ACROSS_LANGUAGES[0])
    each = np.where(same, SAME_LANGUAGE[1], ACROSS_LANGUAGES[1])
    contained = (means >= mean) & (least >= each)  # [i, j]: i's sentences all found in j
    pairs[np.ix_(present, present)] = contained | contained.T
    return pairs


def _language(item) -> str | None:
    """An item's language: a model's attribute, or a key of the plain values of a card (``readable_cards``)."""
    return item.get("language") if isinstance(item, Mapping) else getattr(item, "language", None)
