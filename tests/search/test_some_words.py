"""No dead ends: when no practice has every word, the page and the API answer with the
practices matching most of them, and say so. On every engine, through the HTTP client."""

import pytest
from django.urls import reverse

from search.query import parse, some_words
from tests.search.builders import index, make_practice
from tests.search.page_engines import page_engine  # noqa: F401 (a fixture)

URL = reverse("search:search")
API = reverse("api:practice-list")
PARTIAL = "Showing practices that match some of your words"


@pytest.fixture
def corpus(page_engine, home_organisation, other_organisation):
    made = {
        "en": make_practice(
            "Mentoring after release",
            organisation=other_organisation,
            description="Mentors accompany young adults after their release from detention into work and housing.",
        ),
        "fr": make_practice(
            "Accompagnement des jeunes",
            organisation=other_organisation,
            language="fr",
            description="Des éducateurs accompagnent les jeunes à la sortie de détention vers la formation.",
        ),
        "de": make_practice(
            "Begleitung junger Erwachsener",
            organisation=other_organisation,
            language="de",
            description="Sozialarbeiter begleiten junge Erwachsene nach der Haft in Ausbildung und Wohnung.",
        ),
        "sortie": make_practice(
            "Sortie sortie sortie",
            organisation=other_organisation,
            language="fr",
            description="Une sortie au musée, une sortie au théâtre : la sortie culturelle du mercredi.",
        ),
        "members": make_practice(
            "Sortie de détention : accompagnement réservé",
            organisation=other_organisation,
            language="fr",
            visibility="members",
            description="Accompagnement à la sortie de détention, pour les membres.",
            themes=("formers",),
        ),
        "own": make_practice(
            "Accompagnement interne à la sortie de détention",
            organisation=home_organisation,
            language="fr",
            visibility="organisation",
            description="Accompagnement à la sortie de détention, interne à la commune.",
            themes=("family-support",),
        ),
    }
    index(page_engine, *made.values())
    return made


def found(page: str, corpus: dict, *keys: str) -> list[str]:
    """The corpus keys whose titles appear on ``page``, in the page's order."""
    present = [(page.find(corpus[key].title), key) for key in keys if corpus[key].title in page]
    return [key for _position, key in sorted(present)]


def test_a_french_query_no_practice_fully_matches_finds_those_matching_most_words_and_says_so(client, corpus):
    # no practice has "collège": the French write-up has three of the four words, the English
    # one "detention" (accents do not matter), "Sortie sortie sortie" one word however often
    response = client.get(URL, {"q": "accompagnement sortie détention collège"})
    page = response.content.decode()
    assert PARTIAL in page
    order = found(page, corpus, "fr", "sortie", "en", "de")
    assert order[0] == "fr" and set(order[1:]) == {"sortie", "en"}
    assert "<mark>" in page


def test_a_german_query_ranks_the_practice_with_more_of_its_words_first(client, corpus):
    page = client.get(URL, {"q": "Haft Ausbildung Schule"}).content.decode()
    assert PARTIAL in page
    assert found(page, corpus, "de", "en", "fr") == ["de"]


def test_a_query_every_word_of_which_matches_says_nothing_about_some_words(client, corpus):
    page = client.get(URL, {"q": "release detention"}).content.decode()
    assert PARTIAL not in page
    assert found(page, corpus, "en", "fr") == ["en"]


def test_stop_words_of_any_language_never_make_the_fallback_match(client, corpus):
    # "der", "und", "nach" are in the German write-up, "Rechtsextremismus" nowhere
    page = client.get(URL, {"q": "der und nach Rechtsextremismus"}).content.decode()
    assert PARTIAL not in page
    assert found(page, corpus, "de") == []


def test_an_excluded_word_still_excludes_in_the_fallback(client, corpus):
    page = client.get(URL, {"q": "sortie détention collège -musée"}).content.decode()
    assert PARTIAL in page
    assert found(page, corpus, "fr", "sortie") == ["fr"]


def test_a_phrase_counts_only_as_a_phrase(client, corpus):
    # "release from detention" is not a phrase of any text ("release ... detention" is); the
    # word "housing" is in the English one
    page = client.get(URL, {"q": '"detention release" housing collège'}).content.decode()
    assert PARTIAL in page
    assert found(page, corpus, "en") == ["en"]
    page = client.get(URL, {"q": '"detention release" collège'}).content.decode()
    assert found(page, corpus, "en", "fr") == []


def test_the_fallback_shows_anonymous_visitors_only_public_practices_counts_and_facets(client, corpus):
    page = client.get(URL, {"q": "accompagnement sortie détention collège"}).content.decode()
    assert found(page, corpus, "members", "own") == []
    assert "3 practices" in page
    assert 'value="formers"' not in page and 'value="family-support"' not in page


def test_the_fallback_shows_an_outsider_members_practices_but_not_another_organisations_own(outsider_client, corpus):
    page = outsider_client.get(URL, {"q": "accompagnement sortie détention collège"}).content.decode()
    assert found(page, corpus, "members", "fr", "sortie", "own")[:2] == ["members", "fr"]
    assert "own" not in found(page, corpus, "own")
    assert "4 practices" in page
    assert 'value="formers"' in page and 'value="family-support"' not in page


def test_the_api_says_the_results_match_some_words_and_counts_only_readable_ones(client, colleague_client, corpus):
    data = client.get(API, {"q": "accompagnement sortie détention collège"}).json()
    assert data["partial_match"] is True
    assert data["count"] == 3
    assert data["results"][0]["id"] == corpus["fr"].pk
    assert {hit["id"] for hit in data["results"]} == {corpus[key].pk for key in ("fr", "en", "sortie")}
    everything = colleague_client.get(API, {"q": "accompagnement sortie détention collège"}).json()
    assert corpus["own"].pk in [hit["id"] for hit in everything["results"]]
    assert client.get(API, {"q": "release detention"}).json()["partial_match"] is False


def test_the_schema_documents_the_partial_match_field(client, db):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    results = schema["components"]["schemas"]["PracticeSearchResults"]
    assert "partial_match" in results["properties"] and "partial_match" in results["required"]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Ausstieg nach der Haft", ["Ausstieg", "Haft"]),
        ("avhoppare och deras familjer", ["avhoppare", "familjer"]),
        ("young men in prison", ["young", "men", "prison"]),
        ('"family support" OR parents hotline -prison', ["family support|parents", "hotline"]),
        ("der und nach", []),
        ("mentoring", []),
    ],
)
def test_what_a_some_words_answer_counts(text, counted):
    parts = some_words(parse(text))
    assert ["|".join(" ".join(term.words) for term in part.positive_terms) for part in parts] == counted
    assert all(part.excluded == parse(text).excluded for part in parts)
