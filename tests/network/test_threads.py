"""Threads and posts: Markdown, quoting, editing with history, soft deletion, pins and locks,
read tracking and subscriptions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from network import services
from network.models import Post, PostRevision
from portal.models import AuditEvent
from tests.network.conftest import add_member, published_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague_member(network, colleague, moderator):
    add_member(network, colleague, moderator=moderator)
    return colleague


def test_member_starts_a_thread_and_replies_through_the_pages(contributor_client, network):
    response = contributor_client.post(
        reverse("network:thread_create", args=[network.pk]), {"title": "Family contact", "body": "First **note**"}
    )
    assert response.status_code == 302
    thread_url = response["Location"]
    reply = contributor_client.post(thread_url + "reply/", {"body": "A reply"})
    assert reply.status_code == 302 and "#post-" in reply["Location"]
    page = contributor_client.get(thread_url).content.decode()
    assert "<strong>note</strong>" in page and "A reply" in page


def test_post_markdown_is_sanitised(contributor_client, contributor, thread):
    services.post_create(thread=thread, actor=contributor, body="<script>alert(1)</script> [x](javascript:alert(1))")
    page = contributor_client.get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "javascript:alert" not in page


def test_reply_quotes_a_post_of_the_same_thread_only(contributor_client, contributor, network, thread, first_post):
    other = services.thread_create(network=network, actor=contributor, title="Other", body="Other text")
    page = contributor_client.get(thread.get_absolute_url() + f"?quote={first_post.pk}").content.decode()
    assert f'value="{first_post.pk}"' in page
    contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": "I agree", "quote": first_post.pk})
    assert Post.objects.get(body="I agree").quote_of == first_post
    with pytest.raises(ValidationError):
        services.post_create(thread=other, actor=contributor, body="x", quote_of=first_post)


def test_quote_of_a_hidden_post_no_longer_shows_its_text(
    contributor_client, contributor, moderator, thread, first_post
):
    services.post_create(thread=thread, actor=contributor, body="Reply", quote_of=first_post)
    services.post_hide(post=first_post, actor=moderator)
    page = contributor_client.get(thread.get_absolute_url()).content.decode()
    assert "Secret case notes" not in page and "The quoted post is no longer visible." in page


def test_edit_keeps_a_visible_history(contributor_client, colleague_client, colleague_member, first_post):
    response = contributor_client.post(reverse("network:post_edit", args=[first_post.pk]), {"body": "Corrected text"})
    assert response.status_code == 302
    assert PostRevision.objects.get(post=first_post).body == "Secret case notes about K."
    page = colleague_client.get(first_post.thread.get_absolute_url()).content.decode()
    assert "Corrected text" in page and "edited (1 earlier version)" in page
    history = colleague_client.get(reverse("network:post_history", args=[first_post.pk])).content.decode()
    assert "Secret case notes about K." in history and "Corrected text" in history
    assert AuditEvent.objects.filter(action="network.post.edit", target_id=first_post.pk).exists()


def test_only_the_author_edits_or_deletes_a_post(colleague_client, colleague_member, first_post):
    assert colleague_client.get(reverse("network:post_edit", args=[first_post.pk])).status_code == 404
    assert colleague_client.post(reverse("network:post_delete", args=[first_post.pk])).status_code == 404
    assert Post.objects.get(pk=first_post.pk).is_visible


def test_deleted_post_is_gone_for_members_but_moderators_still_read_it(
    contributor_client, colleague_client, moderator_client, colleague_member, first_post
):
    contributor_client.post(reverse("network:post_delete", args=[first_post.pk]))
    url = first_post.thread.get_absolute_url()
    member_page = colleague_client.get(url).content.decode()
    assert "Secret case notes" not in member_page and "This post was deleted by its author." in member_page
    assert colleague_client.get(reverse("network:post_history", args=[first_post.pk])).status_code == 404
    assert "Secret case notes" in moderator_client.get(url).content.decode()
    assert AuditEvent.objects.filter(action="network.post.delete").exists()


def test_locked_thread_takes_replies_from_moderators_only(
    moderator_client, colleague_client, colleague_member, moderator, thread
):
    moderator_client.post(reverse("network:thread_moderate", args=[thread.pk]), {"action": "lock"})
    thread.refresh_from_db()
    assert thread.locked
    colleague_client.post(reverse("network:reply", args=[thread.pk]), {"body": "Late reply"})
    assert not Post.objects.filter(body="Late reply").exists()
    with pytest.raises(PermissionDenied):
        services.post_create(thread=thread, actor=colleague_member, body="Late reply")
    services.post_create(thread=thread, actor=moderator, body="Moderator note")
    assert "This thread is locked" in colleague_client.get(thread.get_absolute_url()).content.decode()


def test_pinned_thread_comes_first(contributor_client, moderator_client, contributor, network, thread):
    services.thread_create(network=network, actor=contributor, title="Newer thread", body="x")
    moderator_client.post(reverse("network:thread_moderate", args=[thread.pk]), {"action": "pin"})
    page = contributor_client.get(network.get_absolute_url()).content.decode()
    assert page.index("Returning fighter") < page.index("Newer thread")
    assert AuditEvent.objects.filter(action="network.thread.pin", to_state="pinned").exists()


def test_member_cannot_pin_or_lock(contributor_client, thread):
    response = contributor_client.post(reverse("network:thread_moderate", args=[thread.pk]), {"action": "lock"})
    assert response.status_code == 404
    thread.refresh_from_db()
    assert not thread.locked


def test_threads_with_posts_since_the_last_visit_are_marked_new(
    colleague_client, colleague_member, contributor, network, thread
):
    assert "New since your last visit" in colleague_client.get(network.get_absolute_url()).content.decode()
    colleague_client.get(thread.get_absolute_url())
    assert "New since your last visit" not in colleague_client.get(network.get_absolute_url()).content.decode()
    services.post_create(thread=thread, actor=contributor, body="Fresh news")
    assert "New since your last visit" in colleague_client.get(network.get_absolute_url()).content.decode()
    page = colleague_client.get(thread.get_absolute_url()).content.decode()
    assert 'id="new"' in page and page.index('id="new"') < page.index("Fresh news")


def test_authors_own_posts_never_count_as_new(contributor_client, network, thread):
    assert "New since your last visit" not in contributor_client.get(network.get_absolute_url()).content.decode()


def test_long_threads_are_paginated(contributor_client, contributor, thread):
    for number in range(60):
        services.post_create(thread=thread, actor=contributor, body=f"Reply number {number}")
    first = contributor_client.get(thread.get_absolute_url()).content.decode()
    assert "Reply number 10" in first and "Reply number 59" not in first
    second = contributor_client.get(thread.get_absolute_url() + "?page=2").content.decode()
    assert "Reply number 59" in second
    last = Post.objects.get(body="Reply number 59")
    link = contributor_client.get(reverse("network:post", args=[last.pk]))
    assert link["Location"].endswith(f"?page=2#post-{last.pk}")


def test_subscribers_are_notified_of_replies_and_can_stop(
    colleague_client, colleague_member, contributor, thread, django_capture_on_commit_callbacks, mailoutbox
):
    colleague_client.post(reverse("network:subscription", args=[thread.pk]), {"subscribed": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, actor=contributor, body="Update one")
    assert [m.to for m in mailoutbox] == [["colleague@ravnstad.example"]]
    assert "Update one" not in mailoutbox[0].body  # no post text by email
    colleague_client.post(reverse("network:subscription", args=[thread.pk]), {"subscribed": "0"})
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, actor=contributor, body="Update two")
    assert len(mailoutbox) == 1


def test_thread_linked_practice_shows_only_to_those_who_may_read_it(
    contributor, contributor_client, moderator, outsider, outsider_client, network
):
    practice = published_practice(author=contributor, title="Own organisation method", visibility="organisation")
    thread = services.thread_create(network=network, actor=contributor, title="About it", body="x", practice=practice)
    add_member(network, outsider, moderator=moderator)
    assert "Own organisation method" in contributor_client.get(thread.get_absolute_url()).content.decode()
    assert "Own organisation method" not in outsider_client.get(thread.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError):
        services.thread_create(network=network, actor=outsider, title="t", body="b", practice=practice)
