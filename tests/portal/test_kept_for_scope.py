"""What pages show of published content is kept per reader scope (portal/caching.py,
``kept_for_scope``): the search page, the API's search and the home page. Read first by a
member of the contributor's organisation, then by every other kind of reader: none ever gets
another scope's results, counts or facets, and a change of published content shows at once."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from practices import services
from practices.models import Practice
from search import generation
from search.backends import engine
from search.worker import drain
from tests.api.conftest import api_client_for
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

SEARCH = {"q": "mentoring"}


@pytest.fixture
def practices(contributor) -> dict[str, Practice]:
    """One practice per visibility, all found by SEARCH, each title unique."""
    return {
        visibility: make_practice(
            author=contributor, title=f"Mentoring {visibility} method", visibility=visibility, publish=True
        )
        for visibility in ("public", "members", "organisation")
    }


def _search_page(client) -> str:
    response = client.get(reverse("search:search"), SEARCH)
    assert response.status_code == 200
    return response.content.decode()


def _api_search(client) -> dict:
    response = client.get(reverse("api:practice-list"), SEARCH)
    assert response.status_code == 200
    return response.json()


def _titles(data: dict) -> set[str]:
    return {hit["title"] for hit in data["results"]}


def test_readers_of_other_scopes_never_get_the_members_kept_search_page(
    practices, colleague_client, outsider_client, former_member_client, applicant_client, client
):
    member_page = _search_page(colleague_client)
    assert "Mentoring organisation method" in member_page and "3 practices" in member_page
    assert "Mentoring organisation method" in _search_page(colleague_client)  # kept for the colleague's scope
    outsider_page = _search_page(outsider_client)  # another organisation's verified practitioner
    assert "Mentoring members method" in outsider_page
    assert "Mentoring organisation method" not in outsider_page and "2 practices" in outsider_page
    for reader in (former_member_client, applicant_client, client):
        page = _search_page(reader)
        assert "Mentoring public method" in page and "1 practice" in page
        assert "Mentoring members method" not in page and "Mentoring organisation method" not in page


def test_readers_of_other_scopes_never_get_the_members_kept_api_search(
    practices, contributor, outsider, former_member, client
):
    member = _api_search(api_client_for(contributor))
    assert member["count"] == 3 and _api_search(api_client_for(contributor)) == member
    outsider_data = _api_search(api_client_for(outsider))
    assert outsider_data["count"] == 2 and "Mentoring organisation method" not in _titles(outsider_data)
    assert outsider_data["facets"] != member["facets"]  # counted over what the outsider may read
    for reader in (api_client_for(former_member), client):
        data = _api_search(reader)
        assert _titles(data) == {"Mentoring public method"} and data["count"] == 1


def test_the_home_page_counts_what_each_scope_may_read(practices, colleague_client, outsider_client, client):
    assert "3 published practices" in colleague_client.get(reverse("home")).content.decode()
    assert "3 published practices" in colleague_client.get(reverse("home")).content.decode()  # kept
    outsider_home = outsider_client.get(reverse("home")).content.decode()
    assert "2 published practices" in outsider_home and "Mentoring organisation method" not in outsider_home
    anonymous_home = client.get(reverse("home")).content.decode()
    assert "One published practice" in anonymous_home and "Mentoring members method" not in anonymous_home


def test_a_member_sees_only_their_own_drafts_beside_the_kept_part(contributor, colleague_client, practices):
    make_practice(author=contributor, title="My unfinished draft")
    colleague_client.get(reverse("home"))
    assert "My unfinished draft" not in colleague_client.get(reverse("home")).content.decode()


def test_a_publication_a_withdrawal_and_a_restriction_show_on_the_next_search(
    practices, contributor, moderator, outsider_client
):
    assert "2 practices" in _search_page(outsider_client)
    make_practice(author=contributor, title="Mentoring newly published", publish=True)
    assert "Mentoring newly published" in _search_page(outsider_client)
    services.practice_withdraw(practice=practices["members"], actor=moderator, reason="Out of date")
    page = _search_page(outsider_client)
    assert "Mentoring members method" not in page and "2 practices" in page
    services.practice_set_visibility(practice=practices["public"], actor=contributor, visibility="organisation")
    page = _search_page(outsider_client)
    assert "Mentoring public method" not in page and "1 practice" in page


def test_a_moderators_page_with_its_export_links_is_never_kept(practices, moderator_client, outsider_client):
    assert "selection-export" in _search_page(moderator_client)
    assert "selection-export" not in _search_page(outsider_client)


def test_the_worker_and_a_rebuild_replace_the_token_of_results_from_an_engine_outside_the_database(practices):
    cache.delete(generation.ENGINES_KEY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generation, "applies_in_transaction", lambda backend: False)  # as for Elasticsearch
        first = generation.engines_token()
        assert first and generation.engines_token() == first  # a new token, then the same one
        make_practice(author=practices["public"].author, title="Mentoring next", publish=True)
        drain(engines={"database": engine("database")})
        drained = generation.engines_token()
        assert drained not in ("", first)
        call_command("search_reindex", "--engine", "database", "--no-progress", stdout=StringIO())
        assert generation.engines_token() not in ("", first, drained)  # a rebuild replaces it too
    assert generation.engines_token() == ""  # the database engine's results follow the content token
