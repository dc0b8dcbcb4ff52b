"""A network's own navigation says which of its pages one is on (aria-current, shown in bold), as the
moderation pages' does: it was a row of plain links, the same on every page."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = {
    "network:detail": "Discussions",
    "network:members": "Members",
    "network:invite": "Invite",
    "network:requests": "Requests to join",
    "network:reports": "Reported posts",
    "network:bans": "Bans",
    "network:settings": "Settings",
}


def _current(page: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Network" class="subnav">(.*?)</nav>', page, re.S)
    assert nav, "no network navigation"
    return re.findall(r'aria-current="page">([^<]+)</a>', nav.group(1))


@pytest.mark.parametrize(("route", "link"), PAGES.items())
def test_the_network_navigation_marks_the_page_one_is_on(network, moderator_client, route, link):
    page = moderator_client.get(reverse(route, args=[network.pk])).content.decode()
    assert _current(page) == [link]


def test_a_member_sees_the_same_marks_on_the_pages_they_may_open(network, contributor_client):
    for route in ("network:detail", "network:members"):
        page = contributor_client.get(reverse(route, args=[network.pk])).content.decode()
        assert _current(page) == [PAGES[route]]
