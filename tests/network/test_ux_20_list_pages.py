"""A network's bans and its invitations not accepted yet come in pages: both lists grow with the
network (a case room invites a whole service; bans are kept until lifted), and were shown whole. The
members page shows the first page of bans and how many there are in all, with the way to the rest."""

import re

import pytest
from django.urls import reverse

from network import services
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


def _ban(network, moderator, organisation, count: int) -> None:
    for number in range(count):
        user = make_user(f"banned{number:02}@ravnstad.example", organisation, display_name=f"Banned {number:02}")
        membership = add_member(network, user, moderator=moderator)
        services.network_member_remove(membership=membership, actor=moderator, ban=True)


def _bans(page: str) -> list[str]:
    return re.findall(r'<li class="practice-card">\s*<p>(Banned \d\d)', page)


def test_the_bans_page_shows_a_page_of_bans_and_links_to_the_next(
    network, moderator, home_organisation, moderator_client, monkeypatch
):
    monkeypatch.setattr("network.views.networks.BANS_PER_PAGE", 2)
    _ban(network, moderator, home_organisation, 3)
    url = reverse("network:bans", args=[network.pk])
    first = moderator_client.get(url).content.decode()
    assert _bans(first) == ["Banned 02", "Banned 01"]  # newest ban first
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = moderator_client.get(url, {"page": 2}).content.decode()
    assert _bans(second) == ["Banned 00"]


def test_the_members_page_shows_the_first_bans_and_how_many_in_all(
    network, moderator, home_organisation, moderator_client, monkeypatch
):
    monkeypatch.setattr("network.views.networks.BANS_PER_PAGE", 2)
    _ban(network, moderator, home_organisation, 3)
    page = moderator_client.get(reverse("network:members", args=[network.pk])).content.decode()
    assert re.findall(r"<li>(Banned \d\d)</li>", page) == ["Banned 02", "Banned 01"]
    assert "3 people banned in all." in page
    assert reverse("network:bans", args=[network.pk]) in page


def test_the_invitations_not_accepted_yet_come_in_pages(network, moderator, moderator_client, monkeypatch):
    monkeypatch.setattr("network.views.queues.INVITATIONS_PER_PAGE", 2)
    for number in range(3):
        services.network_invitation_create(network=network, actor=moderator, email=f"guest{number}@example.org")
    url = reverse("network:invite", args=[network.pk])
    first = moderator_client.get(url).content.decode()
    assert re.findall(r"guest\d@example.org ·", first) == ["guest2@example.org ·", "guest1@example.org ·"]
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = moderator_client.get(url, {"page": 2}).content.decode()
    assert re.findall(r"guest\d@example.org ·", second) == ["guest0@example.org ·"]
