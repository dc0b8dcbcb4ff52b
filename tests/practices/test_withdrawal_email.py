"""The e-mail telling a practice's author that moderators withdrew it. It gave the title, the state
and the reason, and no link (the practice no longer opens for them), but not what happens now nor
whom to ask: it now says the practice is off every page, that its address no longer opens, and links
to the contact page. The reader at the old address gets the not-found page, as for any practice they
may not read (docs/ACCESS.md: a withdrawn practice is for moderators only)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from practices import services
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_the_author_is_told_where_to_ask_about_a_withdrawn_practice(
    client, contributor, moderator, django_capture_on_commit_callbacks
):
    practice = make_practice(author=contributor, publish=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_withdraw(practice=practice, actor=moderator, reason="Names a person in the description")
    (message,) = [m for m in mail.outbox if m.to == [contributor.email]]
    assert "Names a person in the description" in message.body
    assert "its address no longer opens" in message.body
    links = re.findall(r"https?://\S+", message.body)
    assert links == [settings.PORTAL_URL + reverse("page_contact")]
    assert client.get(practice.get_absolute_url()).status_code == 404
