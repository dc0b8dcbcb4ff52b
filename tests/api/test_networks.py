"""Networks, threads and posts through the API: members only, names as each viewer may see them."""

import pytest
from django.urls import reverse

from network import services
from tests.api.conftest import api_client_for
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor_api(contributor):
    return api_client_for(contributor)


@pytest.fixture
def outsider_member(world, outsider, moderator):
    """The outsider, made a member of the network: another organisation's practitioner."""
    services.network_member_add(network=world.network, user=outsider, actor=moderator)
    return outsider


def test_a_member_reads_the_threads_and_posts_of_their_network(contributor_api, world):
    threads = contributor_api.get(reverse("api:network-threads", kwargs={"pk": world.network.pk})).json()
    assert [t["title"] for t in threads["results"]] == ["Returning fighter in Ravnstad"]
    assert threads["results"][0]["post_count"] == 1
    posts = contributor_api.get(reverse("api:thread-posts", kwargs={"pk": world.thread.pk})).json()
    assert [p["body"] for p in posts["results"]] == ["Secret case notes about K."]


def test_a_member_starts_a_thread_and_replies(contributor_api, world):
    url = reverse("api:network-threads", kwargs={"pk": world.network.pk})
    created = contributor_api.post(url, {"title": "A new case", "body": "First notes"}, format="json")
    assert created.status_code == 201 and created.json()["post_count"] == 1
    reply_url = reverse("api:thread-posts", kwargs={"pk": created.json()["id"]})
    reply = contributor_api.post(reply_url, {"body": "More notes"}, format="json")
    assert reply.status_code == 201 and reply.json()["body"] == "More notes"


def test_a_thread_links_only_a_practice_its_author_may_read(contributor_api, world, outsider):
    url = reverse("api:network-threads", kwargs={"pk": world.network.pk})
    hidden = make_practice(author=outsider, title="Westerland draft")
    refused = contributor_api.post(url, {"title": "About it", "body": "x", "practice": hidden.pk}, format="json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "practice"
    linked = contributor_api.post(url, {"title": "About it", "body": "x", "practice": world.public.pk}, format="json")
    assert linked.status_code == 201 and linked.json()["practice"] == world.public.pk


def test_a_linked_practice_shows_only_to_members_who_may_read_it(world, contributor, outsider_member):
    url = reverse("api:network-threads", kwargs={"pk": world.network.pk})
    body = {"title": "Internal method", "body": "x", "practice": world.own_organisation.pk}
    thread = api_client_for(contributor).post(url, body, format="json").json()
    detail = reverse("api:thread-detail", kwargs={"pk": thread["id"]})
    assert api_client_for(contributor).get(detail).json()["practice"] == world.own_organisation.pk
    assert api_client_for(outsider_member).get(detail).json()["practice"] is None


def test_a_hidden_post_keeps_its_text_from_members_but_not_from_moderators(world, contributor, moderator):
    services.post_hide(post=world.post, actor=moderator)
    url = reverse("api:thread-posts", kwargs={"pk": world.thread.pk})
    assert api_client_for(contributor).get(url).json()["results"][0]["body"] is None
    assert api_client_for(moderator).get(url).json()["results"][0]["body"] == "Secret case notes about K."
    assert api_client_for(contributor).get(reverse("api:post-detail", kwargs={"pk": world.post.pk})).status_code == 404


def test_authors_are_named_by_their_pseudonym_to_other_organisations(world, contributor, outsider_member, org_admin):
    contributor.pseudonym = "Raven"
    contributor.save()
    services.network_member_add(network=world.network, user=org_admin, actor=world.network.created_by)
    url = reverse("api:thread-posts", kwargs={"pk": world.thread.pk})
    assert api_client_for(outsider_member).get(url).json()["results"][0]["author"] == "Raven"
    assert api_client_for(org_admin).get(url).json()["results"][0]["author"] == "Raven (Kari Contributor)"
    assert "Kari" not in str(api_client_for(outsider_member).get(url).json())


def test_quoting_a_post_of_another_thread_is_refused(contributor_api, world):
    other = services.thread_create(network=world.network, actor=world.network.created_by, title="Other", body="y")
    url = reverse("api:thread-posts", kwargs={"pk": world.thread.pk})
    response = contributor_api.post(url, {"body": "Quote", "quote_of": other.posts.get().pk}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "quote_of"


def test_a_locked_thread_takes_no_reply_from_members(contributor_api, world, moderator):
    services.thread_lock(thread=world.thread, actor=moderator, locked=True)
    response = contributor_api.post(reverse("api:thread-posts", kwargs={"pk": world.thread.pk}), {"body": "x"})
    assert response.status_code == 403


def test_leaving_a_network_ends_access_at_once(contributor_api, contributor, world):
    membership = world.network.memberships.get(user=contributor)
    services.network_member_leave(membership=membership, actor=contributor)
    contributor_api = api_client_for(contributor)
    assert contributor_api.get(reverse("api:thread-detail", kwargs={"pk": world.thread.pk})).status_code == 404
    assert contributor_api.get(reverse("api:network-list")).json()["results"] == []


def test_leaving_the_organisation_ends_network_access_at_once(world, home_organisation, moderator):
    member = make_user("member@ravnstad.example", home_organisation, display_name="Mia Member")
    services.network_member_add(network=world.network, user=member, actor=moderator)
    client = api_client_for(member)
    assert client.get(reverse("api:thread-detail", kwargs={"pk": world.thread.pk})).status_code == 200
    member.memberships.update(state="ended")
    assert client.get(reverse("api:thread-detail", kwargs={"pk": world.thread.pk})).status_code == 404


def test_a_member_searches_the_posts_of_their_networks(contributor_api, world):
    url = reverse("api:post-search")
    found = contributor_api.get(url, {"q": "case notes"}).json()
    assert found["count"] == 1 and found["degraded"] is False
    hit = found["results"][0]
    assert hit["post"] == world.post.pk and hit["thread"] == world.thread.pk
    assert hit["thread_title"] == "Returning fighter in Ravnstad" and "<mark>" in hit["highlight"]
    assert contributor_api.get(url, {"q": "case notes", "network": world.network.pk}).json()["count"] == 1
    assert found["case_room_results"] == []


@pytest.mark.parametrize("persona", ["outsider", "colleague", "former_member"])
def test_a_non_member_gets_no_hit_no_count_and_404_for_the_network(request, persona, world):
    api = api_client_for(request.getfixturevalue(persona))
    url = reverse("api:post-search")
    found = api.get(url, {"q": "case notes"})
    # verified members may search networks (and find nothing of this one); a former member may not
    assert found.status_code == (404 if persona == "former_member" else 200)
    if found.status_code == 200:
        assert found.json()["count"] == 0 and found.json()["results"] == []
    assert "Secret" not in found.content.decode()
    assert api.get(url, {"q": "case notes", "network": world.network.pk}).status_code == 404


def test_a_post_search_needs_words(contributor_api):
    response = contributor_api.get(reverse("api:post-search"), {"q": "x"})
    assert response.status_code == 400 and "q" in response.content.decode()
