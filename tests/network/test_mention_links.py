"""@mentions become links to the member's page in the network, in the stored HTML. The page is
for those who may read the network; a mention of someone who is not (or no longer) a member is
plain text, and their page is the network's 404."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from network import services
from network.models import Network, NetworkMembership, Post
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

OLA_PAGE = "/members/@Ola%20Colleague/"


def _reply(thread, actor, body: str) -> Post:
    return services.post_create(thread=thread, actor=actor, body=body)


@pytest.fixture
def ola_member(network, colleague, moderator):
    return add_member(network, colleague, moderator=moderator)


@pytest.fixture
def mention(thread, contributor, ola_member) -> Post:
    return _reply(thread, contributor, "Thanks @ola colleague, see **this**.")


def _page_url(network) -> str:
    return f"/networks/{network.pk}{OLA_PAGE}"


def test_a_mention_of_a_member_is_stored_as_a_link_to_their_page(network, mention):
    href = _page_url(network)
    assert (
        f'<a class="mention" href="{href}" rel="noopener noreferrer nofollow">@ola colleague</a>' in mention.body_html
    )
    assert "<strong>this</strong>" in mention.body_html


def test_the_thread_page_shows_the_link(contributor_client, thread, network, mention):
    page = contributor_client.get(reverse("network:thread", args=[thread.pk])).content.decode()
    assert f'href="{_page_url(network)}"' in page


@pytest.mark.parametrize(
    "body",
    [
        "Ask @Piet Outsider",  # a portal user outside the network
        "Ask @Nobody Here",
        "Mail ola@colleague.example",
        "`@Ola Colleague` in code",
        "[@Ola Colleague](https://example.org/x)",
    ],
)
def test_non_members_unknown_names_code_and_links_are_not_mention_links(thread, contributor, ola_member, body):
    post = _reply(thread, contributor, body)
    assert 'class="mention"' not in post.body_html
    assert "/members/" not in post.body_html


def test_the_member_page_names_the_member_their_organisation_role_and_posts(
    contributor_client, network, thread, colleague, ola_member
):
    _reply(thread, colleague, "My own view on **returning** fighters.")
    page = contributor_client.get(_page_url(network))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Ola Colleague</h1>" in html
    assert "Municipality of Ravnstad" in html and "Member" in html
    assert "My own view on returning fighters." in html and "**" not in html
    assert reverse("network:post", args=[colleague_post_id(thread, colleague)]) in html


def colleague_post_id(thread, colleague) -> int:
    return Post.objects.get(thread=thread, author=colleague).pk


def test_the_members_list_links_to_member_pages(contributor_client, network, ola_member):
    html = contributor_client.get(reverse("network:members", args=[network.pk])).content.decode()
    assert f'href="{_page_url(network)}"' in html


@pytest.fixture
def other_network_member(moderator, home_organisation):
    """A verified colleague who belongs to another network only."""
    siri = make_user("siri@ravnstad.example", home_organisation, display_name="Siri Elsewhere")
    other = services.network_create(
        actor=moderator, name="Another network", purpose="Elsewhere.", policy=Network.Policy.INVITATION
    )
    add_member(other, siri, moderator=moderator)
    return siri


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_outsiders_get_the_404_for_a_member_page(
    client, outsider_client, former_member_client, other_network_member, network, mention, colleague
):
    url = _page_url(network)
    for visitor in (client, outsider_client, former_member_client, _client(other_network_member)):
        response = visitor.get(url)
        assert response.status_code == 404
        assert b"Ola Colleague" not in response.content and b"Ravnstad" not in response.content


def test_a_member_who_left_loses_their_page_and_the_link(contributor_client, network, thread, mention, colleague):
    membership = NetworkMembership.objects.get(network=network, user=colleague)
    services.network_member_leave(membership=membership, actor=colleague)
    html = Post.objects.get(pk=mention.pk).body_html
    assert "/members/" not in html and "@ola colleague" in html
    assert contributor_client.get(_page_url(network)).status_code == 404
    assert _client(colleague).get(_page_url(network)).status_code == 404
    page = contributor_client.get(reverse("network:thread", args=[thread.pk])).content.decode()
    assert OLA_PAGE not in page


def test_a_member_removed_and_invited_back_is_linked_again(network, thread, mention, colleague, moderator):
    membership = NetworkMembership.objects.get(network=network, user=colleague)
    services.network_member_remove(membership=membership, actor=moderator)
    assert "/members/" not in Post.objects.get(pk=mention.pk).body_html
    add_member(network, colleague, moderator=moderator)
    assert OLA_PAGE in Post.objects.get(pk=mention.pk).body_html


def test_a_pseudonym_is_linked_and_the_page_keeps_who_is_behind_it(
    network, thread, contributor, contributor_client, moderator, moderator_client, home_organisation
):
    raven = make_user("raven@ravnstad.example", home_organisation, display_name="Ola Rasmussen", pseudonym="Raven")
    add_member(network, raven, moderator=moderator)
    post = _reply(thread, contributor, "@Raven and @Ola Rasmussen")
    assert post.body_html.count('class="mention"') == 1 and ">@Raven</a>" in post.body_html
    url = f"/networks/{network.pk}/members/@Raven/"
    member_view = contributor_client.get(url).content.decode()
    assert "<h1>Raven</h1>" in member_view
    assert "Rasmussen" not in member_view and "Municipality of Ravnstad" not in member_view
    assert contributor_client.get(f"/networks/{network.pk}/members/@Ola%20Rasmussen/").status_code == 404
    moderator_view = moderator_client.get(url).content.decode()
    assert "Raven (Ola Rasmussen)" in moderator_view and "Municipality of Ravnstad" in moderator_view


def test_a_member_whose_portal_access_ended_has_no_page(contributor_client, network, mention, colleague):
    colleague.memberships.update(state="ended")
    assert contributor_client.get(_page_url(network)).status_code == 404


def test_recook_links_mentions_of_members(network, mention, tmp_path):
    Post.objects.filter(pk=mention.pk).update(body_html="<p>stale</p>")
    with open(tmp_path / "out.txt", "w") as out:
        call_command("recook", stdout=out)
    assert f'href="{_page_url(network)}"' in Post.objects.get(pk=mention.pk).body_html


def test_the_member_page_costs_a_fixed_number_of_queries(
    contributor_client, network, thread, colleague, ola_member, django_assert_num_queries
):
    for number in range(12):
        _reply(thread, colleague, f"Post number {number}")
    contributor_client.get(_page_url(network))  # warm the session (and keep the header badge: network/badge.py)
    with django_assert_num_queries(8):  # one fewer since the user is read with their membership
        response = contributor_client.get(_page_url(network))
    assert response.content.decode().count('class="practice-card"') == 10


def test_a_member_who_leaves_their_organisation_is_no_longer_linked(contributor_client, network, mention, colleague):
    from portal import services as portal_services

    portal_services.membership_end(membership=colleague.memberships.get(), actor=colleague)
    assert "/members/" not in Post.objects.get(pk=mention.pk).body_html
    assert contributor_client.get(_page_url(network)).status_code == 404
