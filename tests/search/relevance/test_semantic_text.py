"""The text the model reads for a query (search/backends/hybrid.py, ``semantic_text``): words typed
without their accents are given them (search/accents.py); common words, acronyms, words typed
with their accents and the lexical half's words are left as typed."""

import pytest

from search import accents
from search.backends import hybrid
from search.query import parse


@pytest.fixture(scope="module", autouse=True)
def word_lists():
    accents.load()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("teorias da conspiracao", "teorias da conspiração"),  # "teorias" is Portuguese as typed
        ("radykalizacja w wiezieniu", "radykalizacja w więzieniu"),
        ("kozossegi rendeszet", "közösségi rendeszet"),
        ("θεωριες συνωμοσιας", "θεωρίες συνωμοσίας"),  # the final sigma kept
        ("spoluprace policie a socialnich sluzeb", "spolupráce policie a sociálních služeb"),
        ("police de proximite", "police de proximité"),
        ("Proximite", "Proximité"),  # a capital kept
    ],
)
def test_a_word_typed_without_its_accents_is_read_with_them(typed, read):
    assert hybrid.semantic_text(typed) == read


@pytest.mark.parametrize(
    "typed",
    [
        "programme de sortie extreme droite",  # "extreme" is English
        "family support",
        "CVE prison programmes",  # acronyms
        "PVE escuelas",
        "policiamento comunitario",  # Italian and Spanish write "comunitario" so
        "théories du complot",  # typed with its accents
        "dataspill og ekstremisme",
    ],
)
def test_words_the_languages_write_as_typed_are_left_as_typed(typed):
    assert hybrid.semantic_text(typed) == typed


def test_exclusions_quotes_and_or_are_still_left_out_and_the_lexical_half_reads_as_typed():
    assert hybrid.semantic_text('"teorias da conspiracao" -escola OR jovens') == "teorias da conspiração jovens"
    parsed = parse("teorias da conspiracao")
    assert "conspiracao" in {word for clause in parsed.clauses for term in clause.terms for word in term.words}
