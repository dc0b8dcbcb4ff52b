"""The ``database`` engine's documents, visibility and facets, in memory, as bitsets.

Counting facets in SQL (the matching documents joined with their facet rows, then
GROUP BY) was most of a search's time (docs/PERFORMANCE.md). Each process keeps
instead, per engine, a ``Snapshot`` of the live documents: position ``i`` is the
``i``-th newest document (so a page by date is the first set bits), and for each
visibility class and each (facet, code) a Python int whose bit ``i`` says whether
document ``i`` has it. A search asks the full-text engine only for the ids (and
scores) of its matches; totals and facet counts are ``&`` and ``bit_count()``.

Never stale: every write of the engine replaces the random token of
``search_searchgeneration`` in its own transaction (``bump``). Each search reads
the token first (one small query) and reloads the snapshot when it differs from
the token the snapshot was loaded under. Token first, then data: data loaded after
a later commit only makes the next search reload again. A rolled-back write's
token never comes back, so a snapshot loaded inside that transaction is never
reused. No token row (a flushed test database): nothing is kept.
"""

import secrets
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from portal.access import ReaderScope
from search.analysis import fold, words
from search.backends.database.sql import DOCUMENTS, FACET_ROWS
from search.embedding.vectors import Int8Matrix

EMBEDDINGS = "search_searchembedding"

GENERATION = "search_searchgeneration"
# The generation rows: one per layout (the posts' vectors, post_vectors.py, reload apart)
FACETED, GROUPED = 1, 2
NEWEST_FIRST = "CASE WHEN published_at IS NULL THEN 1 ELSE 0 END, published_at DESC, id DESC"


@dataclass(frozen=True)
class Snapshot:
    token: int | None
    ids: np.ndarray  # int64; position -> document id, newest first
    titles: list[str]
    everyone: int  # one bit per live document
    public: int
    members: int
    own_organisation: dict[int, int]  # organisation id -> its "organisation" documents
    facets: dict[str, dict[str, int]]  # facet -> code -> documents with that code
    _by_id: np.ndarray  # positions sorting ``ids``, for ids -> positions
    # Hybrid search: position -> the document's stored vector (int8 codes, one scale per row;
    # zeros where none is stored yet), and which positions have one. None: not loaded.
    vectors: Int8Matrix | None = None
    has_vector: np.ndarray | None = None
    embedded: str | None = None  # the collection whose vectors these are

    @property
    def size(self) -> int:
        return len(self.ids)

    @cached_property
    def title_words(self) -> dict[str, int]:
        """Folded title word -> the documents whose title holds it (spelling suggestions);
        built the first time a search finds nothing."""
        folded: dict[str, str] = {}
        holders: dict[str, list[int]] = defaultdict(list)
        for index, title in enumerate(self.titles):
            for word in words(title):
                if word not in folded:
                    folded[word] = fold(word)
                holders[folded[word]].append(index)
        return {word: self.bits(np.array(indices)) for word, indices in holders.items()}

    def visible(self, scope: ReaderScope) -> int:
        """The documents ``scope`` may read: the same rule as ``sql.visible``."""
        if scope.everything:
            return self.everyone
        bits = self.public
        if scope.members:
            bits |= self.members
        if scope.organisation_id is not None:
            bits |= self.own_organisation.get(scope.organisation_id, 0)
        return bits

    def any_code(self, facet: str, codes: Iterable[str]) -> int:
        """Documents with any of ``codes`` in ``facet`` (OR within a facet)."""
        known = self.facets.get(facet, {})
        bits = 0
        for code in codes:
            bits |= known.get(code, 0)
        return bits

    def locate(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions of the ``ids`` this snapshot holds, which of ``ids`` those are): ids it
        does not hold (tombstones, written after it was loaded) are dropped."""
        if not self.size or not len(ids):
            return np.empty(0, dtype=np.int64), np.zeros(len(ids), dtype=bool)
        found = np.minimum(np.searchsorted(self.ids, ids, sorter=self._by_id), self.size - 1)
        positions = self._by_id[found]
        known = self.ids[positions] == ids
        return positions[known], known

    def bits(self, positions: np.ndarray) -> int:
        flags = np.zeros(self.size, dtype=bool)
        flags[positions] = True
        return _packed(flags)

    def flags(self, bits: int) -> np.ndarray:
        """``bits`` as one boolean per position."""
        raw = np.frombuffer(bits.to_bytes((self.size + 7) // 8, "little"), dtype=np.uint8)
        return np.unpackbits(raw, count=self.size, bitorder="little").astype(bool)

    def positions(self, bits: int) -> np.ndarray:
        """The set positions of ``bits``, ascending (newest document first)."""
        if not bits:
            return np.empty(0, dtype=np.int64)
        return np.flatnonzero(self.flags(bits))


def _packed(flags: np.ndarray) -> int:
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def read_token(cursor, generation: int = FACETED) -> int | None:
    cursor.execute(f"SELECT token FROM {GENERATION} WHERE id = %s", [generation])
    row = cursor.fetchone()
    return int(row[0]) if row else None


def bump(cursor, generation: int = FACETED) -> None:
    """A new token, in the writing transaction: every process reloads at its next search."""
    cursor.execute(
        f"INSERT INTO {GENERATION} (id, token) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET token = excluded.token",
        [generation, secrets.randbits(62)],
    )


def _id_lists(cursor) -> str:
    """Each (facet, code) with the comma-separated ids of its documents: a few hundred rows
    instead of one per document and code (a tenth of the reload's time)."""
    ids = "string_agg(document_id::text, ',')" if cursor.db.vendor == "postgresql" else "group_concat(document_id)"
    return f"SELECT facet, code, {ids} FROM {FACET_ROWS} GROUP BY facet, code"


def load_vectors(cursor, snapshot: Snapshot, collection: str, model_version: str) -> Snapshot:
    """``snapshot`` with the stored vectors of ``collection`` under ``model_version``, one int8
    row per position (a document without one: zeros, ``has_vector`` false)."""
    cursor.execute(
        f"SELECT document_id, vector, scale FROM {EMBEDDINGS} WHERE collection = %s AND model_version = %s",
        [collection, model_version],
    )
    rows = cursor.fetchall()
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    positions, known = snapshot.locate(ids)
    kept = [row for row, keep in zip(rows, known, strict=True) if keep]
    dimensions = len(bytes(kept[0][1])) if kept else 0
    codes = np.zeros((snapshot.size, dimensions), dtype=np.int8)
    scales = np.zeros(snapshot.size, dtype=np.float32)
    if kept:
        codes[positions] = np.frombuffer(b"".join(bytes(row[1]) for row in kept), dtype=np.int8).reshape(-1, dimensions)
        scales[positions] = [row[2] for row in kept]
    has_vector = np.zeros(snapshot.size, dtype=bool)
    has_vector[positions] = True
    return replace(snapshot, vectors=Int8Matrix(codes=codes, scales=scales), has_vector=has_vector, embedded=collection)


def load(cursor, token: int | None) -> Snapshot:
    cursor.execute(
        f"SELECT id, title, visibility, organisation_id FROM {DOCUMENTS} WHERE live = %s ORDER BY {NEWEST_FIRST}",
        [True],
    )
    documents = cursor.fetchall()
    ids = np.fromiter((row[0] for row in documents), dtype=np.int64, count=len(documents))
    classes: dict[str, list[int]] = defaultdict(list)
    organisations: dict[int, list[int]] = defaultdict(list)
    for index, (_id, _title, visibility, organisation_id) in enumerate(documents):
        classes[visibility].append(index)
        if visibility == "organisation" and organisation_id is not None:
            organisations[organisation_id].append(index)
    snapshot = Snapshot(
        token=token,
        ids=ids,
        titles=[row[1] for row in documents],
        everyone=(1 << len(documents)) - 1,
        public=0,
        members=0,
        own_organisation={},
        facets=defaultdict(dict),
        _by_id=np.argsort(ids, kind="stable"),
    )
    cursor.execute(_id_lists(cursor))
    for facet, code, holders in cursor.fetchall():
        positions, _known = snapshot.locate(np.array(holders.split(","), dtype=np.int64))
        snapshot.facets[facet][code] = snapshot.bits(positions)
    return replace(
        snapshot,
        public=snapshot.bits(np.array(classes["public"], dtype=np.int64)),
        members=snapshot.bits(np.array(classes["members"], dtype=np.int64)),
        own_organisation={
            organisation: snapshot.bits(np.array(indices, dtype=np.int64))
            for organisation, indices in organisations.items()
        },
    )


class SnapshotCache:
    """One snapshot per engine object, replaced whole (threads share it, never see half of one)."""

    def __init__(self):
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def current(self, cursor, embedded: tuple[str, str] | None = None) -> Snapshot:
        """The snapshot under the current token; ``embedded`` (collection, model version): with
        the vectors of that collection (hybrid search)."""
        token = read_token(cursor)
        kept = self._snapshot
        if self._fits(kept, token, embedded):
            return kept  # type: ignore[return-value]  # _fits checked it is a snapshot
        with self._lock:
            kept = self._snapshot
            if self._fits(kept, token, embedded):
                return kept  # type: ignore[return-value]  # as above
            fresh = load(cursor, token)
            if embedded is not None:
                fresh = load_vectors(cursor, fresh, *embedded)
            if token is not None:
                self._snapshot = fresh
            return fresh

    def clear(self) -> None:
        self._snapshot = None

    @staticmethod
    def _fits(kept: Snapshot | None, token: int | None, embedded: tuple[str, str] | None) -> bool:
        if token is None or kept is None or kept.token != token:
            return False
        return embedded is None or (kept.embedded == embedded[0] and kept.vectors is not None)


def counts(
    snapshot: Snapshot, base: int, filters: dict[str, list[str]], facet_names: tuple[str, ...]
) -> tuple[int, dict[str, dict[str, int]]]:
    """The documents of ``base`` (visible and matching) that pass every filter, and the counts
    of every facet of ``facet_names`` among ``base``, each facet under every *other* facet's
    filter (multi-select)."""
    selected = {facet: snapshot.any_code(facet, codes) for facet, codes in filters.items()}
    everything = base
    for bits in selected.values():
        everything &= bits
    facets: dict[str, dict[str, int]] = {}
    for facet in facet_names:
        within = everything
        if facet in selected:
            within = base
            for other, bits in selected.items():
                if other != facet:
                    within &= bits
        found = {
            code: n
            for code, bits in snapshot.facets.get(facet, {}).items()
            if within and (n := (bits & within).bit_count())
        }
        facets[facet] = dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))
    return everything, facets


SHARED_POINTS = {"theme": 2, "audience": 1}


def shared_taxonomy(snapshot: Snapshot, source: int, among: int, *, limit: int) -> dict[int, float]:
    """Documents of ``among`` sharing themes (2 points each) and audiences (1 each) with the
    document at position ``source``: the ``limit`` best (then highest id), id -> points."""
    points = np.zeros(snapshot.size, dtype=np.int64)
    for facet, weight in SHARED_POINTS.items():
        for bits in snapshot.facets.get(facet, {}).values():
            if (bits >> source) & 1:
                points[snapshot.positions(bits & among)] += weight
    sharing = np.flatnonzero(points)
    ids = snapshot.ids[sharing]
    order = np.lexsort((-ids, -points[sharing]))[:limit]
    return {int(ids[i]): float(points[sharing[i]]) for i in order}
