"""A thread page's whole list of posts is kept (network/fragments.py): once a member has read
it, nobody who may not read the thread gets any of it, and every change of what the page
shows (an edit, a hiding, a deletion, a new post, a pseudonym, a quoted post hidden) shows on
the next read, to every reader."""

import pytest
from django.test import Client
from django.urls import reverse

from network import services
from network.models import Network
from portal.models import Membership
from tests.conftest import make_user
from tests.network.conftest import add_member

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
