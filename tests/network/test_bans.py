"""The ban list and lifting a ban: a confirmation page, then the lifting. A lifted ban lets the
person be invited or ask to join again; it does not make them a member."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from network import services
from network.models import JoinRequest, NetworkMembership
from portal.models import AuditEvent
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

State = NetworkMembership.State
NON_MODERATORS = [
    "client",
    "contributor_client",
    "outsider_client",
    "colleague_client",
    "applicant_client",
    "former_member_client",
]


@pytest.fixture
def ban(network, moderator, colleague) -> NetworkMembership:
    membership = add_member(network, colleague, moderator=moderator)
    return services.network_member_remove(membership=membership, actor=moderator, ban=True)


def test_moderator_sees_the_bans_and_lifts_one_after_confirming(network, moderator_client, moderator, ban, colleague):
    page = moderator_client.get(reverse("network:bans", args=[network.pk])).content.decode()
    assert "Ola Colleague" in page and reverse("network:ban_lift", args=[ban.pk]) in page
    confirm = moderator_client.get(reverse("network:ban_lift", args=[ban.pk]))
    assert confirm.status_code == 200 and "Yes, lift the ban" in confirm.content.decode()
    assert NetworkMembership.objects.get(pk=ban.pk).state == State.BANNED  # asking is not acting
    response = moderator_client.post(reverse("network:ban_lift", args=[ban.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("network:bans", args=[network.pk])
    assert NetworkMembership.objects.get(pk=ban.pk).state == State.REMOVED
    event = AuditEvent.objects.get(action="network.member.unban")
    assert (event.actor, event.from_state, event.to_state, event.comment) == (moderator, "banned", "removed", "")
    after = moderator_client.get(reverse("network:bans", args=[network.pk])).content.decode()
    assert "Ola Colleague" not in after and "Nobody is banned from this network." in after


def test_lifted_ban_does_not_restore_membership_but_allows_a_new_invitation(
    network, moderator, ban, colleague, colleague_client
):
    services.network_member_unban(membership=ban, actor=moderator)
    assert colleague_client.get(network.get_absolute_url()).status_code == 404
    _invitation, token = services.network_invitation_create(network=network, actor=moderator, email=colleague.email)
    services.network_invitation_accept(token=token, user=colleague)
    membership = network.memberships.get(user=colleague)
    assert membership.state == State.ACTIVE and membership.role == NetworkMembership.Role.MEMBER
    assert colleague_client.get(network.get_absolute_url()).status_code == 200


def test_lifted_ban_lets_the_person_ask_to_join_again(moderator, colleague, colleague_client):
    listed = services.network_create(actor=moderator, name="Forum", purpose="p", policy="request", listed=True)
    membership = add_member(listed, colleague, moderator=moderator)
    services.network_member_remove(membership=membership, actor=moderator, ban=True)
    with pytest.raises(ValidationError):
        services.network_join_request(network=listed, user=colleague)
    services.network_member_unban(membership=membership, actor=moderator)
    colleague_client.post(reverse("network:join", args=[listed.pk]))
    assert JoinRequest.objects.filter(network=listed, user=colleague, state=JoinRequest.State.PENDING).exists()


@pytest.mark.parametrize("reader", NON_MODERATORS)
def test_ban_pages_answer_404_to_everyone_but_moderators(request, reader, network, ban):
    client = request.getfixturevalue(reader)
    for response in (
        client.get(reverse("network:bans", args=[network.pk])),
        client.get(reverse("network:ban_lift", args=[ban.pk])),
        client.post(reverse("network:ban_lift", args=[ban.pk])),
    ):
        assert response.status_code == 404
        assert "Ola Colleague" not in response.content.decode()
    assert NetworkMembership.objects.get(pk=ban.pk).state == State.BANNED


def test_lifting_answers_404_for_a_membership_that_is_not_a_ban(network, moderator_client, contributor):
    active = network.memberships.get(user=contributor)
    assert moderator_client.get(reverse("network:ban_lift", args=[active.pk])).status_code == 404
    assert moderator_client.post(reverse("network:ban_lift", args=[active.pk])).status_code == 404
    assert network.memberships.get(user=contributor).state == State.ACTIVE


def test_plain_member_cannot_lift_a_ban_through_the_service(ban, contributor):
    with pytest.raises(PermissionDenied):
        services.network_member_unban(membership=ban, actor=contributor)
    assert NetworkMembership.objects.get(pk=ban.pk).state == State.BANNED


def test_network_moderator_lifts_a_ban_in_their_network(network, moderator, ban, contributor, contributor_client):
    services.network_member_set_role(
        membership=network.memberships.get(user=contributor), actor=moderator, role="moderator"
    )
    assert contributor_client.post(reverse("network:ban_lift", args=[ban.pk])).status_code == 302
    assert NetworkMembership.objects.get(pk=ban.pk).state == State.REMOVED


def test_ban_list_costs_the_same_queries_however_many_are_banned(
    network, moderator, moderator_client, home_organisation, django_assert_num_queries
):
    url = reverse("network:bans", args=[network.pk])

    def ban_people(first: int, count: int) -> None:
        for number in range(first, first + count):
            user = make_user(f"b{number}@ravnstad.example", home_organisation, display_name=f"Banned {number}")
            membership = add_member(network, user, moderator=moderator)
            services.network_member_remove(membership=membership, actor=moderator, ban=True)

    ban_people(0, 2)
    moderator_client.get(url)  # warm up: the MFA check and session
    # session, user, MFA authenticator, network, queue (requests, reports), the count of bans
    # (the list comes in pages), a page of bans with their users, the banned people's portal
    # memberships (the header badge kept by the warm-up: network/badge.py)
    with django_assert_num_queries(9):
        assert moderator_client.get(url).status_code == 200
    ban_people(2, 10)
    # the same, and the header badge counted again: the bans changed memberships
    with django_assert_num_queries(10):
        page = moderator_client.get(url).content.decode()
    assert "Banned 11" in page
