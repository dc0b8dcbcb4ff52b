"""Greek accents, typographic elisions and network posts' titles, alike on every engine (the
database engine on SQLite and PostgreSQL, and Elasticsearch): docs/SEARCH.md, "Languages: what is
found". Elasticsearch met none of them before its mapping version 6: a Greek word typed without
its accents found nothing in a Greek practice's body and only the respelling in its title,
"l’engagement" in an English or Catalan text was one word (found by "engagement" nowhere), and a
post's title was stemmed in English, French, Norwegian and German only."""

import re

import pytest

from network.indexing import COLLECTION as POSTS
from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import PostQuery, SearchQuery
from tests.search.builders import index, make_practice, refresh

EVERYTHING = ReaderScope(members=True, everything=True)
MARK = re.compile(r"<mark>(.*?)</mark>")
GREEK_TITLE = "Πρόληψη της ριζοσπαστικοποίησης των νέων"
GREEK_BODY = "Οι εκπαιδευτικοί στη Θεσσαλονίκη συζητούν για τον εξτρεμισμό."


def search(engine, text: str):
    return engine.search(PRACTICES, SearchQuery(text=text, scope=EVERYTHING))


def found_exactly(results) -> set[str]:
    """The titles found by every word as typed (no respelling, no "some of your words")."""
    assert results.suggestion is None and not results.partial, (results.suggestion, results.partial)
    return {hit.title for hit in results.hits}


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("title", "ριζοσπαστικοποιησης"),  # no accent typed, the text has one
        ("title", "ΡΙΖΟΣΠΑΣΤΙΚΟΠΟΙΗΣΗΣ"),  # capitals: final sigma
        ("title", "νεων"),
        ("description", "Θεσσαλονικη"),
        ("description", "εκπαιδευτικοι"),
        ("body", "εξτρεμισμο"),
        ("body", "ΕΞΤΡΕΜΙΣΜΟ"),
    ],
)
def test_a_greek_word_is_found_with_or_without_its_accents(engine, home_organisation, field, typed):
    text = {"title": GREEK_TITLE, "description": GREEK_BODY, "body": GREEK_BODY}[field]
    fields = {"description": "Περιγραφή."} | ({"title": text} if field == "title" else {field: text})
    title = fields.pop("title", "Πρόγραμμα")
    if field == "body":
        fields["deliverables"] = fields.pop("body")
    practice = make_practice(title, organisation=home_organisation, language="el", **fields)
    index(engine, practice, make_practice("Football club", organisation=home_organisation, description="Sport."))
    assert found_exactly(search(engine, typed)) == {title}


def test_a_greek_word_typed_with_its_accents_finds_the_text_written_without(engine, home_organisation):
    practice = make_practice("ΠΡΟΛΗΨΗ ΡΙΖΟΣΠΑΣΤΙΚΟΠΟΙΗΣΗΣ", organisation=home_organisation, language="el")
    index(engine, practice)
    assert found_exactly(search(engine, "ριζοσπαστικοποίησης")) == {"ΠΡΟΛΗΨΗ ΡΙΖΟΣΠΑΣΤΙΚΟΠΟΙΗΣΗΣ"}


@pytest.mark.parametrize("apostrophe", ["'", "’"])
@pytest.mark.parametrize(
    ("language", "text", "typed", "marked"),
    [
        ("fr", "Favoriser l{a}engagement d{a}un jeune dans son quartier.", "engagement", ["engagement"]),
        ("en", "A workshop on l{a}engagement civique in Lyon.", "engagement", ["engagement"]),
        ("it", "Prevenzione dell{a}estremismo nelle scuole.", "estremismo", ["estremismo"]),
        ("ca", "Prevenció de l{a}extremisme a l{a}escola.", "extremisme", ["extremisme"]),
        ("ca", "Prevenció de l{a}extremisme a l{a}escola.", "l’escola", ["escola"]),
        ("ca", "Prevenció de l{a}extremisme a l{a}escola.", "l'escola", ["escola"]),
    ],
)
def test_an_elided_word_is_found_and_marked_whatever_the_apostrophe(
    engine, home_organisation, apostrophe, language, text, typed, marked
):
    description = text.format(a=apostrophe)
    practice = make_practice("Elided", organisation=home_organisation, language=language, description=description)
    index(engine, practice, make_practice("Football club", organisation=home_organisation, description="Sport."))
    results = search(engine, typed)
    assert found_exactly(results) == {"Elided"}
    assert MARK.findall(results.hits[0].highlight) == marked, results.hits[0].highlight


def post(post_id: int, title: str, language: str) -> dict:
    return {
        "id": post_id,
        "version": 1,
        "network_id": 101,
        "thread_id": 1010 + post_id,
        "title": title,
        "text": "Notes of the meeting.",
        "language": language,
        "created_at": f"2026-03-{post_id:02d}T10:00:00+00:00",
    }


@pytest.mark.parametrize(
    ("language", "title", "typed"),
    [
        ("it", "Colloqui con i detenuti", "detenuto"),
        ("es", "Visitas a las cárceles", "cárcel"),
        ("nl", "Radicalisering van jongeren", "jongere"),
        ("sv", "Fritidsledarnas arbete", "fritidsledare"),
        ("da", "Mentorerne i fængslet", "mentorer"),
        ("fi", "Koulujen yhteistyö", "koulu"),
        ("fr", "Les familles des détenus", "famille"),
    ],
)
def test_a_posts_title_is_stemmed_in_its_language(engine, language, title, typed):
    engine.index(POSTS, [post(1, title, language), post(2, "Football", "en")])
    refresh(engine)
    results = engine.search(POSTS, PostQuery(text=typed, network_ids=frozenset({101})))
    assert [hit.title for hit in results.hits] == [title]


@pytest.mark.parametrize(
    ("language", "title", "text", "typed"),
    [
        ("", "Συνάντηση", "Οι εκπαιδευτικοί στη Θεσσαλονίκη συζητούν για τον εξτρεμισμό.", "Θεσσαλονικη"),
        ("", "Συνάντηση", "Οι εκπαιδευτικοί στη Θεσσαλονίκη συζητούν για τον εξτρεμισμό.", "ΕΞΤΡΕΜΙΣΜΟ"),
        ("", "Ριζοσπαστικοποίηση των νέων", "Σημειώσεις.", "ριζοσπαστικοποιηση"),
        ("en", "Meeting notes", "A talk on l’engagement civique in Lyon.", "engagement"),
        ("en", "L’engagement civique", "Notes of the meeting.", "engagement"),
    ],
)
def test_a_post_is_found_with_or_without_accents_and_elisions(engine, language, title, text, typed):
    found = {**post(1, title, language), "text": text}
    engine.index(POSTS, [found, post(2, "Football", "en")])
    refresh(engine)
    results = engine.search(POSTS, PostQuery(text=typed, network_ids=frozenset({101})))
    assert [hit.title for hit in results.hits] == [title]


@pytest.mark.parametrize(
    ("language", "text", "typed", "marked"),
    [
        ("", "Οι εκπαιδευτικοί στη Θεσσαλονίκη συζητούν.", "Θεσσαλονικη", ["Θεσσαλονίκη"]),
        ("", "Οι εκπαιδευτικοί στη Θεσσαλονίκη συζητούν.", "ΕΚΠΑΙΔΕΥΤΙΚΟΙ", ["εκπαιδευτικοί"]),
        ("en", "A talk on l’engagement civique in Lyon.", "engagement", ["engagement"]),
        ("fr", "Un atelier sur l'extrémisme en ligne.", "extremisme", ["extrémisme"]),
    ],
)
def test_a_post_found_through_its_folded_text_shows_the_word_marked(engine, language, text, typed, marked):
    """Its snippet marks the word as the text writes it, not the post's opening (Elasticsearch
    showed the opening: its highlighter read the text unfolded, where "νεων" is no "νέων" and
    "l’engagement" one word)."""
    found = {**post(1, "Meeting", language), "text": f"Notes of the meeting, and more notes. {text}"}
    engine.index(POSTS, [found, post(2, "Football", "en")])
    refresh(engine)
    results = engine.search(POSTS, PostQuery(text=typed, network_ids=frozenset({101})))
    assert [hit.id for hit in results.hits] == [1]
    assert MARK.findall(results.hits[0].highlight) == marked, results.hits[0].highlight


@pytest.mark.parametrize(
    ("language", "body", "typed", "marked"),
    [
        ("el", "Οι εκπαιδευτικοί συζητούν για τον εξτρεμισμό.", "εξτρεμισμο", ["εξτρεμισμό"]),
        ("", "Οι εκπαιδευτικοί συζητούν για τον εξτρεμισμό.", "ΕΞΤΡΕΜΙΣΜΟ", ["εξτρεμισμό"]),
        ("en", "A workshop on l’engagement civique in Lyon.", "engagement", ["engagement"]),
        ("ca", "Prevenció de l’extremisme a l’escola.", "extremisme", ["extremisme"]),
    ],
)
def test_a_practice_found_through_its_folded_body_shows_the_word_marked(
    engine, home_organisation, language, body, typed, marked
):
    practice = make_practice(
        "Folded", organisation=home_organisation, language=language, description="Sport.", deliverables=body
    )
    index(engine, practice, make_practice("Football club", organisation=home_organisation, description="Sport."))
    results = search(engine, typed)
    assert found_exactly(results) == {"Folded"}
    assert MARK.findall(results.hits[0].highlight) == marked, results.hits[0].highlight


@pytest.mark.parametrize("typed", ["Πρόλ", "προλ", "ΠΡΟΛ", "ριζοσπαστικοπ", "ριζοσπαστικοποιησης τ", "νεω"])
def test_autocomplete_offers_a_greek_title_whatever_the_accents_typed(engine, home_organisation, typed):
    """Elasticsearch completed a Greek prefix only with its accents as written (its completion
    inputs were folded by ``asciifolding``, which leaves Greek letters as they are)."""
    index(
        engine,
        make_practice(GREEK_TITLE, organisation=home_organisation, language="el"),
        make_practice("Football club", organisation=home_organisation, description="Sport."),
    )
    assert engine.autocomplete(PRACTICES, typed, scope=EVERYTHING) == [GREEK_TITLE]
