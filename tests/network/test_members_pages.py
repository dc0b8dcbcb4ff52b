"""A network's members page comes in pages: a network of hundreds of members shows a page of them
with links to the others, read in the same number of queries whatever the network's size."""

import re

import pytest
from django.urls import reverse

from portal.models import Organisation
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

QUERIES = 7


def _members(network, moderator, organisation: Organisation, count: int) -> None:
    for number in range(count):
        user = make_user(f"member{number:02}@ravnstad.example", organisation, display_name=f"Member {number:02}")
        add_member(network, user, moderator=moderator)


def _names(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', page)


def test_the_members_page_shows_a_page_of_members_and_links_to_the_next(
    network, moderator, home_organisation, contributor_client, monkeypatch
):
    monkeypatch.setattr("network.views.networks.MEMBERS_PER_PAGE", 5)
    _members(network, moderator, home_organisation, 6)  # with the moderator and the contributor: 8
    url = reverse("network:members", args=[network.pk])
    first = contributor_client.get(url).content.decode()
    assert _names(first)[0] == "Mona Moderator"  # moderators first
    assert len(_names(first)) == 5
    assert "Page 1 of 2" in first
    assert f'href="{url}?page=2"' in first or 'href="?page=2"' in first
    second = contributor_client.get(url, {"page": 2}).content.decode()
    assert len(_names(second)) == 3
    assert set(_names(first)).isdisjoint(_names(second))


def test_the_members_page_reads_a_fixed_number_of_queries(
    network, moderator, home_organisation, contributor_client, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("network.views.networks.MEMBERS_PER_PAGE", 5)
    _members(network, moderator, home_organisation, 12)
    url = reverse("network:members", args=[network.pk])
    contributor_client.get(url)  # warm the per-process caches
    # session, user with portal membership, network, network membership, member count, one page of
    # members with their users, their portal memberships (how names are shown)
    with django_assert_num_queries(QUERIES):
        page = contributor_client.get(url, {"page": 2}).content.decode()
    assert len(_names(page)) == 5
