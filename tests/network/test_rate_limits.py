"""Abuse limits: a moderator sends only so many invitations, a member reports only so many
posts, per period. Over the rate, nothing is sent, the form says why and keeps what was typed."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from network import services
from network.models import Invitation, Report

pytestmark = pytest.mark.django_db


@override_settings(NETWORK_INVITATION_RATE="2/h")
def test_invitations_over_the_rate_are_refused_and_the_address_is_kept(
    network, moderator_client, django_capture_on_commit_callbacks
):
    url = reverse("network:invite", args=[network.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            assert moderator_client.post(url, {"email": f"person{number}@ravnstad.example"}).status_code == 302
        response = moderator_client.post(url, {"email": "third.person@ravnstad.example"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "You have sent many invitations in a short time." in page
    assert 'value="third.person@ravnstad.example"' in page
    assert Invitation.objects.count() == 2 and len(mail.outbox) == 2
    assert not Invitation.objects.filter(email="third.person@ravnstad.example").exists()


@override_settings(NETWORK_INVITATION_RATE="1/h")
def test_the_invitation_rate_is_per_moderator(network, moderator, moderator_client, colleague, colleague_client):
    services.network_member_add(network=network, user=colleague, actor=moderator, role="moderator")
    url = reverse("network:invite", args=[network.pk])
    assert moderator_client.post(url, {"email": "a@ravnstad.example"}).status_code == 302
    assert moderator_client.post(url, {"email": "b@ravnstad.example"}).status_code == 429
    assert colleague_client.post(url, {"email": "c@ravnstad.example"}).status_code == 302
    assert set(Invitation.objects.values_list("email", flat=True)) == {"a@ravnstad.example", "c@ravnstad.example"}


@override_settings(NETWORK_INVITATION_RATE="1/h")
def test_a_mistyped_address_does_not_use_up_the_rate(network, moderator_client):
    url = reverse("network:invite", args=[network.pk])
    assert moderator_client.post(url, {"email": "not an address"}).status_code == 400
    assert moderator_client.post(url, {"email": "a@ravnstad.example"}).status_code == 302


@override_settings(NETWORK_REPORT_RATE="2/h")
def test_reports_over_the_rate_are_refused_and_the_note_is_kept(
    network, thread, contributor, colleague, colleague_client, moderator
):
    services.network_member_add(network=network, user=colleague, actor=moderator)
    posts = [services.post_create(thread=thread, actor=contributor, body=f"Post {n}") for n in range(3)]
    for post in posts[:2]:
        response = colleague_client.post(reverse("network:post_report", args=[post.pk]), {"reason": "off-topic"})
        assert response.status_code == 302
    data = {"reason": "harmful", "note": "Names a family in the second line."}
    response = colleague_client.post(reverse("network:post_report", args=[posts[2].pk]), data)
    assert response.status_code == 429
    page = response.content.decode()
    assert "You have reported many posts in a short time." in page
    assert "Names a family in the second line." in page
    assert 'value="harmful" required id="id_reason_1" checked' in page
    assert Report.objects.count() == 2 and not Report.objects.filter(post=posts[2]).exists()
