"""The header's unread badge kept per reader (network/badge.py): a kept count costs no query,
anything that changes a count shows on the very next page, and one reader's kept count is
never shown to another."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network import services
from network.badge import kept_badge_count
from network.models import Network
from portal import services as portal_services
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'<a class="unread-badge" href="[^"]+">.*?>(\d+)</span>', re.S)


def _badge(client) -> tuple[int | None, int]:
    """The count the header shows (None: no badge) and how many badge queries the page made."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()
    match = BADGE.search(page)
    counted = len([q for q in queries.captured_queries if "network_invitation" in q["sql"]])
    return (int(match.group(1)) if match else None), counted


def test_kept_badge_costs_no_query_and_each_new_mention_reply_and_invitation_shows_at_once(
    network, thread, moderator, contributor, contributor_client, colleague
):
    add_member(network, colleague, moderator=moderator)
    assert _badge(contributor_client) == (None, 1)
    assert _badge(contributor_client) == (None, 0)  # kept
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, see this")
    assert _badge(contributor_client) == (1, 1)
    assert _badge(contributor_client) == (1, 0)
    services.post_create(thread=thread, actor=colleague, body="A plain reply")
    assert _badge(contributor_client) == (2, 1)
    other = services.network_create(actor=moderator, name="Families", purpose="p", policy=Network.Policy.INVITATION)
    services.network_invitation_create(network=other, actor=moderator, email=contributor.email)
    assert _badge(contributor_client) == (3, 1)
    services.notifications_mark_read(user=contributor)
    assert _badge(contributor_client) == (1, 1)


def test_a_hidden_post_a_revoked_invitation_and_an_ended_membership_show_at_once(
    network, thread, moderator, contributor, contributor_client, colleague
):
    add_member(network, colleague, moderator=moderator)
    post = services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, one")
    other = services.network_create(actor=moderator, name="Families", purpose="p", policy=Network.Policy.INVITATION)
    invitation, _token = services.network_invitation_create(network=other, actor=moderator, email=contributor.email)
    assert _badge(contributor_client)[0] == 2
    services.post_hide(post=post, actor=moderator)
    assert _badge(contributor_client)[0] == 1
    services.network_invitation_revoke(invitation=invitation, actor=moderator)
    assert _badge(contributor_client)[0] is None
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, two")
    assert _badge(contributor_client)[0] == 1
    portal_services.membership_end(membership=contributor.memberships.get(), actor=contributor)
    assert _badge(contributor_client)[0] is None


def test_one_readers_kept_count_is_never_shown_to_another(
    network, thread, moderator, contributor, contributor_client, colleague, colleague_client, outsider_client, client
):
    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, a reply")
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, another")
    assert _badge(contributor_client)[0] == 2  # kept for the contributor
    assert _badge(colleague_client)[0] is None  # their own posts: nothing unread
    assert _badge(outsider_client)[0] is None
    assert _badge(client) == (None, 0)
    assert _badge(contributor_client) == (2, 0)


def test_a_count_kept_on_another_day_is_counted_again(network, thread, moderator, contributor, colleague):
    """A case room's access ends on a date: a count kept yesterday is not read today."""
    from django.core.cache import cache

    from network.badge import VERSION_KEY, _reader_key

    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, one")
    assert kept_badge_count(user=contributor) == 1
    cache.set(_reader_key(contributor), (cache.get(VERSION_KEY), "2000-01-01", 7), 60)
    assert kept_badge_count(user=contributor) == 1


def test_no_count_is_kept_when_keeping_is_off(settings, network, thread, moderator, contributor, colleague):
    """``PORTAL_BADGE_SECONDS=0``: even a write no service announces shows on the next page."""
    from django.utils import timezone

    from network.models import Notification

    settings.BADGE_SECONDS = 0
    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="@Kari Contributor, one")
    assert kept_badge_count(user=contributor) == 1
    Notification.objects.update(read_at=timezone.now())  # sends no signal
    assert kept_badge_count(user=contributor) == 0
