"""Pages and API answers kept for anonymous readers that show Elasticsearch's results follow
the index, not only the database: a change committed before the outbox worker indexed it
does not leave a stale page behind once the worker has (search/generation.py, results_token)."""

import pytest
from django.urls import reverse

from search.backends import reset_engines
from search.worker import drain
from tests.practices.factories import make_practice
from tests.search.conftest import _elasticsearch_engine

pytestmark = pytest.mark.django_db

SEARCH = {"q": "mentoring"}


def _search_page(client) -> str:
    response = client.get(reverse("search:search"), SEARCH)
    assert response.status_code == 200
    return response.content.decode()


def test_an_anonymous_page_kept_before_elasticsearch_indexed_a_change_goes_when_it_has(
    request, settings, contributor, client
):
    """The content token changes when a publication commits; Elasticsearch holds it only once
    the outbox worker has run. A page kept in between is not served after the worker."""
    es = _elasticsearch_engine(request)
    settings.SEARCH_BACKENDS = {
        "elasticsearch": {"ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend", **es.options}
    }
    settings.SEARCH_BACKEND = "elasticsearch"
    reset_engines()
    try:
        make_practice(author=contributor, title="Mentoring first method", publish=True)
        drain(engines={"elasticsearch": es})
        api = reverse("api:practice-list")
        assert "Mentoring first method" in _search_page(client)
        make_practice(author=contributor, title="Mentoring second method", publish=True)
        assert "Mentoring second method" not in _search_page(client)  # committed, not yet indexed
        assert "Mentoring second method" not in str(client.get(api, SEARCH).json())
        drain(engines={"elasticsearch": es})
        assert "Mentoring second method" in _search_page(client)
        assert "Mentoring second method" in str(client.get(api, SEARCH).json())
    finally:
        reset_engines()
