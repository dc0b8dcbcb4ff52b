"""Search within networks: only members of a post's network ever get a hit, a count or a
snippet of it, on the page and through the declarations the search layer will use."""

import pytest
from django.urls import reverse

from network import services
from network.indexing import network_ids_for_member, post_document
from network.selectors import search_posts, snippet
from portal.models import Membership
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

NON_MEMBERS = ["client", "outsider_client", "colleague_client", "applicant_client", "former_member_client"]


@pytest.fixture
def case_post(thread, first_post, contributor):
    return services.post_create(thread=thread, actor=contributor, body="The family moved to Tromsø in spring.")


def test_member_finds_a_post_with_a_highlighted_snippet(contributor_client, network, case_post):
    page = contributor_client.get(reverse("network:search", args=[network.pk]), {"q": "tromsø"}).content.decode()
    assert "<mark>Tromsø</mark>" in page and "Returning fighter in Ravnstad" in page
    everywhere = contributor_client.get(reverse("network:search_all"), {"q": "Tromsø"}).content.decode()
    assert "<mark>Tromsø</mark>" in everywhere


@pytest.mark.parametrize("reader", NON_MEMBERS)
def test_non_member_never_gets_a_hit_a_count_or_a_snippet(request, reader, network, case_post):
    client = request.getfixturevalue(reader)
    scoped = client.get(reverse("network:search", args=[network.pk]), {"q": "Tromsø"})
    assert scoped.status_code == 404
    everywhere = client.get(reverse("network:search_all"), {"q": "Tromsø"})
    assert everywhere.status_code in (200, 404)
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
