"""A signed-in reader's whole page is kept when its context is plain values (portal/caching.py
render_for_reader: the search page, the home page without drafts, a practice's page read as any
reader of its scope reads it). Read from the other side: the page is kept for one reader only,
with their own CSRF token put in on each request, and whatever base.html shows them (their badge,
their role, their language, a pending message) shows on the next request."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse

from network import services as network_services
from network.models import Network, Notification
from portal.caching import csrf_stand_in, is_plain
from portal.models import Membership, User
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

MODERATION_LINK = 'href="/moderation/"'


def _search(client, words: str = "mentoring", **params) -> str:
    response = client.get(reverse("search:search"), {"q": words, **params})
    assert response.status_code == 200
    return response.content.decode()


def _tokens(page: str) -> set[str]:
    return {_unmask_cipher_token(token) for token in re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)}


@pytest.fixture
def published(contributor):
    return make_practice(author=contributor, title="Mentoring after prison", publish=True)


def test_a_readers_page_read_again_is_not_rendered_again(published, colleague_client, rendered):
    first = _search(colleague_client)
    assert "base.html" in rendered and "Mentoring after prison" in first
    rendered.clear()
    again = _search(colleague_client)
    assert "base.html" not in rendered
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", again) == strip.sub("", first)


def test_each_reader_gets_their_own_page_and_csrf_token(published, colleague_client, contributor_client, rendered):
    _search(colleague_client)
    rendered.clear()
    page = _search(contributor_client)  # the same scope, the same address: another reader's page
    assert "base.html" in rendered
    for client, html in ((colleague_client, _search(colleague_client)), (contributor_client, page)):
        assert _tokens(html) == {client.cookies[settings.CSRF_COOKIE_NAME].value}
        assert csrf_stand_in() not in html


def test_a_new_notification_shows_in_the_badge_of_a_kept_page(
    published, contributor, colleague, moderator, colleague_client
):
    network = network_services.network_create(
        actor=moderator, name="Exit work", purpose="p", policy=Network.Policy.INVITATION
    )
    for person in (contributor, colleague):
        network_services.network_member_add(network=network, user=person, actor=moderator)
    assert "unread-badge" not in _search(colleague_client)
    thread = network_services.thread_create(network=network, actor=contributor, title="A case", body="Notes")
    Notification.objects.create(recipient=colleague, post=thread.posts.get(), kind=Notification.Kind.MENTION)
    assert "1 unread notification" in _search(colleague_client)


def test_a_pending_message_is_shown_once_and_never_kept(published, colleague_client):
    _search(colleague_client)  # kept
    # a message waiting in the reader's cookie, as after any action that says what it did
    storage = CookieStorage(HttpRequest())
    colleague_client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Saved for you.")])
    assert "Saved for you." in _search(colleague_client)
    assert "Saved for you." not in _search(colleague_client)


def test_a_language_change_and_a_lost_role_show_on_the_next_read(published, moderator, client):
    client.force_login(moderator)
    page = _search(client)
    assert MODERATION_LINK in page and 'lang="en"' in page
    User.objects.filter(pk=moderator.pk).update(is_moderator=False)  # behind every cache
    assert MODERATION_LINK not in _search(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert 'lang="fr"' in _search(client)


def test_a_reader_who_leaves_their_organisation_reads_no_kept_members_page(contributor, colleague, colleague_client):
    make_practice(author=contributor, title="Mentoring for members", publish=True, visibility="members")
    assert "Mentoring for members" in _search(colleague_client)
    Membership.objects.filter(user=colleague).update(state=Membership.State.ENDED)  # behind every cache
    assert "Mentoring for members" not in _search(colleague_client)


def test_a_practice_page_read_as_any_reader_is_kept_and_the_own_sides_is_not(
    published, contributor_client, colleague_client, rendered
):
    url = published.get_absolute_url()
    colleague_client.get(url)
    rendered.clear()
    assert "Mentoring after prison" in colleague_client.get(url).content.decode()
    assert "practices/practice_detail.html" not in rendered  # kept
    contributor_client.get(url)
    rendered.clear()
    own = contributor_client.get(url).content.decode()
    assert "practices/practice_detail.html" in rendered and "Propose an update" in own  # the author's: rendered


def test_the_home_page_with_drafts_is_rendered_every_time(contributor, contributor_client, rendered):
    draft = make_practice(author=contributor, title="My first draft")
    assert "My first draft" in contributor_client.get(reverse("home")).content.decode()
    draft.title = "My renamed draft"
    draft.save()
    rendered.clear()
    assert "My renamed draft" in contributor_client.get(reverse("home")).content.decode()
    assert "portal/home.html" in rendered


def test_only_plain_values_count_as_a_pages_inputs(contributor):
    assert is_plain({"text": "a", "n": 1, "when": None, "rows": [{"pk": 1, "name": "x"}], "pair": ("a", 2)})
    assert not is_plain({"user": contributor})
    assert not is_plain({"rows": [contributor]})
    from django.utils.translation import gettext_lazy

    assert not is_plain({"label": gettext_lazy("Home")})  # its repr names an object, not the text
