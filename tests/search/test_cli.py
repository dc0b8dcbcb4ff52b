"""``manage.py search``: one JSON object, as an anonymous visitor unless --as names a user."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from practices.indexing import FACETS
from tests.search.builders import make_published

pytestmark = pytest.mark.usefixtures("database_only")


def run(*arguments: str) -> dict:
    out = StringIO()
    call_command("search", *arguments, "--json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, "exactly one JSON object on one line"
    return json.loads(lines[0])


@pytest.fixture
def practices(home_organisation):
    return [
        make_published(
            "Public exit mentoring",
            organisation=home_organisation,
            themes=("exit-strategies",),
            description="Weekly mentoring.",
        ),
        make_published(
            "Members exit mentoring", organisation=home_organisation, visibility="members", themes=("formers",)
        ),
    ]


def test_the_json_has_total_hits_and_facets(practices):
    result = run("mentoring")
    assert set(result) == {"total", "hits", "facets", "partial"}
    assert result["total"] == 1 and result["partial"] is False
    assert set(result["hits"][0]) == {"id", "title", "score", "highlight"}
    assert result["hits"][0]["title"] == "Public exit mentoring"
    assert result["hits"][0]["highlight"] == "Weekly <mark>mentoring</mark>."
    assert set(result["facets"]) == set(FACETS)
    assert result["facets"]["theme"] == {"exit-strategies": 1}


def test_as_a_member_the_members_practices_are_found(practices, outsider):
    result = run("mentoring", "--as", outsider.email.upper())
    assert {hit["title"] for hit in result["hits"]} == {"Public exit mentoring", "Members exit mentoring"}


def test_filters_narrow_the_results(practices, outsider):
    result = run("mentoring", "--as", outsider.email, "--filter", "theme=formers", "--engine", "database")
    assert [hit["title"] for hit in result["hits"]] == ["Members exit mentoring"]
    assert result["facets"]["theme"] == {"exit-strategies": 1, "formers": 1}


def test_a_bad_filter_or_an_unknown_user_is_a_clear_error(db):
    with pytest.raises(CommandError, match="FACET=CODE"):
        run("x", "--filter", "colour=blue")
    with pytest.raises(CommandError, match="No active user"):
        run("x", "--as", "nobody@example.org")
    with pytest.raises(CommandError, match="No search engine named"):
        run("x", "--engine", "solr")


def test_posts_are_searched_as_a_member_and_nobody_else(moderator, contributor, outsider):
    from network import services
    from tests.network.conftest import add_member

    network = services.network_create(actor=moderator, name="Exit work", purpose="p", policy="invitation")
    add_member(network, contributor, moderator=moderator)
    services.thread_create(network=network, actor=contributor, title="Family visits", body="Visits resumed in Bodø.")
    out = StringIO()
    call_command("search", "Bodø", "--posts", "--json", "--as", contributor.email, stdout=out)
    found = json.loads(out.getvalue())
    assert (
        found["total"] == 1
        and found["hits"][0]["title"] == "Family visits"
        and "<mark>" in found["hits"][0]["highlight"]
    )
    for reader in (["--as", outsider.email], []):
        out = StringIO()
        call_command("search", "Bodø", "--posts", "--json", *reader, stdout=out)
        assert json.loads(out.getvalue()) == {"total": 0, "case_room_hits": 0, "hits": []}
