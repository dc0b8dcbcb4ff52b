"""An @name that matches no member of the network: the post is kept as written, and its author
is told which names reached nobody (without saying whether such a person exists elsewhere)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from network.models import Mention, Post, Thread
from network.selectors import unknown_mentions
from tests.conftest import make_user
from tests.network.conftest import add_member

pytestmark = pytest.mark.django_db


def _warnings(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_reply_with_an_unknown_name_is_kept_and_the_author_warned(
    network, thread, moderator, colleague, contributor_client
):
    add_member(network, colleague, moderator=moderator)
    body = "Thanks @Ola Colleague, and @Nobodyhere and @ghost. Mail me at kari@ravnstad.example"
    response = contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": body})
    assert response.status_code == 302
    assert Post.objects.filter(thread=thread, body=body).exists()
    assert Mention.objects.filter(user=colleague).count() == 1
    [warning] = _warnings(response)
    assert "@Nobodyhere, @ghost" in warning and "match no member of this network" in warning
    assert "Ola" not in warning and "ravnstad" not in warning


def test_a_known_name_gives_no_warning(network, thread, moderator, colleague, contributor_client):
    add_member(network, colleague, moderator=moderator)
    response = contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": "@ola colleague: ok?"})
    assert _warnings(response) == []


def test_a_portal_user_outside_the_network_is_unknown_here(network, thread, outsider, contributor_client):
    response = contributor_client.post(reverse("network:reply", args=[thread.pk]), {"body": "Ask @Piet Outsider"})
    assert _warnings(response) == [
        "Your post is saved, but @Piet matches no member of this network: nobody was notified. "
        "Edit your post to correct the name."
    ]
    assert not Mention.objects.filter(user=outsider).exists()


def test_a_pseudonymous_members_real_name_matches_nobody(network, moderator, home_organisation):
    raven = make_user("raven@ravnstad.example", home_organisation, display_name="Ola Rasmussen", pseudonym="Raven")
    add_member(network, raven, moderator=moderator)
    assert unknown_mentions(network=network, body="@Raven and @Ola") == ["@Ola"]


def test_new_thread_and_edit_warn_too(network, thread, first_post, contributor_client):
    create = contributor_client.post(
        reverse("network:thread_create", args=[network.pk]), {"title": "New case", "body": "For @Someone"}
    )
    assert create.status_code == 302 and Thread.objects.filter(title="New case").exists()
    assert "@Someone" in _warnings(create)[0]
    edit = contributor_client.post(reverse("network:post_edit", args=[first_post.pk]), {"body": "Now @Other"})
    assert edit.status_code == 302 and "@Other" in _warnings(edit)[-1]
    first_post.refresh_from_db()
    assert first_post.body == "Now @Other"
