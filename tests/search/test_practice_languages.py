"""The practice languages added in session 21 (Portuguese, Greek, Hungarian, Romanian: portal
settings PRACTICE_LANGUAGES, search.analysis.STEMMERS), on every engine: a practice written in
one is found by another inflection of one of its words, that word marked in its snippet as
written, and not found by an unrelated word of the language (docs/SEARCH.md, "Which engine stems
which language"). Elasticsearch stems them since mapping version 8 (its analysis plugin registers
their analyzers); a language it does not stem yet (mapping.NOT_YET_STEMMED) whose inflection it
misses would be a strict xfail there (ES_MISSES)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from practices.indexing import COLLECTION as PRACTICES
from search.analysis import STEMMERS, guess_language
from search.backends.base import SearchQuery
from search.backends.elasticsearch.mapping import NOT_YET_STEMMED
from tests.search.builders import index, make_practice, make_published

URL = reverse("search:search")

MARK = re.compile(r"<mark>(.*?)</mark>")
ES_GAP = "Elasticsearch does not stem this language yet (mapping.NOT_YET_STEMMED: nodes load its analyzer on restart)"

# language: (title, description, an inflection of a description word, that word as written, unrelated)
PRACTICES_IN = {
    "pt": (
        "Mentoria para jovens em risco",
        "Os professores acompanham jovens nas escolas de Lisboa durante o ano lectivo.",
        "escola",
        "escolas",
        "futebol",
    ),
    "el": (
        "Πρόληψη του βίαιου εξτρεμισμού",
        "Οι εκπαιδευτικοί συζητούν με τους μαθητές για τη ριζοσπαστικοποίηση στα σχολεία της Αθήνας.",
        "σχολείο",
        "σχολεία",
        "ποδόσφαιρο",
    ),
    "hu": (
        "A radikalizálódás megelőzése",
        "A szociális munkások a fiatalokkal dolgoznak a budapesti lakótelepeken.",
        "fiatalok",
        "fiatalokkal",
        "labdarúgás",
    ),
    "ro": (
        "Prevenirea extremismului violent",
        "Asistenții sociali lucrează cu tinerii din cartierele Clujului.",
        "tinerilor",
        "tinerii",
        "fotbal",
    ),
}
# The languages whose inflections Elasticsearch misses: none since mapping version 8.
ES_MISSES: set[str] = set()


def search(engine, text: str, **filters):
    return engine.search(PRACTICES, SearchQuery(text=text, filters=filters))


@pytest.fixture(params=list(PRACTICES_IN))
def language(request) -> str:
    return request.param


@pytest.fixture
def practice(engine, language, home_organisation):
    """One practice written in ``language``, in the engine."""
    title, description, *_ = PRACTICES_IN[language]
    made = make_practice(title, organisation=home_organisation, description=description, language=language)
    index(engine, made)
    return made


def test_the_added_languages_are_practice_languages_and_stemmed():
    assert set(PRACTICES_IN) <= {code for code, _label in settings.PRACTICE_LANGUAGES}
    assert set(PRACTICES_IN) <= set(STEMMERS)
    assert not set(PRACTICES_IN) & set(NOT_YET_STEMMED)  # Elasticsearch stems them too (mapping version 8)


def test_a_practice_is_found_by_another_inflection_and_the_word_is_marked(request, engine, language, practice):
    if request.node.callspec.params["engine"] == "elasticsearch" and language in ES_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason=ES_GAP))
    _title, _description, inflection, as_written, _unrelated = PRACTICES_IN[language]
    results = search(engine, inflection)
    assert [hit.id for hit in results.hits] == [practice.pk], (inflection, results.suggestion)
    assert not results.partial and results.suggestion is None
    assert MARK.findall(results.hits[0].highlight) == [as_written], results.hits[0].highlight


def test_a_practice_is_found_by_its_word_as_written(engine, language, practice):
    *_, as_written, _unrelated = PRACTICES_IN[language]
    assert [hit.id for hit in search(engine, as_written).hits] == [practice.pk]


def test_an_unrelated_word_does_not_find_the_practice(engine, language, practice):
    *_, unrelated = PRACTICES_IN[language]
    assert [hit.id for hit in search(engine, unrelated).hits] == []


def test_the_language_filter_keeps_the_practice_and_the_others_do_not(engine, language, practice):
    *_, as_written, _unrelated = PRACTICES_IN[language]
    assert [hit.id for hit in search(engine, as_written, language=[language]).hits] == [practice.pk]
    assert search(engine, as_written, language=["en"]).hits == []


@pytest.mark.parametrize("language", list(PRACTICES_IN))
def test_the_language_of_a_text_is_recognised(language):
    title, description, *_ = PRACTICES_IN[language]
    assert guess_language(f"{title}. {description}") == language


LABELS = {"pt": "Portuguese", "el": "Greek", "hu": "Hungarian", "ro": "Romanian"}


@pytest.mark.parametrize("language", list(PRACTICES_IN))
def test_the_search_page_offers_the_language_and_filters_by_it(client, database_only, home_organisation, language):
    title, description, *_ = PRACTICES_IN[language]
    make_published(title, organisation=home_organisation, description=description, language=language)
    make_published("Mentoring in prisons", organisation=home_organisation, description="Probation officers.")
    everything = client.get(URL).content.decode()
    option = f'name="language" value="{language}">\n  <span>{LABELS[language]}</span> <span class="count">(1)</span>'
    assert option in everything, everything[everything.find('name="language"') - 80 :][:600]
    filtered = client.get(URL, {"language": language}).content.decode()
    assert escape(title) in filtered and "Mentoring in prisons" not in filtered
