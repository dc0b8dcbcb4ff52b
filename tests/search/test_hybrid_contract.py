"""Hybrid search never leaks: on every engine (conftest.py), practices reachable only through
their meaning (written in other languages, sharing no word with the query) that the reader
may not see give no hit, no count and no facet count; the readers who may see them find
them, marked ``matched_by="semantic"`` (so the canaries are really reachable).

What the total and the facets mean in hybrid mode (search/backends/hybrid.py): the lexical
matches ∪ the semantic hits, all visible to the reader, under the facet filters.
"""

import pytest

from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import SearchQuery
from search.embedding import store
from tests.search.builders import document, make_practice, refresh

pytestmark = pytest.mark.embeddings

QUERY = "mentoring young offenders after their release"
EVERYTHING = ReaderScope(members=True, everything=True)


@pytest.fixture
def practices(engine, embeddings, home_organisation, other_organisation):
    """A public English practice the query matches by its words, and two canaries that only
    its meaning reaches: members-only (French) and own-organisation (German, home organisation)."""
    made = {
        "public": make_practice(
            "Mentoring young offenders after their release",
            organisation=other_organisation,
            description="Volunteers mentor young offenders after their release from custody.",
            themes=("exit-strategies",),
        ),
        "members": make_practice(
            "Canari réservé aux membres",
            organisation=other_organisation,
            visibility="members",
            language="fr",
            description="Un parrain bénévole accompagne chaque jeune à sa sortie de détention.",
            themes=("family-support",),
        ),
        "organisation": make_practice(
            "Kanarienvogel der eigenen Organisation",
            organisation=home_organisation,
            visibility="organisation",
            language="de",
            description="Ehrenamtliche Paten begleiten Jugendliche nach der Haftentlassung.",
            audiences=("youth-pupils-students",),
        ),
    }
    documents = [document(practice) for practice in made.values()]
    store.refresh(PRACTICES, documents)
    engine.index(PRACTICES, store.attach(PRACTICES, documents))
    refresh(engine)
    return {name: practice.pk for name, practice in made.items()}


def search(engine, scope: ReaderScope, **options):
    return engine.search(PRACTICES, SearchQuery(text=QUERY, scope=scope, **options))


def test_the_canaries_are_reached_only_by_their_meaning(engine, practices):
    found = {hit.id: hit.matched_by for hit in search(engine, EVERYTHING).hits}

    assert found[practices["public"]] in ("lexical", "both")
    assert found[practices["members"]] == "semantic"
    assert found[practices["organisation"]] == "semantic"


@pytest.mark.parametrize("reader", ["anonymous", "outsider"])
def test_no_hit_count_or_facet_of_a_canary_reaches_a_reader_who_may_not_see_it(
    engine, practices, reader, anonymous_scope, outsider_scope
):
    scope = anonymous_scope if reader == "anonymous" else outsider_scope
    results = search(engine, scope)

    hidden = {practices["organisation"]} | ({practices["members"]} if reader == "anonymous" else set())
    assert not hidden & {hit.id for hit in results.hits}
    visible = {practices["public"]} | ({practices["members"]} if reader == "outsider" else set())
    assert {hit.id for hit in results.hits} == visible
    assert results.total == len(visible)
    assert "youth-pupils-students" not in results.facets["audience"]  # the own-organisation canary's audience
    assert ("family-support" in results.facets["theme"]) == (reader == "outsider")


def test_the_organisation_sees_its_own_canary_and_the_counts_are_of_the_union(engine, practices, home_scope):
    results = search(engine, home_scope)

    assert {hit.id for hit in results.hits} == set(practices.values())
    assert results.total == 3
    assert results.facets["audience"] == {"youth-pupils-students": 1}
    assert results.facets["theme"] == {"exit-strategies": 1, "family-support": 1}


def test_facet_filters_apply_to_the_semantic_hits_and_leave_their_own_facet_open(engine, practices, home_scope):
    results = search(engine, home_scope, filters={"theme": ["family-support"]})

    assert [hit.id for hit in results.hits] == [practices["members"]]
    assert results.total == 1
    assert results.facets["theme"] == {"exit-strategies": 1, "family-support": 1}  # multi-select: its alternatives
    assert results.facets["audience"] == {}


def test_an_excluded_word_leaves_out_a_semantic_hit_too(engine, practices, home_scope):
    results = engine.search(PRACTICES, SearchQuery(text=f"{QUERY} -Haftentlassung", scope=home_scope))

    assert practices["organisation"] not in {hit.id for hit in results.hits}
    assert practices["members"] in {hit.id for hit in results.hits}


def test_with_the_setting_off_search_is_lexical_only(engine, practices, settings):
    settings.SEARCH_EMBEDDINGS = False

    results = search(engine, EVERYTHING)

    assert [hit.id for hit in results.hits] == [practices["public"]]
    assert results.hits[0].matched_by == "lexical"


def test_an_elasticsearch_index_built_before_the_vectors_answers_lexically_until_it_is_rebuilt(
    es_backend, embeddings, home_organisation
):
    from dataclasses import replace

    from search.backends.elasticsearch.backend import CollectionIndex

    canary = make_practice(
        "Canari", organisation=home_organisation, language="fr", description="Un parrain accompagne les jeunes."
    )
    documents = [document(canary)]
    store.refresh(PRACTICES, documents)
    documents = store.attach(PRACTICES, documents)
    older = replace(PRACTICES, embedded_fields=())  # the mapping of an index built before hybrid search
    es_backend._indexes[PRACTICES.name] = CollectionIndex(es_backend, older)
    es_backend.rebuild(PRACTICES, documents)
    es_backend.refresh()
    assert search(es_backend, EVERYTHING).hits == []  # no word in common, no vector field: lexical only

    es_backend._indexes.pop(PRACTICES.name)  # as search_reindex does: a new index with today's mapping
    es_backend.rebuild(PRACTICES, documents)
    es_backend.refresh()

    assert [(hit.id, hit.matched_by) for hit in search(es_backend, EVERYTHING).hits] == [(canary.pk, "semantic")]


def two_language_index(es_backend, organisation):
    """An English and a French practice on the same subject, embedded and indexed on the node."""
    english = make_practice(
        "Mentoring young offenders after their release",
        organisation=organisation,
        description="Volunteers mentor young offenders after their release from custody.",
        themes=("exit-strategies",),
    )
    french = make_practice(
        "Parrainage à la sortie",
        organisation=organisation,
        language="fr",
        description="Un parrain bénévole accompagne chaque jeune à sa sortie de détention.",
        themes=("family-support",),
    )
    documents = [document(english), document(french)]
    store.refresh(PRACTICES, documents)
    es_backend.rebuild(PRACTICES, store.attach(PRACTICES, documents))
    es_backend.refresh()
    return english, french


def test_an_elasticsearch_hybrid_search_is_a_spelling_look_up_then_both_sides_at_once_counting_the_union(
    es_backend, embeddings, home_organisation, monkeypatch
):
    import threading

    from elasticsearch import Elasticsearch

    english, french = two_language_index(es_backend, home_organisation)
    search(es_backend, EVERYTHING)  # the index's vector check, once per minute
    requests: list[tuple[str, str]] = []
    for name in ("search", "msearch", "count"):
        method = getattr(Elasticsearch, name)

        def recording(self, *args, _method=method, _name=name, **options):
            requests.append((_name, threading.current_thread().name))
            return _method(self, *args, **options)

        monkeypatch.setattr(Elasticsearch, name, recording)

    results = search(es_backend, EVERYTHING)

    # The spelling look-up, then the lexical side on the query pool's thread while this one
    # waits for the vector and sends the semantic side: no round trip after those.
    assert sorted(name for name, _thread in requests) == ["msearch", "msearch", "search"]
    assert len({thread for name, thread in requests if name == "msearch"}) == 2
    assert {hit.id: hit.matched_by for hit in results.hits} == {english.pk: "both", french.pk: "semantic"}
    titles = {hit.id: hit.title for hit in results.hits}
    assert titles == {english.pk: english.title, french.pk: french.title}
    snippets = {hit.id: hit.highlight for hit in results.hits}
    assert "<mark>" in snippets[english.pk] and "<mark>" not in snippets[french.pk]
    assert results.total == 2
    assert results.facets["theme"] == {"exit-strategies": 1, "family-support": 1}

    requests.clear()
    results = engine_search_text(es_backend, "mentoring young ofenders")  # a typo: matched fuzzily at once
    assert sorted(name for name, _thread in requests) == ["msearch", "msearch", "search"]
    assert english.pk in {hit.id for hit in results.hits}
    assert "<mark>" in {hit.id: hit.highlight for hit in results.hits}[english.pk]


def test_every_page_of_an_elasticsearch_hybrid_search_shows_titles_and_the_snippets_of_word_hits(
    es_backend, embeddings, home_organisation
):
    """Per page the lexical side brings its own ranks' titles and snippets, the semantic side
    those of the hits found by both; whatever a page still lacks is asked for: on no page is
    a hit without its title, or a hit found by its words without its marked words."""
    made = [
        make_practice(
            f"Mentoring programme {number}",
            organisation=home_organisation,
            description=f"Mentoring young offenders after release, site {number}.",
        )
        for number in range(5)
    ]
    made.append(
        make_practice(
            "Parrainage à la sortie",
            organisation=home_organisation,
            language="fr",
            description="Un parrain bénévole accompagne chaque jeune à sa sortie de détention.",
        )
    )
    documents = [document(practice) for practice in made]
    store.refresh(PRACTICES, documents)
    es_backend.rebuild(PRACTICES, store.attach(PRACTICES, documents))
    es_backend.refresh()
    titles = {practice.pk: practice.title for practice in made}

    seen = []
    for page in (1, 2, 3):
        results = search(es_backend, EVERYTHING, per_page=2, page=page)
        for hit in results.hits:
            assert hit.title == titles[hit.id]
            assert ("<mark>" in hit.highlight) == (hit.matched_by != "semantic"), hit
        seen += [hit.id for hit in results.hits]

    assert len(seen) == len(set(seen)) == results.total


def engine_search_text(engine, text: str):
    return engine.search(PRACTICES, SearchQuery(text=text, scope=EVERYTHING))


@pytest.mark.parametrize("late", ["vector", "lexical side"])
def test_an_elasticsearch_hybrid_page_is_the_same_whichever_side_comes_back_first(
    es_backend, embeddings, home_organisation, monkeypatch, late
):
    """When the lexical side is back before the vector, the semantic side leaves out the hits
    whose snippets it brought; the page, its snippets and counts do not depend on that."""
    import threading
    import time

    from search.backends.elasticsearch import ElasticsearchSearchBackend

    english, french = two_language_index(es_backend, home_organisation)
    expected = search(es_backend, EVERYTHING)

    searching = threading.current_thread()
    if late == "vector":
        vector = store.query_vector
        monkeypatch.setattr(store, "query_vector", lambda text: time.sleep(0.5) or vector(text))
    else:
        msearch = ElasticsearchSearchBackend._msearch

        def slow_beside(self, *args, **options):
            if threading.current_thread() is not searching:
                time.sleep(0.5)
            return msearch(self, *args, **options)

        monkeypatch.setattr(ElasticsearchSearchBackend, "_msearch", slow_beside)

    results = search(es_backend, EVERYTHING)

    assert results == expected
    assert {hit.id: hit.matched_by for hit in results.hits} == {english.pk: "both", french.pk: "semantic"}
    assert "<mark>" in {hit.id: hit.highlight for hit in results.hits}[english.pk]


def test_a_hit_found_through_a_compound_shows_it_marked_in_hybrid_mode(engine, embeddings, home_organisation):
    """The snippet of a hybrid page's hit found through its ``compounds`` field marks the compound
    where the description writes it, past its opening (search/compounds.py), as a lexical page does."""
    opening = " ".join(["Eltern"] * 40)
    practice = make_practice(
        "Beratung für Familien",
        organisation=home_organisation,
        language="de",
        description=f"{opening} Ausstiegsberatung bei Rechtsextremismus.",
    )
    documents = [document(practice)]
    store.refresh(PRACTICES, documents)
    engine.index(PRACTICES, store.attach(PRACTICES, documents))
    refresh(engine)
    [hit] = engine.search(PRACTICES, SearchQuery(text="Extremismus", scope=EVERYTHING)).hits
    assert hit.matched_by in ("lexical", "both")
    assert "<mark>Rechtsextremismus</mark>" in hit.highlight, hit.highlight
