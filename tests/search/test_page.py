"""The search page, its autocomplete endpoint and the similar-practices include, through the client."""

import pytest
from django.urls import reverse

from practices.indexing import similar_practices
from practices.presentation import similar_part
from search.backends import reset_engines
from tests.search.builders import WITH_UNAVAILABLE_DEFAULT, make_published

URL = reverse("search:search")

pytestmark = pytest.mark.usefixtures("database_only")


@pytest.fixture
def practices(home_organisation, other_organisation):
    return {
        "public": make_published(
            "Exit mentoring in Ravnstad",
            organisation=home_organisation,
            description="Mentors meet young people & their families.",
            themes=("exit-strategies", "youth-engagement"),
            audiences=("youth-pupils-students",),
        ),
        "other": make_published(
            "Family counselling hotline",
            organisation=other_organisation,
            themes=("family-support",),
            audiences=("families",),
        ),
        "members": make_published(
            "Members-only exit mentoring",
            organisation=home_organisation,
            visibility="members",
            themes=("exit-strategies",),
        ),
        "organisation": make_published(
            "Ravnstad internal exit mentoring",
            organisation=home_organisation,
            visibility="organisation",
            themes=("formers",),
        ),
    }


def test_an_anonymous_visitor_finds_public_practices_with_highlights_and_facets(
    client, practices, django_assert_num_queries
):
    # session-less visitor: the page cache's content token, the search (index generation, documents
    # and facets reloaded since the index changed, matches, snippets), the practices, and the
    # theme/audience/type labels
    with django_assert_num_queries(10):
        client.get(URL, {"q": "mentoring"})
    # the same page again, nothing published since: the content token, then the kept page
    with django_assert_num_queries(1):
        response = client.get(URL, {"q": "mentoring"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Exit mentoring in Ravnstad" in page
    assert "<mark>Mentors</mark> meet young people &amp; their families." in page
    assert "Members-only" not in page and "internal" not in page
    assert 'name="theme" value="exit-strategies"' in page
    assert "Exit strategies" in page and "(1)" in page


def test_the_outsider_sees_members_practices_but_never_another_organisations_own(outsider_client, practices):
    page = outsider_client.get(URL, {"q": "mentoring"}).content.decode()
    assert "Members-only exit mentoring" in page
    assert "Ravnstad internal exit mentoring" not in page
    assert 'value="formers"' not in page


def test_a_colleague_sees_their_own_organisations_practice(colleague_client, practices):
    page = colleague_client.get(URL, {"q": "mentoring"}).content.decode()
    assert "Ravnstad internal exit mentoring" in page


def test_facet_checkboxes_filter_with_or_inside_and_and_across(client, practices):
    either = client.get(URL, {"theme": ["exit-strategies", "family-support"]}).content.decode()
    assert "Exit mentoring in Ravnstad" in either and "Family counselling hotline" in either
    both = client.get(URL, {"theme": ["exit-strategies", "family-support"], "audience": "families"}).content.decode()
    assert "Family counselling hotline" in both and "Exit mentoring in Ravnstad" not in both
    assert 'value="family-support" checked' in both


def test_sorting_by_date_and_pages(client, practices, settings):
    settings.PRACTICES_PER_PAGE = 1
    first = client.get(URL, {"sort": "date"}).content.decode()
    assert "Family counselling hotline" in first and "Page 1 of 2" in first
    second = client.get(URL, {"sort": "date", "page": 2}).content.decode()
    assert "Exit mentoring in Ravnstad" in second and 'rel="prev"' in second


def test_an_empty_result_suggests_a_spelling_and_links_removing_each_filter(client, practices):
    response = client.get(URL, {"q": "mentorng", "theme": "family-support"})
    page = response.content.decode()
    assert "No practice matches your search." in page
    assert 'class="suggestion">mentoring</a>' in page
    assert "Remove filter “Key themes: Family support”" in page
    removal = response.context["removals"][0].url
    assert "theme" not in removal and "q=mentorng" in removal


def test_a_misspelt_search_shows_the_respelling_s_results_and_says_so(client, practices):
    page = client.get(URL, {"q": "mentorng"}).content.decode()
    assert "Exit mentoring in Ravnstad" in page
    assert "Nothing matched your words as typed" in page and 'class="suggestion">mentoring</a>' in page


def test_a_bad_page_or_sort_falls_back_to_defaults(client, practices):
    page = client.get(URL, {"page": "x", "sort": "nonsense"}).content.decode()
    assert "Exit mentoring in Ravnstad" in page


def test_a_page_past_the_last_links_back_to_the_first(client, practices):
    page = client.get(URL, {"q": "mentoring", "page": 9}).content.decode()
    assert "past the last page" in page and 'href="?q=mentoring"' in page


def test_the_notice_shows_when_the_main_engine_is_down_and_results_come_from_the_database(client, practices, settings):
    settings.SEARCH_BACKENDS = WITH_UNAVAILABLE_DEFAULT
    settings.SEARCH_BACKEND = "elasticsearch"
    reset_engines()
    try:
        page = client.get(URL, {"q": "mentoring"}).content.decode()
    finally:
        reset_engines()
    assert "The main search engine is unavailable" in page
    assert "Exit mentoring in Ravnstad" in page


def test_autocomplete_only_suggests_titles_the_reader_may_see(client, outsider_client, colleague_client, practices):
    autocomplete = reverse("search:autocomplete")
    assert client.get(autocomplete, {"q": "exi"}).json() == {"suggestions": ["Exit mentoring in Ravnstad"]}
    assert set(outsider_client.get(autocomplete, {"q": "exi"}).json()["suggestions"]) == {
        "Exit mentoring in Ravnstad",
        "Members-only exit mentoring",
    }
    assert "Ravnstad internal exit mentoring" in colleague_client.get(autocomplete, {"q": "ravn"}).json()["suggestions"]
    assert client.get(autocomplete, {"q": "ravn"}).json() == {"suggestions": ["Exit mentoring in Ravnstad"]}


def test_similar_practices_list_only_what_the_reader_may_see(practices, outsider, colleague):
    source = practices["public"]
    assert [hit.title for hit in similar_practices(user=None, practice=source)] == ["Family counselling hotline"]
    seen_by_outsider = [hit.title for hit in similar_practices(user=outsider, practice=source)]
    assert seen_by_outsider == ["Members-only exit mentoring", "Family counselling hotline"]
    found = similar_practices(user=colleague, practice=source)
    html = similar_part(found)
    assert "Similar practices" in html and "Members-only exit mentoring" in html
    assert reverse("practices:detail", kwargs={"pk": practices["members"].pk}) in html


def test_the_page_uses_no_asset_from_another_host(client, practices):
    page = client.get(URL).content.decode()
    assert '/static/js/autocomplete.js"' in page
    for attribute in ('src="http', 'src="//', 'href="http', 'href="//'):
        assert attribute not in page
