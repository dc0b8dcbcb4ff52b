"""The thread page reads the thread, its network, the reader's membership, read mark,
subscription and the post count in one query compiled once per connection
(network.selectors.thread_page): each reader gets their own state from it, and whatever ends
their access, written straight to the database, shows on the next request."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse

from network import services
from network.models import Network, NetworkMembership, ThreadSubscription
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

SECRET = "Secret case notes about K."
MODERATE = 'name="action" value="pin"'


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_each_reader_gets_their_own_membership_and_state(
    thread, network, moderator, contributor, colleague, outsider, home_organisation, client
):
    add_member(network, colleague, moderator=moderator, role=NetworkMembership.Role.MODERATOR)
    ThreadSubscription.objects.create(thread=thread, user=colleague)
    ThreadSubscription.objects.filter(thread=thread, user=contributor).delete()  # the author followed it
    elsewhere = make_user("elsewhere@ravnstad.example", home_organisation, display_name="Eva Elsewhere")
    other = services.network_create(actor=moderator, name="Other", purpose="p", policy=Network.Policy.INVITATION)
    add_member(other, elsewhere, moderator=moderator, role=NetworkMembership.Role.MODERATOR)
    for _ in range(2):  # the same connection, readers in turn
        page = _client(colleague).get(thread.get_absolute_url()).content.decode()
        assert SECRET in page and "Stop following" in page and MODERATE in page
        page = _client(contributor).get(thread.get_absolute_url()).content.decode()
        assert SECRET in page and "Follow this thread" in page and MODERATE not in page
        for reader in (_client(elsewhere), _client(outsider), client):
            response = reader.get(thread.get_absolute_url())
            assert response.status_code == 404 and SECRET not in response.content.decode()


def test_access_ended_in_the_database_shows_on_the_next_request(thread, network, contributor):
    reader = _client(contributor)
    assert SECRET in reader.get(thread.get_absolute_url()).content.decode()
    NetworkMembership.objects.filter(network=network, user=contributor).update(state=NetworkMembership.State.REMOVED)
    assert reader.get(thread.get_absolute_url()).status_code == 404
    NetworkMembership.objects.filter(network=network, user=contributor).update(state=NetworkMembership.State.ACTIVE)
    assert SECRET in reader.get(thread.get_absolute_url()).content.decode()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Network.objects.filter(pk=network.pk).update(is_case_room=True, access_ends_on=yesterday)
    response = reader.get(thread.get_absolute_url())
    assert response.status_code == 404 and SECRET not in response.content.decode()


def test_a_thread_that_does_not_exist_answers_404(contributor_client, thread):
    response = contributor_client.get(reverse("network:thread", args=[thread.pk + 1000]))
    assert response.status_code == 404


@pytest.fixture
def fragments_kept():
    """The fragments cache as in production (in tests, as in development, it keeps nothing)."""
    kept = {"BACKEND": "portal.cache_layers.StringMemoryCache", "LOCATION": "thread-page-fragments"}
    with override_settings(CACHES={**settings.CACHES, "fragments": kept}):
        caches["fragments"].clear()
        yield caches["fragments"]
        caches["fragments"].clear()


def test_the_kept_reply_fields_carry_the_quote_asked_for_and_no_other(
    fragments_kept, thread, first_post, network, moderator, contributor, colleague, outsider_client
):
    add_member(network, colleague, moderator=moderator)
    second = services.post_create(thread=thread, actor=colleague, body="Second")
    other = services.thread_create(network=network, actor=colleague, title="Other", body="Elsewhere")
    reader = _client(contributor)
    for quoted, expected in (
        (first_post.pk, first_post.pk),
        (second.pk, second.pk),
        (None, None),
        (other.posts.get().pk, None),
    ):
        params = {} if quoted is None else {"quote": quoted}
        page = reader.get(thread.get_absolute_url(), params).content.decode()
        hidden = re.search(r'<input type="hidden" name="quote"[^>]*>', page).group(0)
        assert (f'value="{expected}"' in hidden) if expected else ("value=" not in hidden)
        assert 'name="body"' in page and "Your reply" in page
    assert len(list(fragments_kept._cache)) >= 3  # kept indeed: one per quote (and none)
    response = outsider_client.get(thread.get_absolute_url(), {"quote": first_post.pk})
    assert response.status_code == 404 and "Your reply" not in response.content.decode()


def test_the_kept_posts_live_where_pages_are_kept_and_reach_no_outsider(thread, contributor, outsider_client, client):
    from portal.caching import kept

    kept().clear()
    reader = _client(contributor)
    assert SECRET in reader.get(thread.get_absolute_url()).content.decode()
    assert any(":posts:" in key for key in _keys(kept())), "the page's posts are kept with the pages"
    for other in (outsider_client, client):
        response = other.get(thread.get_absolute_url())
        assert response.status_code == 404 and SECRET not in response.content.decode()


def _keys(cache) -> list[str]:
    local = getattr(cache, "_local", cache)  # portal.cache_layers.LocalFirstCache: its memory
    return list(getattr(local, "_cache", {}))
