"""Emails to moderators and administrators open the exact item: the review page of that
practice, that membership request, that report or that request to join a network."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network import services as network_services
from network.models import Network, Report
from portal import services as portal_services
from practices import services
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


def _to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def _path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*)", message.body).group(1)


def test_a_submission_opens_its_review_page_for_moderators_and_the_practice_for_administrators(
    contributor, moderator, org_admin, moderator_client, django_capture_on_commit_callbacks
):
    practice = make_practice(author=contributor)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_submit(practice=practice, actor=contributor)
    [to_moderator] = _to(moderator)
    [to_admin] = _to(org_admin)
    assert _path(to_moderator) == reverse("moderation:review", args=[practice.pk])
    assert _path(to_admin) == practice.get_absolute_url()
    assert moderator_client.get(_path(to_moderator)).status_code == 200


def test_a_membership_request_is_announced_only_from_a_verified_address_and_once(
    home_organisation, org_admin, org_admin_client, django_capture_on_commit_callbacks
):
    applicant = make_user("candidate@ravnstad.example", display_name="Claire Candidate")
    applicant.emailaddress_set.update(verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        membership = portal_services.membership_request(user=applicant, organisation=home_organisation)
    assert _to(org_admin) == []
    assert membership.announced_at is None

    applicant.emailaddress_set.update(verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert portal_services.membership_announce(membership=membership) is True
        assert portal_services.membership_announce(membership=membership) is False
    [message] = _to(org_admin)
    path = _path(message)
    assert path == reverse("organisation_membership_request", args=[membership.pk])
    page = org_admin_client.get(path).content.decode()
    assert "Claire Candidate asks to join" in page


def _network(moderator, contributor, policy=Network.Policy.INVITATION, **extra) -> Network:
    network = network_services.network_create(
        actor=moderator, name="Exit work Ravnstad", purpose="Exit work.", policy=policy, **extra
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    return network


def test_a_report_opens_that_report_on_the_reports_page(
    moderator, contributor, moderator_client, django_capture_on_commit_callbacks
):
    network = _network(moderator, contributor)
    thread = network_services.thread_create(network=network, actor=moderator, title="A case", body="Notes.")
    with django_capture_on_commit_callbacks(execute=True):
        report = network_services.post_report(post=thread.posts.get(), actor=contributor, reason=Report.Reason.HARMFUL)
    [message] = _to(moderator)
    path = _path(message)
    assert path == reverse("network:reports", args=[network.pk]) + f"#report-{report.pk}"
    assert f'id="report-{report.pk}"' in moderator_client.get(path.split("#")[0]).content.decode()


def test_a_request_to_join_a_network_opens_that_request(
    moderator, contributor, colleague, django_capture_on_commit_callbacks
):
    network = _network(moderator, contributor, policy=Network.Policy.REQUEST, listed=True)
    with django_capture_on_commit_callbacks(execute=True):
        join_request = network_services.network_join_request(network=network, user=colleague)
    [message] = _to(moderator)
    assert _path(message) == reverse("network:requests", args=[network.pk]) + f"#request-{join_request.pk}"


def test_case_room_reports_do_not_name_the_room(moderator, contributor, django_capture_on_commit_callbacks):
    room = _network(
        moderator,
        contributor,
        is_case_room=True,
        retention_days=365,
        access_ends_on=timezone.localdate() + timedelta(days=30),
    )
    thread = network_services.thread_create(network=room, actor=moderator, title="A case", body="Notes.")
    with django_capture_on_commit_callbacks(execute=True):
        network_services.post_report(post=thread.posts.get(), actor=contributor, reason=Report.Reason.HARMFUL)
    [message] = _to(moderator)
    assert "Exit work Ravnstad" not in message.body and "#report-" in message.body
