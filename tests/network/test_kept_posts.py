"""A thread page's posts are rendered once and kept (network/fragments.py): a kept post never
shows one reader what only another may see (a real name, a moderator's buttons and token,
a "new" mark, an edit link), and shows every change of the post at once."""

import re

import pytest
from django.test import Client

from network import services
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(network, thread, moderator, contributor, colleague, org_admin):
    contributor.pseudonym = "Fjord Walker"
    contributor.save()
    services.post_create(thread=thread, actor=contributor, body="A reply about the family.")
    for user in (colleague, org_admin):
        add_member(network, user, moderator=moderator)
    clients = {}
    for name, user in (("colleague", colleague), ("admin", org_admin), ("moderator", moderator)):
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


def _page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_real_name_shown_to_an_administrator_never_reaches_a_member(readers, thread):
    assert "Fjord Walker (Kari Contributor)" in _page(readers["admin"], thread)
    page = _page(readers["colleague"], thread)
    assert "Fjord Walker" in page
    assert "Kari Contributor" not in page


def test_a_moderators_buttons_and_token_never_reach_a_member(readers, thread):
    moderator_page = _page(readers["moderator"], thread)
    hide = re.search(r'href="(/networks/posts/\d+/hide/)"', moderator_page)  # asks first (its own page)
    assert hide, "no Hide link on the moderator's page"
    token = moderator_page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    page = _page(readers["colleague"], thread)
    assert hide.group(1) not in page
    assert "/hide/" not in page
    assert token not in page


def test_the_authors_edit_links_never_reach_another_member(readers, thread, contributor_client):
    assert "Delete…" in _page(contributor_client, thread)
    assert "Delete…" not in _page(readers["colleague"], thread)


def test_an_edit_and_a_moderators_hiding_show_at_once(readers, thread, moderator, contributor):
    post = thread.posts.order_by("-pk").first()
    assert "A reply about the family." in _page(readers["colleague"], thread)
    services.post_edit(post=post, actor=contributor, body="A corrected reply.")
    page = _page(readers["colleague"], thread)
    assert "A corrected reply." in page and "A reply about the family." not in page
    services.post_hide(post=post, actor=moderator)
    page = _page(readers["colleague"], thread)
    assert "A corrected reply." not in page
    assert "This post was hidden by a moderator." in page
