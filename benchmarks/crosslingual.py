"""Search across languages, measured offline before it is wired in: on the demo corpus and
the judged set of tests/search/relevance/, nDCG@10 and MRR for

(a) today's lexical ranking through the search backends (SQLite or PostgreSQL as
    DATABASE_URL says, and Elasticsearch),
(b) the semantic ranking alone (cosine between the query and each practice's vector, per
    model of search/embedding/models.py, per pooling of the chunk vectors),
(c) reciprocal rank fusion of (a) and (b): k=60 with equal weights, and measured variants
    (k and the semantic list's weight),

for all queries, the same-language and the cross-language group, and per query language.

    .venv/bin/python benchmarks/crosslingual.py                       # SQLite + Elasticsearch
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/crosslingual.py --skip-elasticsearch
    .venv/bin/python benchmarks/crosslingual.py --models e5-small --skip-elasticsearch

The corpus goes into a throwaway test database, as in benchmarks/relevance.py. Every
practice of the corpus is public, so both lists are what an anonymous visitor may see;
the engines will filter the semantic list by the reader's scope before fusion.
Prints Markdown tables as docs/SEARCH.md, "Across languages", shows them.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from relevance import elasticsearch_engine, in_test_database, setup_django

DEPTH = 20
FIELD_SETS = {
    "title+description": ("title", "description"),
    "title+description+narrative": ("title", "description", "body"),
}
# (k, weight of the semantic list; the lexical list weighs 1)
FUSIONS = [(60, 1.0), (20, 1.0), (60, 0.5), (60, 2.0), (20, 2.0), (10, 2.0), (60, 3.0)]


def rrf(lists: list[tuple[list[str], float]], *, k: int) -> list[str]:
    """Reciprocal rank fusion: each list adds weight / (k + rank) to the items it holds."""
    scores: dict[str, float] = {}
    for ranking, weight in lists:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores, key=lambda item: (-scores[item], item))[:DEPTH]


def lexical_rankings(args, ids, documents) -> dict[str, dict[str, list[str]]]:
    from django.db import connection

    from search.backends.database import DatabaseSearchBackend
    from tests.search.relevance.evaluation import run_queries

    engines = {"postgres" if connection.vendor == "postgresql" else "sqlite": DatabaseSearchBackend()}
    if not args.skip_elasticsearch:
        backend = elasticsearch_engine(args.elasticsearch_url)
        if backend is None:
            print(f"(Elasticsearch does not answer at {args.elasticsearch_url}: skipped)", file=sys.stderr)
        else:
            engines["elasticsearch"] = backend
    rankings = {}
    for name, engine in engines.items():
        engine.rebuild(documents)
        if hasattr(engine, "refresh"):
            engine.refresh()
        try:
            rankings[name] = run_queries(engine, ids)
        finally:
            if hasattr(engine, "drop"):
                engine.drop()
    return rankings


def chunk_vectors(model: str, documents, *, fields) -> tuple[list, float]:
    """Each document's chunk vectors, and the seconds of processor time spent embedding them."""
    from search import embedding

    embedding.load(model)
    started = time.process_time()
    vectors = [embedding.embed_chunks(embedding.document_chunks([doc[f] for f in fields])) for doc in documents]
    return vectors, time.process_time() - started


def semantic_rankings(vectors: list, documents, stems, *, pooling: str) -> dict[str, list[str]]:
    """Each query's ranking by cosine with the pooled document vectors."""
    import numpy as np

    from search import embedding
    from tests.search.relevance.evaluation import judged_queries

    matrix = np.stack([embedding.pool(chunks, pooling) for chunks in vectors])
    rankings = {}
    for query in judged_queries():
        rows, _scores = embedding.cosine_search(matrix, embedding.embed_query(query.text), k=DEPTH)
        rankings[query.id] = [stems[documents[row]["id"]] for row in rows]
    return rankings


def row(name: str, evaluation) -> str:
    from tests.search.relevance.evaluation import GROUPS, METRICS

    cells = [f"{evaluation.means[m]:.3f}" for m in METRICS]
    cells += [f"{evaluation.by_group[group][m]:.3f}" for group in GROUPS for m in METRICS]
    return f"| {name} | " + " | ".join(cells) + " |"


def header() -> list[str]:
    from tests.search.relevance.evaluation import GROUPS, METRICS, judged_queries

    sizes = {group: sum(1 for q in judged_queries() if q.group == group) for group in GROUPS}
    names = [f"{METRICS[m]} all ({len(judged_queries())})" for m in METRICS]
    names += [f"{METRICS[m]} {group} ({sizes[group]})" for group in GROUPS for m in METRICS]
    return ["| ranking | " + " | ".join(names) + " |", "|" + "---|" * (len(names) + 1)]


def languages_table(evaluations: dict) -> list[str]:
    from tests.search.relevance.evaluation import LANGUAGES, judged_queries

    counts = {lang: sum(1 for q in judged_queries() if q.language == lang) for lang in LANGUAGES}
    lines = [
        "",
        "| ranking | " + " | ".join(f"nDCG@10 {lang} ({counts[lang]})" for lang in LANGUAGES) + " |",
        "|" + "---|" * (len(LANGUAGES) + 1),
    ]
    for name, ev in evaluations.items():
        cells = [f"{ev.by_language[lang]['ndcg@10']:.3f}" for lang in LANGUAGES]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def measure(args) -> list[str]:
    from tests.search.relevance.evaluation import corpus_documents, evaluate, load_corpus

    ids = load_corpus()
    documents = corpus_documents(ids, version=10**9)
    stems = {pk: stem for stem, pk in ids.items()}
    lexical = lexical_rankings(args, ids, documents)
    evaluations = {f"lexical, {engine}": evaluate(ranking) for engine, ranking in lexical.items()}
    notes = []
    for model in args.models:
        for field_set in args.fields:
            vectors, seconds = chunk_vectors(model, documents, fields=FIELD_SETS[field_set])
            chunks = sum(len(v) for v in vectors)
            notes.append(f"- {model}, {field_set}: {len(documents)} practices, {chunks} chunks, {seconds:.1f} s CPU")
            for pooling in args.pooling:
                label = f"{model}, {field_set}, {pooling}"
                semantic = semantic_rankings(vectors, documents, stems, pooling=pooling)
                evaluations[f"semantic, {label}"] = evaluate(semantic)
                for engine, ranking in lexical.items():
                    for k, weight in FUSIONS:
                        fused = {qid: rrf([(ranking[qid], 1.0), (semantic[qid], weight)], k=k) for qid in ranking}
                        evaluations[f"RRF k={k} w={weight:g}, {engine} + {label}"] = evaluate(fused)
    lines = header() + [row(name, ev) for name, ev in evaluations.items()]
    semantic_only = {name: ev for name, ev in evaluations.items() if not name.startswith("RRF")}
    return lines + languages_table(semantic_only) + ["", *notes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9201"))
    parser.add_argument("--skip-elasticsearch", action="store_true")
    parser.add_argument("--models", nargs="+", default=["e5-small", "use-v3"])
    parser.add_argument("--fields", nargs="+", default=list(FIELD_SETS), choices=list(FIELD_SETS))
    parser.add_argument("--pooling", nargs="+", default=["mean", "max"], choices=["mean", "max"])
    args = parser.parse_args()
    setup_django()
    print("\n".join(in_test_database(lambda: measure(args))))


if __name__ == "__main__":
    main()
