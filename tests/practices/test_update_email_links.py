"""The e-mail links of an update's review, read after the update was approved. An organisation's
administrator (or a second moderator) is mailed the link to the update under review
(/practices/<update>/, /moderation/practices/<update>/); once a moderator approves it, the update's
row is merged into the practice and deleted (services._apply_revision), and both links answer "There
is no page here". They should lead to the practice, for whoever may read it.

Known gap, left to the lead: the fix needs the workflow to keep where an approved update went (a
service change, not presentation). Strict xfail until then."""

import re

import pytest
from django.core import mail

from practices import services
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.mark.xfail(strict=True, reason="an approved update's links answer 404 (its row is deleted)")
def test_the_links_of_an_approved_update_lead_to_the_practice(
    client, contributor, org_admin, moderator, django_capture_on_commit_callbacks
):
    published = make_practice(author=contributor, publish=True)
    update = services.practice_start_revision(practice=published, editor=contributor)
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_submit(practice=update, actor=contributor, change_summary="New contact.")
    links = {m.to[0]: re.search(r"http://[^/\s]+(/\S+)", m.body).group(1) for m in mail.outbox}
    services.practice_approve(practice=update, moderator=moderator)
    landed = {}
    for person in (org_admin, moderator):
        client.force_login(person)
        response = client.get(links[person.email], follow=True)
        landed[person.email] = (response.status_code, response.redirect_chain[-1][0] if response.redirect_chain else "")
    assert landed == {
        org_admin.email: (200, published.get_absolute_url()),
        moderator.email: (200, published.get_absolute_url()),
    }
