"""What the moderator reads before acting. The review page's note of the personal data left to
resolve says where it is, field by field with a link to each and its count (it gave a count only,
on a page of twenty-odd fields); the withdrawal's confirmation says who is told, and that the reason
typed is sent to them (the author reads it in the e-mail)."""

import pytest
from django.core import mail
from django.urls import reverse

from practices import services
from practices.models import Finding, Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

TEXT = "Weekly talks with Kari Nordmann and Ola Hansen after release, to prevent violent extremism."


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


def _finding(practice, field: str, text: str, within: str) -> Finding:
    start = within.index(text)
    return Finding.objects.create(
        practice=practice, field=field, type="PERSON", text=text, start=start, end=start + len(text)
    )


def test_the_review_page_says_in_which_fields_personal_data_is_left(moderator_client, contributor):
    practice = make_practice(author=contributor, title="Family support", description=TEXT)
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    _finding(practice, "description", "Kari Nordmann", TEXT)
    _finding(practice, "description", "Ola Hansen", TEXT)
    _finding(practice, "contact", "desk@ravnstad.example", practice.contact)
    page = moderator_client.get(reverse("moderation:review", args=[practice.pk])).content.decode()
    summary = page[
        page.index('class="findings-summary"') : page.index("</div>", page.index('class="findings-summary"'))
    ]
    assert "3 possible pieces of personal data to resolve before publishing." in summary
    assert '<li><a href="#field-description">Description</a> (2)</li>' in summary
    assert '<li><a href="#field-contact">Contact details</a> (1)</li>' in summary
    assert summary.count("<li>") == 2


def test_the_withdrawal_confirmation_says_who_reads_the_reason(
    moderator, moderator_client, contributor, django_capture_on_commit_callbacks
):
    practice = make_practice(author=contributor, title="Family support", publish=True)
    page = moderator_client.get(reverse("practices:withdraw", args=[practice.pk])).content.decode()
    assert (
        "Its contributor, their organisation's administrators and the moderators are told by e-mail, "
        "with your reason: write it for them." in page
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_withdraw(practice=practice, actor=moderator, reason="It names a minor.")
    [to_author] = [message for message in mail.outbox if contributor.email in message.to]
    assert "It names a minor." in to_author.body  # what the page promises


def test_the_changes_e_mail_carries_the_comments_beside_the_fields(
    moderator_client, contributor, django_capture_on_commit_callbacks
):
    """A moderator may send back a practice with comments beside its fields only: the e-mail said
    "Changes requested" and nothing of what to change. Each comment comes with its field's label in
    the reader's language."""
    contributor.language = "fr"
    contributor.save(update_fields=["language"])
    practice = make_practice(author=contributor, title="Family support", description=TEXT)
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    data = {"changes-comment": "", "changes-field_contact": "A desk's address, not a person's."}
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(reverse("moderation:request_changes", args=[practice.pk]), data)
    assert Practice.objects.get(pk=practice.pk).status == Practice.Status.CHANGES_REQUESTED
    [to_author] = [message for message in mail.outbox if contributor.email in message.to]
    assert "\n- Contacts: A desk's address, not a person's.\n" in to_author.body  # labelled in French, as she reads
    assert f"/practices/{practice.pk}/" in to_author.body


def test_a_long_list_of_near_duplicates_shows_five_and_folds_the_rest(moderator_client, contributor):
    """Forty submissions made from one template (one organisation's batch) each listed the 39 others
    above the text under review; the first five now, the rest under "Show N more"."""
    batch = [make_practice(author=contributor, title="Family support") for _ in range(9)]
    Practice.objects.update(status=Practice.Status.SUBMITTED)
    page = moderator_client.get(reverse("moderation:review", args=[batch[0].pk])).content.decode()
    box = page[
        page.index('class="notice duplicates"') : page.index("</section>", page.index('class="notice duplicates"'))
    ]
    shown, folded = box.split('<details class="duplicates-more">')
    assert shown.count("<li>") == 5
    assert "<summary>Show 3 more</summary>" in folded and folded.count("<li>") == 3
