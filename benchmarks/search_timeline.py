"""Where one Elasticsearch hybrid query spends its time: the query embedding on its thread,
each request's wall time and ``took``, and the client's JSON encoding and decoding, per query
of the search benchmark's mix (docs/PERFORMANCE.md, "Hybrid search", third round).

    .venv/bin/python benchmarks/search_timeline.py --sqlite-path /var/tmp/eshyb-bench-hybrid.sqlite3
    .venv/bin/python benchmarks/search_timeline.py --verbose      # also per query of the mix

It reads a database that ``benchmarks/search.py --hybrid`` filled (practices and their stored
vectors; ``--reuse`` there keeps it), indexes it once into ``--index`` (kept between runs;
``--rebuild`` builds it again, e.g. after a mapping change) and times ``--rounds`` passes over
the mix after ``--warm-up`` passes, the query-vector cache cleared before each query.
Requests are numbered in the order their answers came back.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import threading
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))


def load_benchmark():
    spec = importlib.util.spec_from_file_location("search_benchmark", PROJECT_DIR / "benchmarks" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Recorder:
    """Events (kind, start, end, details) from every thread, in perf_counter seconds."""

    def __init__(self):
        self.events: list[tuple[str, float, float, dict]] = []
        self.lock = threading.Lock()

    def add(self, kind: str, start: float, **details) -> None:
        with self.lock:
            self.events.append((kind, start, time.perf_counter(), details))

    def wrap(self, owner, name: str, kind: str, describe=lambda result, *args: {}) -> None:
        original = getattr(owner, name)

        def timed(*args, **options):
            started = time.perf_counter()
            result = original(*args, **options)
            self.add(kind, started, **describe(result, *args))
            return result

        setattr(owner, name, timed)


def took_of(response) -> dict:
    body = getattr(response, "body", None)
    return {"took": body.get("took")} if isinstance(body, dict) else {}


def instrument(backend, recorder: Recorder) -> None:
    import elastic_transport._transport as transport

    from search.embedding import store

    recorder.wrap(store, "query_vector", "embed")
    recorder.wrap(transport.Transport, "perform_request", "request", lambda result, *args: took_of(result))
    serializers = backend.client.transport.serializers
    recorder.wrap(serializers, "dumps", "dumps", lambda result, *args: {"bytes": len(result)})
    recorder.wrap(serializers, "loads", "loads", lambda result, *args: {"bytes": len(args[0] or b"")})


def percentile(samples: list[float], q: int) -> float:
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def summary(queries: list[dict]) -> list[str]:
    walls = [query["wall"] for query in queries]
    lines = [f"  wall p50 {percentile(walls, 50):.1f} / p95 {percentile(walls, 95):.1f} ms"]
    embeds = [event for query in queries for event in query["events"] if event[0] == "embed"]
    if embeds:
        lasting = [end - start for _kind, start, end, _details in embeds]
        lines.append(
            f"  embedding: from p50 {percentile([e[1] for e in embeds], 50):.1f} ms,"
            f" lasting p50 {percentile(lasting, 50):.1f} / p95 {percentile(lasting, 95):.1f}"
        )
    for kind in ("request", "dumps", "loads"):
        per_query = [[event for event in query["events"] if event[0] == kind] for query in queries]
        for number in range(max(len(found) for found in per_query)):
            nth = [found[number] for found in per_query if len(found) > number]
            lasting = [end - start for _kind, start, end, _details in nth]
            line = (
                f"  {kind} {number + 1} ({len(nth)} queries): from p50 {percentile([e[1] for e in nth], 50):.1f} ms,"
                f" lasting p50 {percentile(lasting, 50):.2f} / p95 {percentile(lasting, 95):.2f}"
            )
            if kind == "request":
                took = [e[3]["took"] for e in nth if e[3].get("took") is not None]
                line += f", took p50 {percentile(took, 50):.0f} / p95 {percentile(took, 95):.0f}" if took else ""
            else:
                line += f", {percentile([e[3]['bytes'] for e in nth], 50):.0f} bytes"
            lines.append(line)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite-path", default="/var/tmp/pve-bench-search.sqlite3")
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9201"))
    parser.add_argument("--index", default="bench-timeline", help="index prefix (kept between runs)")
    parser.add_argument("--rebuild", action="store_true", help="index the practices again first")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="also the timeline of each query of the mix")
    args = parser.parse_args()

    benchmark = load_benchmark()
    benchmark.setup_django(f"sqlite:///{Path(args.sqlite_path).resolve()}")
    from django.conf import settings

    from search import embedding
    from search.backends.elasticsearch import ElasticsearchSearchBackend
    from search.embedding import store

    settings.SEARCH_EMBEDDINGS = True
    store.load_model()
    backend = ElasticsearchSearchBackend(
        {"URL": args.elasticsearch_url, "INDEX": args.index, "REPLICAS": 0, "REFRESH": False, "SEARCH_TIMEOUT": 10}
    )
    collection = benchmark.practices_collection()
    if args.rebuild or not backend.client.indices.exists_alias(name=backend.index_of(collection).alias):
        documents = store.attach(collection, benchmark.documents(version=1))
        backend.rebuild(collection, iter(documents))
        print(f"Indexed {len(documents)} practices into {args.index}", flush=True)

    recorder = Recorder()
    instrument(backend, recorder)
    scopes = benchmark.scopes()
    queries: list[dict] = []
    for number in range(args.warm_up + args.rounds):
        for position, (text, filters, scope, sort) in enumerate(benchmark.QUERY_MIX):
            embedding.embed_query.cache_clear()
            recorder.events.clear()
            started = time.perf_counter()
            benchmark.engine_query(backend, text, filters, scopes[scope], sort)
            wall = (time.perf_counter() - started) * 1000
            if number >= args.warm_up:
                events = [(k, (s - started) * 1000, (e - started) * 1000, d) for k, s, e, d in recorder.events]
                queries.append({"position": position, "wall": wall, "events": events})

    print(f"Load average {os.getloadavg()[0]:.2f}; {len(queries)} queries")
    print("\n".join(summary(queries)))
    if args.verbose:
        for position, (text, filters, scope, sort) in enumerate(benchmark.QUERY_MIX):
            print(f"{text!r} {filters or ''} {scope} {sort}:")
            print("\n".join(summary([query for query in queries if query["position"] == position])))


if __name__ == "__main__":
    main()
