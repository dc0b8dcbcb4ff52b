"""The practice search's page is read as values (api/selectors.py), not through the summary
serializer: it must answer exactly what that serializer (the schema's declaration) gives for
the same practices, for every reader, in every language, and show a taxonomy's current labels."""

import pytest
from django.urls import reverse
from django.utils import translation

from api.serializers import PracticeSummarySerializer
from practices.models import KeyTheme, Practice
from tests.api.conftest import api_client_for
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

LISTED_BY_SERIALIZER = list(PracticeSummarySerializer.Meta.fields)


@pytest.fixture
def various(contributor, outsider) -> None:
    """Practices that differ in every listed field: visibility, themes, years, evaluation, organisation."""
    make_practice(author=contributor, title="Mentoring in prisons", publish=True, start_year=2015, end_year=2020)
    evaluated = make_practice(
        author=contributor,
        title="Mentoring for members",
        publish=True,
        visibility="members",
        themes=("social-cohesion-polarisation", "exit-strategies", "family-support"),
        audiences=(),
        peer_reviewed="yes",
        language="fr",
    )
    Practice.objects.filter(pk=evaluated.pk).update(evidence_level="outcome_evaluation")  # a moderator's
    make_practice(author=contributor, title="Mentoring at home", publish=True, visibility="organisation", themes=())
    make_practice(author=outsider, title="Mentoring abroad", publish=True, start_year=2001)
    make_practice(author=contributor, title="Mentoring draft")  # never listed


def _serialized(ids: list[int], language: str) -> list[dict]:
    practices = Practice.objects.select_related("organisation__type").prefetch_related("key_themes", "target_audiences")
    found = practices.in_bulk(ids)
    with translation.override(language):
        return [dict(PracticeSummarySerializer(found[pk]).data) for pk in ids]


READS = {
    "anonymous": {"Mentoring in prisons", "Mentoring abroad"},
    "outsider": {"Mentoring in prisons", "Mentoring for members", "Mentoring abroad"},
    "colleague": {"Mentoring in prisons", "Mentoring for members", "Mentoring at home", "Mentoring abroad"},
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    ("reader", "titles"),
    READS.items(),
)
def test_each_reader_gets_what_the_summary_serializer_gives(request, various, reader, titles, language):
    client = api_client_for(None if reader == "anonymous" else request.getfixturevalue(reader))
    response = client.get(reverse("api:practice-list"), {"q": "mentoring"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    results = response.json()["results"]
    assert {result["title"] for result in results} == titles
    assert all(list(result) == [*LISTED_BY_SERIALIZER, "highlight", "score"] for result in results)
    listed = [{name: result[name] for name in LISTED_BY_SERIALIZER} for result in results]
    assert listed == _serialized([result["id"] for result in results], language)


def test_a_renamed_theme_shows_in_the_next_answer(client, contributor, settings):
    settings.PAGE_CACHE_SECONDS = settings.SCOPE_CACHE_SECONDS = 0
    make_practice(author=contributor, title="Mentoring in prisons", publish=True)
    url = reverse("api:practice-list")
    assert client.get(url).status_code == 200  # what a process may have kept of the terms
    KeyTheme.objects.filter(code="exit-strategies").update(label_en="Leaving extremism")
    data = client.get(url).json()
    assert {"code": "exit-strategies", "label": "Leaving extremism"} in data["results"][0]["key_themes"]
    facet = {each["code"]: each["label"] for each in data["facets"]["theme"]}
    assert facet["exit-strategies"] == "Leaving extremism"


@pytest.mark.parametrize("prepared", [True, False], ids=["compiled once", "longer than the prepared lists"])
def test_readers_in_turn_on_one_connection_each_get_their_own_page(
    request, various, former_member, prepared, monkeypatch, settings
):
    """The page's SQL is compiled once per connection and reader rule (api/selectors.py): each reader
    in turn gets their own rule's practices, and a former member no more than a visitor."""
    settings.PAGE_CACHE_SECONDS = settings.SCOPE_CACHE_SECONDS = 0  # every answer computed
    if not prepared:
        monkeypatch.setattr("portal.prepared.IDS_PREPARED", 1)
    turns = ["colleague", "anonymous", "outsider", "colleague", "former_member", "anonymous"]
    for reader in turns:
        client = api_client_for(None if reader == "anonymous" else request.getfixturevalue(reader))
        results = client.get(reverse("api:practice-list"), {"q": "mentoring", "sort": "date"}).json()["results"]
        assert {result["title"] for result in results} == READS.get(reader, READS["anonymous"]), reader


def test_countries_and_languages_are_labelled_in_each_reader_s_language_in_turn(client, contributor, settings):
    settings.PAGE_CACHE_SECONDS = settings.SCOPE_CACHE_SECONDS = 0
    make_practice(author=contributor, title="Mentoring in prisons", publish=True, country="NO", language="fr")
    url = reverse("api:practice-list")
    for language, country, written_in in [
        ("en", "Norway", "French"),
        ("fr", "Norvège", "Français"),
        ("en", "Norway", "French"),
    ]:
        facets = client.get(url, HTTP_ACCEPT_LANGUAGE=language).json()["facets"]
        assert [each["label"] for each in facets["country"]] == [country]
        assert [each["label"] for each in facets["language"]] == [written_in]
