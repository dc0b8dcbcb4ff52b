"""Multilingual sentence embeddings for the search engines: one model per process, loaded
by an explicit ``load()`` at process start (never on the first request), query vectors
cached, documents cut into chunks and pooled into one vector.

This package imports no app: an engine (or ``AppConfig.ready()``, behind a setting) calls
``load()``, then ``embed_query`` and ``embed_document``; ``MODEL_VERSION`` goes with every
stored vector so that a model change is seen and re-embedded. See docs/SEARCH.md, "Across
languages".
"""

import threading
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from .chunks import chunks
from .models import MODELS, Encoder, ModelSpec
from .vectors import Int8Matrix, cosine_search, dequantise, normalise, quantise_int8, similarities, to_float16

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_VERSION",
    "POOLING",
    "Int8Matrix",
    "ModelNotLoaded",
    "chunks",
    "cosine_search",
    "dequantise",
    "document_chunks",
    "embed_chunks",
    "embed_document",
    "embed_query",
    "is_loaded",
    "load",
    "loaded_spec",
    "normalise",
    "pool",
    "quantise_int8",
    "similarities",
    "to_float16",
]

DEFAULT_MODEL = "e5-small"  # chosen on the judged set: benchmarks/crosslingual.py, docs/SEARCH.md
MODEL_VERSION = MODELS[DEFAULT_MODEL][0].version
QUERY_CACHE_SIZE = 4096  # distinct query texts kept (1.5 KB each at 384 dimensions)
POOLING = ("mean", "max")

_lock = threading.Lock()
_loaded: tuple[ModelSpec, Encoder] | None = None


class ModelNotLoaded(RuntimeError):
    """``embed_*`` was called before ``load()``: loading is done at process start, not in a request."""


def load(name: str = DEFAULT_MODEL, *, threads: int = 1) -> ModelSpec:
    """Load the model once for this process (later calls with the same name do nothing).
    ``threads``: the model's compute threads; one per process when a machine runs several
    web workers (the first load in a process sets it)."""
    global _loaded
    with _lock:
        if _loaded is None or _loaded[0].name != name:
            spec, encoder_class = MODELS[name]
            _loaded = (spec, encoder_class(threads=threads))
            embed_query.cache_clear()
        from search import accents

        accents.load()  # the query words' accents for the model (search/accents.py), at start too
        return _loaded[0]


def is_loaded() -> bool:
    return _loaded is not None


def loaded_spec() -> ModelSpec:
    return _model()[0]


def _model() -> tuple[ModelSpec, Encoder]:
    if _loaded is None:
        raise ModelNotLoaded("call search.embedding.load() at process start")
    return _loaded


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def embed_query(text: str) -> np.ndarray:
    """The query's vector (L2-normalised float32, read-only: the same object for the same text)."""
    vector = _model()[1].queries([" ".join(text.split())])[0]
    vector.setflags(write=False)
    return vector


def document_chunks(fields: Mapping[str, str] | Sequence[str], *, max_words: int | None = None) -> list[str]:
    """The chunks of a document's fields (title, description, narrative...), in order."""
    texts = fields.values() if isinstance(fields, Mapping) else fields
    limit = max_words or _model()[0].chunk_words
    return [chunk for text in texts if text and text.strip() for chunk in chunks(text, max_words=limit)]


def embed_document(
    fields: Mapping[str, str] | Sequence[str], *, pooling: str = "mean", max_words: int | None = None
) -> np.ndarray:
    """One vector for a document: its chunks embedded as passages, pooled (``mean`` or
    element-wise ``max``) and L2-normalised. An empty document gets a zero vector."""
    spec, encoder = _model()
    pieces = document_chunks(fields, max_words=max_words)
    if not pieces:
        return np.zeros(spec.dimensions, dtype=np.float32)
    return pool(encoder.passages(pieces), pooling)


def embed_chunks(pieces: Sequence[str]) -> np.ndarray:
    """Passage vectors of already-cut chunks (batching across documents is faster)."""
    return _model()[1].passages(list(pieces))


def pool(vectors: np.ndarray, pooling: str = "mean") -> np.ndarray:
    if pooling not in POOLING:
        raise ValueError(f"pooling is one of {POOLING}, not {pooling!r}")
    pooled = vectors.mean(axis=0) if pooling == "mean" else vectors.max(axis=0)
    return normalise(pooled)
