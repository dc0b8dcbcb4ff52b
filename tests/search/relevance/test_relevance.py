"""Search relevance per engine on the judged query set (see evaluation.py): nDCG@10 and MRR
may not drop below the floors kept in ``evaluation.FLOORS``."""

from collections import Counter

import pytest
from django.db import transaction

from tests.search.builders import next_version, refresh
from tests.search.relevance.evaluation import (
    FLOORS,
    LANGUAGES,
    METRICS,
    corpus_documents,
    corpus_files,
    evaluate,
    judged_queries,
    load_corpus,
    qrels,
    report,
    run_queries,
)


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus imported once for the module, in a transaction rolled back at its end
    (each test's own transaction is a savepoint inside it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ids = load_corpus()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield ids
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_the_judged_set_has_40_queries_in_english_and_french():
    queries = judged_queries()
    languages = Counter(query.language for query in queries)
    assert len(queries) >= 40
    assert set(languages) == set(LANGUAGES) and min(languages.values()) >= 20
    assert len({query.id for query in queries}) == len(queries)
    kinds = {kind for query in queries for kind in query.kinds}
    assert {"cross-language", "phrase", "typo", "exclusion"} <= kinds
    assert any("-" in query.text.split()[-1][:1] for query in queries)


def test_every_query_is_judged_over_the_corpus_with_grades_one_to_three():
    stems = set(corpus_files())
    assert set(qrels()) == {query.id for query in judged_queries()}
    for query_id, grades in qrels().items():
        assert set(grades) <= stems, query_id
        assert set(grades.values()) <= {1, 2, 3}, query_id
        assert max(grades.values()) == 3, f"{query_id} has no practice that answers it"


def test_relevance_stays_above_its_floor(engine, corpus, request):
    name = request.node.callspec.params["engine"]
    engine.rebuild(corpus_documents(corpus, version=next_version()))
    refresh(engine)

    evaluation = evaluate(run_queries(engine, corpus))

    print(f"\n{report({name: evaluation})}")
    for metric in METRICS:
        assert evaluation.means[metric] >= FLOORS[name][metric], f"{name} {metric}: {evaluation.means[metric]:.3f}"
