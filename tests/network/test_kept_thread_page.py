"""A thread page's whole list of posts is kept (network/fragments.py): once a member has read
it, nobody who may not read the thread gets any of it, and every change of what the page
shows (an edit, a hiding, a deletion, a new post, a pseudonym, a quoted post hidden) shows on
the next read, to every reader."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from network import services
from network.models import Network
from portal.caching import csrf_stand_in
from portal.models import Membership
from practices.models import Practice
from tests.conftest import make_user
from tests.network.conftest import add_member, published_practice

pytestmark = pytest.mark.django_db

SECRET = "Secret case notes about K."


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client, thread, **params) -> str:
    response = client.get(thread.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def kept(thread, colleague, moderator, network):
    """The thread read once by a member (the colleague): its page is kept."""
    add_member(network, colleague, moderator=moderator)
    reader = _client(colleague)
    assert SECRET in _page(reader, thread)
    return reader


def test_nobody_who_may_not_read_the_thread_gets_the_kept_page(
    kept, thread, network, moderator, contributor, outsider, former_member, home_organisation, client
):
    elsewhere = make_user("elsewhere@ravnstad.example", home_organisation, display_name="Eva Elsewhere")
    other = services.network_create(
        actor=moderator, name="Other network", purpose="p", policy=Network.Policy.INVITATION
    )
    add_member(other, elsewhere, moderator=moderator)
    removed = make_user("removed@ravnstad.example", home_organisation, display_name="Rolf Removed")
    banned = make_user("banned@ravnstad.example", home_organisation, display_name="Bente Banned")
    ended = make_user("ended@ravnstad.example", home_organisation, display_name="Erik Ended")
    for person in (removed, banned, ended):
        add_member(network, person, moderator=moderator)
    services.network_member_remove(membership=network.memberships.get(user=removed), actor=moderator)
    services.network_member_remove(membership=network.memberships.get(user=banned), actor=moderator, ban=True)
    Membership.objects.filter(user=ended).update(state=Membership.State.ENDED)  # left the organisation
    readers = [_client(person) for person in (elsewhere, removed, banned, ended, former_member, outsider)]
    for reader in [*readers, client]:
        response = reader.get(thread.get_absolute_url())
        assert response.status_code == 404
        page = response.content.decode()
        assert SECRET not in page and "Kari Contributor" not in page and thread.title not in page


def test_an_edit_a_hiding_a_deletion_and_a_new_post_show_on_the_next_read(
    kept, thread, first_post, network, moderator, contributor, colleague
):
    services.post_edit(post=first_post, actor=contributor, body="Corrected notes.")
    page = _page(kept, thread)
    assert "Corrected notes." in page and SECRET not in page and "edited (1 earlier version)" in page
    services.post_hide(post=first_post, actor=moderator)
    page = _page(kept, thread)
    assert "Corrected notes." not in page and "This post was hidden by a moderator." in page
    services.post_restore(post=first_post, actor=moderator)
    assert "Corrected notes." in _page(kept, thread)
    services.post_delete(post=first_post, actor=contributor)
    page = _page(kept, thread)
    assert "Corrected notes." not in page and "This post was deleted by its author." in page
    services.post_create(thread=thread, actor=contributor, body="A new reply.")
    page = _page(kept, thread)
    assert "A new reply." in page and "New since your last visit" in page


def test_a_pseudonym_taken_after_the_page_was_kept_hides_the_real_name_at_once(kept, thread, contributor):
    assert "Kari Contributor" in _page(kept, thread)
    contributor.pseudonym = "Fjord Walker"
    contributor.save()
    page = _page(kept, thread)
    assert "Fjord Walker" in page and "Kari Contributor" not in page


def test_a_quoted_post_hidden_after_the_page_was_kept_no_longer_shows_in_the_quote(
    kept, thread, first_post, contributor, colleague, moderator
):
    services.post_create(thread=thread, actor=colleague, body="I agree.", quote_of=first_post)
    assert _page(kept, thread).count(SECRET) == 2  # the post and its quote
    services.post_hide(post=first_post, actor=moderator)
    page = _page(kept, thread)
    assert SECRET not in page and "The quoted post is no longer visible." in page


def test_what_a_moderator_reads_of_a_hidden_post_never_reaches_a_member(kept, thread, first_post, moderator):
    services.post_hide(post=first_post, actor=moderator)
    moderator_page = _page(_client(moderator), thread)
    assert SECRET in moderator_page and "Hidden by a moderator: only moderators see it" in moderator_page
    page = _page(kept, thread)
    assert SECRET not in page and 'value="restore"' not in page


def test_one_readers_new_marks_and_own_links_never_reach_another(kept, thread, contributor, colleague, network):
    services.post_create(thread=thread, actor=colleague, body="The colleague's reply.")
    services.post_create(thread=thread, actor=contributor, body="The contributor's answer.")
    colleague_page = _page(kept, thread)  # the colleague's own reply: edit links; the answer: new
    assert "New since your last visit" in colleague_page and colleague_page.count("Delete…") == 1
    again = _page(kept, thread)
    assert "New since your last visit" not in again and again.count("Delete…") == 1
    contributor_page = _page(_client(contributor), thread)
    assert contributor_page.count("Delete…") == 2  # the first post and the answer are theirs
    reply_edit = reverse("network:post_edit", args=[thread.posts.get(body="The colleague's reply.").pk])
    assert reply_edit in colleague_page and reply_edit not in contributor_page


# The page's whole content (network/fragments.py thread_content_html) is kept too: the reader's
# CSRF token is put in on each request, and everything else it shows is in its key.


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)


def test_each_reader_gets_their_own_csrf_token_in_the_kept_content(kept, thread, contributor):
    first = _page(kept, thread)
    other = _client(contributor)
    second = _page(other, thread)
    for client, page in ((kept, first), (other, second), (kept, _page(kept, thread))):
        secret = client.cookies[settings.CSRF_COOKIE_NAME].value
        tokens = _tokens(page)
        assert len(tokens) >= 3  # the header's log-out and language forms, the page's follow and reply forms
        assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert csrf_stand_in() not in first + second
    # and the token works: the reply form posts
    response = kept.post(
        reverse("network:reply", args=[thread.pk]), {"body": "Thanks.", "csrfmiddlewaretoken": _tokens(first)[-1]}
    )
    assert response.status_code == 302


def test_the_readers_own_flags_and_the_threads_state_show_on_the_next_read(
    kept, thread, contributor, colleague, moderator
):
    assert "Follow this thread" in _page(kept, thread)
    services.thread_subscription_set(thread=thread, user=colleague, subscribed=True)
    assert "Stop following" in _page(kept, thread)
    services.thread_subscription_set(thread=thread, user=colleague, subscribed=False)
    services.thread_subscription_set(thread=thread, user=contributor, subscribed=True)
    assert "Stop following" in _page(_client(contributor), thread)
    assert "Follow this thread" in _page(kept, thread)  # the colleague follows nothing
    services.thread_lock(thread=thread, actor=moderator, locked=True)
    page = _page(kept, thread)
    assert "This thread is locked: no new replies." in page and "Post the reply" not in page
    services.thread_lock(thread=thread, actor=moderator, locked=False)
    services.thread_pin(thread=thread, actor=moderator, pinned=True)
    page = _page(kept, thread)
    assert "Post the reply" in page and "Pinned" in page


def test_a_practice_the_reader_may_no_longer_read_is_no_longer_linked(network, contributor, colleague, moderator):
    practice = published_practice(author=contributor, title="Mentoring after prison", visibility="members")
    linked = services.thread_create(
        network=network, actor=contributor, title="Does mentoring work here?", body="Let us discuss", practice=practice
    )
    add_member(network, colleague, moderator=moderator)
    reader = _client(colleague)
    assert "Mentoring after prison" in _page(reader, linked)
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.WITHDRAWN)
    assert "Mentoring after prison" not in _page(reader, linked)


def test_the_quoted_authors_name_is_as_each_reader_may_see_it(kept, thread, first_post, contributor, moderator):
    contributor.pseudonym = "Fjord Walker"
    contributor.save()
    page = _page(kept, thread, quote=first_post.pk)
    assert "Quoting Fjord Walker" in page and "Kari Contributor" not in page
    assert "Quoting Fjord Walker (Kari Contributor)" in _page(_client(moderator), thread, quote=first_post.pk)
    page = _page(kept, thread, quote=first_post.pk)
    assert "Quoting Fjord Walker" in page and "Kari Contributor" not in page


def test_a_moderators_content_is_never_kept_for_a_member(kept, thread, moderator):
    moderator_page = _page(_client(moderator), thread)
    assert 'value="lock"' in moderator_page
    assert 'value="lock"' not in _page(kept, thread)


def test_a_members_page_read_again_is_not_rendered_again_and_a_moderators_always_is(kept, thread, moderator, rendered):
    _page(kept, thread)
    assert "network/thread_detail.html" not in rendered  # the colleague's page, kept whole
    moderator_client = _client(moderator)
    _page(moderator_client, thread)
    rendered.clear()
    _page(moderator_client, thread)
    assert "network/thread_detail.html" in rendered and "network/_thread_content.html" in rendered


def test_html_cooked_again_shows_on_the_next_read_though_no_post_was_edited(kept, thread, first_post):
    """``manage.py recook`` rewrites stored HTML without an edit: the page's rows, as read, are
    what its kept posts are found by, so the new HTML shows at once."""
    from network.models import Post

    Post.objects.filter(pk=first_post.pk).update(body_html="<p>Cooked again by a newer renderer.</p>")
    page = _page(kept, thread)
    assert "Cooked again by a newer renderer." in page and SECRET not in page


def test_a_page_of_posts_as_read_gives_the_rows_the_orm_gives(thread, first_post, network, moderator, colleague):
    from network import selectors
    from network.models import Post

    add_member(network, colleague, moderator=moderator)
    services.post_create(thread=thread, actor=colleague, body="Second", quote_of=first_post)
    page = selectors.ThreadPosts(thread, 2)[0:50]
    expected = list(
        Post.objects.filter(thread=thread).order_by("created_at", "pk").values_list(*selectors._ROW_COLUMNS)
    )
    assert page.last() == expected[-1]  # converted alone, before the others
    assert [tuple(row) for row in page] == expected and len(page) == 2
    assert page.last().created_at.tzinfo is not None and page[0].created_at < page[1].created_at
    assert selectors.ThreadPosts(thread, 2)[2:52].last() is None  # past the last post: an empty page


def test_a_page_kept_whole_is_served_without_reading_its_kept_parts(kept, thread):
    """The posts and the content reach the page as deferred parts (portal.caching.Deferred): a
    page kept for its reader is found by their keys, and neither is read nor kept again."""
    from django.core.cache import caches

    from portal.caching import READER_PAGES
    from portal.caching import kept as kept_parts

    def parts() -> list[str]:
        local = getattr(kept_parts(), "_local", kept_parts())
        return [key for key in getattr(local, "_cache", {}) if ":posts:" in key or ":content:" in key]

    assert SECRET in _page(kept, thread) and parts()  # the colleague's page, its parts kept
    kept_parts().clear()
    assert SECRET in _page(kept, thread)
    assert parts() == []  # served whole: no part was asked for, so none was kept again
    caches[READER_PAGES].clear()
    assert SECRET in _page(kept, thread)
    assert len(parts()) == 2  # rendered again: the posts and the content computed and kept
