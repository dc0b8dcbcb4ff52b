"""The e-mail links of an update's review. An organisation's administrator and the moderators are
mailed a link when an update of a published practice is submitted; once a moderator approves it,
the update's row is merged into the practice and deleted (services._apply_revision), so the links
name the practice the update changes (/practices/<practice>/update/,
/moderation/practices/<practice>/update/): the update while it exists and the reader may open it,
the practice afterwards, with a word saying why."""

import re

import pytest
from django.core import mail

from practices import services
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

CANARY = "Update canary Sorrel."


def _links_of_the_submission(contributor, update, capture) -> dict[str, str]:
    with capture(execute=True):
        services.practice_submit(practice=update, actor=contributor, change_summary="New contact.")
    return {m.to[0]: re.search(r"http://[^/\s]+(/\S+)", m.body).group(1) for m in mail.outbox}


def _landing(client, user, link: str) -> tuple[int, str, str]:
    """Status, where the link led, and the page's text (messages included)."""
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(link, follow=True)
    return response.status_code, response.redirect_chain[-1][0] if response.redirect_chain else link, response.text


@pytest.fixture
def submitted(contributor, org_admin, moderator, django_capture_on_commit_callbacks):
    published = make_practice(author=contributor, publish=True)
    update = services.practice_start_revision(practice=published, editor=contributor)
    update.description += f" {CANARY}"
    update.save(update_fields=["description"])
    links = _links_of_the_submission(contributor, update, django_capture_on_commit_callbacks)
    return published, update, links


def test_the_links_name_the_practice_and_lead_to_the_update_under_review(client, submitted, org_admin, moderator):
    published, update, links = submitted
    assert links == {
        org_admin.email: f"/practices/{published.pk}/update/",
        moderator.email: f"/moderation/practices/{published.pk}/update/",
    }
    assert _landing(client, org_admin, links[org_admin.email])[:2] == (200, f"/practices/{update.pk}/")
    assert _landing(client, moderator, links[moderator.email])[:2] == (200, f"/moderation/practices/{update.pk}/")


def test_the_links_of_an_approved_update_lead_to_the_practice(client, submitted, org_admin, moderator):
    published, update, links = submitted
    services.practice_approve(practice=update, moderator=moderator)
    for person, said in ((org_admin, "no update of this practice for you"), (moderator, "no update under review")):
        status, landed, text = _landing(client, person, links[person.email])
        assert (status, landed) == (200, published.get_absolute_url())
        assert said in text.replace("\u2019", "'")


def test_the_links_of_a_discarded_update_lead_to_the_practice(client, submitted, contributor, moderator):
    published, update, links = submitted
    services.practice_request_changes(practice=update, moderator=moderator, comment="Say which prison.")
    services.practice_revision_discard(practice=published, actor=contributor)
    assert _landing(client, moderator, links[moderator.email])[:2] == (200, published.get_absolute_url())


def test_someone_who_may_not_open_the_update_is_led_to_the_practice_or_told_nothing(
    client, submitted, outsider, contributor
):
    """Another organisation's practitioner reads the public practice, never the update; an
    anonymous visitor finds no moderators' link; a practice nobody outside may read answers
    as a missing one."""
    published, update, _links = submitted
    status, landed, text = _landing(client, outsider, f"/practices/{published.pk}/update/")
    assert (status, landed) == (200, published.get_absolute_url())
    assert CANARY not in text and CANARY in _landing(client, contributor, f"/practices/{update.pk}/")[2]
    assert _landing(client, None, f"/moderation/practices/{published.pk}/update/")[0] == 404
    published.visibility = published.Visibility.ORGANISATION
    published.save(update_fields=["visibility"])
    assert client.get(f"/practices/{published.pk}/update/").status_code == 404  # anonymous
    client.force_login(outsider)
    missing = client.get("/practices/999999/update/")
    hidden = client.get(f"/practices/{published.pk}/update/")
    assert hidden.status_code == missing.status_code == 404
