"""A working day in a closed network, what needs no browser: the practitioner's way to the first
new post of a long thread, the requester told of the approval, the removed member told of the
removal, messages that say who and what, a link to a post hidden since, a moderator's reason
for hiding a post, and an edit sent after a moderator hid the post (the walk itself:
tests/browser/test_ux_23_network_day.py)."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import Network, NetworkMembership, Post, ThreadRead
from portal.models import AuditEvent
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def forum(moderator):
    return services.network_create(actor=moderator, name="Forum Nord", purpose="p", policy="request", listed=True)


@pytest.fixture
def french_outsider(other_organisation):
    return make_user("lea@westerland.example", other_organisation, display_name="Léa Martin", language="fr")


# The way to the first new post --------------------------------------------------------------


def _long_thread(network, author, n: int):
    start = timezone.now() - timedelta(hours=3)
    thread = services.thread_create(network=network, actor=author, title="A long case", body="Post 1")
    Post.objects.filter(thread=thread).update(created_at=start)
    Post.objects.bulk_create(
        [
            Post(
                thread=thread,
                author=author,
                body=f"Post {i}",
                body_html=f"<p>Post {i}</p>",
                created_at=start + timedelta(minutes=i),
            )
            for i in range(2, n + 1)
        ]
    )
    thread.last_post_at = start + timedelta(minutes=n)
    thread.save(update_fields=["last_post_at"])
    return thread, start


def test_the_thread_list_leads_to_the_first_new_post_of_a_long_thread(
    network, contributor, colleague, colleague_client, moderator
):
    add_member(network, colleague, moderator=moderator)
    thread, start = _long_thread(network, contributor, 120)
    # The colleague read up to post 60: the first new post (61) is on page 2 of 3
    ThreadRead.objects.create(thread=thread, user=colleague, last_read_at=start + timedelta(minutes=60))
    listing = colleague_client.get(network.get_absolute_url()).content.decode()
    first_new = reverse("network:thread_new", args=[thread.pk])
    assert f'href="{first_new}"' in listing
    response = colleague_client.get(first_new)
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#new"
    page = colleague_client.get(response["Location"].split("#")[0]).content.decode()
    new_post = Post.objects.get(thread=thread, body="Post 61")
    # the marker sits in the first new post's item
    assert page.index(f'id="post-{new_post.pk}"') < page.index('id="new"') < page.index("Post 62")


def test_the_first_new_post_of_a_thread_never_read_is_its_first_post_and_read_threads_have_no_such_link(
    network, contributor, colleague, colleague_client, moderator, outsider_client
):
    add_member(network, colleague, moderator=moderator)
    thread, start = _long_thread(network, contributor, 60)
    first_new = reverse("network:thread_new", args=[thread.pk])
    assert colleague_client.get(first_new)["Location"] == f"{thread.get_absolute_url()}?page=1"
    ThreadRead.objects.create(thread=thread, user=colleague, last_read_at=start + timedelta(minutes=60))
    assert f'href="{first_new}"' not in colleague_client.get(network.get_absolute_url()).content.decode()
    # Read to the end: the last page
    assert colleague_client.get(first_new)["Location"] == f"{thread.get_absolute_url()}?page=2"
    assert outsider_client.get(first_new).status_code == 404


# Emails to the person concerned --------------------------------------------------------------


def test_an_approved_requester_is_emailed_in_their_language(
    forum, moderator, moderator_client, french_outsider, django_capture_on_commit_callbacks
):
    join_request = services.network_join_request(network=forum, user=french_outsider)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse("network:request_decide", args=[join_request.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    [email] = [m for m in mail.outbox if m.to == [french_outsider.email]]
    assert email.extra_headers["Content-Language"] == "fr"
    assert forum.get_absolute_url() in email.body
    assert "Forum Nord" in email.body


def test_a_declined_requester_is_emailed_without_the_moderators_name(
    forum, moderator, moderator_client, french_outsider, django_capture_on_commit_callbacks
):
    join_request = services.network_join_request(network=forum, user=french_outsider)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("network:request_decide", args=[join_request.pk]), {"decision": "decline"})
    [email] = [m for m in mail.outbox if m.to == [french_outsider.email]]
    assert email.extra_headers["Content-Language"] == "fr"
    assert "Mona Moderator" not in email.body and "Forum Nord" in email.body


def test_a_removed_member_is_emailed_in_their_language_and_a_case_room_is_not_named(
    network, moderator, moderator_client, home_organisation, django_capture_on_commit_callbacks
):
    french = make_user("elise@ravnstad.example", home_organisation, display_name="Élise Dupont", language="fr")
    membership = add_member(network, french, moderator=moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("network:member_remove", args=[membership.pk]))
    [email] = [m for m in mail.outbox if m.to == [french.email]]
    assert email.extra_headers["Content-Language"] == "fr"
    assert "Exit work Ravnstad" in email.body and "Mona Moderator" not in email.body

    room = services.network_create(
        actor=moderator,
        name="Case K. in Ravnstad",
        purpose="p",
        policy=Network.Policy.INVITATION,
        is_case_room=True,
        access_ends_on=timezone.localdate() + timedelta(days=30),
        retention_days=90,
    )
    in_room = add_member(room, french, moderator=moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("network:member_remove", args=[in_room.pk]), {"ban": "1"})
    [email] = [m for m in mail.outbox if m.to == [french.email]]
    assert "Case K." not in email.subject + email.body


# Messages that say who and what ------------------------------------------------------------------


def test_the_moderators_messages_name_the_person_and_the_network(
    forum, network, moderator_client, outsider, colleague, moderator
):
    join_request = services.network_join_request(network=forum, user=outsider)
    approved = moderator_client.post(reverse("network:request_decide", args=[join_request.pk]), {"decision": "approve"})
    assert "Piet Outsider is now a member of Forum Nord." in _messages(approved)
    membership = add_member(network, colleague, moderator=moderator)
    removed = moderator_client.post(reverse("network:member_remove", args=[membership.pk]))
    assert "Ola Colleague is removed from Exit work Ravnstad." in _messages(removed)
    again = add_member(network, colleague, moderator=moderator)
    banned = moderator_client.post(reverse("network:member_remove", args=[again.pk]), {"ban": "1"})
    assert "Ola Colleague is removed from Exit work Ravnstad and banned." in _messages(banned)


def test_leaving_says_which_network_was_left(network, contributor_client):
    response = contributor_client.post(reverse("network:leave", args=[network.pk]))
    assert "You have left Exit work Ravnstad." in _messages(response)


# A link to a post hidden or deleted since ----------------------------------------------------------


def test_a_link_to_a_post_hidden_since_leads_to_its_place_in_the_thread(
    network, thread, contributor, colleague, colleague_client, moderator, outsider_client
):
    add_member(network, colleague, moderator=moderator)
    post = services.post_create(thread=thread, actor=contributor, body="@Ola Colleague see this")
    services.post_hide(post=post, actor=moderator)
    response = colleague_client.get(post.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    assert "This post was hidden by a moderator since." in _messages(response)
    assert "see this" not in colleague_client.get(response["Location"]).content.decode()
    # Outsiders still get the network's 404
    assert outsider_client.get(post.get_absolute_url()).status_code == 404


def test_a_link_to_a_post_of_a_network_one_left_is_still_404(network, thread, contributor, colleague, moderator):
    from django.test import Client

    membership = add_member(network, colleague, moderator=moderator)
    post = services.post_create(thread=thread, actor=contributor, body="Later")
    services.post_delete(post=post, actor=contributor)
    services.network_member_remove(membership=membership, actor=moderator)
    client = Client()
    client.force_login(colleague)
    response = client.get(post.get_absolute_url())
    assert response.status_code == 404
    assert "Returning fighter" not in response.content.decode()


# Hiding with a reason -------------------------------------------------------------------------------


def test_a_moderator_hides_a_post_with_a_reason_its_author_and_moderators_read(
    network, thread, contributor, contributor_client, colleague, colleague_client, moderator, moderator_client
):
    add_member(network, colleague, moderator=moderator)
    post = services.post_create(thread=thread, actor=contributor, body="The client's full name is K. Berg.")
    form = moderator_client.get(reverse("network:post_hide", args=[post.pk])).content.decode()
    assert 'name="reason"' in form
    response = moderator_client.post(
        reverse("network:post_moderate", args=[post.pk]), {"action": "hide", "reason": "It names a client."}
    )
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).state == Post.State.HIDDEN
    author_page = contributor_client.get(thread.get_absolute_url()).content.decode()
    assert "It names a client." in author_page
    assert "It names a client." in moderator_client.get(thread.get_absolute_url()).content.decode()
    other = colleague_client.get(thread.get_absolute_url()).content.decode()
    assert "It names a client." not in other and "This post was hidden by a moderator." in other
    # Codes only in the audit trail
    assert not AuditEvent.objects.filter(comment__contains="names a client").exists()


def test_hiding_a_reported_post_takes_a_reason_too(
    network, thread, contributor, colleague, moderator, moderator_client
):
    add_member(network, colleague, moderator=moderator)
    post = services.post_create(thread=thread, actor=contributor, body="Reported text")
    report = services.post_report(post=post, actor=colleague, reason="personal-data")
    assert 'name="reason"' in moderator_client.get(reverse("network:report_hide", args=[report.pk])).content.decode()
    moderator_client.post(
        reverse("network:report_resolve", args=[report.pk]), {"decision": "hide", "reason": "Personal data."}
    )
    assert Post.objects.get(pk=post.pk).hidden_reason == "Personal data."


# An edit sent after the post was hidden -------------------------------------------------------------


def test_an_edit_sent_after_a_moderator_hid_the_post_keeps_what_was_typed(
    network, thread, contributor, contributor_client, moderator
):
    post = services.post_create(thread=thread, actor=contributor, body="First words")
    assert contributor_client.get(reverse("network:post_edit", args=[post.pk])).status_code == 200
    services.post_hide(post=post, actor=moderator)
    response = contributor_client.post(
        reverse("network:post_edit", args=[post.pk]), {"body": "A long correction typed for ten minutes"}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "A long correction typed for ten minutes" in text
    assert "A moderator hid this post meanwhile: your changes are not saved." in text
    assert Post.objects.get(pk=post.pk).body == "First words"


def test_a_removed_author_still_gets_404_on_their_edit_page(
    network, thread, contributor, contributor_client, moderator
):
    post = services.post_create(thread=thread, actor=contributor, body="First words")
    membership = NetworkMembership.objects.get(network=network, user=contributor)
    services.network_member_remove(membership=membership, actor=moderator)
    response = contributor_client.post(reverse("network:post_edit", args=[post.pk]), {"body": "Changed"})
    assert response.status_code == 404
    assert "Returning fighter" not in response.content.decode()


# Written after the first fixes, before their own -----------------------------------------------------


def test_a_banned_person_is_not_offered_a_request_they_would_be_refused(forum, outsider, outsider_client, moderator):
    membership = add_member(forum, outsider, moderator=moderator)
    services.network_member_remove(membership=membership, actor=moderator, ban=True)
    join_url = reverse("network:join", args=[forum.pk])
    assert f'href="{join_url}"' not in outsider_client.get(reverse("network:list")).content.decode()
    page = outsider_client.get(join_url).content.decode()
    assert "You cannot ask to join this network." in page
    assert "Ask to join" not in page


def test_a_removed_person_may_still_ask_again(forum, outsider, outsider_client, moderator):
    membership = add_member(forum, outsider, moderator=moderator)
    services.network_member_remove(membership=membership, actor=moderator)
    join_url = reverse("network:join", args=[forum.pk])
    assert f'href="{join_url}"' in outsider_client.get(reverse("network:list")).content.decode()
    assert "Ask to join" in outsider_client.get(join_url).content.decode()


def test_the_email_choice_message_says_what_was_chosen(network, contributor_client):
    url = reverse("network:email", args=[network.pk])
    assert "You will get no email from Exit work Ravnstad." in _messages(
        contributor_client.post(url, {"email": "none"})
    )
    digest = _messages(contributor_client.post(url, {"email": "digest"}))
    assert "You will get a daily digest from Exit work Ravnstad." in digest
    at_once = _messages(contributor_client.post(url, {"email": "immediate"}))
    assert "You will get an email from Exit work Ravnstad at once for each mention and reply." in at_once


# Actions on a post whose state changed meanwhile, and the role message (written before their fix) ----


def test_a_report_sent_after_the_post_was_hidden_says_so_instead_of_404(
    network, thread, contributor, colleague, colleague_client, moderator
):
    add_member(network, colleague, moderator=moderator)
    post = services.post_create(thread=thread, actor=contributor, body="Names a family")
    assert colleague_client.get(reverse("network:post_report", args=[post.pk])).status_code == 200
    services.post_hide(post=post, actor=moderator)
    response = colleague_client.post(
        reverse("network:post_report", args=[post.pk]), {"reason": "personal-data", "note": "It names the family"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    assert "A moderator hid this post meanwhile: no report is needed." in _messages(response)


def test_deleting_a_post_hidden_meanwhile_says_so_instead_of_404(
    network, thread, contributor, contributor_client, moderator
):
    post = services.post_create(thread=thread, actor=contributor, body="Second thoughts")
    services.post_hide(post=post, actor=moderator)
    response = contributor_client.post(reverse("network:post_delete", args=[post.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")
    assert "A moderator hid this post meanwhile: members no longer see it." in _messages(response)
    assert Post.objects.get(pk=post.pk).state == Post.State.HIDDEN


def test_the_role_message_names_the_person_and_the_role(network, colleague, moderator, moderator_client):
    membership = add_member(network, colleague, moderator=moderator)
    response = moderator_client.post(reverse("network:member_role", args=[membership.pk]), {"role": "moderator"})
    assert "Ola Colleague is now a moderator of Exit work Ravnstad." in _messages(response)
    response = moderator_client.post(reverse("network:member_role", args=[membership.pk]), {"role": "member"})
    assert "Ola Colleague is now a member of Exit work Ravnstad." in _messages(response)
