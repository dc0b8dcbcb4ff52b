"""Case rooms: never listed, memberships that end, and content purged for good after retention."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from network import services
from network.indexing import is_indexable
from network.models import Mention, Network, Notification, Post, PostRevision, Thread
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(moderator, contributor, colleague):
    room = services.network_create(
        actor=moderator,
        name="Case K",
        purpose="One situation",
        policy="invitation",
        is_case_room=True,
        access_ends_on=timezone.localdate() + timedelta(days=60),
        retention_days=30,
    )
    add_member(room, contributor, moderator=moderator)
    add_member(room, colleague, moderator=moderator)
    return room


def _age(posts, days: int) -> None:
    Post.objects.filter(pk__in=[p.pk for p in posts]).update(created_at=timezone.now() - timedelta(days=days))


def test_purge_deletes_old_case_room_posts_revisions_and_empty_threads_for_good(room, contributor, network):
    old_thread = services.thread_create(network=room, actor=contributor, title="Old", body="Old @Ola Colleague")
    old_post = old_thread.posts.get()
    services.post_edit(post=old_post, actor=contributor, body="Old, edited")
    recent = services.thread_create(network=room, actor=contributor, title="Recent", body="Recent text")
    old_reply = services.post_create(thread=recent, actor=contributor, body="Old reply")
    ordinary = services.thread_create(network=network, actor=contributor, title="Ordinary", body="Kept")
    _age([old_post, old_reply, ordinary.posts.get()], days=31)
    call_command("purge_case_rooms")
    assert not Post.objects.filter(pk__in=[old_post.pk, old_reply.pk]).exists()
    assert not PostRevision.objects.exists()
    assert not Mention.objects.exists() and not Notification.objects.filter(post_id=old_post.pk).exists()
    assert not Thread.objects.filter(pk=old_thread.pk).exists()
    assert list(recent.posts.values_list("body", flat=True)) == ["Recent text"]
    assert ordinary.posts.get().body == "Kept"


def test_purge_keeps_posts_younger_than_the_retention_period(room, contributor):
    thread = services.thread_create(network=room, actor=contributor, title="T", body="Young")
    _age([thread.posts.get()], days=29)
    call_command("purge_case_rooms")
    assert thread.posts.count() == 1


def test_case_room_needs_dates_and_is_never_listed(moderator):
    with pytest.raises(ValidationError):
        services.network_create(actor=moderator, name="x", purpose="p", policy="invitation", is_case_room=True)
    with pytest.raises(ValidationError):
        services.network_create(
            actor=moderator,
            name="x",
            purpose="p",
            policy="request",
            listed=True,
            is_case_room=True,
            access_ends_on=timezone.localdate(),
            retention_days=5,
        )


def test_case_room_is_flagged_and_its_posts_never_go_to_a_search_engine(room, contributor, network):
    assert Network.objects.get(pk=room.pk).is_case_room
    thread = services.thread_create(network=room, actor=contributor, title="T", body="x")
    assert not is_indexable(thread.posts.get())
    ordinary = services.thread_create(network=network, actor=contributor, title="T", body="x")
    assert is_indexable(ordinary.posts.get())


def test_case_room_is_not_offered_to_verified_non_members(room, outsider_client):
    from django.urls import reverse

    assert "Case K" not in outsider_client.get(reverse("network:list")).content.decode()
    assert outsider_client.get(reverse("network:join", args=[room.pk])).status_code == 404
