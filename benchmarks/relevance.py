"""Search relevance per engine on the judged query set of tests/search/relevance/.

    .venv/bin/python benchmarks/relevance.py                    # database engine on SQLite, and Elasticsearch
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/relevance.py   # database engine on PostgreSQL
    .venv/bin/python benchmarks/relevance.py --rankings         # also every query's first hits with their grades
    .venv/bin/python benchmarks/relevance.py --skip-elasticsearch

The corpus (the seed and practices/fixtures/demo/) goes into a throwaway test database
(Django's test database of DATABASE_URL: in memory for SQLite, ``test_<name>`` for
PostgreSQL, dropped at the end), never into the database itself. Elasticsearch:
ELASTICSEARCH_URL (default http://127.0.0.1:9201), on an index of its own deleted at the
end; skipped with a note when nothing answers. Prints a Markdown table (nDCG@10, MRR, per
language) and each engine's worst queries, as docs/SEARCH.md, "Relevance", shows them.
"""

import argparse
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))


T = TypeVar("T")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
    import django

    django.setup()


def in_test_database(measure: Callable[[], T]) -> T:
    """``measure()`` run on a throwaway test database (created, then destroyed)."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def elasticsearch_engine(url: str):
    from search.backends.base import SearchUnavailable
    from search.backends.elasticsearch import ElasticsearchSearchBackend

    backend = ElasticsearchSearchBackend({"URL": url, "INDEX": f"relevance-{uuid.uuid4().hex[:8]}", "REPLICAS": 0})
    try:
        from practices.indexing import COLLECTION

        backend.document_ids(COLLECTION)
    except SearchUnavailable:
        return None
    except Exception:  # noqa: BLE001 - no index yet: the node answers
        pass
    return backend


def measure(args) -> dict:
    from django.db import connection

    from practices.indexing import COLLECTION as PRACTICES
    from search.backends.database import DatabaseSearchBackend
    from tests.search.relevance.evaluation import corpus_documents, evaluate, load_corpus, run_queries

    ids = load_corpus()
    documents = corpus_documents(ids, version=10**9)
    engines = {"postgres" if connection.vendor == "postgresql" else "sqlite": DatabaseSearchBackend()}
    if not args.skip_elasticsearch:
        backend = elasticsearch_engine(args.elasticsearch_url)
        if backend is None:
            print(f"(Elasticsearch does not answer at {args.elasticsearch_url}: skipped)", file=sys.stderr)
        else:
            engines["elasticsearch"] = backend
    evaluations = {}
    for name, engine in engines.items():
        engine.rebuild(PRACTICES, documents)
        if hasattr(engine, "refresh"):
            engine.refresh()
        try:
            evaluations[name] = evaluate(run_queries(engine, ids))
        finally:
            if hasattr(engine, "drop"):
                engine.drop()
    return evaluations


def rankings(evaluations: dict) -> str:
    from tests.search.relevance.evaluation import judged_queries, qrels

    lines = []
    for query in judged_queries():
        lines.append(f"\n{query.id} `{query.text}` ({query.need})")
        for name, evaluation in evaluations.items():
            hits = [f"{stem}:{qrels()[query.id].get(stem, 0)}" for stem in evaluation.rankings[query.id][:10]]
            lines.append(f"  {name:13} ndcg {evaluation.by_query[query.id]['ndcg@10']:.2f}  " + " ".join(hits))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9201"))
    parser.add_argument("--skip-elasticsearch", action="store_true")
    parser.add_argument("--worst", type=int, default=5, help="worst queries listed per engine")
    parser.add_argument("--rankings", action="store_true", help="print every query's first ten hits with grades")
    args = parser.parse_args()
    setup_django()
    from tests.search.relevance.evaluation import report

    evaluations = in_test_database(lambda: measure(args))
    if args.rankings:
        print(rankings(evaluations))
    print(report(evaluations, worst=args.worst))


if __name__ == "__main__":
    main()
