"""Network posts in hybrid search, through the pages and the selector, on every engine (the
database engine on SQLite or PostgreSQL, Elasticsearch fed by the worker): a member's French
query finds an English post by its meaning and shows its best-matching sentence; nobody
outside the network (anonymous visitor, another organisation's practitioner, a member of
another network, a former member, a banned member) gets a hit, a count, a snippet or a
sentence of it; hidden and deleted posts vanish from both sides; an edit re-embeds.
"""

from io import StringIO

import pytest
from django.urls import reverse

from network import services
from network.models import Network
from network.selectors import search_posts as _search_posts
from search.models import SearchEmbedding
from tests.conftest import _client_for
from tests.network.conftest import add_member
from tests.network.test_search import case_room, search_engine, sync  # noqa: F401 (fixtures; the engine's is autouse)
from tests.search.conftest import embedding_model, embeddings  # noqa: F401 (fixtures)
from tests.search.conftest_es import es_prefix, es_url  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.embeddings, pytest.mark.usefixtures("embeddings")]

FRENCH_QUERY = "accompagnement des jeunes à la sortie de prison"
SENTENCE = "Volunteers mentor young offenders after their release from prison."
BODY = f"{SENTENCE} The regional office approves its budget on Tuesday."


@pytest.fixture
def canary(thread, first_post, contributor):
    """An English post of the network that a French query reaches only by its meaning."""
    post = services.post_create(thread=thread, actor=contributor, body=BODY)
    sync()
    return post


def search(user, query: str = FRENCH_QUERY):
    sync()
    return _search_posts(user=user, query=query)


def page_of(client, network: Network, query: str = FRENCH_QUERY) -> tuple[int, str, int]:
    """(status of the network's search page, text of the all-networks search page, its status)."""
    scoped = client.get(reverse("network:search", args=[network.pk]), {"q": query})
    everywhere = client.get(reverse("network:search_all"), {"q": query})
    return scoped.status_code, everywhere.content.decode(), everywhere.status_code


def test_a_members_french_query_finds_the_english_post_and_shows_its_best_sentence(
    contributor, contributor_client, network, canary
):
    found = search(contributor)
    assert [hit.post_id for hit in found.hits] == [canary.pk] and found.total == 1
    assert str(found.hits[0].snippet) == SENTENCE  # the sentence closest to the query, not the post's start

    status, text, _ = page_of(contributor_client, network)
    assert status == 200 and SENTENCE in text and "1 post found" in text
    assert "approves its budget" not in text


@pytest.fixture
def member_of_another_network(moderator, outsider):
    other = services.network_create(
        actor=moderator, name="Exit work Sørby", purpose="Other cases.", policy=Network.Policy.INVITATION
    )
    add_member(other, outsider, moderator=moderator)
    thread = services.thread_create(network=other, actor=outsider, title="Sørby mentoring", body="Weekly meetings.")
    services.post_create(thread=thread, actor=outsider, body="Ehrenamtliche Paten begleiten Jugendliche.")
    assert search(outsider).total == 1  # their own network's post, found by its meaning
    return outsider


@pytest.fixture
def former_network_member(network, moderator, colleague, canary):
    membership = add_member(network, colleague, moderator=moderator)
    assert search(colleague).total == 1  # reachable while a member
    services.network_member_remove(membership=membership, actor=moderator)
    return colleague


@pytest.fixture
def banned_member(network, moderator, colleague, canary):
    membership = add_member(network, colleague, moderator=moderator)
    assert search(colleague).total == 1
    services.network_member_remove(membership=membership, actor=moderator, ban=True)
    return colleague


OUTSIDERS = ["outsider", "member_of_another_network", "former_network_member", "banned_member", "former_member"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_nobody_outside_the_network_gets_a_hit_a_count_a_snippet_or_a_sentence(request, persona, network, canary):
    user = request.getfixturevalue(persona)

    found = search(user)
    assert canary.pk not in {hit.post_id for hit in found.hits}
    assert {hit.network_name for hit in found.hits} <= {"Exit work Sørby"}  # their own network's posts, if any
    assert found.total == len(found.hits)

    status, text, status_all = page_of(_client_for(user), network)
    assert status == 404
    if status_all == 200:
        assert "Volunteers" not in text and "Returning fighter" not in text and "Ravnstad" not in text
        assert ("1 post found" in text) == (found.total == 1)  # the count is of their own network's posts only
        assert "2 posts found" not in text


def test_the_anonymous_visitor_reaches_no_search_of_posts(client, network, canary):
    status, text, status_all = page_of(client, network)

    assert status == status_all == 404
    assert "Volunteers" not in text and "Returning fighter" not in text


@pytest.mark.parametrize("how", ["hidden", "deleted"])
def test_a_hidden_or_deleted_post_vanishes_from_both_sides(how, contributor, moderator, canary):
    assert search(contributor, "mentor offenders").total == 1 and search(contributor).total == 1
    if how == "hidden":
        services.post_hide(post=canary, actor=moderator)
    else:
        services.post_delete(post=canary, actor=contributor)

    assert search(contributor, "mentor offenders").total == 0  # its words
    assert search(contributor).total == 0  # its meaning
    assert not SearchEmbedding.objects.filter(collection="posts", document_id=canary.pk).exists()


def test_editing_a_post_re_embeds_it(contributor, canary):
    services.post_edit(post=canary, actor=contributor, body="The family moved to the coast in spring.")
    assert not SearchEmbedding.objects.filter(collection="posts", document_id=canary.pk).exists()  # in its transaction

    assert search(contributor).total == 0  # the old meaning is gone
    row = SearchEmbedding.objects.get(collection="posts", document_id=canary.pk)
    assert row.sentences == ["The family moved to the coast in spring."]
    found = search(contributor, "la famille a déménagé au bord de la mer")
    assert [hit.post_id for hit in found.hits] == [canary.pk]


def test_search_reindex_embeds_the_posts_of_ordinary_networks_only(contributor, canary, case_room, search_engine):
    from django.core.management import call_command

    room_post = services.thread_create(
        network=case_room, actor=contributor, title="Release of K.", body="Housing in Narvik is arranged."
    ).posts.get()
    sync()
    SearchEmbedding.objects.filter(collection="posts").delete()

    call_command("search_reindex", "--no-progress", stdout=StringIO())

    embedded = set(SearchEmbedding.objects.filter(collection="posts").values_list("document_id", flat=True))
    assert canary.pk in embedded and room_post.pk not in embedded  # a case room's text never leaves the database
    assert [hit.post_id for hit in search(contributor).hits] == [canary.pk]


def test_a_hybrid_post_search_on_the_database_engine_reads_a_fixed_number_of_queries(
    contributor, canary, search_engine, django_assert_num_queries
):
    if search_engine != "database":
        pytest.skip("the database engine's queries")
    search(contributor)  # the posts' vectors loaded once per process, until the next post write
    # memberships, networks; token, count, lexical window, the semantic hits' words and rows;
    # the hits read back, their sentences
    with django_assert_num_queries(9):
        found = _search_posts(user=contributor, query=FRENCH_QUERY)
    assert [hit.post_id for hit in found.hits] == [canary.pk]


def test_the_api_gives_the_member_the_post_and_its_sentence_and_the_outsider_nothing(contributor, outsider, canary):
    from tests.api.conftest import api_client_for

    sync()
    url = reverse("api:post-search")
    answer = api_client_for(contributor).get(url, {"q": FRENCH_QUERY}).json()
    assert answer["count"] == 1 and [hit["highlight"] for hit in answer["results"]] == [SENTENCE]

    outside = api_client_for(outsider).get(url, {"q": FRENCH_QUERY})
    assert outside.status_code == 200 and outside.json()["count"] == 0 and outside.json()["results"] == []
    assert "Volunteers" not in outside.content.decode()
