"""Nothing of a private network reaches a non-member: every URL answers 404, and no page
shows its name, thread titles or posts. Access is checked on every request."""

import pytest
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import Network
from portal.models import Membership
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db

NON_MEMBERS = ["client", "outsider_client", "colleague_client", "applicant_client", "former_member_client"]


def _private_urls(network, thread, post, membership) -> list[tuple[str, str]]:
    get = [
        reverse("network:detail", args=[network.pk]),
        reverse("network:members", args=[network.pk]),
        reverse("network:invite", args=[network.pk]),
        reverse("network:requests", args=[network.pk]),
        reverse("network:reports", args=[network.pk]),
        reverse("network:settings", args=[network.pk]),
        reverse("network:bans", args=[network.pk]),
        reverse("network:search", args=[network.pk]) + "?q=Secret",
        reverse("network:thread_create", args=[network.pk]),
        reverse("network:leave", args=[network.pk]),
        reverse("network:join", args=[network.pk]),
        thread.get_absolute_url(),
        reverse("network:post", args=[post.pk]),
        reverse("network:post_edit", args=[post.pk]),
        reverse("network:post_delete", args=[post.pk]),
        reverse("network:post_history", args=[post.pk]),
        reverse("network:post_report", args=[post.pk]),
    ]
    posted = [
        reverse("network:invite", args=[network.pk]),
        reverse("network:settings", args=[network.pk]),
        reverse("network:thread_create", args=[network.pk]),
        reverse("network:leave", args=[network.pk]),
        reverse("network:join", args=[network.pk]),
        reverse("network:post_edit", args=[post.pk]),
        reverse("network:post_delete", args=[post.pk]),
        reverse("network:post_report", args=[post.pk]),
        reverse("network:email", args=[network.pk]),
        reverse("network:reply", args=[thread.pk]),
        reverse("network:thread_moderate", args=[thread.pk]),
        reverse("network:subscription", args=[thread.pk]),
        reverse("network:post_moderate", args=[post.pk]),
        reverse("network:member_remove", args=[membership.pk]),
        reverse("network:member_role", args=[membership.pk]),
    ]
    return [("get", url) for url in get] + [("post", url) for url in posted]


@pytest.mark.parametrize("reader", NON_MEMBERS)
def test_every_url_of_a_private_network_answers_404_to_a_non_member(request, reader, network, thread, first_post):
    client = request.getfixturevalue(reader)
    membership = network.memberships.get(user=thread.author)
    for method, url in _private_urls(network, thread, first_post, membership):
        data = {"body": "x", "action": "lock", "ban": "1"} if method == "post" else None
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
        text = response.content.decode()
        assert "Exit work Ravnstad" not in text and "Returning fighter" not in text and "Secret case" not in text


def test_a_url_of_a_network_that_does_not_exist_answers_the_same_404(outsider_client, client):
    for c in (outsider_client, client):
        assert c.get(reverse("network:detail", args=[999999])).status_code == 404
        assert c.get(reverse("network:thread", args=[999999])).status_code == 404


@pytest.mark.parametrize("reader", NON_MEMBERS)
def test_non_member_lists_and_searches_show_nothing_of_a_private_network(request, reader, network, thread):
    client = request.getfixturevalue(reader)
    for url in (reverse("network:list"), reverse("network:search_all") + "?q=Secret", reverse("network:notifications")):
        text = client.get(url).content.decode()
        assert "Exit work Ravnstad" not in text and "Returning fighter" not in text and "Secret case" not in text


def test_member_reads_the_network_and_its_thread(contributor_client, network, thread):
    listing = contributor_client.get(reverse("network:list")).content.decode()
    assert "Exit work Ravnstad" in listing
    detail = contributor_client.get(network.get_absolute_url())
    assert detail.status_code == 200 and "Returning fighter in Ravnstad" in detail.content.decode()
    page = contributor_client.get(thread.get_absolute_url())
    assert page.status_code == 200 and "Secret case notes about K." in page.content.decode()


def test_portal_moderator_reads_and_moderates_every_network(moderator_client, moderator, outsider, network, thread):
    other = services.network_create(actor=moderator, name="Other", purpose="p", policy="invitation")
    services.network_member_leave(membership=other.memberships.get(user=moderator), actor=moderator)
    assert moderator_client.get(other.get_absolute_url()).status_code == 200
    assert moderator_client.get(reverse("network:reports", args=[network.pk])).status_code == 200


def test_removed_network_member_loses_access_at_once(contributor_client, contributor, moderator, network, thread):
    assert contributor_client.get(thread.get_absolute_url()).status_code == 200
    services.network_member_remove(membership=network.memberships.get(user=contributor), actor=moderator)
    assert contributor_client.get(thread.get_absolute_url()).status_code == 404
    assert contributor_client.get(network.get_absolute_url()).status_code == 404
    page = contributor_client.get(reverse("network:list")).content.decode()
    # no longer among theirs: only the line saying the membership ended names it (no link)
    assert f'href="{network.get_absolute_url()}"' not in page and ">Exit work Ravnstad</a>" not in page
    assert page.count("Exit work Ravnstad") == 1 and "ended on" in page


def test_member_whose_portal_membership_ends_loses_network_access_at_once(
    contributor_client, contributor, network, thread
):
    assert contributor_client.get(thread.get_absolute_url()).status_code == 200
    Membership.objects.filter(user=contributor).update(state=Membership.State.ENDED, ended_at=timezone.now())
    assert contributor_client.get(thread.get_absolute_url()).status_code == 404
    assert contributor_client.get(network.get_absolute_url()).status_code == 404


def test_member_of_an_organisation_that_loses_verification_loses_network_access(
    contributor_client, home_organisation, thread
):
    home_organisation.verified = False
    home_organisation.save()
    assert contributor_client.get(thread.get_absolute_url()).status_code == 404


def test_case_room_membership_ends_after_its_closing_date(contributor_client, contributor, moderator, outsider_client):
    today = timezone.localdate()
    room = services.network_create(
        actor=moderator,
        name="Case K",
        purpose="One situation",
        policy="invitation",
        is_case_room=True,
        access_ends_on=today,
        retention_days=30,
    )
    add_member(room, contributor, moderator=moderator)
    assert contributor_client.get(room.get_absolute_url()).status_code == 200
    Network.objects.filter(pk=room.pk).update(access_ends_on=today.replace(year=today.year - 1))
    assert contributor_client.get(room.get_absolute_url()).status_code == 404
    assert "Case K" not in contributor_client.get(reverse("network:list")).content.decode()
    assert outsider_client.get(room.get_absolute_url()).status_code == 404


def test_listed_network_shows_only_name_purpose_and_a_join_page_to_verified_non_members(
    outsider_client, client, applicant_client, moderator, contributor
):
    listed = services.network_create(
        actor=moderator, name="Open exit forum", purpose="Methods talk", policy="request", listed=True
    )
    services.thread_create(network=listed, actor=moderator, title="Hidden title", body="Hidden body")
    listing = outsider_client.get(reverse("network:list")).content.decode()
    assert "Open exit forum" in listing and "Methods talk" in listing and "Hidden title" not in listing
    join = outsider_client.get(reverse("network:join", args=[listed.pk]))
    assert join.status_code == 200 and "Hidden" not in join.content.decode()
    assert outsider_client.get(listed.get_absolute_url()).status_code == 404
    assert client.get(reverse("network:join", args=[listed.pk])).status_code == 404
    assert applicant_client.get(reverse("network:join", args=[listed.pk])).status_code == 404
    assert "Open exit forum" not in applicant_client.get(reverse("network:list")).content.decode()


def test_unlisted_network_join_page_answers_404_to_non_members(outsider_client, network):
    assert outsider_client.get(reverse("network:join", args=[network.pk])).status_code == 404
    assert "Exit work Ravnstad" not in outsider_client.get(reverse("network:list")).content.decode()


def test_anonymous_visitor_is_sent_to_log_in_from_the_network_list(client):
    response = client.get(reverse("network:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_who_is_not_a_moderator_gets_404_on_moderation_pages(contributor_client, network):
    for name in ("network:invite", "network:requests", "network:reports"):
        assert contributor_client.get(reverse(name, args=[network.pk])).status_code == 404
