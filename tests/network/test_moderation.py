"""Reports go to the network moderators' queue; moderators hide posts, and everything is audited
without personal data or post text."""

import pytest
from django.urls import reverse

from network import services
from network.models import Post, Report
from portal.models import AuditEvent
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_moderator(network, colleague, moderator):
    """The colleague moderates the network (a network-level moderator, not a portal moderator)."""
    add_member(network, colleague, moderator=moderator, role="moderator")
    return colleague


def test_member_reports_a_post_and_the_network_moderator_hides_it(
    network,
    thread,
    contributor,
    network_moderator,
    colleague_client,
    moderator,
    outsider,
    outsider_client,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    add_member(network, outsider, moderator=moderator)
    post = services.post_create(thread=thread, actor=contributor, body="Names a client: Jan Jansen")
    with django_capture_on_commit_callbacks(execute=True):
        response = outsider_client.post(
            reverse("network:post_report", args=[post.pk]), {"reason": "personal-data", "note": "It names him"}
        )
    assert response.status_code == 302
    # the network's moderators: the colleague, and the portal moderator who created it
    assert sorted(m.to[0] for m in mailoutbox) == ["colleague@ravnstad.example", "moderator@portal.example"]
    assert all("Jan Jansen" not in m.body and "It names him" not in m.body for m in mailoutbox)
    queue = colleague_client.get(reverse("network:reports", args=[network.pk])).content.decode()
    assert "Jan Jansen" in queue and "It names him" in queue
    report = Report.objects.get()
    colleague_client.post(reverse("network:report_resolve", args=[report.pk]), {"decision": "hide"})
    assert Post.objects.get(pk=post.pk).state == Post.State.HIDDEN
    assert Report.objects.get().state == Report.State.HIDDEN
    assert "Jan Jansen" not in outsider_client.get(thread.get_absolute_url()).content.decode()
    assert "Jan Jansen" in colleague_client.get(thread.get_absolute_url()).content.decode()


def test_report_queue_answers_404_to_members_outsiders_and_anonymous(
    network, contributor_client, outsider_client, client
):
    for c in (contributor_client, outsider_client, client):
        assert c.get(reverse("network:reports", args=[network.pk])).status_code == 404


def test_dismissed_report_leaves_the_post_visible(network, thread, first_post, network_moderator, moderator, outsider):
    add_member(network, outsider, moderator=moderator)
    report = services.post_report(post=first_post, actor=outsider, reason="off-topic")
    services.report_resolve(report=report, actor=network_moderator, hide=False)
    assert Post.objects.get(pk=first_post.pk).is_visible
    assert Report.objects.get().state == Report.State.DISMISSED


def test_moderator_hides_and_restores_a_post(moderator_client, contributor_client, first_post):
    moderator_client.post(reverse("network:post_moderate", args=[first_post.pk]), {"action": "hide"})
    page = contributor_client.get(first_post.thread.get_absolute_url()).content.decode()
    assert "This post was hidden by a moderator." in page
    moderator_client.post(reverse("network:post_moderate", args=[first_post.pk]), {"action": "restore"})
    assert Post.objects.get(pk=first_post.pk).is_visible


def test_member_cannot_hide_a_post(colleague_client, network, moderator, colleague, first_post):
    add_member(network, colleague, moderator=moderator)
    assert colleague_client.post(reverse("network:post_moderate", args=[first_post.pk])).status_code == 404
    assert Post.objects.get(pk=first_post.pk).is_visible


def test_network_moderator_removes_a_member_from_the_members_page(
    network, contributor, contributor_client, network_moderator, colleague_client
):
    membership = network.memberships.get(user=contributor)
    assert "Kari Contributor" in colleague_client.get(reverse("network:members", args=[network.pk])).content.decode()
    colleague_client.post(reverse("network:member_remove", args=[membership.pk]))
    assert contributor_client.get(network.get_absolute_url()).status_code == 404


def test_members_page_shows_pseudonyms_to_members(network, moderator, home_organisation, contributor_client):
    from tests.conftest import make_user

    owl = make_user("owl@ravnstad.example", home_organisation, display_name="Sigrid Realname", pseudonym="Night Owl")
    add_member(network, owl, moderator=moderator)
    page = contributor_client.get(reverse("network:members", args=[network.pk])).content.decode()
    assert "Night Owl" in page and "Sigrid Realname" not in page


def test_moderation_is_audited_with_codes_only(network, thread, first_post, network_moderator, moderator, outsider):
    add_member(network, outsider, moderator=moderator)
    report = services.post_report(post=first_post, actor=outsider, reason="harmful", note="Private note text")
    services.report_resolve(report=report, actor=network_moderator, hide=True)
    services.thread_lock(thread=thread, actor=network_moderator, locked=True)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"network.post.report", "network.post.hide", "network.report.resolve", "network.thread.lock"} <= actions
    for event in AuditEvent.objects.all():
        assert "Private note" not in event.comment and "Secret case" not in event.comment
        assert "@" not in event.comment
