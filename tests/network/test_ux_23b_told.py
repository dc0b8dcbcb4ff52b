"""What people are told after the fact, from the side of the person told and of those who must
not learn it: a membership that ended (on /networks/), a moderator's reason for hiding a post
(e-mailed to its author) and a handled report (told to its reporter)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import NetworkMembership, Notification
from portal.models import AuditEvent
from tests.conftest import _client_for, make_user
from tests.network.conftest import add_member
from tests.network.factories import make_case_room

pytestmark = pytest.mark.django_db


def _page(client) -> str:
    return client.get(reverse("network:list")).content.decode()


@pytest.fixture(autouse=True)
def _sent_at_once(monkeypatch):
    """Emails go after commit; the test's transaction never commits, so they go at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda callback, using=None, robust=False: callback())


def _sent_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


# 1. A membership that ended -------------------------------------------------------------------


def test_a_removed_member_reads_on_networks_that_moderators_removed_them(
    network, contributor, contributor_client, moderator, colleague, colleague_client
):
    add_member(network, colleague, moderator=moderator)
    membership = NetworkMembership.objects.get(network=network, user=contributor)
    services.network_member_remove(membership=membership, actor=moderator)
    page = _page(contributor_client)
    assert "Your membership of “Exit work Ravnstad” ended" in page
    assert "removed by its moderators" in page
    assert moderator.display_name not in page  # never who decided
    assert "Returning fighter" not in page
    # another member reads nothing of it
    assert "ended" not in _page(colleague_client)


def test_a_banned_member_is_told_they_may_not_join_again(network, contributor, contributor_client, moderator):
    membership = NetworkMembership.objects.get(network=network, user=contributor)
    services.network_member_remove(membership=membership, actor=moderator, ban=True)
    page = _page(contributor_client)
    assert "removed by its moderators" in page and "may not join it again" in page


def test_a_member_who_left_reads_that_they_left(network, contributor, contributor_client, outsider_client):
    membership = NetworkMembership.objects.get(network=network, user=contributor)
    services.network_member_leave(membership=membership, actor=contributor)
    page = _page(contributor_client)
    assert "You left “Exit work Ravnstad”" in page
    assert "Exit work Ravnstad" not in _page(outsider_client)


def test_an_ending_older_than_ninety_days_is_not_shown(network, contributor, contributor_client, moderator):
    membership = NetworkMembership.objects.get(network=network, user=contributor)
    services.network_member_remove(membership=membership, actor=moderator)
    NetworkMembership.objects.filter(pk=membership.pk).update(ended_at=timezone.now() - timedelta(days=91))
    assert "Exit work Ravnstad" not in _page(contributor_client)


def test_a_case_room_ending_does_not_name_the_room(contributor, contributor_client, moderator):
    room = make_case_room(moderator=moderator, members=(contributor,), name="Family Q. in Ravnstad")
    membership = NetworkMembership.objects.get(network=room, user=contributor)
    services.network_member_remove(membership=membership, actor=moderator)
    page = _page(contributor_client)
    assert "Family Q." not in page
    assert "access to a case room ended" in page


def test_a_member_again_reads_no_ending(network, contributor, contributor_client, moderator):
    membership = NetworkMembership.objects.get(network=network, user=contributor)
    services.network_member_remove(membership=membership, actor=moderator)
    add_member(network, contributor, moderator=moderator)
    assert "ended" not in _page(contributor_client)


# 2. The reason for hiding, e-mailed to the author ---------------------------------------------


@pytest.fixture
def french_author(home_organisation, network, moderator):
    author = make_user("ines@ravnstad.example", home_organisation, display_name="Inès Berg", language="fr")
    add_member(network, author, moderator=moderator)
    return author


def test_the_author_is_emailed_the_reason_in_their_language(
    network, thread, french_author, moderator, colleague, contributor
):
    add_member(network, colleague, moderator=moderator)
    post = services.post_create(thread=thread, actor=french_author, body="Le nom du client est X.")
    mail.outbox.clear()
    services.post_hide(post=post, actor=moderator, reason="It names a client.")
    sent = _sent_to(french_author.email)
    assert len(sent) == 1
    assert "It names a client." in sent[0].body
    assert "Le nom du client" not in sent[0].body  # never the post's text
    assert moderator.display_name not in sent[0].body
    assert sent[0].subject != "A moderator hid one of your posts"  # French, not English
    assert sent[0].extra_headers["Content-Language"] == "fr"  # (the subject's msgid waits for locale/)
    # nobody else is told the reason
    for message in mail.outbox:
        if french_author.email not in message.to:
            assert "It names a client." not in message.body
    assert not AuditEvent.objects.filter(comment__contains="names a client").exists()


def test_no_email_for_an_author_who_chose_none(network, thread, contributor, moderator, first_post):
    membership = NetworkMembership.objects.get(network=network, user=contributor)
    services.network_member_email_set(membership=membership, actor=contributor, email="none")
    mail.outbox.clear()
    services.post_hide(post=first_post, actor=moderator, reason="It names a client.")
    assert _sent_to(contributor.email) == []


def test_a_case_room_hide_email_carries_nothing_of_the_room(contributor, moderator):
    room = make_case_room(moderator=moderator, members=(contributor,), name="Family Q. in Ravnstad")
    thread = services.thread_create(network=room, actor=contributor, title="Q. at school", body="Details")
    post = thread.posts.get()
    mail.outbox.clear()
    services.post_hide(post=post, actor=moderator, reason="Q. is named in full.")
    sent = _sent_to(contributor.email)
    assert len(sent) == 1
    assert "Family Q." not in sent[0].body and "Q. at school" not in sent[0].body
    assert "named in full" not in sent[0].body


# 3. The reporter told what became of the report -----------------------------------------------


@pytest.fixture
def reported(network, thread, moderator, colleague, outsider, first_post):
    add_member(network, colleague, moderator=moderator)
    add_member(network, outsider, moderator=moderator)
    services.post_report(post=first_post, actor=colleague, reason="personal-data")
    mail.outbox.clear()
    return first_post.reports.get()


def test_the_reporter_is_told_the_post_was_hidden(
    reported, moderator, colleague, colleague_client, outsider, outsider_client
):
    services.report_resolve(report=reported, actor=moderator, hide=True, reason="Moderator's private words.")
    page = colleague_client.get(reverse("network:notifications")).content.decode()
    assert "Your report" in page and "the post is hidden" in page
    assert moderator.display_name not in page and "private words" not in page
    sent = _sent_to(colleague.email)
    assert len(sent) == 1 and "hidden" in sent[0].body
    assert moderator.display_name not in sent[0].body and "private words" not in sent[0].body
    # another member learns nothing of the report
    assert "Your report" not in outsider_client.get(reverse("network:notifications")).content.decode()
    assert _sent_to(outsider.email) == []


def test_the_reporter_is_told_the_post_was_kept(reported, moderator, colleague, colleague_client):
    services.report_resolve(report=reported, actor=moderator, hide=False)
    page = colleague_client.get(reverse("network:notifications")).content.decode()
    assert "Your report" in page and "the post stays" in page
    assert moderator.display_name not in page
    assert Notification.objects.filter(recipient=colleague).count() == 1
    assert len(_sent_to(colleague.email)) == 1


def test_a_reporter_who_chose_no_email_is_told_on_the_page_only(network, reported, moderator, colleague):
    membership = NetworkMembership.objects.get(network=network, user=colleague)
    services.network_member_email_set(membership=membership, actor=colleague, email="none")
    services.report_resolve(report=reported, actor=moderator, hide=False)
    assert _sent_to(colleague.email) == []
    assert _client_for(colleague).get(reverse("network:notifications")).content.decode().count("Your report") == 1


def test_a_reporter_on_the_digest_reads_the_outcome_in_the_digest(network, reported, moderator, colleague, outsider):
    membership = NetworkMembership.objects.get(network=network, user=colleague)
    services.network_member_email_set(membership=membership, actor=colleague, email="digest")
    services.report_resolve(report=reported, actor=moderator, hide=True, reason="Moderator's private words.")
    assert _sent_to(colleague.email) == []
    from network.notify import digests_send

    digests_send()
    sent = _sent_to(colleague.email)
    assert len(sent) == 1 and "the post is hidden" in sent[0].body
    assert moderator.display_name not in sent[0].body and "private words" not in sent[0].body
    assert _sent_to(outsider.email) == []
