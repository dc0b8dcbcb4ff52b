"""@mention completions: members of that network only, by the name members are shown by;
nobody else learns a name, and a pseudonym is never matched by the real name behind it."""

import json

import pytest
from django.urls import reverse

from network import services
from network.models import Network
from tests.conftest import make_user
from tests.network.conftest import add_member
from tests.network.factories import make_case_room

pytestmark = pytest.mark.django_db

OUTSIDERS = ["client", "outsider_client", "colleague_client", "applicant_client", "former_member_client"]


def _suggest(client, network, prefix: str):
    return client.get(reverse("network:mentions", args=[network.pk]), {"q": prefix})


def _names(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return json.loads(response.content)["suggestions"]


@pytest.fixture
def raven(network, moderator, home_organisation):
    """A member known to fellow members by a pseudonym only."""
    user = make_user("ola.r@ravnstad.example", home_organisation, display_name="Ola Rasmussen", pseudonym="Raven")
    add_member(network, user, moderator=moderator)
    return user


def test_member_gets_matching_members_by_the_name_they_are_shown_by(network, contributor_client, raven, moderator):
    assert _names(_suggest(contributor_client, network, "rav")) == ["Raven"]
    assert _names(_suggest(contributor_client, network, "Mod")) == ["Mona Moderator"]  # start of the name
    assert _names(_suggest(contributor_client, network, "moder")) == ["Mona Moderator"]  # start of a word
    assert _names(_suggest(contributor_client, network, "zzz")) == []


def test_a_pseudonym_is_never_matched_by_the_real_name_behind_it(network, contributor_client, raven):
    response = _suggest(contributor_client, network, "Ola")
    assert _names(response) == []
    for prefix in ("r", "Ra", "Raven"):
        body = _suggest(contributor_client, network, prefix).content.decode()
        assert "Rasmussen" not in body and "ola.r@" not in body and "@ravnstad" not in body


def test_moderators_get_the_name_to_type_not_the_real_name(network, moderator_client, raven):
    assert _names(_suggest(moderator_client, network, "Rav")) == ["Raven"]


def test_suggestions_leave_out_the_writer_former_members_and_other_networks(
    network,
    moderator,
    contributor,
    contributor_client,
    colleague,
    outsider,
):
    other = services.network_create(actor=moderator, name="Elsewhere", purpose="p", policy="invitation")
    add_member(other, outsider, moderator=moderator)
    membership = add_member(network, colleague, moderator=moderator)
    assert _names(_suggest(contributor_client, network, "Ola")) == ["Ola Colleague"]
    services.network_member_remove(membership=membership, actor=moderator)
    assert _names(_suggest(contributor_client, network, "Ola")) == []
    assert _names(_suggest(contributor_client, network, "Piet")) == []
    assert _names(_suggest(contributor_client, network, "Kari")) == []


@pytest.mark.parametrize("reader", OUTSIDERS)
def test_non_members_former_members_and_visitors_get_404_and_no_names(request, reader, network, raven):
    client = request.getfixturevalue(reader)
    for prefix in ("", "K", "Ka", "Ra", "Mo"):  # the 404 page echoes the address asked for, so no full names here
        response = _suggest(client, network, prefix)
        body = response.content.decode()
        assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
        for name in ("Kari", "Contributor", "Raven", "Rasmussen", "Mona", "Exit work Ravnstad"):
            assert name not in body


def test_a_member_who_left_gets_404(network, contributor, contributor_client):
    services.network_member_leave(membership=network.memberships.get(user=contributor), actor=contributor)
    assert _suggest(contributor_client, network, "Mon").status_code == 404


def test_a_case_room_past_its_closing_date_answers_404(moderator, contributor, contributor_client):
    from datetime import timedelta

    from django.utils import timezone

    room = make_case_room(
        moderator=moderator, members=(contributor,), name="Case", purpose="p", days_open=1, retention_days=30
    )
    assert _names(_suggest(contributor_client, room, "Mon")) == ["Mona Moderator"]
    Network.objects.filter(pk=room.pk).update(access_ends_on=timezone.localdate() - timedelta(days=1))
    assert _suggest(contributor_client, room, "Mon").status_code == 404


def test_suggestions_cost_the_same_queries_however_many_members(
    network, moderator, contributor_client, home_organisation, django_assert_num_queries
):
    # session, user with portal membership (one query: portal/auth_backends.py), network, network
    # membership, members, their portal memberships
    with django_assert_num_queries(6):
        _suggest(contributor_client, network, "Mem")
    for number in range(12):
        user = make_user(f"m{number}@ravnstad.example", home_organisation, display_name=f"Member {number}")
        add_member(network, user, moderator=moderator)
    with django_assert_num_queries(6):
        names = _names(_suggest(contributor_client, network, "Mem"))
    assert len(names) == 8 and names[0] == "Member 0"


def test_editors_carry_the_suggestion_endpoint(network, thread, first_post, contributor_client):
    url = reverse("network:mentions", args=[network.pk])
    for page in (
        thread.get_absolute_url(),
        reverse("network:thread_create", args=[network.pk]),
        reverse("network:post_edit", args=[first_post.pk]),
    ):
        html = contributor_client.get(page).content.decode()
        assert f'data-mention-url="{url}"' in html and "js/mentions.js" in html
