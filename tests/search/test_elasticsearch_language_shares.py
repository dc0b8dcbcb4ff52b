"""The semantic ranking's language shares on Elasticsearch (hybrid.language_shares) are measured
from every document's language, which only a scan of the index gives (about 0.2 s at 10,000
practices). A search pays for it only as the process's first; after that the shares are measured
again once a minute on a thread of their own while searches rank with those measured before
(docs/PERFORMANCE.md, "Sixteenth round")."""

import threading
import time

import pytest

from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import SearchQuery
from search.backends.elasticsearch import indices
from search.embedding import store
from tests.search.builders import document, make_practice, refresh

pytestmark = [pytest.mark.embeddings, pytest.mark.django_db(transaction=True)]

QUERY = "mentoring young people after prison"
EVERYTHING = ReaderScope(members=True, everything=True)


def _index(backend, practices) -> None:
    documents = [document(practice) for practice in practices]
    store.refresh(PRACTICES, documents)
    backend.index(PRACTICES, store.attach(PRACTICES, documents))
    refresh(backend)


@pytest.fixture
def corpus(es_backend, embeddings, other_organisation):
    made = [
        make_practice(
            "Mentoring young people after prison",
            organisation=other_organisation,
            description="Volunteers mentor young people in the months after their release from prison.",
        ),
        make_practice(
            "Parrainage de jeunes à la sortie de prison",
            organisation=other_organisation,
            language="fr",
            description="Des bénévoles accompagnent les jeunes pendant les mois qui suivent leur sortie de prison.",
        ),
        make_practice(
            "Family support groups",
            organisation=other_organisation,
            description="Parents of radicalised young people meet every month with a social worker.",
        ),
    ]
    _index(es_backend, made)
    return made


def _search(backend):
    return backend.search(PRACTICES, SearchQuery(text=QUERY, scope=EVERYTHING))


def _gated(index, monkeypatch):
    """The index's reading of its documents' languages held until ``opened`` is set; ``reads``
    counts the readings started."""
    opened, reads = threading.Event(), []
    read = index.document_languages

    def held():
        reads.append(threading.current_thread().name)
        assert opened.wait(30), "the languages' reading was never let through"
        return read()

    monkeypatch.setattr(index, "document_languages", held)
    return opened, reads


def _age(index) -> None:
    """The languages read a minute and more ago."""
    when, languages = index._languages_read
    index._languages_read = (when - indices.VECTOR_CHECK_SECONDS - 1, languages)


def _measuring_done(backend, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while backend._measuring and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not backend._measuring, "the shares were not measured again in time"


def test_a_search_a_minute_later_does_not_wait_for_the_languages(es_backend, corpus, monkeypatch):
    assert {hit.id for hit in _search(es_backend).hits} >= {corpus[0].pk, corpus[1].pk}
    index = es_backend.index_of(PRACTICES)
    _age(index)
    opened, reads = _gated(index, monkeypatch)
    answered: list = []
    searching = threading.Thread(target=lambda: answered.append(_search(es_backend)))

    searching.start()
    searching.join(20)
    finished_while_held = not searching.is_alive()
    opened.set()
    searching.join(30)
    _measuring_done(es_backend)

    assert finished_while_held, "the search waited for every document's language to be read"
    assert {hit.id for hit in answered[0].hits} >= {corpus[0].pk, corpus[1].pk}
    assert len(reads) == 1 and reads[0] != "MainThread" and not reads[0].startswith("Thread-")


def test_the_shares_measured_again_count_a_language_indexed_since(es_backend, corpus, other_organisation):
    _search(es_backend)
    rows, _shares = es_backend._language_shares(PRACTICES)
    german = make_practice(
        "Mentoring für junge Menschen nach der Haft",
        organisation=other_organisation,
        language="de",
        description="Ehrenamtliche begleiten junge Menschen in den Monaten nach ihrer Haftentlassung.",
    )
    _index(es_backend, [german])
    assert german.pk not in es_backend._language_shares(PRACTICES)[0], "measured again within the minute"

    _age(es_backend.index_of(PRACTICES))
    es_backend._language_shares(PRACTICES)  # starts the measuring and answers with the shares before
    _measuring_done(es_backend)
    rows_after, shares_after = es_backend._language_shares(PRACTICES)

    assert german.pk in rows_after
    assert len(shares_after) == len(_shares) + 1  # one row more: German
    assert set(rows) < set(rows_after)


def test_a_first_search_measures_the_shares_in_the_request(es_backend, corpus):
    assert not es_backend._shares

    _search(es_backend)

    assert PRACTICES.name in es_backend._shares
    assert not es_backend._measuring
