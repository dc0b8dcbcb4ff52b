"""What only the Elasticsearch engine does, against a real node (the shared test node,
``ELASTICSEARCH_URL``): language analyzers, fuzzy matching, spelling suggestions,
more-like-this, completion, versioned writes, and the alias-swap rebuild.

The behaviour every engine shares is in test_contract.py.
"""

import socket
import threading
import time

import pytest

from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import SearchQuery, SearchUnavailable
from search.backends.elasticsearch import ElasticsearchSearchBackend
from tests.search.conftest_es import es_backend, es_prefix, es_url, search_document  # noqa: F401 (fixtures)

# Every read asks the outbox which documents wait for the worker (search.outbox.pending).
pytestmark = pytest.mark.django_db

ANONYMOUS = ReaderScope()
MEMBER = ReaderScope(members=True)
OWN_ORGANISATION = ReaderScope(members=True, organisation_id=7)
MODERATOR = ReaderScope(members=True, everything=True)


doc = search_document


def search(backend, text: str = "", scope: ReaderScope = MODERATOR, **options):
    return backend.search(PRACTICES, SearchQuery(text=text, scope=scope, **options))


def ids(results) -> set[int]:
    return {hit.id for hit in results.hits}


# Language analyzers


def analyze(backend, analyzer: str, text: str) -> list[str]:
    response = backend.client.indices.analyze(index=backend.alias, analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


def test_each_language_analyzer_reduces_inflections_to_one_stem(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Anything")])
    assert len(set(analyze(es_backend, "portal_fr", "familles famille"))) == 1
    assert len(set(analyze(es_backend, "portal_en", "families family"))) == 1
    assert len(set(analyze(es_backend, "portal_no", "barnene barn"))) == 1
    assert len(set(analyze(es_backend, "portal_de", "Häusern Haus"))) == 1
    assert analyze(es_backend, "portal_folding", "Éducation Réseau") == ["education", "reseau"]


@pytest.mark.parametrize(
    ("language", "indexed", "query"),
    [
        ("fr", "Soutien aux familles des jeunes", "famille"),
        ("fr", "Accompagnement des sortants de prison", "accompagner"),
        ("en", "Counselling for families", "family"),
        ("de", "Beratung in den Häusern der Jugend", "Haus"),
        ("no", "Samtaler med barnene i kommunen", "barn"),
    ],
)
def test_a_word_finds_its_inflections_in_french_english_german_and_norwegian(es_backend, language, indexed, query):
    es_backend.index(PRACTICES, [doc(1, indexed, language=language), doc(2, "Unrelated dialogue project")])
    assert ids(search(es_backend, query)) == {1}


@pytest.mark.parametrize(
    ("language", "body", "query"),
    [
        ("en", "Weekly calls with the families of young people.", "family"),
        ("es", "Apoyo psicológico a las familias de los jóvenes.", "familia"),
        ("nl", "Gesprekken met de ouders van jongeren.", "gesprek"),
        ("it", "Sostegno alle famiglie dei giovani.", "famiglia"),
    ],
)
def test_the_body_is_stemmed_in_the_practices_own_language(es_backend, language, body, query):
    es_backend.index(
        PRACTICES, [doc(1, "Practice", body=body, language=language), doc(2, "Other practice", body="Sports.")]
    )
    assert ids(search(es_backend, query)) == {1}


def test_accents_and_case_do_not_matter(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Réseau d'ÉCOUTE pour les familles")])
    assert ids(search(es_backend, "reseau ecoute")) == {1}


# Typos and spelling suggestions


def test_a_typo_still_finds_the_word_and_an_exact_match_ranks_first(es_backend):
    es_backend.index(
        PRACTICES,
        [
            doc(1, "Preventing radicalisation online"),
            doc(2, "Preventing radicalization online"),
            doc(3, "Youth work", body="Notes on radicalisaton, misspelt in the source."),
            doc(4, "Sports for young people"),
        ],
    )
    found = search(es_backend, "radicalisaton")
    assert ids(found) == {1, 2, 3}
    assert found.hits[0].id == 3  # the word as typed outranks its fuzzy neighbours


def test_a_known_word_is_matched_exactly_and_stemmed_not_fuzzily(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Mentoring families"), doc(2, "Relief after famines")])
    assert ids(search(es_backend, "families")) == {1}


def test_a_misspelt_query_gets_a_suggestion_and_a_correct_one_does_not(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Mentoring after radicalisation", "Weekly meetings with a mentor.")])
    assert search(es_backend, "radicalisaton").suggestion == "radicalisation"
    assert search(es_backend, "radicalisation mentoring").suggestion is None


def test_a_suggestion_never_spells_a_word_only_hidden_practices_hold(es_backend):
    es_backend.index(
        PRACTICES,
        [
            doc(1, "Public dialogue evenings"),
            doc(2, "Deradicalisation counselling", visibility="members"),
        ],
    )
    assert search(es_backend, "deradicalisaton", scope=ANONYMOUS).suggestion is None
    assert search(es_backend, "deradicalisaton", scope=ANONYMOUS).total == 0
    assert search(es_backend, "deradicalisaton", scope=MEMBER).suggestion == "deradicalisation"


def test_a_word_as_typed_found_only_outside_the_filters_is_not_respelt(es_backend):
    # The suggester only knows titles, descriptions and taxonomy, so a word it lacks may
    # still be in a body. Without filters the first pass counted the words as typed; with
    # filters (which narrow that count) the second pass counts them again without them.
    es_backend.index(
        PRACTICES,
        [
            doc(1, "Mentoring", body="Radicalisaton spelt this way in a report.", language="fr"),
            doc(2, "Preventing radicalisation", language="en"),
            doc(3, "Deradicalisation counselling", visibility="members"),
        ],
    )
    assert search(es_backend, "radicalisaton").suggestion is None
    assert search(es_backend, "radicalisaton", filters={"language": ["en"]}).suggestion is None
    english = {"language": ["en"]}
    assert search(es_backend, "deradicalisaton", scope=ANONYMOUS, filters=english).suggestion is None
    assert search(es_backend, "deradicalisaton", scope=MEMBER, filters=english).suggestion == "deradicalisation"


# Highlights


def test_highlights_come_from_the_stemmed_fields_too_and_are_escaped(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Famille", "Les <b>familles</b> & les jeunes", language="fr")])
    highlight = search(es_backend, "famille").hits[0].highlight
    assert "<mark>familles</mark>" in highlight
    assert "&lt;b&gt;" in highlight and "<b>" not in highlight


# More like this


@pytest.fixture
def neighbours(es_backend):
    text = "Mentoring young people who leave violent extremist groups, with weekly meetings and family support."
    es_backend.index(
        PRACTICES,
        [
            doc(1, "Exit mentoring for young people", text),
            doc(2, "Mentoring young people leaving extremist groups", text, visibility="members"),
            doc(3, "Exit mentoring in Ravnstad", text, visibility="organisation", organisation_id=7),
            doc(4, "Exit mentoring in Westerland", text, visibility="organisation", organisation_id=8),
            doc(5, "Mentoring young people in sports clubs", text),
            doc(6, "Cyber security for schools", "Firewalls and passwords."),
        ],
    )
    return es_backend


def test_similar_practices_never_include_the_practice_itself(neighbours):
    found = [hit.id for hit in neighbours.similar(PRACTICES, 1, scope=MODERATOR, limit=10)]
    assert 1 not in found
    assert set(found) == {2, 3, 4, 5}


@pytest.mark.parametrize(
    ("scope", "expected"),
    [(ANONYMOUS, {5}), (MEMBER, {2, 5}), (OWN_ORGANISATION, {2, 3, 5}), (MODERATOR, {2, 3, 4, 5})],
)
def test_similar_practices_are_only_those_the_reader_may_see(neighbours, scope, expected):
    assert {hit.id for hit in neighbours.similar(PRACTICES, 1, scope=scope, limit=10)} == expected


def test_no_similar_practices_for_a_practice_the_reader_may_not_see(neighbours):
    assert neighbours.similar(PRACTICES, 2, scope=ANONYMOUS) == []
    assert neighbours.similar(PRACTICES, 4, scope=OWN_ORGANISATION) == []
    assert neighbours.similar(PRACTICES, 999, scope=MODERATOR) == []


# Completion


@pytest.fixture
def titled(es_backend):
    es_backend.index(
        PRACTICES,
        [
            doc(1, "Exit public programme"),
            doc(2, "Exit members programme", visibility="members"),
            doc(3, "Exit Ravnstad programme", visibility="organisation", organisation_id=7),
            doc(4, "Exit Westerland programme", visibility="organisation", organisation_id=8),
            doc(5, "Exit withdrawn programme"),
        ],
    )
    es_backend.delete(PRACTICES, 5, 2)
    return es_backend


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (ANONYMOUS, {"Exit public programme"}),
        (MEMBER, {"Exit public programme", "Exit members programme"}),
        (OWN_ORGANISATION, {"Exit public programme", "Exit members programme", "Exit Ravnstad programme"}),
        (
            MODERATOR,
            {"Exit public programme", "Exit members programme", "Exit Ravnstad programme", "Exit Westerland programme"},
        ),
    ],
)
def test_completion_offers_only_titles_the_reader_may_see(titled, scope, expected):
    assert set(titled.autocomplete(PRACTICES, "exi", scope=scope, limit=10)) == expected
    assert set(titled.autocomplete(PRACTICES, "progr", scope=scope, limit=10)) == expected  # a later word of the title


def test_completion_folds_accents_and_honours_the_limit(es_backend):
    es_backend.index(PRACTICES, [doc(n, f"Éducation civique {n}") for n in range(1, 6)])
    assert len(es_backend.autocomplete(PRACTICES, "educ", scope=ANONYMOUS, limit=3)) == 3
    assert es_backend.autocomplete(PRACTICES, "   ", scope=ANONYMOUS) == []


# Versioned writes


def test_an_older_write_is_ignored_and_a_replayed_write_is_harmless(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Newest title", version=10)])
    es_backend.index(PRACTICES, [doc(1, "Older title", version=9)])
    es_backend.index(PRACTICES, [doc(1, "Newest title", version=10)])
    assert es_backend.document_ids(PRACTICES) == {1: 10}
    assert [hit.title for hit in search(es_backend, "title").hits] == ["Newest title"]


def test_a_replayed_older_write_never_brings_a_deleted_practice_back(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Withdrawn practice", version=10)])
    es_backend.delete(PRACTICES, 1, 11)
    # Elasticsearch forgets plain deletes after index.gc_deletes: the tombstone must not rely on it.
    es_backend.client.indices.put_settings(index=es_backend.alias, settings={"index": {"gc_deletes": "0s"}})
    time.sleep(0.2)
    es_backend.index(PRACTICES, [doc(1, "Withdrawn practice", version=10)])
    es_backend.delete(PRACTICES, 1, 11)
    assert es_backend.document_ids(PRACTICES) == {}
    assert search(es_backend, "withdrawn").total == 0
    es_backend.index(PRACTICES, [doc(1, "Published again", version=12)])
    assert es_backend.document_ids(PRACTICES) == {1: 12}


def test_a_rebuild_keeps_the_tombstones_of_deleted_practices(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Withdrawn practice", version=10), doc(2, "Kept practice", version=10)])
    es_backend.delete(PRACTICES, 1, 11)
    assert es_backend.rebuild(PRACTICES, [doc(2, "Kept practice", version=12)]) == 1
    es_backend.index(PRACTICES, [doc(1, "Withdrawn practice", version=10)])
    assert es_backend.document_ids(PRACTICES) == {2: 12}


# Rebuild: a new index, then an atomic alias swap


def test_a_rebuild_answers_searches_from_the_old_index_until_the_swap_and_leaves_one_index(es_backend):
    es_backend.index(PRACTICES, [doc(n, f"Old practice {n}", version=1) for n in range(1, 4)])
    _names, (old_index,) = es_backend.index_of(PRACTICES)._indices()
    seen_during = []

    def documents():
        for n in range(1, 201):
            if n in (1, 100, 200):
                seen_during.append(search(es_backend, "practice").total)
            yield doc(n, f"New practice {n}", version=2)

    assert es_backend.rebuild(PRACTICES, documents()) == 200
    assert seen_during == [3, 3, 3]
    assert search(es_backend, "practice").total == 200
    names, aliased = es_backend.index_of(PRACTICES)._indices()
    assert names == aliased and len(names) == 1 and names[0] != old_index
    assert not es_backend.client.indices.exists(index=old_index)


def test_writes_made_during_a_rebuild_survive_the_swap(es_backend):
    es_backend.index(PRACTICES, [doc(1, "First", version=1), doc(2, "Second", version=1)])

    def documents():
        yield doc(1, "First", version=5)
        es_backend.index(PRACTICES, [doc(1, "First, edited during the rebuild", version=6), doc(3, "Third", version=7)])
        es_backend.delete(PRACTICES, 2, 8)
        yield doc(2, "Second", version=5)

    es_backend.rebuild(PRACTICES, documents())
    assert es_backend.document_ids(PRACTICES) == {1: 6, 3: 7}
    assert [hit.title for hit in search(es_backend, "edited").hits] == ["First, edited during the rebuild"]


def test_a_rebuild_reads_its_documents_in_the_calling_thread_a_chunk_at_a_time(es_backend):
    """The documents come from the database: read anywhere but in the calling thread, they
    would open a connection (PostgreSQL) that nothing closes."""
    es_backend.bulk_size = 5  # chunks of 10: two bulk requests in flight
    readers, sent = set(), []

    def documents():
        for n in range(1, 26):
            readers.add(threading.get_ident())
            sent.append(n)
            yield doc(n, f"Chunked practice {n}", version=2)

    assert es_backend.rebuild(PRACTICES, documents()) == 25
    assert readers == {threading.get_ident()}
    assert sent == list(range(1, 26))
    assert es_backend.document_ids(PRACTICES) == dict.fromkeys(range(1, 26), 2)


def test_a_failed_rebuild_leaves_the_old_index_in_place(es_backend):
    es_backend.index(PRACTICES, [doc(1, "Kept", version=1)])
    before = es_backend.index_of(PRACTICES)._indices()

    def documents():
        yield doc(2, "Never", version=2)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        es_backend.rebuild(PRACTICES, documents())
    assert es_backend.index_of(PRACTICES)._indices() == before
    assert es_backend.document_ids(PRACTICES) == {1: 1}


def test_searching_before_anything_is_indexed_finds_nothing(es_backend):
    results = search(es_backend, "anything")
    assert results.total == 0 and results.hits == []
    assert es_backend.autocomplete(PRACTICES, "any", scope=ANONYMOUS) == []
    assert es_backend.similar(PRACTICES, 1, scope=MODERATOR) == []
    assert es_backend.document_ids(PRACTICES) == {}


# Failures become SearchUnavailable, fast


def _every_call(backend):
    return {
        "search": lambda: search(backend, "exit"),
        "similar": lambda: backend.similar(PRACTICES, 1, scope=ANONYMOUS),
        "autocomplete": lambda: backend.autocomplete(PRACTICES, "ex", scope=ANONYMOUS),
        "index": lambda: backend.index(PRACTICES, [doc(1, "Exit")]),
        "delete": lambda: backend.delete(PRACTICES, 1, 2),
        "rebuild": lambda: backend.rebuild(PRACTICES, [doc(1, "Exit")]),
        "document_ids": lambda: backend.document_ids(PRACTICES),
    }


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("call", ["search", "similar", "autocomplete", "index", "delete", "rebuild", "document_ids"])
def test_a_node_that_is_down_raises_search_unavailable_at_once(call):
    backend = ElasticsearchSearchBackend({"URL": f"http://127.0.0.1:{_closed_port()}", "INDEX": "nowhere"})
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        _every_call(backend)[call]()
    assert time.monotonic() - started < 10  # writes retry twice, reads never


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_search_that_times_out_raises_search_unavailable_within_the_search_timeout(silent_server):
    backend = ElasticsearchSearchBackend({"URL": silent_server, "INDEX": "silent", "SEARCH_TIMEOUT": 0.5})
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        search(backend, "exit")
    assert time.monotonic() - started < 2
