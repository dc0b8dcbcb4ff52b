"""The members page says who reads the network now.

A member whose portal access has lapsed (they left their organisation, or it lost its
verification) keeps the network membership, which returns with the access; meanwhile the
other members do not see them listed (the list tells a member who reads what they post, and
must not tell them a colleague left their organisation), the network's moderators do, marked,
so that they can remove them.
"""

import pytest
from django.urls import reverse

from network.access import can_moderate, may_use_networks, may_use_networks_q
from portal.models import Membership, Organisation, User
from portal.services import membership_end
from tests.conftest import _client_for, _organisation, make_user
from tests.network.conftest import add_member

ABSENT_MARK = "No portal access at present"


@pytest.fixture
def departed(home_organisation, network, moderator) -> User:
    user = make_user("departed@ravnstad.example", home_organisation, display_name="Dag Departed")
    add_member(network, user, moderator=moderator)
    membership_end(membership=Membership.objects.get(user=user, state=Membership.State.APPROVED), actor=user)
    return user


@pytest.fixture
def unverified_member(network, moderator) -> User:
    club = _organisation("Youth club Nordby", "ngo", "NO")
    user = make_user("member@nordby.example", club, display_name="Una Unverified")
    add_member(network, user, moderator=moderator)
    Organisation.objects.filter(pk=club.pk).update(verified=False)
    return user


@pytest.fixture
def network_moderator(colleague, network, moderator) -> User:
    add_member(network, colleague, moderator=moderator, role="moderator")
    return colleague


def _members(user, network) -> str:
    response = _client_for(user).get(reverse("network:members", args=[network.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_without_portal_access_is_not_listed_to_the_other_members(
    contributor, network, departed, unverified_member
):
    page = _members(contributor, network)
    assert "Kari Contributor" in page
    assert "Dag Departed" not in page and "Una Unverified" not in page and ABSENT_MARK not in page


def test_the_network_moderators_see_them_marked_and_unlinked(network, departed, unverified_member, network_moderator):
    assert can_moderate(network_moderator, network)
    page = _members(network_moderator, network)
    assert "Dag Departed" in page and "Una Unverified" in page
    assert page.count(ABSENT_MARK) == 3  # two marks, and the explanation under the list
    assert "members/@Dag%20Departed/" not in page and "members/@Dag Departed/" not in page
    assert "@Kari%20Contributor/" in page or "@Kari Contributor/" in page


def test_the_explanation_is_shown_only_when_someone_is_marked(network, network_moderator):
    assert ABSENT_MARK not in _members(network_moderator, network)


def test_a_member_listed_again_once_their_access_returns(contributor, network, departed, other_organisation):
    Membership.objects.create(user=departed, organisation=other_organisation, state=Membership.State.APPROVED)
    assert "Dag Departed" in _members(contributor, network)


def test_the_list_filter_answers_as_the_rule_it_stands_for(
    contributor, departed, unverified_member, applicant, moderator, outsider
):
    people = [contributor, departed, unverified_member, applicant, moderator, outsider]
    listed = set(User.objects.filter(may_use_networks_q("")).values_list("pk", flat=True))
    for person in people:
        fresh = User.objects.get(pk=person.pk)
        assert (fresh.pk in listed) == may_use_networks(fresh), fresh.email
    User.objects.filter(pk=contributor.pk).update(is_active=False)  # a closed account signs in no more
    assert not User.objects.filter(pk=contributor.pk).filter(may_use_networks_q("")).exists()
