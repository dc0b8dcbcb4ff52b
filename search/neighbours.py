"""Similar documents by meaning, across languages: the stored document vectors
(search.embedding.store) closest to a document's, fused with the engine's lexical
``similar`` by reciprocal rank fusion. See docs/SEARCH.md, "Similar practices".

The vectors of every embedded document of a collection are read once per process and
generation (``search.generation.content_token``: it changes with every indexed change and
every stored vector), as stored: one int8 matrix and a scale per row (search.embedding.vectors,
as the database engine's snapshot holds them; 0.4 KB a document, 39 MB at 100,000). Which
neighbours the reader may see is the collection's own access rule (``Collection.readable``),
applied before fusion: a hidden document is never a candidate, never counted.
"""

import threading
from dataclasses import dataclass

import numpy as np

from search.backends.base import Hit
from search.backends.hybrid import rrf
from search.collections import Collection
from search.embedding import MODEL_VERSION, store
from search.embedding.vectors import Int8Matrix, similarities
from search.generation import content_token

CANDIDATES = 50  # nearest vectors looked at before the access rule
# Below this cosine a vector neighbour is not offered: with e5-small any two texts on
# prevention score 0.85-0.97, an unrelated one (a cooking class) about 0.84 (docs/SEARCH.md).
MIN_SIMILARITY = 0.86


@dataclass(frozen=True)
class _Matrix:
    key: tuple
    ids: np.ndarray  # int64, one per row
    vectors: Int8Matrix  # unit rows, quantised (codes times scale)


_lock = threading.Lock()
_matrices: dict[str, _Matrix] = {}


def _matrix(collection: Collection) -> _Matrix:
    key = (content_token(), MODEL_VERSION)
    with _lock:
        found = _matrices.get(collection.name)
        if found is not None and found.key == key:
            return found
    ids, vectors = _read(collection.name)
    built = _Matrix(key, ids, vectors)
    with _lock:
        _matrices[collection.name] = built
    return built


def _read(collection_name: str) -> tuple[np.ndarray, Int8Matrix]:
    from search.models import SearchEmbedding

    rows = SearchEmbedding.objects.filter(collection=collection_name, model_version=MODEL_VERSION)
    found = list(rows.order_by("document_id").values_list("document_id", "vector", "scale"))
    ids = np.fromiter((row[0] for row in found), dtype=np.int64, count=len(found))
    codes = np.frombuffer(b"".join(bytes(row[1]) for row in found), dtype=np.int8)
    codes = codes.reshape(len(found), -1) if found else codes.reshape(0, 1)
    scales = np.fromiter((row[2] for row in found), dtype=np.float32, count=len(found))
    return ids, Int8Matrix(codes=codes, scales=scales)


def nearest(collection: Collection, document_id: int) -> list[int]:
    """Ids of the ``CANDIDATES`` documents whose vectors are closest to ``document_id``'s (at
    least ``MIN_SIMILARITY``), closest first, never itself; empty without a stored vector. Says nothing of who may
    read them: apply the access rule."""
    matrix = _matrix(collection)
    where = np.flatnonzero(matrix.ids == document_id)
    if not len(where):
        return []
    row = matrix.vectors.codes[where[0]].astype(np.float32) * matrix.vectors.scales[where[0]]
    scores = similarities(matrix.vectors, row)
    scores[where[0]] = -np.inf
    order = np.argsort(-scores, kind="stable")[:CANDIDATES]
    return [int(matrix.ids[i]) for i in order if scores[i] >= MIN_SIMILARITY]


def fused(collection: Collection, user, document_id: int, lexical: list[Hit], *, limit: int) -> list[Hit]:
    """``lexical`` (the engine's similar documents, already the reader's) and the nearest
    vectors the reader may read, fused by reciprocal rank; ``lexical`` alone when the
    collection has no vectors."""
    if not store.embeds(collection) or collection.readable is None:
        return lexical[:limit]
    candidates = nearest(collection, document_id)
    readable = collection.readable(user, candidates) if candidates else {}
    semantic = [pk for pk in candidates if pk in readable]
    scores = rrf([([hit.id for hit in lexical], 1.0), (semantic, 1.0)])
    titles = {hit.id: hit.title for hit in lexical} | {pk: str(getattr(readable[pk], "title", "")) for pk in semantic}
    best = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[:limit]
    return [Hit(id=pk, title=titles[pk], score=round(score, 6)) for pk, score in best]
