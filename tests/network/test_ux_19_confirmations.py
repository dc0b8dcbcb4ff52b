"""A network moderator's Decline (a request to join) and Hide (a post, from the thread or from a
report) ask first, on a page naming what they act on; the button in the list or the thread is a
link to that page, and only its form acts. Anyone who may not act gets the same 404 as on the
network's other moderation pages."""

import pytest
from django.urls import reverse

from network import services
from network.models import JoinRequest, Post, Report
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(moderator):
    return services.network_create(actor=moderator, name="Forum Nord", purpose="p", policy="request", listed=True)


@pytest.fixture
def join_request(forum, outsider):
    return services.network_join_request(network=forum, user=outsider)


def test_decline_in_the_requests_list_opens_a_confirmation_naming_the_person(moderator_client, forum, join_request):
    queue = moderator_client.get(reverse("network:requests", args=[forum.pk])).content.decode()
    confirm_url = reverse("network:request_decline", args=[join_request.pk])
    assert f'href="{confirm_url}"' in queue
    assert 'value="decline"' not in queue  # no one-click decline left in the list
    page = moderator_client.get(confirm_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Decline Piet Outsider’s request to join Forum Nord?" in text
    assert "cannot be approved afterwards" in text
    assert JoinRequest.objects.get(pk=join_request.pk).state == JoinRequest.State.PENDING  # asking changes nothing
    response = moderator_client.post(reverse("network:request_decide", args=[join_request.pk]), {"decision": "decline"})
    assert response.status_code == 302
    assert JoinRequest.objects.get(pk=join_request.pk).state == JoinRequest.State.DECLINED
    again = moderator_client.get(confirm_url).content.decode()
    assert "This request has already been decided." in again and 'value="decline"' not in again


def test_decline_confirmation_answers_404_to_whoever_may_not_decide(
    forum, join_request, contributor_client, outsider_client, colleague_client, client
):
    confirm_url = reverse("network:request_decline", args=[join_request.pk])
    for someone in (contributor_client, outsider_client, colleague_client, client):
        response = someone.get(confirm_url)
        assert response.status_code == 404
        assert "Piet Outsider" not in response.content.decode()
    assert JoinRequest.objects.get(pk=join_request.pk).state == JoinRequest.State.PENDING


def test_hide_in_the_thread_opens_a_confirmation_quoting_the_post(moderator_client, contributor_client, first_post):
    thread_page = moderator_client.get(first_post.thread.get_absolute_url()).content.decode()
    confirm_url = reverse("network:post_hide", args=[first_post.pk])
    assert f'href="{confirm_url}"' in thread_page
    assert 'value="hide"' not in thread_page
    page = moderator_client.get(confirm_url).content.decode()
    assert "Hide this post by" in page and "Secret case notes about K." in page
    assert Post.objects.get(pk=first_post.pk).is_visible
    moderator_client.post(reverse("network:post_moderate", args=[first_post.pk]), {"action": "hide"})
    assert Post.objects.get(pk=first_post.pk).state == Post.State.HIDDEN
    assert "Secret case notes" not in contributor_client.get(first_post.thread.get_absolute_url()).content.decode()


def test_hide_confirmation_answers_404_to_members_outsiders_and_visitors(
    network, moderator, first_post, colleague, contributor_client, colleague_client, outsider_client, client
):
    add_member(network, colleague, moderator=moderator)
    confirm_url = reverse("network:post_hide", args=[first_post.pk])
    for someone in (contributor_client, colleague_client, outsider_client, client):
        response = someone.get(confirm_url)
        assert response.status_code == 404
        assert "Secret case notes" not in response.content.decode()


def test_hide_from_a_report_asks_first(network, moderator, moderator_client, outsider, outsider_client, first_post):
    add_member(network, outsider, moderator=moderator)
    report = services.post_report(post=first_post, actor=outsider, reason="off-topic")
    queue = moderator_client.get(reverse("network:reports", args=[network.pk])).content.decode()
    confirm_url = reverse("network:report_hide", args=[report.pk])
    assert f'href="{confirm_url}"' in queue and 'value="hide"' not in queue
    page = moderator_client.get(confirm_url).content.decode()
    assert "Secret case notes about K." in page
    assert f'action="{reverse("network:report_resolve", args=[report.pk])}"' in page
    assert Report.objects.get().state == Report.State.OPEN
    assert outsider_client.get(confirm_url).status_code == 404
    moderator_client.post(reverse("network:report_resolve", args=[report.pk]), {"decision": "hide"})
    assert Post.objects.get(pk=first_post.pk).state == Post.State.HIDDEN
