"""Removing or banning a member of a network asks first: the members page links to a
confirmation page, which changes nothing; only its POST form removes or bans."""

import re

import pytest
from django.urls import reverse

from network.models import NetworkMembership
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db


def _url(network, user) -> str:
    return reverse("network:member_remove", args=[network.memberships.get(user=user).pk])


def test_the_members_page_has_no_one_click_remove_or_ban(network, contributor, moderator_client):
    page = moderator_client.get(reverse("network:members", args=[network.pk])).content.decode()
    url = _url(network, contributor)
    assert not re.search(rf'<form[^>]+action="{re.escape(url)}"', page)
    assert f'href="{url}"' in page
    assert f'href="{url}?ban=1"' in page


@pytest.mark.parametrize("ban", [False, True])
def test_the_confirmation_page_names_the_member_and_changes_nothing(network, contributor, moderator_client, ban):
    events = AuditEvent.objects.count()
    response = moderator_client.get(_url(network, contributor) + ("?ban=1" if ban else ""))
    assert response.status_code == 200
    text = response.content.decode()
    heading = "Remove Kari Contributor from Exit work Ravnstad" + (" and ban them?" if ban else "?")
    assert heading in text
    assert ('name="ban" value="1"' in text) is ban
    assert network.memberships.get(user=contributor).state == NetworkMembership.State.ACTIVE
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("data", "state"), [({}, "removed"), ({"ban": "1"}, "banned")])
def test_the_confirmation_form_removes_or_bans(network, contributor, moderator_client, data, state):
    response = moderator_client.post(_url(network, contributor), data)
    assert response.status_code == 302
    assert network.memberships.get(user=contributor).state == state


@pytest.mark.parametrize("reader", ["client", "contributor_client", "colleague_client", "outsider_client"])
def test_the_confirmation_page_is_the_network_moderators_only(request, network, colleague, moderator, reader):
    from tests.network.conftest import add_member

    add_member(network, colleague, moderator=moderator)
    client = request.getfixturevalue(reader)
    assert client.get(_url(network, colleague)).status_code == 404
    assert network.memberships.get(user=colleague).state == NetworkMembership.State.ACTIVE
