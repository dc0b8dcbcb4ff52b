"""What real users and careless clients send to search, on the database engine: no page number
reaches SQL out of range."""

import pytest
from django.urls import reverse

from network import services
from network.indexing import COLLECTION as POSTS
from practices.indexing import COLLECTION as PRACTICES
from search.backends import get_search_backend
from search.backends.base import PostQuery, SearchQuery
from search.worker import drain
from tests.network.conftest import first_post, network, thread  # noqa: F401 (fixtures)
from tests.search.builders import make_published

pytestmark = pytest.mark.usefixtures("database_only")


@pytest.fixture
def practices(home_organisation):
    return {
        "family": make_published(
            "Family support line",
            organisation=home_organisation,
            language="fr",
            description="Éducation des parents et soutien aux familles.",
        ),
        "prison": make_published("Prison exit mentoring", organisation=home_organisation),
    }


def test_the_database_engine_answers_any_page_number(practices, anonymous_scope):
    engine = get_search_backend()
    for sort in ("relevance", "date"):
        query = SearchQuery(text="mentoring", scope=anonymous_scope, page=10**25, sort=sort)
        results = engine.search(PRACTICES, query)
        assert results.total == 1 and results.hits == []
        assert engine.search(PRACTICES, SearchQuery(scope=anonymous_scope, page=10**25)).hits == []


def test_a_network_search_of_a_huge_page_number_shows_the_last_page(contributor_client, contributor, network, thread):
    services.post_create(thread=thread, actor=contributor, body="The family moved to Tromsø in spring.")
    drain()
    response = contributor_client.get(reverse("network:search", args=[network.pk]), {"q": "tromsø", "page": "9" * 25})
    assert response.status_code == 200
    assert "<mark>Tromsø</mark>" in response.content.decode()
    network_ids = frozenset({network.pk})
    found = get_search_backend().search(POSTS, PostQuery(text="tromsø", network_ids=network_ids, page=10**25))
    assert found.total == 1 and found.hits == []
