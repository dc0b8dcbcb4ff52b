"""A network moderator who is not a portal moderator may not demote, remove or ban another network
moderator (only portal moderators may); they still manage ordinary members."""

import pytest
from django.test import Client
from django.urls import reverse

from network import services
from network.models import Network, NetworkMembership
from tests.conftest import with_totp

pytestmark = pytest.mark.django_db
Role = NetworkMembership.Role


@pytest.fixture
def network(moderator, contributor, colleague, outsider) -> Network:
    network = services.network_create(
        actor=moderator, name="Exit work", purpose="Cases.", policy=Network.Policy.INVITATION
    )
    for user in (contributor, colleague):
        services.network_member_add(network=network, user=user, actor=moderator, role=Role.MODERATOR)
    services.network_member_add(network=network, user=outsider, actor=moderator)
    return network


def _client(user) -> Client:
    client = Client()
    client.force_login(with_totp(user))
    return client


def _membership(network, user) -> NetworkMembership:
    return NetworkMembership.objects.get(network=network, user=user)


def test_a_network_moderator_cannot_demote_another(network, contributor, colleague):
    target = _membership(network, colleague)
    _client(contributor).post(reverse("network:member_role", args=[target.pk]), {"role": Role.MEMBER})
    assert _membership(network, colleague).role == Role.MODERATOR


@pytest.mark.parametrize("ban", ["0", "1"])
def test_a_network_moderator_cannot_remove_or_ban_another(network, contributor, colleague, ban):
    target = _membership(network, colleague)
    _client(contributor).post(reverse("network:member_remove", args=[target.pk]), {"ban": ban})
    assert _membership(network, colleague).state == NetworkMembership.State.ACTIVE


def test_a_network_moderator_still_manages_ordinary_members(network, contributor, outsider):
    target = _membership(network, outsider)
    client = _client(contributor)
    client.post(reverse("network:member_role", args=[target.pk]), {"role": Role.MODERATOR})
    assert _membership(network, outsider).role == Role.MODERATOR


def test_a_network_moderator_may_step_down(network, contributor):
    target = _membership(network, contributor)
    _client(contributor).post(reverse("network:member_role", args=[target.pk]), {"role": Role.MEMBER})
    assert _membership(network, contributor).role == Role.MEMBER


def test_a_portal_moderator_demotes_and_bans_a_network_moderator(network, moderator, colleague):
    target = _membership(network, colleague)
    client = Client()
    client.force_login(moderator)
    client.post(reverse("network:member_role", args=[target.pk]), {"role": Role.MEMBER})
    assert _membership(network, colleague).role == Role.MEMBER
    client.post(reverse("network:member_remove", args=[target.pk]), {"ban": "1"})
    assert _membership(network, colleague).state == NetworkMembership.State.BANNED
