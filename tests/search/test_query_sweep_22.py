"""A fifth unseen sweep of what practitioners type (docs/SEARCH.md, "What practitioners type: an
unseen sweep"), session 22: 60 queries written before any was run, in the practice languages added
last (Portuguese, Greek, Hungarian, Romanian), on the query sweeps' corpus (tests/search/sweeps.py:
its fixtures, its rows' shape, its checks; nine practices added for it), through the engine and
through the search page and the API, on the database engine (SQLite or PostgreSQL, by the test
database) and on Elasticsearch.

- Portuguese as written in Brazil and in Portugal (``equipa`` / "equipe", the spelling before
  the 1990 agreement: ``acção``, ``projecto``), with and without ç, ã, õ;
- Greek with and without its accents (tonos), in capitals, with the final sigma typed as σ,
  nominative for accusative, and in Greeklish (Latin letters): ``rizospastikopoiisi`` is expected
  to find *nothing* lexically. Greeklish has no one spelling (η, ι, υ, ει, οι are all "i"; ω is
  "o" or "w"; θ "th" or "8"; χ "x", "ch" or "h"), so meeting it means indexing a transliteration
  of every Greek word into a sound key, and the sound key merges Greek words that differ (νέοι,
  young people, and νέι; ώρα and όρα): a feature of its own, not a folding rule. The hybrid
  search (a multilingual model) is asked for it below, by meaning;
- Hungarian's suffixes (-ban/-ben, -nak/-nek, -kal/-kel, -okkal), a compound and its parts
  (``radikalizálódásmegelőzés``), long vowels typed short (``o`` for "ő") or with the German
  keyboard's ``ö`` for "ő";
- Romanian without its diacritics (ă â î ș ț), and with the cedilla forms ş ţ that older keyboards
  and texts produce, both ways (a query with ş for a text with ș, and the reverse);
- whole questions, quoted phrases, ``OR`` and "or" in the language (Greek ``ή``, Hungarian
  ``vagy``, Romanian ``sau``, Portuguese ``ou``), exclusions, misspellings;
- across languages: an English word the Portuguese or Romanian text shares (stemmed in every
  language, as docs/SEARCH.md claims), and, with hybrid search on, English queries for practices
  written only in the four languages (their meaning: docs/SEARCH.md, "Across languages").

``how`` as in the earlier sweeps (``match``: found on the page as a true match; ``respelled``;
``some``: found first among some of the words; ``any``: answered, no error), and ``nothing``: no
practice at all.
"""

import pytest

from practices.indexing import COLLECTION as PRACTICES
from search.backends import get_search_backend, reset_engines
from search.backends.base import SearchQuery
from search.compounds import split
from search.embedding import store
from search.query import Term, parse
from tests.search.sweeps import case, check_engine, check_page, corpus, searching, sweep_params  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("db")

CASES = [
    # Portuguese: Brazilian and European, accents typed or not
    case("polarizacao periferias", "pt_br"),
    case("Acao comunitaria Sao Paulo", "pt_br"),
    case("reinsercao de reclusos", "pt_pt"),
    case("acção comunitária", "pt_br", how="respelled"),  # the European spelling before 1990
    case("projecto reinserção", "pt_pt", how="respelled"),
    case("equipa adolescentes", "pt_br"),  # European "equipa" for the Brazilian "equipe"
    case("prisoes", "pt_pt"),
    case("prisão", "pt_pt"),  # singular for "prisões"
    case("intervenção familias", "pt_pt"),
    case('"discurso de ódio"', "pt_br"),
    case("formação -reclusos", "pt_rad", "pt_pt"),
    case("reclusos ou detidos", "pt_pt"),
    case("reinsersão", "pt_pt", how="respelled"),
    case("Como acompanhar reclusos radicalizados depois da libertação?", "pt_pt", how="some"),
    # Greek: tonos, capitals, final sigma, cases, Greeklish
    case("φυλακές", "el_prison"),
    case("φυλακες", "el_prison"),
    case("φυλακή", "el_prison"),  # singular for "φυλακές"
    case("κρατούμενοι", "el_prison"),  # nominative for the accusative "κρατούμενους"
    case("Πατρα", "el_prison"),
    case("αποριζοσπαστικοποιηση", "el_prison"),
    case("βίαιος εξτρεμισμός", "el_school"),  # nominative for "βίαιο εξτρεμισμό"
    case("ΕΞΤΡΕΜΙΣΜΟΣ", "el_school el_rad"),
    case("εξτρεμισμοσ", "el_school el_rad"),  # the final sigma typed as σ
    case('"κοινωνικοί λειτουργοί"', "el_prison"),
    case("Θεσσαλονίκη ή Αθήνα", "el_rad el_school"),  # Greek "or"
    case("ριζοσπαστικοποιηση -Αθηνα", "el_rad", "el_school"),
    case("rizospastikopoiisi", how="nothing"),  # Greeklish: see the module's docstring
    case("ριζοσπαστικοπίηση", "el_rad el_school", how="respelled"),
    # Hungarian: suffixes, a compound, long vowels typed short
    case("radikalizálódásmegelőzés", "hu_school"),
    case("radikalizalodasmegelozes", "hu_school"),
    case("megelőzés", "hu_school"),  # a part of the compound
    case("radikalizálódás megelőzése", "hu_school"),
    case("iskolákban", "hu_school"),
    case("iskola", "hu_school"),
    case("iskolakban", "hu_school"),
    case("fiatalokkal", "hu_school hu_prison"),
    case("szulokkel", "hu_school"),
    case("szülöknek", "hu_school"),  # ö for ő (a German keyboard)
    case("borton mentoralas", "hu_prison"),
    case("munkakeresés", "hu_prison"),
    case("iskola vagy börtön", "hu_school hu_prison"),  # Hungarian "or"
    case("iskolák -Budapest", "", "hu_school", how="any"),
    case(
        "Debrecen",
        "hu_school",
        gap="Snowball's Hungarian stems Debrecen 'debrec' and the adjective debreceni 'debrecen': the database"
        " engine meets them through the query's stems in other languages (English keeps 'debrecen'),"
        " Elasticsearch compares Hungarian stems only (found there by the respelling)",
        gap_on=("elasticsearch",),
    ),  # the adjective "debreceni"
    case("Hogyan segítenek a mentorok a börtönből szabadult fiataloknak?", "hu_prison", how="some"),
    # Romanian: no diacritics, comma and cedilla forms both ways
    case("radicalizarii tinerilor", "ro_school"),
    case("radicalizării", "ro_school"),
    case("scoli", "ro_school"),
    case("şcoli", "ro_school"),  # cedilla query, comma text
    case("detinutilor", "ro_prison"),
    case("deţinuţi", "ro_prison"),
    case("educatie civica", "ro_cedilla"),
    case("educație", "ro_cedilla"),  # comma query, cedilla text
    case("știri false", "ro_cedilla"),
    case("Timişoara", "ro_school"),
    case("penitenciar", "ro_prison"),
    case("asistenți sociali sau consilieri", "ro_school"),  # Romanian "or"
    case("reintegarea", "ro_prison", how="respelled"),
    case("Cum lucrează consilierii școlari cu părinții?", "ro_school", how="some"),
    # across languages, lexically: a word the texts share
    case("violent extremism", "pt_rad"),
    case("propaganda", "ro_cedilla"),
    # a second batch, written after the first run's fixes, at their edges
    case("prisões", "pt_pt"),  # the plural asks for the singular too
    case("intervencao", "pt_pt"),
    case("radicalizações", "pt_rad"),
    case("projecto", "pt_pt"),  # a consonant Portugal no longer writes
    case("Sao Paulo", "pt_br", "pt_pt"),  # "São" is no noun in -ão
    case('"asistenți sociali sau consilieri"', how="nothing"),  # in quotes "sau" is a word
    case("Θεσσαλονίκη η Αθήνα", "el_rad el_school", how="any"),  # "η", the article: some of the words
    case("szulok", "hu_school"),
    case("szülők", "hu_school"),
    case("bortonbol", "hu_prison"),
    case("radikalizálódás", "hu_school"),  # the compound's other part
    case("börtön -Debrecen", "hu_prison", "hu_school"),
    case("deţinuţilor", "ro_prison"),  # the cedilla forms of an older keyboard
    case("asociatia", "ro_prison"),
    case("scoala -Timisoara", "", "ro_school", how="any"),
    case("reintegarea -Cluj", "", "ro_prison", how="any"),  # the respelling keeps the exclusion
    case("reintegarea -Timisoara", "ro_prison", how="respelled"),
]

# English queries for practices written only in the four languages, found by meaning (hybrid
# search) on the first page (20 hits; the corpus's other practices are about the same field, most
# of them above the semantic floor); and Greeklish, which a reader would want first (among 5)
ACROSS = [
    ("reintegration of prisoners after their release", "ro_prison pt_pt", 20),
    ("hate speech on social networks", "pt_br", 20),
    ("preventing radicalisation in schools", "hu_school ro_school", 20),
    pytest.param(
        "rizospastikopoiisi",
        "el_rad",
        5,
        marks=pytest.mark.xfail(
            strict=True,
            reason="e5-small does not read Greeklish: 'rizospastikopoiisi' is about as close to every practice"
            " (cosines 0.83-0.85), the Greek one 10th, a Portuguese one 5th",
        ),
        id="rizospastikopoiisi",
    ),
]


def _check(corpus, query, finds, not_finds, how, filters):
    if how != "nothing":
        check_engine(corpus, query, finds, not_finds, how, filters)
        return
    results = get_search_backend().search(PRACTICES, SearchQuery(text=query, filters=filters, per_page=60))
    assert not results.hits, (query, [hit.id for hit in results.hits])


@pytest.mark.parametrize(
    ("sweep_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES)),
)
def test_a_practitioner_finds_what_they_typed(searching, corpus, query, finds, not_finds, how, filters):
    _check(corpus, query, finds, not_finds, how, filters)


@pytest.mark.parametrize(
    ("sweep_engine", "query", "finds", "not_finds", "how", "filters"),
    list(sweep_params(CASES, page=True)),
)
def test_the_page_and_the_api_answer_whatever_is_typed(
    searching, corpus, client, query, finds, not_finds, how, filters
):
    check_page(client, query, finds, how, filters)


@pytest.mark.embeddings
@pytest.mark.parametrize(("query", "finds", "within"), ACROSS)
def test_an_english_query_finds_a_practice_written_in_another_language_by_meaning(
    settings, embeddings, corpus, query, finds, within
):
    """On the database engine: the semantic half (the model, the vectors, the fusion in
    search/backends/hybrid.py) is the same on every engine; test_hybrid_contract.py runs
    Elasticsearch's kNN path, whose index here (the sweeps' shared one) holds no vectors. The
    vectors are stored in the test's transaction (the passages' vectors are cached on disk)."""
    settings.SEARCH_BACKENDS = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
    settings.SEARCH_BACKEND = "database"
    reset_engines()
    store.refresh(PRACTICES, corpus["documents"])
    results = get_search_backend().search(PRACTICES, SearchQuery(text=query, per_page=within))
    keys = {practice.pk: key for key, practice in corpus["practices"].items()}
    found = [keys[hit.id] for hit in results.hits]
    assert set(finds.split()) <= set(found), f"{query!r} missed {set(finds.split()) - set(found)}; found {found}"


def test_the_portuguese_forms_leave_other_words_as_typed():
    """The other number of a noun in -ão and the spelling before 1990 are asked for in Portuguese
    words only: English words that end alike, or hold ct, and short words are left as typed."""
    for text in ("practice", "actor", "doctor", "active", "shoes", "heroes", "does", "ciao", "não", "São"):
        assert [clause.terms for clause in parse(text).clauses] == [(Term((text,)),)], text
    assert parse("acção").clauses[0].terms == (Term(("acção",)), Term(("acções",)), Term(("ação",)))
    assert parse("prisoes").clauses[0].terms == (Term(("prisoes",)), Term(("prisao",)))


def test_hungarian_compounds_are_split_but_not_at_a_suffix():
    """Hungarian compounds give their parts; a case ending (which word lists hold as a word) or a
    short last word is no part."""
    assert split("radikalizálódásmegelőzés", "hu") == ("radikalizálódás", "megelőzés")
    assert split("ifjúságvédelem", "hu") == ("ifjúság", "védelem")
    for word in ("iskolákban", "helyreállításában", "pártfogó", "önkéntesek"):
        assert split(word, "hu") == (), word


@pytest.mark.parametrize(
    ("sweep_engine", "query", "marked"),
    [
        (engine, query, marked)
        for engine in ("database", "elasticsearch")
        for query, marked in (("szulokkel", "szülőkkel"), ("detinutilor", "deținuți"), ("părinţii", "părinții"))
    ],
)
def test_a_word_typed_without_its_accents_is_marked_as_written(searching, corpus, query, marked):
    results = get_search_backend().search(PRACTICES, SearchQuery(text=query))
    assert f"<mark>{marked}</mark>" in results.hits[0].highlight, results.hits[0].highlight
