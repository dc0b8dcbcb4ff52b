"""The database engine ranks only a page's window in SQL (search/backends/database: ``ranked``).

Every match is counted, but only the best wanted ones come back with their scores: the page's
window and the matches scoring the same as its last one, so that the date decides among equal
scores exactly as when every match was ranked. On SQLite or PostgreSQL (the test database).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import SearchQuery
from search.backends.database import DatabaseSearchBackend
from tests.search.builders import document, make_practice

EVERYTHING = ReaderScope(members=True, everything=True)
TIED = 40  # more than a two-hit window and the rows read past it (sql.beyond): the tie is read apart


def search(engine, text: str, scope: ReaderScope = EVERYTHING, **options):
    return engine.search(PRACTICES, SearchQuery(text=text, scope=scope, **options))


def every_page(engine, text: str, scope: ReaderScope, *, per_page: int, sort: str = "relevance") -> list[int]:
    first = search(engine, text, scope, per_page=per_page, sort=sort)
    pages = 1 + (first.total - 1) // per_page
    ids = [hit.id for hit in first.hits]
    for page in range(2, pages + 1):
        ids += [hit.id for hit in search(engine, text, scope, per_page=per_page, page=page, sort=sort).hits]
    return ids


@pytest.fixture
def tied_library(home_organisation):
    """Two practices with "mentoring" in their title, then ``TIED`` with it in the description
    alone, all written alike (equal scores), published a minute apart, every third one for
    members only; the engine holds them under ids of their own."""
    engine = DatabaseSearchBackend()
    best = [make_practice(f"Mentoring {name}", organisation=home_organisation) for name in ("one", "two")]
    plain = document(make_practice("Exit work", organisation=home_organisation, description="Mentoring for exit."))
    start = timezone.now() - timedelta(days=1)
    copies = [
        {
            **plain,
            "id": 100_000 + n,
            "published_at": (start + timedelta(minutes=n)).isoformat(),
            "visibility": "members" if n % 3 == 0 else "public",
        }
        for n in range(TIED)
    ]
    engine.index(PRACTICES, [document(practice) for practice in best] + copies)
    newest_first = [copy["id"] for copy in reversed(copies)]
    return (
        engine,
        [practice.pk for practice in best],
        newest_first,
        {copy["id"] for copy in copies if copy["visibility"] == "public"},
    )


def test_equal_scores_across_the_window_edge_are_ordered_newest_first_on_every_page(tied_library):
    engine, best, tied, _public = tied_library
    found = every_page(engine, "mentoring", EVERYTHING, per_page=2)
    assert sorted(found[:2]) == sorted(best)
    assert found[2:] == tied
    scores = [hit.score for hit in search(engine, "mentoring", per_page=2, page=5).hits]
    assert len(set(scores)) == 1


def test_a_reader_pages_through_only_what_they_may_see_among_equal_scores(tied_library, anonymous_scope):
    engine, best, tied, public = tied_library
    found = every_page(engine, "mentoring", anonymous_scope, per_page=3)
    assert found[2:] == [pk for pk in tied if pk in public]
    assert sorted(found[:2]) == sorted(best)
    assert search(engine, "mentoring", anonymous_scope).total == len(public) + 2


def test_a_page_sorted_by_date_shows_the_scores_of_its_hits(tied_library):
    engine, best, tied, _public = tied_library
    by_date = search(engine, "mentoring", sort="date", per_page=50).hits
    by_relevance = {hit.id: hit.score for hit in search(engine, "mentoring", per_page=50).hits}
    assert [hit.id for hit in by_date] == [*reversed(best), *tied]  # the two made last are the newest
    assert all(hit.score > 0 for hit in by_date)
    assert {hit.id: hit.score for hit in by_date} == by_relevance
