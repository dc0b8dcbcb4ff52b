"""Joining and leaving networks: invitations by email, requests, leaving, removal and bans."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from network import services
from network.models import Invitation, JoinRequest, NetworkMembership
from portal.models import AuditEvent
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


def _invite(network, moderator, email: str) -> str:
    _invitation, token = services.network_invitation_create(network=network, actor=moderator, email=email)
    return token


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/networks/invitations/\S+/)", message.body).group(1)


def test_invitation_stores_only_a_hash_of_its_token(network, moderator):
    token = _invite(network, moderator, "colleague@ravnstad.example")
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_invited_colleague_accepts_through_the_emailed_link(
    network, moderator, colleague, colleague_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(network, moderator, "Colleague@ravnstad.example")
    assert mail.outbox[-1].to == ["colleague@ravnstad.example"]
    link = _link(mail.outbox[-1])
    page = colleague_client.get(link)
    assert page.status_code == 200 and "Exit work Ravnstad" in page.content.decode()
    response = colleague_client.post(link)
    assert response.status_code == 302 and response["Location"] == network.get_absolute_url()
    assert network.memberships.get(user=colleague).state == NetworkMembership.State.ACTIVE
    assert colleague_client.get(link).status_code == 404  # used once


def test_invitation_link_answers_404_to_anyone_but_the_invited_address(
    network, moderator, outsider_client, client, contributor_client
):
    token = _invite(network, moderator, "colleague@ravnstad.example")
    url = reverse("network:invitation", args=[token])
    for c in (outsider_client, contributor_client):
        response = c.get(url)
        assert response.status_code == 404 and "Exit work Ravnstad" not in response.content.decode()
        assert c.post(url).status_code == 404
    assert client.get(url).status_code == 302  # the anonymous visitor logs in first
    assert network.memberships.filter(user__email="outsider@westerland.example").count() == 0


def test_expired_invitation_cannot_be_accepted(network, moderator, colleague, colleague_client):
    token = _invite(network, moderator, "colleague@ravnstad.example")
    Invitation.objects.update(expires_at=Invitation.objects.get().created_at - timedelta(seconds=1))
    assert colleague_client.get(reverse("network:invitation", args=[token])).status_code == 404
    with pytest.raises(ValidationError):
        services.network_invitation_accept(token=token, user=colleague)


def test_unverified_applicant_cannot_accept_an_invitation(network, moderator, applicant, applicant_client):
    token = _invite(network, moderator, "applicant@ravnstad.example")
    assert applicant_client.get(reverse("network:invitation", args=[token])).status_code == 404
    with pytest.raises(ValidationError):
        services.network_invitation_accept(token=token, user=applicant)


def test_request_to_join_waits_in_the_moderators_queue_until_approved(
    moderator, moderator_client, outsider, outsider_client
):
    listed = services.network_create(actor=moderator, name="Forum", purpose="p", policy="request", listed=True)
    outsider_client.post(reverse("network:join", args=[listed.pk]))
    join_request = JoinRequest.objects.get(network=listed, user=outsider)
    assert join_request.state == JoinRequest.State.PENDING
    assert outsider_client.get(listed.get_absolute_url()).status_code == 404
    queue = moderator_client.get(reverse("network:requests", args=[listed.pk])).content.decode()
    assert "Piet Outsider" in queue
    moderator_client.post(reverse("network:request_decide", args=[join_request.pk]), {"decision": "approve"})
    assert outsider_client.get(listed.get_absolute_url()).status_code == 200


def test_declined_request_gives_no_access(moderator, outsider, outsider_client):
    listed = services.network_create(actor=moderator, name="Forum", purpose="p", policy="request", listed=True)
    join_request = services.network_join_request(network=listed, user=outsider)
    services.network_join_decide(join_request=join_request, actor=moderator, approve=False)
    assert outsider_client.get(listed.get_absolute_url()).status_code == 404


def test_invitation_only_network_refuses_requests(network, outsider):
    with pytest.raises(ValidationError):
        services.network_join_request(network=network, user=outsider)


def test_member_leaves_and_loses_access(contributor, contributor_client, network):
    assert contributor_client.post(reverse("network:leave", args=[network.pk])).status_code == 302
    assert network.memberships.get(user=contributor).state == NetworkMembership.State.LEFT
    assert contributor_client.get(network.get_absolute_url()).status_code == 404


def test_banned_member_cannot_come_back_by_invitation_or_request(network, moderator, moderator_client, contributor):
    membership = network.memberships.get(user=contributor)
    moderator_client.post(reverse("network:member_remove", args=[membership.pk]), {"ban": "1"})
    assert network.memberships.get(user=contributor).state == NetworkMembership.State.BANNED
    token = _invite(network, moderator, contributor.email)
    with pytest.raises(ValidationError):
        services.network_invitation_accept(token=token, user=contributor)
    assert network.memberships.get(user=contributor).state == NetworkMembership.State.BANNED


def test_network_moderator_removes_a_member_but_not_another_moderator(
    network, moderator, contributor, colleague, outsider
):
    add_member(network, colleague, moderator=moderator, role="moderator")
    add_member(network, outsider, moderator=moderator, role="moderator")
    services.network_member_remove(membership=network.memberships.get(user=contributor), actor=colleague)
    with pytest.raises(PermissionDenied):
        services.network_member_remove(membership=network.memberships.get(user=outsider), actor=colleague)
    assert network.memberships.get(user=outsider).state == NetworkMembership.State.ACTIVE


def test_only_verified_members_of_the_portal_can_be_added(network, moderator, applicant, former_member):
    for person in (applicant, former_member):
        with pytest.raises(ValidationError):
            add_member(network, person, moderator=moderator)


def test_only_portal_moderators_create_networks(contributor_client, moderator_client):
    assert contributor_client.get(reverse("network:create")).status_code == 404
    data = {"name": "New", "purpose": "Why", "policy": "invitation"}
    response = moderator_client.post(reverse("network:create"), data)
    assert response.status_code == 302


def test_membership_changes_are_audited_without_personal_data(network, moderator, colleague, contributor):
    token = _invite(network, moderator, colleague.email)
    services.network_invitation_accept(token=token, user=colleague)
    services.network_member_remove(membership=network.memberships.get(user=contributor), actor=moderator, ban=True)
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "network.create",
        "network.invite",
        "network.invite.accept",
        "network.member.add",
        "network.member.banned",
    } <= set(actions)
    for event in AuditEvent.objects.all():
        assert "@" not in event.comment and "Colleague" not in event.comment
