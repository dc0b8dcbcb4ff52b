"""What real users and careless clients send to search, on the database engine: the search
page keeps and searches the words typed whatever else its query string holds, a letter typed
with a combining accent finds the precomposed one, and no page number reaches SQL out of range."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from network import services
from network.indexing import COLLECTION as POSTS
from practices.indexing import COLLECTION as PRACTICES
from search.backends import get_search_backend
from search.backends.base import PostQuery, SearchQuery
from search.query import parse
from search.worker import drain
from tests.network.conftest import first_post, network, thread  # noqa: F401 (fixtures)
from tests.search.builders import make_published

URL = reverse("search:search")

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


def _box(page: str) -> str:
    return page.split('id="search-q"', 1)[1].split("value=", 1)[1].split('"')[1]


@pytest.mark.parametrize(
    "extra",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"page": ["2", "abc"]},
        {"sort": "bogus"},
        {"sort": ""},
    ],
)
def test_an_invalid_page_or_sort_keeps_the_words_typed_searched_and_in_the_box(client, practices, extra):
    page = client.get(URL, {"q": "soutien", **extra}).content.decode()
    assert _box(page) == "soutien"
    assert "Family support line" in page and "Prison exit mentoring" not in page


@pytest.mark.parametrize("typed", ["soutien\x00", "\x00soutien\x07", "soutien\x1bparents"])
def test_a_nul_or_control_character_reads_as_a_space(client, practices, typed):
    page = client.get(URL, {"q": typed}).content.decode()
    assert _box(page) == typed.replace("\x1b", " ").strip("\x00\x07")
    assert "Family support line" in page and "Prison exit mentoring" not in page


def test_a_query_too_long_is_searched_by_its_first_words_and_kept_in_the_box_with_a_message(client, practices):
    typed = "soutien " + "x" * 10_000
    response = client.get(URL, {"q": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert _box(page) == typed
    assert "only the words of its first 200 characters were searched" in page
    assert "Family support line" in page and "Prison exit mentoring" not in page


def test_a_query_of_many_words_too_long_loses_only_its_last_words(client, practices):
    typed = "soutien " + "soutien " * 30
    page = client.get(URL, {"q": typed}).content.decode()
    assert "only the words of its first 200 characters were searched" in page
    assert "Family support line" in page


def test_a_query_within_the_limit_has_no_message(client, practices):
    page = client.get(URL, {"q": "soutien"}).content.decode()
    assert "were searched" not in page


def test_a_combining_accent_reads_as_the_precomposed_letter():
    assert parse("E\u0301ducation").clauses == parse("Éducation").clauses
    assert parse('"E\u0301ducation des"').clauses == parse('"Éducation des"').clauses


@pytest.mark.parametrize("typed", ["E\u0301ducation", '"E\u0301ducation des parents"', "éducation"])
def test_a_word_typed_with_a_combining_accent_finds_the_practice(client, practices, typed):
    page = client.get(URL, {"q": typed}).content.decode()
    assert "Family support line" in page and "Prison exit mentoring" not in page
    assert _box(page) == escape(typed)
    found = client.get(reverse("api:practice-list"), {"q": typed}).json()["results"]
    assert [each["title"] for each in found] == ["Family support line"]


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


# The API: a parameter it does not take is a 400 problem, odd words are only words --------------------

ODD_TEXTS = [
    '"',
    '"soutien',
    "soutien*",
    "-",
    "^soutien",
    "title:soutien",
    "NEAR(soutien parents)",
    "AND",
    "soutien OR",
    "NOT soutien",
    "(soutien",
    "?!.,;",
    "the of and",
    "😀 soutien",
    "مرحبا بالعالم",
    "家庭支援",
    "\u202e soutien",
    "' OR 1=1 --",
    "NOT",
    "NOT NOT soutien",
    'title:"soutien',
    "soutien^2~",
    "RAN:n",
    "Lehrer*innen",
    "éducateur·rice·s",
]

# the word "soutien" beside what FTS5 would read as syntax: still the word
FIND_THE_WORD = {
    '"soutien',
    "soutien*",
    "^soutien",
    "(soutien",
    "soutien OR",
    "😀 soutien",
    "\u202e soutien",
    "title:soutien",
    'title:"soutien',
    "soutien^2~",
}


@pytest.mark.parametrize(
    ("params", "unknown"),
    [
        ({"q": "soutien", "page": "2"}, ["page"]),
        ({"q": "soutien", "themes": "family-support"}, ["themes"]),
        ({"q": "soutien", "year": "2020", "per_page": "100"}, ["per_page", "year"]),
    ],
)
def test_the_practice_search_refuses_a_parameter_it_does_not_take(client, practices, params, unknown):
    response = client.get(reverse("api:practice-list"), params)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:pve-portal:problem:validation-error"
    assert [(error["field"], error["detail"]) for error in problem["errors"]] == [
        (name, "Unknown field.") for name in unknown
    ]


def test_the_practice_search_takes_the_format_override(client, practices):
    response = client.get(reverse("api:practice-list"), {"q": "soutien", "format": "json"})
    assert [each["title"] for each in response.json()["results"]] == ["Family support line"]


def test_the_post_search_refuses_a_parameter_it_does_not_take(contributor_client, network):
    response = contributor_client.get(reverse("api:post-search"), {"q": "notes", "page": "2"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["page"]


def test_odd_words_are_searched_as_words_through_the_api(client, contributor_client, practices, network, thread):
    services.post_create(thread=thread, actor=thread.author, body="Soutien aux parents, notes du mardi.")
    drain()
    for text in ODD_TEXTS:
        practices_found = client.get(reverse("api:practice-list"), {"q": text})
        posts_found = contributor_client.get(reverse("api:post-search"), {"q": text})
        assert practices_found.status_code == 200, text
        assert posts_found.status_code == (200 if len(text.strip()) >= 2 else 400), text
        if text in FIND_THE_WORD:
            assert [each["title"] for each in practices_found.json()["results"]] == ["Family support line"], text


def _network_box(page: str) -> str:
    return page.split('type="search" name="q"', 1)[1].split("value=", 1)[1].split('"')[1]


@pytest.mark.parametrize("extra", [{"sort": "bogus"}, {"q": "tromsø\x00"}, {"q": "tromsø " + "x" * 5_000}])
def test_the_network_search_keeps_the_words_typed_and_searches_them(
    contributor_client, contributor, network, thread, extra
):
    services.post_create(thread=thread, actor=contributor, body="The family moved to Tromsø in spring.")
    drain()
    params = {"q": "tromsø", **extra}
    for url in (reverse("network:search", args=[network.pk]), reverse("network:search_all")):
        response = contributor_client.get(url, params)
        page = response.content.decode()
        assert response.status_code == 200
        assert "<mark>Tromsø</mark>" in page
        assert _network_box(page) == escape(params["q"].replace("\x00", "").strip())
        too_long = len(params["q"]) > 200
        assert ("only the words of its first 200 characters were searched" in page) is too_long
