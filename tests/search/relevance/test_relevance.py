"""Search relevance per engine on the judged query set (see evaluation.py): nDCG@10 and MRR
may not drop below the floors kept in ``evaluation.FLOORS``."""

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from django.db import transaction

from practices.demo import SEED_DOCUMENT, collection_language
from practices.indexing import COLLECTION as PRACTICES
from search.embedding import store
from tests.search.builders import next_version, refresh, written
from tests.search.relevance.evaluation import (
    CROSS_LANGUAGES,
    FLOORS,
    GROUPS,
    HYBRID_FLOORS,
    METRICS,
    NEW_LANGUAGES,
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


def test_the_judged_set_has_40_same_language_queries_in_english_and_french():
    queries = judged_queries()
    same = [query for query in queries if query.group == "same-language"]
    languages = Counter(query.language for query in same)
    assert len(same) >= 40
    assert set(languages) == {"en", "fr"} and min(languages.values()) >= 20
    assert {query.group for query in queries} == set(GROUPS)
    assert len({query.id for query in queries}) == len(queries)
    kinds = {kind for query in queries for kind in query.kinds}
    assert {"cross-language", "phrase", "typo", "exclusion"} <= kinds
    for query in queries:
        assert ("exclusion" in query.kinds) == any(word.startswith("-") for word in query.text.split()), query.id
        assert ("phrase" in query.kinds) == ('"' in query.text), query.id


def test_every_query_is_judged_over_the_corpus_with_grades_one_to_three():
    stems = set(corpus_files())
    assert set(qrels()) == {query.id for query in judged_queries()}
    for query_id, grades in qrels().items():
        assert set(grades) <= stems, query_id
        assert set(grades.values()) <= {1, 2, 3}, query_id
        assert max(grades.values()) == 3, f"{query_id} has no practice that answers it"


def test_a_query_is_marked_cross_language_when_a_relevant_practice_is_in_another_language():
    files = corpus_files()
    for query in judged_queries():
        relevant = [stem for stem, grade in qrels()[query.id].items() if grade >= 2]
        other_language = any(_language(files[stem]) != query.language for stem in relevant)
        assert ("cross-language" in query.kinds) == other_language, query.id


def test_the_cross_language_set_has_30_queries_in_seven_languages_answered_in_others():
    files = corpus_files()
    cross = [query for query in judged_queries() if query.group == "cross-language"]
    assert len(cross) >= 30
    assert {query.language for query in cross} == set(CROSS_LANGUAGES)
    for query in cross:
        relevant = [stem for stem, grade in qrels()[query.id].items() if grade >= 2]
        elsewhere = [stem for stem in relevant if _language(files[stem]) != query.language]
        assert len(elsewhere) >= 2, f"{query.id}: {len(elsewhere)} relevant practice(s) in another language"
        assert len(elsewhere) > len(relevant) / 2, f"{query.id} is answered mostly in its own language"


def test_the_practitioners_set_has_30_queries_in_the_new_languages_and_the_old():
    """Queries as practitioners type them (acronyms, no accents, typos, quotes, exclusions), in
    each language of the practices added with them and in the earlier ones; each new practice
    answers (grade 2 or 3) at least one query written in another language."""
    files = corpus_files()
    typed = [query for query in judged_queries() if query.group == "practitioners"]
    assert len(typed) >= 30
    assert set(NEW_LANGUAGES) <= {query.language for query in typed}
    assert {"no", "en", "fr"} <= {query.language for query in typed}
    assert {"acronym", "unaccented", "typo", "phrase", "exclusion"} <= {kind for q in typed for kind in q.kinds}
    new_practices = [stem for stem, path in files.items() if _language(path) in NEW_LANGUAGES]
    assert {_language(files[stem]) for stem in new_practices} == set(NEW_LANGUAGES)
    for stem in new_practices:
        asked_elsewhere = [
            query.id
            for query in judged_queries()
            if qrels()[query.id].get(stem, 0) >= 2 and query.language != _language(files[stem])
        ]
        assert asked_elsewhere, f"{stem} answers no query written in another language"


def _keep_rankings(label: str, evaluation) -> None:
    """With RELEVANCE_RANKINGS=<directory>, each query's scores and first ten hits with their
    grades go to <directory>/<label>.json: the per-query evidence for a change of the engines."""
    directory = os.environ.get("RELEVANCE_RANKINGS")
    if not directory:
        return
    rows = {
        query.id: {
            "text": query.text,
            "language": query.language,
            "group": query.group,
            **evaluation.by_query[query.id],
            "hits": [[stem, qrels()[query.id].get(stem, 0)] for stem in evaluation.rankings[query.id][:10]],
        }
        for query in judged_queries()
    }
    Path(directory).mkdir(parents=True, exist_ok=True)
    (Path(directory) / f"{label}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))


def _language(path) -> str:
    return "fr" if path == SEED_DOCUMENT else collection_language(path)


def test_relevance_stays_above_its_floor(engine, corpus, request):
    name = request.node.callspec.params["engine"]
    engine.rebuild(PRACTICES, corpus_documents(corpus, version=next_version()))
    written()  # the corpus's outbox rows: the engine holds every document now
    refresh(engine)

    evaluation = evaluate(run_queries(engine, corpus))

    print(f"\n{report({name: evaluation})}")
    _keep_rankings(f"{name}-lexical", evaluation)
    same_language = evaluation.by_group["same-language"]
    for metric in METRICS:
        assert same_language[metric] >= FLOORS[name][metric], f"{name} {metric}: {same_language[metric]:.3f}"


@pytest.mark.embeddings
def test_hybrid_relevance_stays_above_its_floor(engine, corpus, embeddings, request):
    """Lexical and semantic rankings fused (SEARCH_EMBEDDINGS on): all queries, each group."""
    name = request.node.callspec.params["engine"]
    documents = corpus_documents(corpus, version=next_version())
    store.refresh(PRACTICES, documents)
    engine.rebuild(PRACTICES, store.attach(PRACTICES, documents))
    written()
    refresh(engine)

    evaluation = evaluate(run_queries(engine, corpus))

    print(f"\n{report({f'{name}, hybrid': evaluation})}")
    _keep_rankings(f"{name}-hybrid", evaluation)
    figures = {"all": evaluation.means, **evaluation.by_group}
    for part, floors in HYBRID_FLOORS[name].items():
        for metric, floor in floors.items():
            assert figures[part][metric] >= floor, f"{name} {part} {metric}: {figures[part][metric]:.3f}"
