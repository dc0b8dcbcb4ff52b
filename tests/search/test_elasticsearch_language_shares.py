"""Elasticsearch ranks its semantic hits by their cosine less their language's share of the query
(hybrid.language_shares) with the database engine's shares
(``DatabaseSearchBackend.language_shares_of``): that engine is written in the writing
transaction, so the shares follow every committed change at once, with no scan of the index
inside a search (docs/PERFORMANCE.md, "Sixteenth round"). An anonymous visitor's ranking right
after practices were narrowed to members: tests/security/test_outsider_sweep_25.py."""

import numpy as np
import pytest

from practices.indexing import COLLECTION as PRACTICES
from search import embedding
from search.backends import FALLBACK, engine, hybrid
from search.embedding import store
from tests.search.builders import document, make_practice, refresh

pytestmark = [pytest.mark.embeddings]

QUERY = "mentoring young people after prison"
TEXTS = [
    ("en", "Mentoring young people after prison", "Volunteers mentor young people after their release."),
    ("en", "Family support groups", "Parents of radicalised young people meet every month."),
    ("fr", "Parrainage à la sortie de prison", "Des bénévoles accompagnent les jeunes à leur sortie de prison."),
    ("fr", "Ateliers dans les écoles", "Des ateliers contre la haine en ligne dans les collèges."),
    ("fr", "Groupes de parents", "Les parents de jeunes radicalisés se réunissent chaque mois."),
    ("fr", "Sortie de détention", "Une équipe prépare la sortie de détention des mineurs."),
    ("de", "Mentoring nach der Haft", "Ehrenamtliche begleiten junge Menschen nach der Haftentlassung."),
]


@pytest.fixture
def indexed(es_backend, embeddings, other_organisation):
    """The practices in both engines, with their vectors."""
    made = [
        make_practice(title, organisation=other_organisation, language=language, description=text)
        for language, title, text in TEXTS
    ]
    documents = [document(practice) for practice in made]
    store.refresh(PRACTICES, documents)
    documents = store.attach(PRACTICES, documents)
    engine(FALLBACK).index(PRACTICES, documents)
    es_backend.index(PRACTICES, documents)
    refresh(es_backend)
    return made


def _knn_hits(ids: list[int], vector: np.ndarray) -> list[dict]:
    """The hits as Elasticsearch's kNN answers them: nearest first, scored (1 + cosine) / 2."""
    stored = store.document_vectors(PRACTICES.name, ids)
    cosines = {pk: float(stored[pk] @ vector) for pk in ids}
    nearest = sorted(ids, key=lambda pk: cosines[pk], reverse=True)
    return [{"_id": str(pk), "_score": (1 + cosines[pk]) / 2} for pk in nearest]


def test_elasticsearch_orders_its_semantic_hits_as_the_database_engine_does(es_backend, indexed):
    vector = embedding.embed_query(hybrid.semantic_text(QUERY))
    ids = [practice.pk for practice in indexed]
    hits = _knn_hits(ids, vector)
    view, of_row, shares = engine(FALLBACK).language_shares_of(PRACTICES)
    positions, _known = view.locate(np.array(ids, dtype=np.int64))
    stored = store.document_vectors(PRACTICES.name, ids)
    cosines = np.array([stored[pk] @ vector for pk in ids], dtype=np.float32)
    closeness = cosines - (shares @ vector)[of_row[positions]]
    expected = [ids[index] for index in np.argsort(-closeness, kind="stable")]

    ranked = [int(hit["_id"]) for hit in es_backend._without_language_share(PRACTICES, hits, vector)]

    assert ranked == expected
    assert len(shares) == 4  # en, fr, de and the zero row
    assert ranked != [int(hit["_id"]) for hit in hits]  # the shares move something here


def test_a_language_indexed_since_counts_at_the_next_search(es_backend, indexed, other_organisation):
    _view, _of_row, before = engine(FALLBACK).language_shares_of(PRACTICES)
    dutch = make_practice(
        "Mentoring na de gevangenis",
        organisation=other_organisation,
        language="nl",
        description="Vrijwilligers begeleiden jongeren na hun vrijlating.",
    )
    documents = [document(dutch)]
    store.refresh(PRACTICES, documents)
    engine(FALLBACK).index(PRACTICES, store.attach(PRACTICES, documents))

    view, of_row, after = engine(FALLBACK).language_shares_of(PRACTICES)

    assert len(after) == len(before) + 1
    position = view.locate(np.array([dutch.pk], dtype=np.int64))[0][0]
    assert np.any(after[of_row[position]] != 0)


def test_without_vectors_in_the_database_engine_the_cosines_order_stays(es_backend, embeddings, other_organisation):
    practice = make_practice("Only in Elasticsearch", organisation=other_organisation)
    other = make_practice("Also only there", organisation=other_organisation, language="fr")
    hits = [{"_id": str(practice.pk), "_score": 0.9}, {"_id": str(other.pk), "_score": 0.8}]

    ranked = es_backend._without_language_share(PRACTICES, hits, np.ones(384, dtype=np.float32) / np.sqrt(384))

    assert ranked == hits
