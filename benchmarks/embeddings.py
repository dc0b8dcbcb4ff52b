"""The multilingual embedding models of search/embedding/models.py, measured on this machine:
installed size, load time, memory, embedding throughput (practices per second: title,
description and the narrative fields of practices/indexing.py, cut into chunks), query
latency, and the memory of the vectors at 10,000 and 100,000 practices.

    .venv/bin/python benchmarks/embeddings.py                    # every model, 1 and 2 threads
    .venv/bin/python benchmarks/embeddings.py --models e5-small --threads 1 --repeat 2

Each model is measured in a fresh process (load time and memory include the import).
The practices are the hand-written demo collection (practices/fixtures/demo/), read with
the importer, ``--repeat`` times. Throughput is given per wall-clock second and per second
of processor time: on a shared machine the second is the steadier figure. Prints Markdown
as docs/PERFORMANCE.md, "Embeddings for search across languages", shows it.
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from importlib.metadata import distribution
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from relevance import setup_django  # noqa: E402 (benchmarks/relevance.py, beside this file)

QUERIES = [
    "accompagnement à la sortie de détention",
    "Ausstieg aus der rechtsextremen Szene",
    "konspirationsteorier i skolan",
    "rådgivning til bekymrede forældre",
    "family support",
    "jongerenwerk in online games",
    "tverretatlig samarbeid",
    "police de proximité",
]


def installed_mb(package: str) -> float:
    files = distribution(package).files or []
    return sum(f.locate().stat().st_size for f in files if f.locate().exists()) / 1e6


def practice_fields() -> list[list[str]]:
    from practices.demo import collection_documents
    from practices.importer import Vocabulary, import_document
    from practices.indexing import BODY_SOURCES

    vocabulary = Vocabulary.from_lists()
    result = []
    for path in collection_documents():
        parsed = import_document(path.read_bytes(), path.name, vocabulary=vocabulary)
        body = "\n\n".join(parsed.fields.get(name, "") for name in BODY_SOURCES if parsed.fields.get(name))
        result.append([parsed.title, parsed.fields.get("description", ""), body])
    return result


def child(model: str, threads: int, repeat: int) -> dict:
    """Measured inside a fresh process."""
    setup_django()
    practices = practice_fields() * repeat
    started = time.perf_counter()
    from search import embedding

    spec = embedding.load(model, threads=threads)
    embedding.embed_query("warm-up")
    load_seconds = time.perf_counter() - started
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    chunks = [embedding.document_chunks(fields) for fields in practices]
    for pieces in chunks:
        embedding.pool(embedding.embed_chunks(pieces))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    latencies, cpu_latencies = [], []
    for text in QUERIES:
        begin, begin_cpu = time.perf_counter(), time.process_time()
        embedding.embed_query.__wrapped__(text)  # uncached
        latencies.append((time.perf_counter() - begin) * 1000)
        cpu_latencies.append((time.process_time() - begin_cpu) * 1000)
    return {
        "model": model,
        "threads": threads,
        "package": spec.package,
        "dimensions": spec.dimensions,
        "languages": spec.languages,
        "load_s": load_seconds,
        "rss_loaded_mb": rss_loaded,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "practices": len(practices),
        "chunks": sum(map(len, chunks)),
        "per_wall_s": len(practices) / wall,
        "per_cpu_s": len(practices) / cpu,
        "query_ms_p50": statistics.median(latencies),
        "query_ms_max": max(latencies),
        "query_cpu_ms_p50": statistics.median(cpu_latencies),
    }


def vector_memory(dimensions: int) -> str:
    cells = []
    for count in (10_000, 100_000):
        cells += [
            f"{count * dimensions * 4 / 1e6:.0f}",
            f"{count * dimensions * 2 / 1e6:.0f}",
            f"{(count * dimensions + count * 4) / 1e6:.0f}",
        ]
    return " | ".join(cells)


COLUMNS = (
    "model (package)",
    "threads",
    "installed MB",
    "load s",
    "RSS after load MB",
    "peak RSS MB",
    "practices/s (wall)",
    "practices/s (CPU)",
    "chunks per practice",
    "query ms p50 (max)",
    "query CPU ms p50",
)
MEMORY_COLUMNS = (
    "model",
    "dimensions",
    "languages",
    "10k float32 MB",
    "10k float16",
    "10k int8",
    "100k float32",
    "100k float16",
    "100k int8",
)


def table_head(columns: tuple[str, ...]) -> list[str]:
    return ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]


def report(rows: list[dict]) -> str:
    lines = table_head(COLUMNS)
    for r in rows:
        cells = [
            f"{r['model']} ({r['package']})",
            str(r["threads"]),
            f"{installed_mb(r['package']):.0f}",
            f"{r['load_s']:.2f}",
            f"{r['rss_loaded_mb']:.0f}",
            f"{r['rss_peak_mb']:.0f}",
            f"{r['per_wall_s']:.1f}",
            f"{r['per_cpu_s']:.1f}",
            f"{r['chunks'] / r['practices']:.1f}",
            f"{r['query_ms_p50']:.0f} ({r['query_ms_max']:.0f})",
            f"{r['query_cpu_ms_p50']:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *table_head(MEMORY_COLUMNS)]
    for r in {r["model"]: r for r in rows}.values():
        lines.append(f"| {r['model']} | {r['dimensions']} | {r['languages']} | {vector_memory(r['dimensions'])} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["e5-small", "use-v3"])
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="times the demo collection is embedded")
    parser.add_argument("--child", nargs=3, metavar=("MODEL", "THREADS", "REPEAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), int(args.child[2]))))
        return
    rows = []
    for model in args.models:
        for threads in args.threads:
            command = [sys.executable, __file__, "--child", model, str(threads), str(args.repeat)]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(output.strip().splitlines()[-1]))
    print(report(rows))


if __name__ == "__main__":
    main()
