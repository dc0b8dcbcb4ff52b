"""Search within networks, on every search engine: only members of a post's network ever get
a hit, a count or a snippet of it, on the page and through the selector; changes reach the
engines through the outbox; case rooms never reach an engine."""

import itertools

import pytest
from django.urls import reverse

from network import services
from network.indexing import COLLECTION as POSTS
from network.indexing import network_ids_for_member, post_document
from network.models import Network
from network.selectors import search_posts as _search_posts
from network.selectors import snippet
from portal.models import Membership
from search.backends import engine, engine_names, reset_engines
from search.models import OutboxEntry
from search.worker import drain
from tests.network.conftest import add_member
from tests.network.factories import make_case_room
from tests.search.conftest_es import es_prefix, es_url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

NON_MEMBERS = ["client", "outsider_client", "colleague_client", "applicant_client", "former_member_client"]
DATABASE = {"ENGINE": "search.backends.database.DatabaseSearchBackend"}
_indices = itertools.count(1)


@pytest.fixture(autouse=True, params=["database", "elasticsearch"])
def search_engine(request, settings):
    """The portal's search engine for the test: the database engine (SQLite or PostgreSQL,
    as the test database), or Elasticsearch on an index of its own fed by the outbox worker."""
    if request.param == "elasticsearch":
        url, prefix = request.getfixturevalue("es_url"), request.getfixturevalue("es_prefix")
        es = {
            "ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend",
            "URL": url,
            "INDEX": f"{prefix}-network-{next(_indices)}",
            "REPLICAS": 0,
        }
        settings.SEARCH_BACKEND, settings.SEARCH_BACKENDS = "elasticsearch", {"database": DATABASE, "elasticsearch": es}
    else:
        settings.SEARCH_BACKEND, settings.SEARCH_BACKENDS = "database", {"database": DATABASE}
    reset_engines()
    backend = engine(request.param)
    yield request.param
    if request.param == "elasticsearch":
        backend.drop()
    reset_engines()


def sync() -> None:
    """What the worker does in production: the outbox reaches the engines outside the database."""
    report = drain()
    assert report.failed == 0, report.error
    if "elasticsearch" in engine_names():
        engine("elasticsearch").refresh()


def search_posts(**kwargs):
    sync()
    return _search_posts(**kwargs).hits


@pytest.fixture
def case_post(thread, first_post, contributor):
    post = services.post_create(thread=thread, actor=contributor, body="The family moved to Tromsø in spring.")
    sync()
    return post


def test_member_finds_a_post_with_a_highlighted_snippet(contributor_client, network, case_post):
    page = contributor_client.get(reverse("network:search", args=[network.pk]), {"q": "tromsø"}).content.decode()
    assert "<mark>Tromsø</mark>" in page and "Returning fighter in Ravnstad" in page
    assert "1 post found" in page
    everywhere = contributor_client.get(reverse("network:search_all"), {"q": "Tromsø"}).content.decode()
    assert "<mark>Tromsø</mark>" in everywhere


@pytest.mark.parametrize("reader", NON_MEMBERS)
def test_non_member_never_gets_a_hit_a_count_or_a_snippet(request, reader, network, case_post):
    client = request.getfixturevalue(reader)
    scoped = client.get(reverse("network:search", args=[network.pk]), {"q": "Tromsø"})
    assert scoped.status_code == 404
    everywhere = client.get(reverse("network:search_all"), {"q": "Tromsø"})
    # verified members of other networks search theirs; the others reach no network page
    assert everywhere.status_code == (200 if reader in ("outsider_client", "colleague_client") else 404)
    text = everywhere.content.decode()
    assert "Tromsø" not in text.replace('value="Tromsø"', "") and "Returning fighter" not in text


@pytest.mark.parametrize("persona", ["outsider", "colleague", "applicant", "former_member"])
def test_search_selector_returns_nothing_to_a_non_member(request, persona, case_post):
    user = request.getfixturevalue(persona)
    assert search_posts(user=user, query="Tromsø") == []
    assert search_posts(user=user, query="Returning") == []


def test_portal_moderator_who_is_not_a_member_finds_nothing(moderator, network, case_post):
    services.network_member_leave(membership=network.memberships.get(user=moderator), actor=moderator)
    assert search_posts(user=moderator, query="Tromsø") == []


def test_former_network_member_finds_nothing_any_more(contributor, moderator, network, case_post):
    assert len(search_posts(user=contributor, query="Tromsø")) == 1
    services.network_member_remove(membership=network.memberships.get(user=contributor), actor=moderator)
    assert search_posts(user=contributor, query="Tromsø") == []
    assert network_ids_for_member(contributor) == []


def test_member_whose_portal_membership_ended_finds_nothing(contributor, case_post):
    Membership.objects.filter(user=contributor).update(state=Membership.State.ENDED)
    contributor.forget_membership()
    assert search_posts(user=contributor, query="Tromsø") == []
    assert network_ids_for_member(contributor) == []


def test_hidden_and_deleted_posts_are_not_found(contributor, moderator, case_post, first_post):
    services.post_hide(post=case_post, actor=moderator)
    services.post_delete(post=first_post, actor=contributor)
    assert search_posts(user=contributor, query="Tromsø") == []
    assert search_posts(user=contributor, query="Secret case") == []


def test_search_in_one_network_does_not_reach_another(contributor, moderator, network, case_post):
    other = services.network_create(actor=moderator, name="Other", purpose="p", policy="invitation")
    add_member(other, contributor, moderator=moderator)
    assert search_posts(user=contributor, query="Tromsø", network=other) == []
    assert len(search_posts(user=contributor, query="Tromsø", network=network)) == 1


def test_snippet_escapes_markup_around_the_match():
    assert snippet("<b>x</b> find me", "find") == "&lt;b&gt;x&lt;/b&gt; <mark>find</mark> me"


def test_post_document_declares_network_thread_title_and_text(network, thread, case_post):
    document = post_document(case_post, version=7)
    assert document["network_id"] == network.pk and document["thread_id"] == thread.pk
    assert document["title"] == "Returning fighter in Ravnstad"
    assert document["text"] == "The family moved to Tromsø in spring."
    assert "author" not in document and "author_id" not in document


def test_network_ids_for_member_lists_only_live_memberships(contributor, outsider, moderator, network):
    assert network_ids_for_member(contributor) == [network.pk]
    assert network_ids_for_member(outsider) == []
    from django.contrib.auth.models import AnonymousUser

    assert network_ids_for_member(AnonymousUser()) == []


def test_an_edited_post_is_found_by_its_new_words_only(contributor, case_post):
    services.post_edit(post=case_post, actor=contributor, body="The family moved to Bodø in summer.")
    assert [hit.post_id for hit in search_posts(user=contributor, query="Bodø")] == [case_post.pk]
    assert search_posts(user=contributor, query="Tromsø") == []


def test_a_restored_post_is_found_again(contributor, moderator, case_post):
    services.post_hide(post=case_post, actor=moderator)
    assert search_posts(user=contributor, query="Tromsø") == []
    services.post_restore(post=case_post, actor=moderator)
    assert [hit.post_id for hit in search_posts(user=contributor, query="Tromsø")] == [case_post.pk]


def test_words_find_their_inflections(contributor, thread, case_post):
    french = services.post_create(
        thread=thread, actor=contributor, body="Les familles des détenus sont reçues chaque semaine au centre."
    )
    assert [hit.post_id for hit in search_posts(user=contributor, query="famille")] == [french.pk]
    assert case_post.pk in [hit.post_id for hit in search_posts(user=contributor, query="families")]


def test_results_come_in_pages_with_a_total(contributor, contributor_client, network, thread, case_post):
    for number in range(1, 26):
        services.post_create(thread=thread, actor=contributor, body=f"Supervision note {number} for the team.")
    sync()
    found = _search_posts(user=contributor, query="supervision", page=2, sort="date")
    assert found.total == 25 and len(found.hits) == 5 and found.page.number == 2
    page = contributor_client.get(reverse("network:search", args=[network.pk]), {"q": "supervision", "page": "2"})
    assert "25 posts found" in page.content.decode() and "Page 2 of 2" in page.content.decode()
    beyond = contributor_client.get(reverse("network:search", args=[network.pk]), {"q": "supervision", "page": "9"})
    assert "Page 2 of 2" in beyond.content.decode()


@pytest.fixture
def case_room(moderator, contributor):
    return make_case_room(
        moderator=moderator, members=(contributor,), name="Case K.", purpose="One release", days_open=60
    )


def test_case_room_posts_never_reach_an_engine_but_members_find_them(
    contributor, contributor_client, case_room, search_engine
):
    thread = services.thread_create(
        network=case_room, actor=contributor, title="Release of K.", body="Housing in Narvik is arranged."
    )
    post = thread.posts.get()
    sync()
    assert not OutboxEntry.objects.filter(kind="post", document_id=post.pk, action="index").exists()
    assert post.pk not in engine(search_engine).document_ids(POSTS)
    assert engine("database").document_ids(POSTS).get(post.pk) is None
    found = _search_posts(user=contributor, query="Narvik")
    assert found.hits == [] and [hit.post_id for hit in found.case_room_hits] == [post.pk]
    page = contributor_client.get(reverse("network:search_all"), {"q": "Narvik"}).content.decode()
    assert "In your case rooms" in page and "Release of K." in page


def test_a_case_room_is_searched_for_its_members_only(outsider, contributor, moderator, case_room):
    services.thread_create(
        network=case_room, actor=contributor, title="Release of K.", body="Housing in Narvik is arranged."
    )
    membership = case_room.memberships.get(user=contributor)
    assert _search_posts(user=contributor, query="Narvik").case_room_hits
    assert _search_posts(user=outsider, query="Narvik").case_room_hits == []
    services.network_member_remove(membership=membership, actor=moderator)
    assert _search_posts(user=contributor, query="Narvik").case_room_hits == []


def test_a_post_left_in_the_engine_after_it_was_hidden_is_not_shown(contributor, moderator, case_post, search_engine):
    """The worker has not run yet (Elasticsearch still holds the post): the page reads every
    hit back from the database and drops it."""
    from network.models import Post

    Post.objects.filter(pk=case_post.pk).update(state=Post.State.HIDDEN)  # as if the outbox were not drained
    assert _search_posts(user=contributor, query="Tromsø").hits == []


def test_while_elasticsearch_is_down_members_still_search_from_the_database(
    settings, contributor, case_post, search_engine
):
    if search_engine != "elasticsearch":
        pytest.skip("only an engine outside the database can be down")
    settings.SEARCH_BACKENDS = {
        **settings.SEARCH_BACKENDS,
        "elasticsearch": {**settings.SEARCH_BACKENDS["elasticsearch"], "URL": "http://127.0.0.1:9"},
    }
    reset_engines()
    found = _search_posts(user=contributor, query="Tromsø")
    assert found.degraded and [hit.post_id for hit in found.hits] == [case_post.pk]


def test_reindex_rebuilds_the_posts_of_ordinary_networks_only(contributor, case_room, case_post, search_engine):
    from django.core.management import call_command

    from search.sync import all_documents, snapshot_version

    services.thread_create(network=case_room, actor=contributor, title="Release of K.", body="Housing in Narvik.")
    backend = engine(search_engine)
    if search_engine == "database":
        call_command("search_reindex", "--engine", "database")
    else:  # the command's bulk threads would read the in-memory test database from another thread
        backend.rebuild(POSTS, list(all_documents(POSTS, snapshot_version())))
        backend.refresh()
    indexed = set(backend.document_ids(POSTS))
    ordinary = set(Network.objects.filter(is_case_room=False).values_list("threads__posts", flat=True)) - {None}
    assert indexed == ordinary and case_post.pk in indexed


def test_snippets_show_the_text_as_rendered_never_markdown_nor_injected_markup(
    contributor, contributor_client, network, thread, moderator, colleague
):
    add_member(network, colleague, moderator=moderator)
    body = (
        "**Mentoring** works: read [the guide](https://example.org/guide?id=7) and ask @Ola Colleague. "
        "Code `<mark>fake</mark>` <img src=x onerror=alert(1)> 5 < 6 & more."
    )
    services.post_create(thread=thread, actor=contributor, body=body)
    [hit] = search_posts(user=contributor, query="mentoring")
    html = str(hit.snippet)
    assert html.startswith("<mark>Mentoring</mark> works: read the guide and ask @Ola Colleague.")
    # The literal "<mark>" typed in code is escaped (PostgreSQL's ts_headline drops tag-like text instead):
    # the only <mark> element is the engine's.
    assert html.count("<mark>") == 1 and "fake" in html and "5 &lt; 6 &amp; more" in html
    for raw in ("**", "](", "example.org", "<img", "onerror", "<a ", "<strong>"):
        assert raw not in html
    page = contributor_client.get(reverse("network:search", args=[network.pk]), {"q": "mentoring"}).content.decode()
    assert "<mark>Mentoring</mark> works: read the guide" in page and "onerror" not in page


def test_the_case_rooms_snippets_show_rendered_text_too(contributor, moderator):
    room = make_case_room(moderator=moderator, members=(contributor,), name="Case K", purpose="One case.")
    services.thread_create(
        network=room, actor=contributor, title="K", body="The **family** of K, see [notes](https://x.example/n)."
    )
    [hit] = _search_posts(user=contributor, query="family").case_room_hits
    assert str(hit.snippet) == "The <mark>family</mark> of K, see notes."
