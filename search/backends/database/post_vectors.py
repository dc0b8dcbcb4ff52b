"""The semantic half of a post search in the ``database`` engine: the live posts' stored
vectors (search/embedding/store.py), in memory, per process, searched with numpy.

A ``PostVectors`` holds, for every live post that has a vector of the current model, its id,
its network and its int8 row. It is kept under the posts' generation token
(``snapshot.GROUPED``), which every write of a post (``posts.py``) and of its vector
(``store.save``) replaces in its own transaction: a hidden, deleted or moved post, or a
changed text, is seen by the next search, as the practices' snapshot (snapshot.py).

``nearest`` masks every post outside the reader's networks before ranking: a post of
another network never takes a place, so nothing of it reaches the fusion.
"""

import threading
from dataclasses import dataclass

import numpy as np

from search.backends import hybrid
from search.backends.database.snapshot import EMBEDDINGS, GROUPED, read_token
from search.embedding.vectors import Int8Matrix, similarities

POSTS = "search_searchpost"


@dataclass(frozen=True)
class PostVectors:
    token: int | None
    embedded: tuple[str, str]  # (collection, model version) of these vectors
    ids: np.ndarray  # int64, one per row
    network_ids: np.ndarray  # int64, the network of each row's post
    vectors: Int8Matrix

    def nearest(self, query: np.ndarray, network_ids: list[int], *, limit: int) -> list[tuple[int, float]]:
        """(post id, cosine) of the posts of ``network_ids`` closest to ``query``, best first,
        at most ``limit``, none below ``hybrid.SIMILARITY_FLOOR``."""
        if not len(self.ids) or self.vectors.codes.shape[1] != len(query):  # another model: until reindexed
            return []
        allowed = np.isin(self.network_ids, np.asarray(network_ids, dtype=np.int64))
        if not allowed.any():
            return []
        rows = np.flatnonzero(allowed)
        closeness = similarities(Int8Matrix(self.vectors.codes[rows], self.vectors.scales[rows]), query)
        close = np.flatnonzero(closeness >= hybrid.SIMILARITY_FLOOR)
        best = close[np.lexsort((-self.ids[rows[close]], -closeness[close]))][:limit]  # ties: the newest post
        return [(int(self.ids[rows[i]]), float(closeness[i])) for i in best]


def load(cursor, token: int | None, collection: str, model_version: str) -> PostVectors:
    cursor.execute(
        f"SELECT e.document_id, p.network_id, e.vector, e.scale FROM {EMBEDDINGS} e "
        f"JOIN {POSTS} p ON p.id = e.document_id "
        "WHERE e.collection = %s AND e.model_version = %s AND p.live = %s AND p.network_id IS NOT NULL",
        [collection, model_version, True],
    )
    rows = cursor.fetchall()
    dimensions = len(bytes(rows[0][2])) if rows else 0
    codes = np.frombuffer(b"".join(bytes(row[2]) for row in rows), dtype=np.int8).reshape(len(rows), dimensions)
    return PostVectors(
        token=token,
        embedded=(collection, model_version),
        ids=np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)),
        network_ids=np.fromiter((row[1] for row in rows), dtype=np.int64, count=len(rows)),
        vectors=Int8Matrix(
            codes=codes, scales=np.fromiter((row[3] for row in rows), dtype=np.float32, count=len(rows))
        ),
    )


class PostVectorsCache:
    """One ``PostVectors`` per engine object, replaced whole (threads share it)."""

    def __init__(self):
        self._kept: PostVectors | None = None
        self._lock = threading.Lock()

    def current(self, cursor, collection: str, model_version: str) -> PostVectors:
        token = read_token(cursor, GROUPED)
        if self._fits(token, (collection, model_version)):
            return self._kept  # type: ignore[return-value]  # _fits checked it is kept
        with self._lock:
            if self._fits(token, (collection, model_version)):
                return self._kept  # type: ignore[return-value]  # as above
            fresh = load(cursor, token, collection, model_version)
            if token is not None:  # no token row (a flushed database): nothing is kept
                self._kept = fresh
            return fresh

    def _fits(self, token: int | None, embedded: tuple[str, str]) -> bool:
        kept = self._kept
        return token is not None and kept is not None and kept.token == token and kept.embedded == embedded
