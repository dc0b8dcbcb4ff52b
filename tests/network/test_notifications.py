"""@mentions notify members of the network only; emails go at once or in a daily digest,
and a digest checks membership when it is sent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from network import services
from network.models import Mention, NetworkMembership, Notification
from portal.models import Membership
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague_member(network, colleague, moderator):
    add_member(network, colleague, moderator=moderator)
    return colleague


@pytest.fixture
def owl(network, moderator, home_organisation):
    """A member who uses a pseudonym."""
    user = make_user("owl@ravnstad.example", home_organisation, display_name="Sigrid Realname", pseudonym="Night Owl")
    add_member(network, user, moderator=moderator)
    return user


def _post(thread, author, body, capture):
    with capture(execute=True):
        return services.post_create(thread=thread, actor=author, body=body)


def test_mention_by_display_name_notifies_the_member_by_email_and_on_the_page(
    contributor, colleague_member, colleague_client, thread, django_capture_on_commit_callbacks, mailoutbox
):
    post = _post(thread, contributor, "What do you think, @Ola Colleague?", django_capture_on_commit_callbacks)
    assert Mention.objects.filter(post=post, user=colleague_member).exists()
    assert [m.to for m in mailoutbox] == [["colleague@ravnstad.example"]]
    assert "Kari Contributor mentioned you in “Returning fighter in Ravnstad”" in mailoutbox[0].body
    assert "What do you think" not in mailoutbox[0].body
    page = colleague_client.get(reverse("network:notifications")).content.decode()
    assert "Kari Contributor mentioned you in “Returning fighter in Ravnstad”" in page


def test_mention_by_pseudonym_notifies_and_real_name_does_not_reach_a_pseudonymous_member(
    contributor, owl, thread, django_capture_on_commit_callbacks, mailoutbox
):
    _post(thread, contributor, "Asking @Sigrid Realname", django_capture_on_commit_callbacks)
    assert mailoutbox == []
    _post(thread, contributor, "Asking @night owl", django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["owl@ravnstad.example"]]


def test_people_outside_the_network_cannot_be_mentioned(
    contributor, outsider, thread, django_capture_on_commit_callbacks, mailoutbox
):
    post = _post(thread, contributor, "Hello @Piet Outsider", django_capture_on_commit_callbacks)
    assert not Mention.objects.filter(post=post).exists()
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert mailoutbox == []


def test_editing_a_post_notifies_only_newly_mentioned_members(
    contributor, colleague_member, owl, thread, django_capture_on_commit_callbacks, mailoutbox
):
    post = _post(thread, contributor, "@Ola Colleague", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(post=post, actor=contributor, body="@Ola Colleague and @Night Owl")
    assert sorted(m.to[0] for m in mailoutbox) == ["colleague@ravnstad.example", "owl@ravnstad.example"]


def test_notification_link_opens_the_post_and_marks_it_read(contributor, colleague_member, colleague_client, thread):
    post = services.post_create(thread=thread, actor=contributor, body="@Ola Colleague look")
    response = colleague_client.get(reverse("network:post", args=[post.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{post.pk}")
    assert Notification.objects.get(recipient=colleague_member).read_at is not None


def test_notifications_of_a_network_you_left_disappear(
    contributor, colleague_member, colleague_client, network, thread
):
    services.post_create(thread=thread, actor=contributor, body="@Ola Colleague look")
    services.network_member_leave(membership=network.memberships.get(user=colleague_member), actor=colleague_member)
    page = colleague_client.get(reverse("network:notifications")).content.decode()
    assert "Returning fighter" not in page
    assert "Returning fighter" not in colleague_client.get(reverse("network:list")).content.decode()


def _digest_mode(network, user):
    NetworkMembership.objects.filter(network=network, user=user).update(email=NetworkMembership.Email.DIGEST)


def test_digest_members_get_one_email_a_day_instead(
    contributor, colleague_member, network, thread, django_capture_on_commit_callbacks, mailoutbox
):
    _digest_mode(network, colleague_member)
    _post(thread, contributor, "@Ola Colleague one", django_capture_on_commit_callbacks)
    _post(thread, contributor, "@Ola Colleague two", django_capture_on_commit_callbacks)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["colleague@ravnstad.example"]
    assert mailoutbox[0].body.count("mentioned you") == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert len(mailoutbox) == 1  # nothing twice


def test_digest_checks_membership_at_send_time(
    contributor, colleague_member, moderator, network, thread, django_capture_on_commit_callbacks, mailoutbox
):
    _digest_mode(network, colleague_member)
    _post(thread, contributor, "@Ola Colleague one", django_capture_on_commit_callbacks)
    services.network_member_remove(membership=network.memberships.get(user=colleague_member), actor=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert mailoutbox == []


def test_digest_skips_a_member_whose_portal_membership_ended(
    contributor, colleague_member, network, thread, django_capture_on_commit_callbacks, mailoutbox
):
    _digest_mode(network, colleague_member)
    _post(thread, contributor, "@Ola Colleague one", django_capture_on_commit_callbacks)
    Membership.objects.filter(user=colleague_member).update(state=Membership.State.ENDED)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert mailoutbox == []


def test_digest_leaves_out_posts_hidden_since(
    contributor, colleague_member, moderator, network, thread, django_capture_on_commit_callbacks, mailoutbox
):
    _digest_mode(network, colleague_member)
    post = _post(thread, contributor, "@Ola Colleague one", django_capture_on_commit_callbacks)
    services.post_hide(post=post, actor=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert mailoutbox == []


def test_members_who_chose_no_email_get_none_but_see_the_notification(
    contributor, colleague_member, colleague_client, network, thread, django_capture_on_commit_callbacks, mailoutbox
):
    colleague_client.post(reverse("network:email", args=[network.pk]), {"email": "none"})
    _post(thread, contributor, "@Ola Colleague one", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert mailoutbox == []
    assert "mentioned you" in colleague_client.get(reverse("network:notifications")).content.decode()


def test_case_room_emails_carry_nothing_of_the_room(
    contributor, colleague, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    from django.utils import timezone

    room = services.network_create(
        actor=moderator,
        name="Case of K",
        purpose="p",
        policy="invitation",
        is_case_room=True,
        access_ends_on=timezone.localdate(),
        retention_days=30,
    )
    add_member(room, contributor, moderator=moderator)
    add_member(room, colleague, moderator=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_create(network=room, actor=contributor, title="Address of K", body="@Ola Colleague")
    assert len(mailoutbox) == 1
    assert "Case of K" not in mailoutbox[0].body and "Address of K" not in mailoutbox[0].body
    assert "Address of K" not in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.network_invitation_create(network=room, actor=moderator, email="new@ravnstad.example")
    assert "Case of K" not in mailoutbox[-1].body and "/networks/invitations/" in mailoutbox[-1].body
