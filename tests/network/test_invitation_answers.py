"""An invited member sees the invitation on /networks/ and answers it there (not "ask to join");
moderators revoke (after a confirmation) or re-send pending invitations, within the invitation
rate. Nobody else sees an invitation or learns that it exists."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from network import services
from network.models import Invitation, Network, NetworkMembership
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # emails leave on commit


@pytest.fixture
def listed(moderator) -> Network:
    return services.network_create(
        actor=moderator,
        name="Listed families network",
        purpose="Families of leavers.",
        policy=Network.Policy.REQUEST,
        listed=True,
    )


def _invite(network, moderator, email: str) -> Invitation:
    invitation, _token = services.network_invitation_create(network=network, actor=moderator, email=email)
    return invitation


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/networks/invitations/\S+/)", message.body).group(1)


def test_invited_member_sees_the_invitation_not_ask_to_join(listed, moderator, colleague, colleague_client):
    _invite(listed, moderator, "Colleague@Ravnstad.example")
    page = colleague_client.get(reverse("network:list")).content.decode()
    invitations = page.split('id="invitations-heading"')[1].split("</section>")[0]
    assert "Listed families network" in invitations and "Accept and join" in invitations and "Decline" in invitations
    assert "Networks you can ask to join" not in page  # the only listed network is the one they are invited to
    join = colleague_client.get(reverse("network:join", args=[listed.pk])).content.decode()
    assert "Accept and join" in join and "Ask to join" not in join


def test_invited_member_accepts_on_the_networks_page(network, moderator, colleague, colleague_client):
    invitation = _invite(network, moderator, colleague.email)
    response = colleague_client.post(reverse("network:invitation_answer", args=[invitation.pk]), {"decision": "accept"})
    assert response.status_code == 302 and response.url == network.get_absolute_url()
    assert NetworkMembership.objects.get(network=network, user=colleague).state == "active"
    assert colleague_client.get(network.get_absolute_url()).status_code == 200
    assert "invitations-heading" not in colleague_client.get(reverse("network:list")).content.decode()


def test_declined_invitation_gives_no_access_and_its_link_dies(network, moderator, colleague, colleague_client):
    invitation = _invite(network, moderator, colleague.email)
    link = _link(mail.outbox[-1])
    answer = reverse("network:invitation_answer", args=[invitation.pk])
    response = colleague_client.post(answer, {"decision": "decline"})
    assert response.status_code == 302 and response.url == reverse("network:list")
    assert not NetworkMembership.objects.filter(network=network, user=colleague).exists()
    assert colleague_client.get(link).status_code == 404
    assert "invitations-heading" not in colleague_client.get(reverse("network:list")).content.decode()
    assert AuditEvent.objects.filter(action="network.invite.decline").count() == 1


@pytest.mark.parametrize("who", ["outsider_client", "contributor_client", "client"])
def test_nobody_else_sees_or_answers_an_invitation(who, request, network, moderator, colleague):
    invitation = _invite(network, moderator, colleague.email)
    client = request.getfixturevalue(who)
    page = client.get(reverse("network:list"))
    if who != "contributor_client":  # the contributor is a member of the network
        assert "Exit work Ravnstad" not in page.content.decode()
    assert "invitations-heading" not in page.content.decode()
    response = client.post(reverse("network:invitation_answer", args=[invitation.pk]), {"decision": "accept"})
    assert response.status_code == 404
    assert not NetworkMembership.objects.filter(network=network, user=colleague).exists()
    assert Invitation.objects.get().is_usable()


def test_invitation_to_an_unverified_address_is_not_shown(network, moderator, colleague, colleague_client):
    invitation = _invite(network, moderator, colleague.email)
    colleague.emailaddress_set.update(verified=False)
    assert "invitations-heading" not in colleague_client.get(reverse("network:list")).content.decode()
    answer = colleague_client.post(reverse("network:invitation_answer", args=[invitation.pk]), {"decision": "accept"})
    assert answer.status_code == 404


def test_moderator_revokes_after_confirming_and_the_link_stops_working(
    network, moderator, moderator_client, colleague, colleague_client
):
    invitation = _invite(network, moderator, colleague.email)
    link = _link(mail.outbox[-1])
    url = reverse("network:invitation_revoke", args=[invitation.pk])
    confirm = moderator_client.get(url)
    assert confirm.status_code == 200 and "Yes, revoke the invitation" in confirm.content.decode()
    assert Invitation.objects.get().is_usable()  # a GET changes nothing
    response = moderator_client.post(url)
    assert response.status_code == 302 and response.url == reverse("network:invite", args=[network.pk])
    assert not Invitation.objects.get().is_usable()
    assert colleague_client.get(link).status_code == 404
    assert colleague.email not in moderator_client.get(reverse("network:invite", args=[network.pk])).content.decode()
    assert moderator_client.post(url).status_code == 404  # no longer pending
    assert AuditEvent.objects.filter(action="network.invite.revoke").count() == 1


def test_moderator_resends_with_a_new_link_and_the_old_one_dies(
    network, moderator, moderator_client, colleague, colleague_client
):
    invitation = _invite(network, moderator, colleague.email)
    old_link = _link(mail.outbox[-1])
    response = moderator_client.post(reverse("network:invitation_resend", args=[invitation.pk]))
    assert response.status_code == 302 and len(mail.outbox) == 2 and mail.outbox[-1].to == [colleague.email]
    new_link = _link(mail.outbox[-1])
    assert new_link != old_link
    assert colleague_client.get(old_link).status_code == 404
    assert colleague_client.get(new_link).status_code == 200
    assert Invitation.objects.count() == 1


@override_settings(NETWORK_INVITATION_RATE="2/h")
def test_resending_counts_against_the_invitation_rate(network, moderator, moderator_client, colleague):
    invitation = _invite(network, moderator, colleague.email)
    url = reverse("network:invitation_resend", args=[invitation.pk])
    assert moderator_client.post(url).status_code == 302
    assert moderator_client.post(url).status_code == 302
    response = moderator_client.post(url, follow=True)
    assert "many invitations in a short time" in response.content.decode()
    assert len(mail.outbox) == 3  # the first invitation and two re-sends


@pytest.mark.parametrize("who", ["outsider_client", "contributor_client", "colleague_client", "client"])
def test_only_the_networks_moderators_revoke_or_resend(who, request, network, moderator, colleague):
    invitation = _invite(network, moderator, colleague.email)
    client = request.getfixturevalue(who)
    for name in ("network:invitation_revoke", "network:invitation_resend"):
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    assert Invitation.objects.get().is_usable() and len(mail.outbox) == 1
    assert colleague.email not in client.get(reverse("network:invite", args=[network.pk])).content.decode()


def test_network_moderator_of_another_network_cannot_touch_its_invitations(network, moderator, outsider, colleague):
    other = services.network_create(actor=moderator, name="Other", purpose="p", policy=Network.Policy.INVITATION)
    services.network_member_add(network=other, user=outsider, actor=moderator, role="moderator")
    invitation = _invite(network, moderator, colleague.email)
    with pytest.raises(PermissionDenied):
        services.network_invitation_revoke(invitation=invitation, actor=outsider)
    with pytest.raises(PermissionDenied):
        services.network_invitation_resend(invitation=invitation, actor=outsider)
    assert Invitation.objects.get().is_usable()


def test_the_service_refuses_an_answer_from_anyone_but_the_invitee(network, moderator, colleague, outsider):
    invitation = _invite(network, moderator, colleague.email)
    with pytest.raises(ValidationError):
        services.network_invitation_respond(invitation=invitation, user=outsider, accept=True)
    colleague.emailaddress_set.update(verified=False)
    with pytest.raises(ValidationError):
        services.network_invitation_respond(invitation=invitation, user=colleague, accept=True)
    assert not NetworkMembership.objects.filter(network=network, user__in=[colleague, outsider]).exists()
    assert Invitation.objects.get().is_usable()
