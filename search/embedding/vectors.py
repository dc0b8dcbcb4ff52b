"""Vectors at rest: float16 and int8 quantisation, and cosine search over a numpy matrix.

Rows are L2-normalised, so the cosine is a dot product. int8 keeps one scale per row
(symmetric quantisation: ``row ≈ codes * scale``, ``scale = max|row| / 127``): a quarter
of float32's memory.
"""

from dataclasses import dataclass

import numpy as np


def normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def to_float16(matrix: np.ndarray) -> np.ndarray:
    return np.asarray(matrix, dtype=np.float16)


@dataclass(frozen=True)
class Int8Matrix:
    codes: np.ndarray  # (rows, dimensions) int8
    scales: np.ndarray  # (rows,) float32

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes + self.scales.nbytes

    def __len__(self) -> int:
        return len(self.codes)


def quantise_int8(matrix: np.ndarray) -> Int8Matrix:
    matrix = np.asarray(matrix, dtype=np.float32)
    scales = np.abs(matrix).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    codes = np.clip(np.rint(matrix / scales[:, None]), -127, 127).astype(np.int8)
    return Int8Matrix(codes=codes, scales=scales.astype(np.float32))


def dequantise(matrix: Int8Matrix) -> np.ndarray:
    return matrix.codes.astype(np.float32) * matrix.scales[:, None]


BLOCK_ROWS = 1024  # rows converted to float32 at a time, into one buffer (1.5 MB at 384 dimensions)


def similarities(matrix: np.ndarray | Int8Matrix, query: np.ndarray) -> np.ndarray:
    """The cosine of ``query`` with every row (rows and query L2-normalised)."""
    query = np.asarray(query, dtype=np.float32)
    codes = matrix.codes if isinstance(matrix, Int8Matrix) else matrix
    if codes.dtype == np.float32:
        scores = codes @ query
    else:  # numpy has no fast float16 or int8 product: convert a block at a time into one
        # buffer (a fresh float32 copy of the whole matrix cost ten times more: page faults)
        scores = np.empty(len(codes), dtype=np.float32)
        buffer = np.empty((min(BLOCK_ROWS, len(codes)), codes.shape[1]), dtype=np.float32)
        for start in range(0, len(codes), BLOCK_ROWS):
            block = codes[start : start + BLOCK_ROWS]
            converted = buffer[: len(block)]
            np.copyto(converted, block, casting="unsafe")
            np.dot(converted, query, out=scores[start : start + len(block)])
    if isinstance(matrix, Int8Matrix):
        scores *= matrix.scales
    return scores


def cosine_search(
    matrix: np.ndarray | Int8Matrix, query: np.ndarray, *, k: int = 10, allowed: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` rows most similar to ``query``, best first: (row indices, cosines).
    ``allowed`` (a boolean mask over the rows) keeps the others out of the ranking: pass
    the reader's visibility here so that no row they may not see takes a place."""
    scores = similarities(matrix, query)
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    k = min(k, int(np.isfinite(scores).sum()))
    if k <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    top = np.argpartition(-scores, k - 1)[:k]
    order = top[np.argsort(-scores[top], kind="stable")]
    return order, scores[order]
