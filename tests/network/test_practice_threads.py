"""“Discuss this practice”: threads linked to a practice show only to members of their network."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from network import services
from network.selectors import practice_discussion_context, threads_linked_to_practice
from tests.network.conftest import add_member, published_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(contributor):
    return published_practice(author=contributor, title="Mentoring after prison", visibility="members")


@pytest.fixture
def linked(network, contributor, practice):
    return services.thread_create(
        network=network, actor=contributor, title="Does mentoring work here?", body="Let us discuss", practice=practice
    )


def test_member_sees_threads_linked_to_the_practice(contributor, practice, linked):
    assert threads_linked_to_practice(user=contributor, practice=practice) == [linked]


@pytest.mark.parametrize("persona", ["outsider", "colleague", "applicant", "former_member"])
def test_non_members_see_no_linked_thread(request, persona, practice, linked):
    user = request.getfixturevalue(persona)
    assert threads_linked_to_practice(user=user, practice=practice) == []


def test_anonymous_visitor_sees_no_linked_thread(practice, linked):
    from django.contrib.auth.models import AnonymousUser

    assert threads_linked_to_practice(user=AnonymousUser(), practice=practice) == []


def test_include_template_lists_threads_and_offers_to_discuss(
    contributor, outsider, moderator, network, practice, linked
):
    request = RequestFactory().get("/")
    request.user = contributor
    html = render_to_string(
        "network/_practice_threads.html",
        {"practice": practice, **practice_discussion_context(user=contributor, practice=practice)},
        request=request,
    )
    assert "Does mentoring work here?" in html and "Exit work Ravnstad" in html
    assert f"{reverse('network:thread_create', args=[network.pk])}?practice={practice.pk}" in html
    request.user = outsider
    empty = render_to_string(
        "network/_practice_threads.html",
        {"practice": practice, **practice_discussion_context(user=outsider, practice=practice)},
        request=request,
    )
    assert empty.strip() == ""


def test_discuss_link_starts_a_thread_linked_to_the_practice(contributor_client, network, practice):
    url = reverse("network:thread_create", args=[network.pk]) + f"?practice={practice.pk}"
    assert "Mentoring after prison" in contributor_client.get(url).content.decode()
    contributor_client.post(url, {"title": "Linked", "body": "x", "practice": practice.pk})
    assert network.threads.get(title="Linked").practice == practice


def test_case_room_threads_are_listed_only_to_the_rooms_members(contributor, colleague, moderator, practice):
    from django.utils import timezone

    room = services.network_create(
        actor=moderator,
        name="Case K",
        purpose="p",
        policy="invitation",
        is_case_room=True,
        access_ends_on=timezone.localdate(),
        retention_days=9,
    )
    add_member(room, contributor, moderator=moderator)
    thread = services.thread_create(network=room, actor=contributor, title="K", body="x", practice=practice)
    assert threads_linked_to_practice(user=contributor, practice=practice) == [thread]
    assert threads_linked_to_practice(user=colleague, practice=practice) == []


def test_practice_page_lists_each_readers_own_networks_threads_in_turn(
    client,
    contributor_client,
    outsider_client,
    colleague_client,
    former_member_client,
    contributor,
    outsider,
    moderator,
    network,
    practice,
    linked,
):
    """The threads' query is compiled once per connection and run for each reader: read in turn on
    the same connection, each reader sees only the threads and networks of their own live memberships."""
    other = services.network_create(actor=moderator, name="Desk Velmora", purpose="p", policy="invitation")
    add_member(other, outsider, moderator=moderator)
    services.thread_create(network=other, actor=outsider, title="Reading it in Velmora", body="x", practice=practice)
    url = practice.get_absolute_url()
    for _ in range(2):  # a second round: nothing of a reader stays for the next
        mine = contributor_client.get(url).content.decode()
        assert "Does mentoring work here?" in mine and "Reading it in Velmora" not in mine
        theirs = outsider_client.get(url).content.decode()
        assert "Reading it in Velmora" in theirs and "Does mentoring work here?" not in theirs
        for reader in (colleague_client, former_member_client, client):
            page = reader.get(url).content.decode()
            assert "Does mentoring work here?" not in page and "Reading it in Velmora" not in page
    membership = network.memberships.get(user=contributor)
    services.network_member_leave(membership=membership, actor=contributor)
    left = contributor_client.get(url).content.decode()
    assert "Does mentoring work here?" not in left and "Desk Velmora" not in left
