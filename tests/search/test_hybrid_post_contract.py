"""Hybrid search of network posts never leaks, on every engine (conftest.py): a post of a
network the reader may not read gives no hit and no count, whether its words or only its
meaning reach the query; the reader of that network finds it (so the canaries are really
reachable). A French query finds an English post by its meaning.

Post documents are shaped as network.indexing.post_document builds them; their vectors are
the real model's (search/embedding/store.py), stored and attached as the worker does.
"""

import pytest

from network.indexing import COLLECTION as POSTS
from search.backends.base import PostQuery
from search.embedding import store
from tests.search.builders import refresh
from tests.search.test_post_contract import OURS, THEIRS, post

pytestmark = pytest.mark.embeddings

QUERY = "accompagnement des jeunes à la sortie de prison"
ENGLISH, FRENCH, UNRELATED, THEIR_GERMAN, THEIR_FRENCH = 1, 2, 3, 4, 5


@pytest.fixture
def posts(engine, embeddings):
    documents = [
        post(
            ENGLISH,
            "Volunteers mentor young offenders after their release from prison.",
            created="2026-03-01T10:00:00+00:00",
        ),
        post(
            FRENCH,
            "Accompagnement des jeunes à la sortie de prison : un parrain les rencontre chaque semaine.",
            language="fr",
            created="2026-03-02T10:00:00+00:00",
        ),
        post(
            UNRELATED, "The budget of the regional office is approved on Tuesday.", created="2026-03-03T10:00:00+00:00"
        ),
        post(
            THEIR_GERMAN,
            "Ehrenamtliche Paten begleiten Jugendliche nach der Haftentlassung.",
            network_id=THEIRS,
            language="de",
        ),
        post(THEIR_FRENCH, "Accompagnement des jeunes à la sortie de prison.", network_id=THEIRS, language="fr"),
    ]
    store.refresh(POSTS, documents)
    engine.index(POSTS, store.attach(POSTS, documents))
    refresh(engine)
    return engine


def find(engine, text: str = QUERY, networks=(OURS,), **options):
    return engine.search(POSTS, PostQuery(text=text, network_ids=frozenset(networks), **options))


def found(results) -> dict[int, str]:
    return {hit.id: hit.matched_by for hit in results.hits}


def test_a_french_query_finds_the_english_post_by_its_meaning_and_fuses_both_rankings(posts):
    results = find(posts)

    assert found(results) == {FRENCH: "both", ENGLISH: "semantic"}
    assert results.total == 2
    assert [hit.id for hit in results.hits] == [FRENCH, ENGLISH]  # in both rankings: first
    assert results.hits[0].score > results.hits[1].score > 0
    assert "<mark>" in results.hits[0].highlight and results.hits[1].highlight == ""


def test_the_canaries_of_another_network_are_reached_by_its_readers_only(posts):
    theirs = find(posts, networks=(THEIRS,))
    assert found(theirs) == {THEIR_FRENCH: "both", THEIR_GERMAN: "semantic"} and theirs.total == 2

    ours = find(posts)
    assert not {THEIR_FRENCH, THEIR_GERMAN} & {hit.id for hit in ours.hits}
    assert {hit.network_id for hit in ours.hits} == {OURS}

    both = find(posts, networks=(OURS, THEIRS))
    assert set(found(both)) == {ENGLISH, FRENCH, THEIR_GERMAN, THEIR_FRENCH} and both.total == 4


def test_a_reader_of_no_network_gets_nothing_from_either_side(posts):
    nothing = find(posts, networks=())
    assert nothing.total == 0 and nothing.hits == []


def test_only_the_meaning_of_a_canary_reaches_the_query_and_still_nothing_of_it_leaks(posts):
    """A query whose words only the other network's German post holds the meaning of."""
    results = find(posts, "Paten für Jugendliche nach der Entlassung")

    assert THEIR_GERMAN not in {hit.id for hit in results.hits}
    assert results.total == len(results.hits)
    assert found(find(posts, "Paten für Jugendliche nach der Entlassung", networks=(THEIRS,)))[THEIR_GERMAN] in (
        "semantic",
        "both",
    )


def test_an_excluded_word_leaves_out_a_semantic_hit_too(posts):
    results = find(posts, f"{QUERY} -offenders")

    assert found(results) == {FRENCH: "both"} and results.total == 1


def test_a_removed_post_vanishes_from_both_sides(posts):
    posts.delete(POSTS, FRENCH, 10)
    posts.delete(POSTS, ENGLISH, 10)
    refresh(posts)

    results = find(posts)
    assert results.hits == [] and results.total == 0


def test_by_date_the_union_comes_newest_first(posts):
    results = find(posts, sort="date")

    assert [hit.id for hit in results.hits] == [FRENCH, ENGLISH]


def test_pages_of_the_fused_list(posts):
    first, second = find(posts, per_page=1), find(posts, per_page=1, page=2)

    assert [hit.id for hit in first.hits] == [FRENCH] and [hit.id for hit in second.hits] == [ENGLISH]
    assert first.total == second.total == 2


def test_with_the_setting_off_post_search_is_lexical_only(posts, settings):
    settings.SEARCH_EMBEDDINGS = False

    results = find(posts)

    assert found(results) == {FRENCH: "lexical"} and results.total == 1


def test_the_database_engine_masks_other_networks_before_ranking(posts):
    """The posts' vectors in memory: another network's post never takes a place among the nearest."""
    from django.db import connection

    from search import embedding

    if posts.name != "database":
        pytest.skip("the database engine's posts' vectors")
    with connection.cursor() as cursor:
        view = posts._post_vectors().current(cursor, POSTS.name, embedding.MODEL_VERSION)
    asked = store.query_vector(QUERY)

    assert {pk for pk, _closeness in view.nearest(asked, [OURS], limit=50)} == {ENGLISH, FRENCH}
    assert {pk for pk, _closeness in view.nearest(asked, [THEIRS], limit=1)} == {THEIR_FRENCH}
    assert view.nearest(asked, [], limit=50) == []


def test_an_elasticsearch_posts_index_built_before_the_vectors_answers_lexically_until_rebuilt(
    db, es_backend, embeddings, monkeypatch
):
    from dataclasses import replace

    from elasticsearch import Elasticsearch

    from search.backends.elasticsearch.backend import CollectionIndex

    documents = [post(ENGLISH, "Volunteers mentor young offenders after their release from prison.")]
    store.refresh(POSTS, documents)
    documents = store.attach(POSTS, documents)
    es_backend._indexes[POSTS.name] = CollectionIndex(es_backend, replace(POSTS, embedded_fields=()))
    es_backend.rebuild(POSTS, documents)
    es_backend.refresh()
    assert find(es_backend).hits == []  # no word in common, no vector field: lexical only

    es_backend._indexes.pop(POSTS.name)  # as search_reindex does: a new index with today's mapping
    es_backend.rebuild(POSTS, documents)
    es_backend.refresh()
    find(es_backend)  # the index's vector check, once a minute
    requests: list[str] = []
    for name in ("search", "msearch"):
        method = getattr(Elasticsearch, name)
        monkeypatch.setattr(
            Elasticsearch, name, lambda self, *a, _m=method, _n=name, **k: requests.append(_n) or _m(self, *a, **k)
        )

    assert found(find(es_backend)) == {ENGLISH: "semantic"}
    assert requests == ["msearch"]  # lexical window, kNN hits and the union's total in one round trip
