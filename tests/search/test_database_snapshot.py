"""The database engine's in-memory documents and facets (search/backends/database/snapshot.py).

Each process keeps visibility and facets as bitsets and reloads them when a write, in any
process, changed the index generation. These tests use one engine object per "process"
(each has its own snapshot) over the same database, on SQLite or PostgreSQL.
"""

import random
import threading

import pytest
from django.db import connection, connections, transaction

from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import SearchQuery
from search.backends.database import DatabaseSearchBackend, sql
from search.query import any_of, parse
from tests.search.builders import document, make_practice, next_version

EVERYTHING = ReaderScope(members=True, everything=True)


def search(engine, text: str = "", scope: ReaderScope = EVERYTHING, **options):
    return engine.search(PRACTICES, SearchQuery(text=text, scope=scope, **options))


def titles(results) -> set[str]:
    return {hit.title for hit in results.hits}


@pytest.fixture
def reader():
    """The engine of a process that only reads."""
    return DatabaseSearchBackend()


@pytest.fixture
def writer():
    """The engine of another process, which writes."""
    return DatabaseSearchBackend()


def test_a_write_by_another_process_is_seen_by_the_next_search(reader, writer, home_organisation):
    first = make_practice("Exit mentoring", organisation=home_organisation, themes=("exit-strategies",))
    writer.index(PRACTICES, [document(first)])
    assert search(reader, "exit").total == 1  # the reader's snapshot now holds one document
    second = make_practice("Exit counselling", organisation=home_organisation, themes=("family-support",))
    writer.index(PRACTICES, [document(second)])
    results = search(reader, "exit")
    assert titles(results) == {"Exit mentoring", "Exit counselling"}
    assert results.facets["theme"] == {"exit-strategies": 1, "family-support": 1}
    writer.delete(PRACTICES, first.pk, next_version())
    results = search(reader, "exit")
    assert titles(results) == {"Exit counselling"}
    assert results.facets["theme"] == {"family-support": 1}


def test_a_practice_made_private_is_never_counted_for_an_outsider_again(
    reader, writer, home_organisation, outsider_scope, home_scope
):
    practice = make_practice(
        "Exit mentoring", organisation=home_organisation, themes=("exit-strategies",), audiences=("families",)
    )
    writer.index(PRACTICES, [document(practice)])
    assert search(reader, "exit", scope=outsider_scope).facets["theme"] == {"exit-strategies": 1}
    practice.visibility = "organisation"
    practice.save()
    writer.index(PRACTICES, [document(practice)])
    for text, filters in (
        ("exit", {}),
        ("", {}),
        ("", {"audience": ["families"]}),
        ("exit", {"theme": ["exit-strategies"]}),
    ):
        seen = search(reader, text, scope=outsider_scope, filters=filters)
        assert seen.total == 0 and seen.hits == []
        assert all(counts == {} for counts in seen.facets.values())
    assert search(reader, "exitt", scope=outsider_scope).suggestion is None
    assert titles(search(reader, "exit", scope=home_scope)) == {"Exit mentoring"}


def test_a_rolled_back_write_is_not_kept_in_memory(reader, home_organisation):
    kept = make_practice("Dialogue circles", organisation=home_organisation)
    reader.index(PRACTICES, [document(kept)])
    with pytest.raises(RuntimeError), transaction.atomic():
        gone = make_practice("Dialogue in prison", organisation=home_organisation, visibility="organisation")
        reader.index(PRACTICES, [document(gone)])
        assert search(reader, "dialogue").total == 2  # the writing transaction sees its own write
        raise RuntimeError("the publication failed")
    assert titles(search(reader, "dialogue")) == {"Dialogue circles"}
    other = make_practice("Dialogue workshops", organisation=home_organisation)
    reader.index(PRACTICES, [document(other)])
    assert titles(search(reader, "dialogue")) == {"Dialogue circles", "Dialogue workshops"}


def test_a_repeated_search_reads_only_the_generation_the_matches_and_the_snippets(
    reader, home_organisation, django_assert_num_queries
):
    reader.index(PRACTICES, [document(make_practice("Exit mentoring", organisation=home_organisation))])
    with django_assert_num_queries(5):  # generation, documents, facets (reloaded), matches, snippets
        search(reader, "exit")
    with django_assert_num_queries(3):
        search(reader, "exit")
    with django_assert_num_queries(2):  # no text: no match query
        search(reader, "")


def test_a_spelling_suggestion_never_comes_from_a_title_the_reader_may_not_see(
    reader, home_organisation, outsider_scope, home_scope
):
    reader.index(
        PRACTICES,
        [document(make_practice("Ravnstad mentoring", organisation=home_organisation, visibility="organisation"))],
    )
    assert search(reader, "ravnstda", scope=outsider_scope).suggestion is None
    assert search(reader, "ravnstda", scope=home_scope).suggestion == "ravnstad"


THEMES = ("exit-strategies", "family-support", "prison-probation", "formers")
AUDIENCES = ("families", "youth-pupils-students")


@pytest.fixture
def random_library(reader, home_organisation, other_organisation):
    """40 practices with random visibility, themes, audiences and languages; the last withdrawn."""
    rng = random.Random(4)
    practices = []
    for number in range(40):
        practice = make_practice(
            f"Exit practice {number}" if number % 3 else f"Dialogue practice {number}",
            organisation=rng.choice([home_organisation, other_organisation]),
            visibility=rng.choice(["public", "members", "organisation"]),
            themes=tuple(rng.sample(THEMES, rng.randint(0, 2))),
            audiences=tuple(rng.sample(AUDIENCES, rng.randint(0, 2))),
            language=rng.choice(["en", "fr"]),
            description=rng.choice(
                ["Mentors meet families.", "Dialogue with inmates.", "Exit work with families and schools."]
            ),
        )
        reader.index(PRACTICES, [document(practice)])
        practices.append(practice)
    reader.delete(PRACTICES, practices[-1].pk, next_version())
    return practices


def test_counts_and_pages_in_memory_equal_the_sql_ones_for_every_reader_and_filter(
    reader, random_library, home_scope, outsider_scope, anonymous_scope
):
    filters_tried = [
        {},
        {"theme": ["exit-strategies", "formers"]},
        {"theme": ["family-support"], "audience": ["families"]},
        {"language": ["fr"], "audience": ["unknown-code"]},
    ]
    for scope in (anonymous_scope, outsider_scope, home_scope, EVERYTHING):
        for text in ("", "exit", "-dialogue", "families"):
            for filters in filters_tried:
                for sort in ("relevance", "date"):
                    results = search(reader, text, scope=scope, filters=filters, sort=sort, per_page=7, page=2)
                    assert (results.total, results.facets) == _sql_counts(reader, text, scope, filters), (
                        text,
                        scope,
                        filters,
                    )
                    assert [(hit.id, hit.score) for hit in results.hits] == _sql_page(
                        reader, text, scope, filters, sort
                    )


def test_similar_practices_in_memory_equal_the_sql_ones_for_every_reader(
    reader, random_library, home_scope, outsider_scope, anonymous_scope
):
    for scope in (anonymous_scope, outsider_scope, home_scope, EVERYTHING):
        for practice in random_library:
            similar = reader.similar(PRACTICES, practice.pk, scope=scope, limit=6)
            assert [(hit.id, hit.score) for hit in similar] == _sql_similar(reader, practice.pk, scope, limit=6)


def _rows(statement) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement.text, statement.params)
        return cursor.fetchall()


def _sql_counts(engine, text, scope, filters):
    """The counts as the engine computed them in SQL before the in-memory snapshot (sql.counts)."""
    matched = engine._text(PRACTICES).matched(parse(text))
    facets: dict[str, dict[str, int]] = {facet: {} for facet in PRACTICES.facets}
    total = 0
    for facet, code, count in _rows(sql.counts(matched, scope, PRACTICES.clean_filters(filters))):
        if facet == "":
            total = count
        else:
            facets[facet][code] = count
    return total, {
        facet: dict(sorted(codes.items(), key=lambda item: (-item[1], item[0]))) for facet, codes in facets.items()
    }


def _sql_page(engine, text, scope, filters, sort):
    """The second page of 7 as sql.page selects it."""
    matched = engine._text(PRACTICES).matched(parse(text))
    rows = _rows(sql.page(matched, scope, PRACTICES.clean_filters(filters), sort=sort, limit=7, offset=7))
    return [(row[0], round(float(row[2]), 6)) for row in rows]


def _sql_similar(engine, document_id, scope, *, limit):
    """Similar practices as the engine computed them in SQL before the snapshot."""
    if not _rows(sql.is_visible(document_id, scope)):
        return []
    scores = {row[0]: float(row[1]) for row in _rows(sql.shared_taxonomy(document_id, scope, limit=50))}
    text = engine._text(PRACTICES)
    with connection.cursor() as cursor:
        matched = text.matched(any_of(text.source_text(cursor, document_id)))
    if matched is not None:
        rows = _rows(sql.best_matches(matched, scope, exclude_id=document_id, limit=50))
        top = max((float(row[1]) for row in rows), default=0.0) or 1.0
        for row in rows:
            scores[row[0]] = scores.get(row[0], 0.0) + 3.0 * float(row[1]) / top
    best = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[:limit]
    return [(candidate, round(score, 6)) for candidate, score in best]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_commit_on_another_connection_is_seen_by_the_next_search(reader, writer, home_organisation):
    """A real second connection (another thread): its commit changes what this one finds."""
    first = make_practice("Exit mentoring", organisation=home_organisation)
    writer.index(PRACTICES, [document(first)])
    assert search(reader, "exit").total == 1
    second = make_practice("Exit counselling", organisation=home_organisation)
    written = document(second)

    def write_elsewhere():
        try:
            DatabaseSearchBackend().index(PRACTICES, [written])
        finally:
            connections.close_all()

    thread = threading.Thread(target=write_elsewhere)
    thread.start()
    thread.join()
    assert titles(search(reader, "exit")) == {"Exit mentoring", "Exit counselling"}
