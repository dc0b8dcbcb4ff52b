"""The language sweep (test_language_sweep.py: its queries, the practices each must find and must
not, its snippets) on Elasticsearch, over the query sweep's corpus (the language sweep's practices
and more: tests/search/sweeps.py) in the sweeps' index on the shared node. The database engine and
Elasticsearch must answer alike; where they do not, a strict xfail says why (docs/SEARCH.md,
"Languages: what is found")."""

import re

import pytest

from practices.indexing import COLLECTION as PRACTICES
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from tests.search.sweeps import corpus, searching  # noqa: F401 (fixtures)
from tests.search.test_language_sweep import CASES, SNIPPETS

pytestmark = pytest.mark.usefixtures("db")

MARK = re.compile(r"<mark>(.*?)</mark>")
# The database engine's gaps that Elasticsearch does not have: its multi-fields stem every title
# and description in English, French, Norwegian and German, whatever the practice's language.
NOT_GAPS_HERE = {"Aarhus", "famille inquiete", "réseau social"}
# Since mapping version 6 (Greek accents folded, apostrophes splitting words), only the languages
# the database engine stems and this index not (mapping.NO_ANALYZER, NOT_YET_STEMMED; docs/SEARCH.md).
GAPS_HERE: dict[str, str] = {
    "radykalizacja": "Elasticsearch has no Polish analyzer without the analysis-stempel plugin (mapping.NO_ANALYZER):"
    " Polish is folded there, radykalizacja does not meet radykalizacji",
}
SNIPPET_GAPS: dict[str, str] = {}


def _cases():
    for param in CASES:
        query = param.values[0]
        marks = [] if query in NOT_GAPS_HERE else list(param.marks)
        if query in GAPS_HERE:
            marks = [pytest.mark.xfail(strict=True, reason=GAPS_HERE[query])]
        yield pytest.param("elasticsearch", *param.values, marks=marks, id=param.id)


def _snippets():
    for param in SNIPPETS:
        gap = SNIPPET_GAPS.get(param.id)
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        yield pytest.param("elasticsearch", *param.values, marks=marks, id=param.id)


def _search(text: str):
    return get_search_backend().search(PRACTICES, SearchQuery(text=text, per_page=50))


@pytest.mark.parametrize(("sweep_engine", "query", "finds", "not_finds"), list(_cases()))
def test_elasticsearch_finds_the_practices_written_in_any_language(searching, corpus, query, finds, not_finds):
    results = _search(query)
    keys = {practice.pk: key for key, practice in corpus["practices"].items()}
    found = {keys[hit.id] for hit in results.hits}
    assert not results.partial and results.suggestion is None, (query, found, results.suggestion)
    assert finds <= found, f"{query!r} missed {sorted(finds - found)}; found {sorted(found)}"
    assert not (not_finds & found), f"{query!r} found {sorted(not_finds & found)}"


@pytest.mark.parametrize(("sweep_engine", "query", "key", "marked"), list(_snippets()))
def test_elasticsearch_marks_the_matching_words_as_written(searching, corpus, query, key, marked):
    hit = next(hit for hit in _search(query).hits if hit.id == corpus["practices"][key].pk)
    assert MARK.findall(hit.highlight) == marked, hit.highlight
