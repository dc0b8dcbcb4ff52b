"""Network posts in hybrid search, measured on this machine: what embedding a post costs
(the worker and ``search_reindex`` do it, never a request), and the database engine's
semantic side over the posts' vectors in memory (search/backends/database/post_vectors.py)
at 10,000 and 100,000 posts: its memory and the time of ``nearest`` for a member of a few
networks.

    .venv/bin/python benchmarks/post_search.py
    .venv/bin/python benchmarks/post_search.py --posts 300 --queries 300

The posts are cut from the hand-written demo practices' descriptions and narratives (one to
four sentences each, as forum posts run), embedded with ``store.compute`` (the rows the
worker stores: the pooled vector and one per sentence), one model thread. The vectors of the
in-memory part are random int8 rows in 50 networks (``nearest`` reads nothing else).
Prints Markdown as docs/PERFORMANCE.md, "Hybrid search", "Network posts", shows it.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from embeddings import practice_fields  # benchmarks/embeddings.py, beside this file
from relevance import setup_django


def demo_posts(count: int) -> list[dict]:
    from search.embedding.chunks import sentences

    said = [s for fields in practice_fields() for text in fields[1:] for s in sentences(text) if len(s.split()) > 3]
    posts, start, size = [], 0, 1
    while len(posts) < count and start < len(said):
        text = " ".join(said[start : start + size])
        posts.append({"id": len(posts) + 1, "text": text, "title": ""})
        start, size = start + size, size % 4 + 1
    return posts


def embedding_cost(count: int) -> dict[str, float]:
    from network.indexing import COLLECTION
    from search import embedding
    from search.embedding import store

    embedding.load(threads=1)
    posts = demo_posts(count)
    store.compute(COLLECTION, posts[:4])  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    rows = store.compute(COLLECTION, posts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    words = statistics.mean(len(post["text"].split()) for post in posts)
    sentences = statistics.mean(len(row.sentences) for row in rows)
    return {"posts": len(posts), "words": words, "sentences": sentences, "wall": wall, "cpu": cpu}


def nearest_cost(size: int, queries: int) -> dict[str, float]:
    from search.backends.database.post_vectors import PostVectors
    from search.embedding.vectors import Int8Matrix, normalise, quantise_int8

    rng = np.random.default_rng(12)
    vectors = quantise_int8(normalise(rng.standard_normal((size, 384))))
    view = PostVectors(
        token=1,
        embedded=("posts", "bench"),
        ids=np.arange(1, size + 1, dtype=np.int64),
        network_ids=rng.integers(1, 51, size).astype(np.int64),
        vectors=Int8Matrix(vectors.codes, vectors.scales),
    )
    times = []
    for _ in range(queries):
        query = normalise(rng.standard_normal(384))
        start = time.perf_counter()
        view.nearest(query, [3, 17, 42], limit=50)
        times.append((time.perf_counter() - start) * 1000)
    memory = view.ids.nbytes + view.network_ids.nbytes + view.vectors.nbytes
    times.sort()
    return {"p50": times[len(times) // 2], "p95": times[int(len(times) * 0.95)], "mb": memory / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--queries", type=int, default=200)
    options = parser.parse_args()
    setup_django()
    cost = embedding_cost(options.posts)
    print("| posts embedded | words a post | sentences a post | ms a post (wall) | ms a post (CPU) | posts/s (CPU) |")
    print("|---|---|---|---|---|---|")
    per_post = 1000 / cost["posts"]
    print(
        f"| {cost['posts']} | {cost['words']:.0f} | {cost['sentences']:.1f} | {cost['wall'] * per_post:.0f} "
        f"| {cost['cpu'] * per_post:.0f} | {cost['posts'] / cost['cpu']:.1f} |"
    )
    print()
    print("| posts in memory | vectors, ids, networks (MB) | `nearest` p50 (ms) | p95 (ms) |")
    print("|---|---|---|---|")
    for size in (10_000, 100_000):
        found = nearest_cost(size, options.queries)
        print(f"| {size:,} | {found['mb']:.1f} | {found['p50']:.2f} | {found['p95']:.2f} |")


if __name__ == "__main__":
    main()
