"""Documents' vectors at rest (``search.models.SearchEmbedding``): computed by the outbox
worker and ``search_reindex`` (``refresh``), never in a request; read by the engines and by
the pages (``document_vector``, ``sentence_vectors``).

A collection says which of its document's keys are embedded (``Collection.embedded_fields``)
and whose sentences get a vector each (``sentence_field``). A row is kept under the model
version that made it and a hash of the text it was made from: ``refresh`` re-embeds exactly
the documents whose row is missing, of another model version, or of another text, and
``invalidate`` (called in the transaction that changes a document) deletes a row whose text
changed, so that no vector or sentence outlives the text it came from.

With ``settings.SEARCH_EMBEDDINGS`` off nothing is computed or read: search is lexical only.
"""

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from typing import Any, TypeVar

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from portal.prepared import PreparedQuery
from search import embedding
from search.collections import Collection, Layout
from search.embedding.chunks import sentences
from search.embedding.vectors import Int8Matrix, dequantise, quantise_int8

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Query vectors computed beside the lexical search (``query_vector_soon``): the model's C code
# releases the GIL, as SQLite and PostgreSQL's client do, so both run on two cores at once;
# an engine's request waiting for its answer (``beside``) holds no core either. One pool per
# process (a pool's threads do not survive a fork: made again in the child). Its tasks never
# wait for one another, so searches running at once in a process queue but cannot deadlock.
_embedders: dict[int, ThreadPoolExecutor] = {}


def _embedder() -> ThreadPoolExecutor:
    pid = os.getpid()
    if pid not in _embedders:
        _embedders.clear()
        _embedders[pid] = ThreadPoolExecutor(max_workers=2, thread_name_prefix="query-vector")
    return _embedders[pid]


MAX_SENTENCES = 40  # sentences of a description that get a vector (a description is a paragraph or two)
SENTENCE_WORDS = 60  # a longer sentence is cut


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_EMBEDDINGS", False))


def embeds(collection: Collection) -> bool:
    """Whether ``collection`` is searched in hybrid mode (setting on, fields declared)."""
    return enabled() and bool(collection.embedded_fields)


def load_model() -> bool:
    """Load the model for this process (web processes at start, the worker, ``search_reindex``).
    False, logged, when it cannot be loaded: search stays lexical, the worker delays its rows."""
    try:
        embedding.load(threads=1)  # one per process: web workers and the worker share the cores
    except Exception:  # any failure of the model leaves search lexical, never down
        logger.exception("The sentence-embedding model could not be loaded: search is lexical only")
        return False
    return True


def query_vector(text: str) -> np.ndarray | None:
    """The query's vector (cached per text), or None: setting off, model not loaded in this
    process (never loaded in a request), or the model failed. None means lexical search."""
    if not enabled() or not embedding.is_loaded() or not text.strip():
        return None
    try:
        return embedding.embed_query(text)
    except Exception:  # a failing model must not take search down: lexical only
        logger.exception("Embedding a query failed: lexical search only")
        return None


def query_vector_soon(text: str) -> Callable[[], np.ndarray | None]:
    """``query_vector(text)`` started on another thread: returns the function that waits for
    it. The engine runs its lexical search meanwhile, so the two add up only on a busy
    machine. Nothing is started when the vector cannot be had (setting off, model not loaded)."""
    if not enabled() or not embedding.is_loaded() or not text.strip():
        return lambda: None
    future = _embedder().submit(query_vector, text)
    return future.result


def beside(call: Callable[[], T]) -> Future[T]:
    """``call()`` started on the query pool's other thread (an engine's request sent while
    this thread computes or sends another): its future, whose ``result()`` waits for it or
    raises its error. ``call`` must not wait for another task of the pool."""
    return _embedder().submit(call)


# --- the text of a document ---------------------------------------------------------------


def embedded_texts(collection: Collection, document: dict[str, Any]) -> list[str]:
    return [str(document.get(key) or "") for key in collection.embedded_fields]


def text_hash(collection: Collection, document: dict[str, Any]) -> str:
    texts = [*embedded_texts(collection, document), str(document.get(collection.sentence_field) or "")]
    return hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode()).hexdigest()


def document_sentences(collection: Collection, document: dict[str, Any]) -> list[str]:
    if not collection.sentence_field:
        return []
    found = sentences(str(document.get(collection.sentence_field) or ""))
    return [" ".join(sentence.split()[:SENTENCE_WORDS]) for sentence in found[:MAX_SENTENCES]]


# --- writing ------------------------------------------------------------------------------


def _model():
    from search.models import SearchEmbedding

    return SearchEmbedding


def stale(collection: Collection, documents: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents whose stored vectors are missing, of another model or of another text."""
    kept = dict(
        _current(collection.name)
        .filter(document_id__in=[document["id"] for document in documents])
        .values_list("document_id", "text_hash")
    )
    return [d for d in documents if kept.get(d["id"]) != text_hash(collection, d)]


def compute(collection: Collection, documents: Sequence[dict[str, Any]]) -> list[Any]:
    """Unsaved rows for ``documents``: every chunk and sentence embedded in one batch."""
    pieces: list[str] = []
    spans: list[tuple[int, int, int, list[str]]] = []
    for document in documents:
        chunks = embedding.document_chunks(embedded_texts(collection, document))
        said = document_sentences(collection, document)
        spans.append((len(pieces), len(chunks), len(said), said))
        pieces.extend(chunks)
        pieces.extend(said)
    vectors = embedding.embed_chunks(pieces) if pieces else np.zeros((0, embedding.loaded_spec().dimensions))
    rows = []
    for document, (start, chunk_count, sentence_count, said) in zip(documents, spans, strict=True):
        chunk_rows = vectors[start : start + chunk_count]
        pooled = embedding.pool(chunk_rows) if chunk_count else np.zeros(vectors.shape[1], dtype=np.float32)
        whole = quantise_int8(pooled[None, :])
        parts = quantise_int8(vectors[start + chunk_count : start + chunk_count + sentence_count])
        rows.append(
            _model()(
                collection=collection.name,
                document_id=document["id"],
                model_version=embedding.MODEL_VERSION,
                text_hash=text_hash(collection, document),
                vector=whole.codes[0].tobytes(),
                scale=float(whole.scales[0]),
                sentences=said,
                sentence_vectors=parts.codes.tobytes(),
                sentence_scales=parts.scales.astype(np.float32).tobytes(),
            )
        )
    return rows


def save(collection: Collection, rows: list[Any]) -> None:
    """Replace the rows of these documents; the database engine's snapshots (of the
    collection's layout) reload."""
    from search.backends.database.snapshot import FACETED, GROUPED, bump

    if not rows:
        return
    with transaction.atomic():
        _model().objects.filter(collection=collection.name, document_id__in=[row.document_id for row in rows]).delete()
        _model().objects.bulk_create(rows)
        with connection.cursor() as cursor:
            bump(cursor, GROUPED if collection.layout == Layout.GROUPED else FACETED)


def refresh(collection: Collection, documents: Iterable[dict[str, Any]], *, batch: int = 32) -> int:
    """Embed and store the documents whose vectors are stale, ``batch`` at a time; returns how
    many were embedded. Raises when the model is missing or fails (callers retry)."""
    if not embeds(collection):
        return 0
    done, pending = 0, []
    for document in documents:
        pending.append(document)
        if len(pending) >= batch:
            done += _refresh_batch(collection, pending)
            pending = []
    return done + _refresh_batch(collection, pending)


def _refresh_batch(collection: Collection, documents: list[dict[str, Any]]) -> int:
    todo = stale(collection, documents) if documents else []
    save(collection, compute(collection, todo))
    return len(todo)


def remove(collection: Collection, ids: Iterable[int]) -> None:
    _model().objects.filter(collection=collection.name, document_id__in=list(ids)).delete()


def invalidate(collection: Collection, document_id: int, document: dict[str, Any] | None) -> None:
    """In the transaction that changes a document: drop its row when the document leaves
    (``None``) or its embedded text changed. Cheap: one hash, one delete."""
    if not collection.embedded_fields:
        return
    rows = _model().objects.filter(collection=collection.name, document_id=document_id)
    if document is not None:
        rows = rows.exclude(text_hash=text_hash(collection, document))
    rows.delete()


def prune(collection: Collection, keep: Iterable[int]) -> int:
    """Delete the rows of documents no longer indexed (``search_reindex``)."""
    kept = set(keep)
    rows = _model().objects.filter(collection=collection.name)
    gone = [pk for pk in rows.values_list("document_id", flat=True) if pk not in kept]
    return rows.filter(document_id__in=gone).delete()[0] if gone else 0


# --- reading ------------------------------------------------------------------------------


def _current(collection_name: str):
    return _model().objects.filter(collection=collection_name, model_version=embedding.MODEL_VERSION)


def _matrix(codes: bytes, scales: bytes) -> np.ndarray:
    scale = np.frombuffer(bytes(scales), dtype=np.float32)
    matrix = np.frombuffer(bytes(codes), dtype=np.int8).reshape(len(scale), -1) if len(scale) else None
    if matrix is None:
        return np.zeros((0, 0), dtype=np.float32)
    return dequantise(Int8Matrix(codes=matrix, scales=scale))


def _vector(codes: bytes, scale: float) -> np.ndarray:
    """One stored int8 vector back to float32 (about unit length)."""
    return np.frombuffer(bytes(codes), dtype=np.int8).astype(np.float32) * np.float32(scale)


def document_vector(collection_name: str, document_id: int) -> np.ndarray | None:
    """The stored vector of a document (float32, about unit length), None when there is none
    of the current model. Says nothing of who may read the document: check that first."""
    return document_vectors(collection_name, [document_id]).get(document_id)


def document_vectors(collection_name: str, ids: Iterable[int]) -> dict[int, np.ndarray]:
    """``document_vector`` of many documents at once (those that have one)."""
    rows = _current(collection_name).filter(document_id__in=list(ids)).values_list("document_id", "vector", "scale")
    return {pk: _vector(codes, scale) for pk, codes, scale in rows}


def sentences_of(collection_name: str, ids: Iterable[int]) -> dict[int, tuple[list[str], np.ndarray]]:
    """The stored sentences of ``ids`` (of the current model, as of their current text) and
    their vectors, one float32 row each, in one query a page of results (its SQL compiled once
    per connection and collection); a document without any is left out.
    Says nothing of who may read them: pass ids already re-read through the access rule."""
    wanted, rows = list(ids), []
    for start in range(0, len(wanted), SENTENCE_SLOTS):
        chunk = wanted[start : start + SENTENCE_SLOTS]
        slots: dict[str, Any] = {
            name: chunk[i] if i < len(chunk) else NO_DOCUMENT for i, name in enumerate(_SENTENCE_IDS)
        }
        rows += _sentences_query().rows(shape=(collection_name, embedding.MODEL_VERSION), **slots)
    found = {}
    for pk, said, codes, scales in rows:
        matrix = _matrix(codes, scales)
        if said and len(matrix) == len(said):
            found[pk] = (list(said), matrix)
    return found


SENTENCE_SLOTS = 20  # the ids one query reads (a page of results); the slots left empty name no document
NO_DOCUMENT = 0
_SENTENCE_IDS: dict[str, Any] = {f"id{i}": -4_201_980 - i for i in range(SENTENCE_SLOTS)}


@cache
def _sentences_query() -> PreparedQuery:
    def build(shape: tuple[str, str], **ids: int):
        collection_name, model_version = shape
        rows = _model().objects.filter(collection=collection_name, model_version=model_version)
        return rows.filter(document_id__in=list(ids.values())).values_list(
            "document_id", "sentences", "sentence_vectors", "sentence_scales"
        )

    return PreparedQuery("sentences_of", _model(), build, **_SENTENCE_IDS)


def sentence_vectors(collection_name: str, document_id: int) -> tuple[list[str], np.ndarray]:
    """``sentences_of`` one document; ([], empty) when not embedded yet."""
    return sentences_of(collection_name, [document_id]).get(document_id, ([], np.zeros((0, 0), dtype=np.float32)))


def closest_sentence(said: list[str], matrix: np.ndarray, query: np.ndarray) -> str:
    """Of sentences and their vectors, the one closest to the query vector ("" when none)."""
    if not said:
        return ""
    return said[int(np.argmax(matrix @ np.asarray(query, dtype=np.float32)))]


def best_sentence(collection_name: str, document_id: int, query: np.ndarray) -> str:
    """The sentence of the document closest to the query vector ("" when none is stored)."""
    return closest_sentence(*sentence_vectors(collection_name, document_id), query)


def attach(collection: Collection, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``documents`` with ``embedding`` (a list of floats) where a vector of their current text
    is stored: what an engine outside the database indexes (Elasticsearch's dense_vector)."""
    if not embeds(collection) or not documents:
        return documents
    rows = _current(collection.name).filter(document_id__in=[d["id"] for d in documents])
    stored = {
        pk: (digest, codes, scale)
        for pk, digest, codes, scale in rows.values_list("document_id", "text_hash", "vector", "scale")
    }
    for document in documents:
        found = stored.get(document["id"])
        if found is not None and found[0] == text_hash(collection, document) and any(bytes(found[1])):
            document["embedding"] = _vector(found[1], found[2]).round(5).tolist()
    return documents
