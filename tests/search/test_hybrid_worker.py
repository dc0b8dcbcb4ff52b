"""Documents' vectors: computed when the outbox is drained and by ``search_reindex`` (never in
the writing transaction), re-embedded when the model version or the text changes, dropped
with the text they came from; a failing model delays the rows and search stays lexical."""

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.db import transaction

from practices.indexing import COLLECTION as PRACTICES
from practices.indexing import practice_changed
from practices.models import Practice
from search import embedding
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from search.embedding import store
from search.models import OutboxEntry, SearchEmbedding
from search.worker import drain
from tests.search.builders import make_practice, publish

pytestmark = [pytest.mark.embeddings, pytest.mark.usefixtures("database_only")]

DESCRIPTION = "Volunteers mentor young offenders after their release. They meet every week for a year."


@pytest.fixture
def published(home_organisation) -> Practice:
    draft = make_practice(
        "Mentoring after release",
        organisation=home_organisation,
        status=Practice.Status.DRAFT,
        description=DESCRIPTION,
    )
    return publish(draft)


def test_publishing_stores_no_vector_until_the_worker_drains_the_row(embeddings, published):
    assert not SearchEmbedding.objects.exists()  # nothing embedded in the request's transaction

    report = drain()

    assert report.processed == 1 and not report.failed
    row = SearchEmbedding.objects.get(collection="practices", document_id=published.pk)
    assert row.model_version == embedding.MODEL_VERSION
    assert row.sentences == [
        "Volunteers mentor young offenders after their release.",
        "They meet every week for a year.",
    ]
    vector = store.document_vector("practices", published.pk)
    assert vector is not None and vector.shape == (384,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 0.02
    said, vectors = store.sentence_vectors("practices", published.pk)
    assert said == row.sentences and vectors.shape == (2, 384)
    query = embedding.embed_query("meetings every week")
    assert store.best_sentence("practices", published.pk, query) == "They meet every week for a year."


def test_a_changed_text_drops_the_vector_in_its_transaction_and_the_worker_embeds_the_new_one(embeddings, published):
    drain()
    with transaction.atomic():
        published.description = "Un parrain accompagne chaque jeune à sa sortie de détention."
        published.save()
        practice_changed(published)
        assert not SearchEmbedding.objects.filter(document_id=published.pk).exists()

    drain()

    assert SearchEmbedding.objects.get(document_id=published.pk).sentences == [published.description]


def test_a_withdrawn_practice_loses_its_vector(embeddings, published):
    drain()
    with transaction.atomic():
        published.status = Practice.Status.WITHDRAWN
        published.save()
        practice_changed(published)

    drain()

    assert not SearchEmbedding.objects.exists()


def test_a_failing_model_delays_the_row_and_search_stays_lexical(embeddings, published, monkeypatch):
    def broken(pieces):
        raise RuntimeError("the model is gone")

    monkeypatch.setattr(embedding, "embed_chunks", broken)

    report = drain()

    assert report.failed == 1 and "the model is gone" in report.error
    entry = OutboxEntry.objects.get(document_id=published.pk)
    assert entry.processed_at is None and entry.attempts == 1 and entry.next_attempt_at is not None
    results = get_search_backend().search(PRACTICES, SearchQuery(text="mentoring"))
    assert [hit.id for hit in results.hits] == [published.pk]


def test_with_the_setting_off_the_worker_embeds_nothing(published, settings):
    settings.SEARCH_EMBEDDINGS = False

    assert drain().processed == 1

    assert not SearchEmbedding.objects.exists()


def test_search_reindex_embeds_exactly_the_missing_and_stale_vectors(embeddings, published, home_organisation):
    other = publish(make_practice("Family support", organisation=home_organisation, status=Practice.Status.DRAFT))
    drain()
    SearchEmbedding.objects.filter(document_id=other.pk).update(model_version="an-older-model")
    SearchEmbedding.objects.create(
        collection="practices", document_id=999_999, model_version="x", text_hash="x", vector=b"", scale=1.0
    )
    out = StringIO()

    call_command("search_reindex", "--no-progress", stdout=out)

    assert "practices: 1 embedded, 1 up to date, 1 removed" in out.getvalue()
    assert set(SearchEmbedding.objects.values_list("document_id", "model_version")) == {
        (published.pk, embedding.MODEL_VERSION),
        (other.pk, embedding.MODEL_VERSION),
    }


def test_the_search_page_shows_a_members_practice_found_by_its_meaning_to_members_only(
    embeddings, published, other_organisation, client, outsider
):
    canary = make_practice(
        "Canari réservé aux membres",
        organisation=other_organisation,
        status=Practice.Status.DRAFT,
        visibility="members",
        language="fr",
        description="Un parrain bénévole accompagne chaque jeune à sa sortie de détention.",
    )
    publish(canary)
    drain()
    embedding.load()  # the web process loads it at start (portal/wsgi.py)

    anonymous = client.get("/search/", {"q": "mentoring young offenders after their release"})
    client.force_login(outsider)
    member = client.get("/search/", {"q": "mentoring young offenders after their release"})

    assert "Mentoring after release" in anonymous.text and "Canari" not in anonymous.text
    assert "Mentoring after release" in member.text and "Canari réservé aux membres" in member.text


def test_a_hybrid_search_page_costs_one_query_more_than_a_lexical_one_and_only_when_the_index_changed(
    embeddings, published, client, django_assert_num_queries
):
    drain()
    embedding.load()
    # the page cache's token, the index generation, the snapshot reloaded (documents, facets and
    # the vectors: the one query more), matches, snippets, organisation types, the practices
    with django_assert_num_queries(9):
        client.get("/search/", {"q": "mentoring after release", "page": 1})
    # another query, nothing changed: the snapshot and its vectors are kept, and the facets' labels
    # (kept in the process under the content token: one query fewer)
    with django_assert_num_queries(5):
        client.get("/search/", {"q": "mentors for offenders", "page": 1})


def test_a_web_process_loads_the_model_when_it_starts_not_at_the_first_request(settings, monkeypatch):
    settings.PII_WARM_UP_AT_START = False  # the personal-data check's models: not this test's
    import portal.wsgi

    monkeypatch.setattr(embedding, "_loaded", None)
    settings.SEARCH_EMBEDDINGS = False
    portal.wsgi.warm_up_checks()
    assert not embedding.is_loaded()

    settings.SEARCH_EMBEDDINGS = True
    portal.wsgi.warm_up_checks()
    assert embedding.is_loaded()
