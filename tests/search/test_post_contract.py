"""The contract every engine keeps for network posts, run against each engine (conftest.py).

Writes, versions, deletes and rebuilds are shared with practices: test_contract.py runs
them over every collection.

Posts are a collection of their own: a read names the networks whose posts the reader
may see, and nothing of another network comes back (no hit, no total, no snippet).
Post documents are shaped as network.indexing.post_document builds them; the engines
never see the database here.
"""

import pytest

from network.indexing import COLLECTION as POSTS
from portal.access import ReaderScope
from practices.indexing import COLLECTION as PRACTICES
from search.backends.base import PostQuery, SearchQuery
from tests.search.builders import index, make_practice, refresh

EVERYTHING = ReaderScope(members=True, everything=True)
OURS, THEIRS = 101, 202


def post(
    post_id: int,
    text: str,
    *,
    network_id: int = OURS,
    title: str = "Case discussion",
    version: int = 1,
    language: str = "en",
    created: str | None = None,
) -> dict:
    return {
        "id": post_id,
        "version": version,
        "network_id": network_id,
        "thread_id": network_id * 10,
        "title": title,
        "text": text,
        "language": language,
        "created_at": created or f"2026-03-{post_id % 28 + 1:02d}T10:00:00+00:00",
    }


def find(engine, text: str, networks=(OURS,), **options):
    return engine.search(POSTS, PostQuery(text=text, network_ids=frozenset(networks), **options))


def ids(results) -> list[int]:
    return [hit.id for hit in results.hits]


def put(engine, *documents) -> None:
    engine.index(POSTS, list(documents))
    refresh(engine)


def test_a_post_is_found_only_in_the_networks_named_by_the_reader(engine):
    put(
        engine,
        post(1, "The mother asked about her son's release."),
        post(2, "Release planning with probation, the son agreed.", network_id=THEIRS),
    )
    ours = find(engine, "release son")
    assert ids(ours) == [1] and ours.total == 1
    assert "<mark>" in ours.hits[0].highlight and "probation" not in ours.hits[0].highlight
    assert ours.hits[0].network_id == OURS and ours.hits[0].thread_id == OURS * 10
    assert ids(find(engine, "release", networks=(THEIRS,))) == [2]
    assert sorted(ids(find(engine, "release", networks=(OURS, THEIRS)))) == [1, 2]


def test_a_reader_of_no_network_gets_nothing(engine):
    put(engine, post(1, "The mother asked about her son's release."))
    nothing = find(engine, "release", networks=())
    assert nothing.total == 0 and nothing.hits == []


def test_words_not_in_the_readers_networks_give_no_count(engine):
    put(engine, post(1, "Tromsø is where the family went.", network_id=THEIRS))
    assert find(engine, "Tromsø").total == 0


def test_a_query_without_a_word_finds_nothing(engine):
    put(engine, post(1, "A post about school visits."))
    assert find(engine, "").total == 0
    assert find(engine, "-school").total == 0


def test_thread_titles_are_searched_and_weigh_more_than_the_text(engine):
    put(
        engine,
        post(1, "We spoke about mentoring for a while.", title="Weekly exchange"),
        post(2, "Some notes from the meeting.", title="Mentoring after release"),
    )
    assert ids(find(engine, "mentoring")) == [2, 1]


def test_phrases_exclusions_and_or(engine):
    put(
        engine,
        post(1, "The exit programme met the family twice."),
        post(2, "A programme for the exit of young people."),
        post(3, "Family conferences in the prison."),
    )
    assert ids(find(engine, '"exit programme"')) == [1]
    assert sorted(ids(find(engine, "programme -family"))) == [2]
    assert sorted(ids(find(engine, "conferences OR young"))) == [2, 3]


def test_words_find_their_inflections_in_the_posts_language(engine):
    put(
        engine,
        post(1, "Les familles des détenus sont reçues chaque semaine.", language="fr"),
        post(2, "Families of detainees are received every week.", language="en"),
    )
    assert ids(find(engine, "famille")) == [1]
    assert ids(find(engine, "family")) == [2]


def test_results_sort_by_date_and_come_in_pages(engine):
    put(
        engine,
        *[post(i, f"Supervision note number {i}.", created=f"2026-04-{i:02d}T09:00:00+00:00") for i in range(1, 6)],
    )
    newest = find(engine, "supervision", sort="date", per_page=2)
    assert newest.total == 5 and ids(newest) == [5, 4]
    assert ids(find(engine, "supervision", sort="date", per_page=2, page=3)) == [1]


def test_highlights_are_escaped(engine):
    put(engine, post(1, "<script>alert(1)</script> the hotline answered"))
    highlight = find(engine, "hotline").hits[0].highlight
    assert "<script>" not in highlight and "<mark>hotline</mark>" in highlight


def test_posts_never_mix_with_practices(engine, home_organisation):
    """A practice search, its suggestions and similar lists never show a post, and a post
    search never shows a practice."""
    practice = make_practice("Mentoring in prisons", organisation=home_organisation)
    index(engine, practice, version=5)
    put(engine, post(practice.pk, "Confidential mentoring case notes.", title="Mentoring Zygmunt"))
    practices = engine.search(PRACTICES, SearchQuery(text="mentoring", scope=EVERYTHING))
    assert [hit.title for hit in practices.hits] == ["Mentoring in prisons"] and practices.total == 1
    assert engine.search(PRACTICES, SearchQuery(text="confidential", scope=EVERYTHING)).total == 0
    assert engine.autocomplete(PRACTICES, "zyg", scope=EVERYTHING) == []
    assert engine.document_ids(PRACTICES) == {practice.pk: 5}
    posts = find(engine, "mentoring")
    assert [hit.title for hit in posts.hits] == ["Mentoring Zygmunt"] and posts.total == 1
    assert find(engine, "prisons").total == 0


@pytest.mark.parametrize("text", ['"unbalanced', "--", "OR", "((", "AND OR -"])
def test_odd_queries_are_not_errors(engine, text):
    put(engine, post(1, "A post."))
    assert find(engine, text).total >= 0
