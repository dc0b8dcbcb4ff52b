"""What measuring the semantic ranking's language shares costs with Elasticsearch
(hybrid.language_shares, search/backends/elasticsearch/backend.py ``_language_shares``): every
live document's language and visibility read by a scan of the index (the query and page size of
``CollectionIndex.document_languages``), every stored int8 vector read (as
``store.collection_vectors`` reads them, here from an SQLite table of the same shape), and the
shares computed. A search pays this only as its process's first; then once a minute a thread of
its own measures them again (docs/PERFORMANCE.md, "Sixteenth round").

    .venv/bin/python benchmarks/language_shares.py [--documents 10000] [--url http://127.0.0.1:9201]

Writes a throwaway index ``bench-language-shares`` on the node (deleted at the end); sends
requests to that node only.
"""

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import setup_django  # benchmarks/relevance.py, beside this file

LANGUAGES = ["en", "fr", "de", "nl", "sv", "pl", "es", "it", "da", "fi"]
DIMENSIONS = 384  # multilingual-e5-small
INDEX = "bench-language-shares"


def timed(call, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--url", default="http://127.0.0.1:9201")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    setup_django()
    from elasticsearch import Elasticsearch, helpers

    from search.backends import hybrid
    from search.embedding.store import Int8Matrix

    count = options.documents
    es = Elasticsearch(options.url)
    es.options(ignore_status=404).indices.delete(index=INDEX)
    es.indices.create(
        index=INDEX,
        mappings={
            "properties": {
                "language": {"type": "keyword"},
                "visibility": {"type": "keyword"},
                "tombstone": {"type": "boolean"},
            }
        },
        settings={"number_of_replicas": 0},
    )
    try:
        helpers.bulk(
            es,
            (
                {
                    "_index": INDEX,
                    "_id": i,
                    "_source": {
                        "language": [LANGUAGES[i % len(LANGUAGES)]],
                        "visibility": "public" if i % 3 else "members",
                        "tombstone": False,
                    },
                }
                for i in range(count)
            ),
            refresh=True,
        )

        def scan() -> dict:
            hits = helpers.scan(
                es,
                index=INDEX,
                size=1000,
                query={"query": {"term": {"tombstone": False}}, "_source": ["language", "visibility"]},
            )
            return {int(hit["_id"]): hit["_source"] for hit in hits}

        scanned = timed(scan, options.runs)
    finally:
        es.indices.delete(index=INDEX)

    database = sqlite3.connect(":memory:")
    database.execute("create table vectors (document_id integer primary key, vector blob, scale real)")
    random = np.random.default_rng(7)
    database.executemany(
        "insert into vectors values (?, ?, ?)",
        ((i, random.integers(-127, 128, DIMENSIONS, dtype=np.int8).tobytes(), 0.01) for i in range(count)),
    )
    matrix: list[Int8Matrix] = []

    def read_vectors() -> None:
        rows = database.execute("select document_id, vector, scale from vectors").fetchall()
        codes = np.frombuffer(b"".join(bytes(row[1]) for row in rows), dtype=np.int8).reshape(len(rows), -1)
        matrix[:] = [Int8Matrix(codes=codes, scales=np.array([row[2] for row in rows], dtype=np.float32))]

    read = timed(read_vectors, options.runs)
    codes = np.array([LANGUAGES[i % len(LANGUAGES)] for i in range(count)], dtype=object)
    masks = {code: codes == code for code in LANGUAGES}
    public = np.array([bool(i % 3) for i in range(count)])
    computed = timed(lambda: hybrid.language_shares(matrix[0], masks, measured=public), options.runs)

    print(f"| part ({count:,} documents, {options.runs} runs) | median ms | max ms |")
    print("|---|---:|---:|")
    for name, times in (
        ("scan of every document's language (Elasticsearch)", scanned),
        ("stored vectors read (SQLite, int8)", read),
        ("shares computed (hybrid.language_shares)", computed),
    ):
        print(f"| {name} | {statistics.median(times):.1f} | {max(times):.1f} |")


if __name__ == "__main__":
    main()
