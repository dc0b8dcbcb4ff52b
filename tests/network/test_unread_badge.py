"""The header's unread badge: mentions, replies and invitations waiting for an answer, with a
label screen readers read out, linking to the notifications page; one query per page for a
signed-in member, none for an anonymous visitor, and nothing of anyone else's networks."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import Network
from network.selectors import unread_badge_count
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

BADGE = re.compile(
    r'<a class="unread-badge" href="([^"]+)">.*?>(\d+)</span><span class="visually-hidden">([^<]+)</span>', re.S
)


def _badge(client) -> tuple[str, int, str] | None:
    match = BADGE.search(client.get(reverse("home")).content.decode())
    return (match.group(1), int(match.group(2)), match.group(3)) if match else None


def test_mention_reply_and_invitation_each_count_in_the_badge(
    network, thread, moderator, contributor, contributor_client, colleague
):
    assert _badge(contributor_client) is None
    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, see this")  # mention
    services.post_create(thread=thread, actor=colleague, body="And a plain reply")  # reply to a followed thread
    other = services.network_create(actor=moderator, name="Families", purpose="p", policy=Network.Policy.INVITATION)
    services.network_invitation_create(network=other, actor=moderator, email=contributor.email.upper())
    url, count, label = _badge(contributor_client)
    assert (url, count, label) == (reverse("network:notifications"), 3, "3 unread notifications")
    services.notifications_mark_read(user=contributor)
    assert _badge(contributor_client)[1:] == (1, "1 unread notification")


def test_badge_costs_one_query_for_a_member_and_none_for_an_anonymous_visitor(
    contributor, contributor_client, client, network, thread, django_assert_num_queries
):
    with django_assert_num_queries(1):
        unread_badge_count(user=contributor)
    with django_assert_num_queries(0):
        assert unread_badge_count(user=AnonymousUser()) == 0
    with CaptureQueriesContext(connection) as anonymous:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in anonymous.captured_queries if "network_" in q["sql"]]
    with CaptureQueriesContext(connection) as member:
        assert contributor_client.get(reverse("home")).status_code == 200
    assert len([q for q in member.captured_queries if "network_invitation" in q["sql"]]) == 1


def test_outsider_never_sees_counts_of_another_networks_members(
    network, thread, moderator, contributor, outsider, outsider_client, colleague
):
    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, a reply")
    services.network_invitation_create(network=network, actor=moderator, email="someone@else.example")
    assert _badge(outsider_client) is None
    assert unread_badge_count(user=outsider) == 0


def test_invitation_to_an_address_not_yet_verified_does_not_count(network, moderator, contributor, contributor_client):
    contributor.emailaddress_set.update(verified=False)
    services.network_invitation_create(network=network, actor=moderator, email=contributor.email)
    assert unread_badge_count(user=contributor) == 0


def test_former_member_and_closed_case_room_no_longer_count(
    network, thread, moderator, contributor, colleague, contributor_client
):
    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, one")
    assert unread_badge_count(user=contributor) == 1
    yesterday = timezone.localdate() - timedelta(days=1)
    Network.objects.filter(pk=network.pk).update(is_case_room=True, access_ends_on=yesterday)
    assert unread_badge_count(user=contributor) == 0
    assert _badge(contributor_client) is None


def test_badge_disappears_when_portal_membership_ends(
    network, thread, moderator, contributor, colleague, contributor_client
):
    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, two")
    contributor.memberships.update(state="ended")
    assert _badge(contributor_client) is None
