"""The review queue counts how long a submission has waited from when it was submitted, not from
its last change: a moderator who redacts a personal detail in the oldest submission (or sets its
evidence level) does not send it to the back of the queue as if it had just arrived, nor take it
off the overview's "waited more than 7 days"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from practices import services
from practices.models import Finding, Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

TEXT = "Weekly talks with Kari Nordmann after release, to prevent violent extremism."


@pytest.fixture(autouse=True)
def no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA = False


def _submitted(author, title: str, days_ago: int) -> Practice:
    practice = make_practice(author=author, title=title, description=TEXT)
    services.practice_submit(practice=practice, actor=author)
    when = timezone.now() - timedelta(days=days_ago)
    AuditEvent.objects.filter(action="practice.submit", target_id=practice.pk).update(created_at=when)
    Practice.objects.filter(pk=practice.pk).update(updated_at=when)
    return practice


def test_a_redaction_keeps_a_submission_s_place_and_waiting_time(moderator_client, contributor):
    oldest = _submitted(contributor, "Oldest submission", days_ago=10)
    newer = _submitted(contributor, "Newer submission", days_ago=5)
    start = TEXT.index("Kari Nordmann")
    oldest.findings.all().delete()
    finding = Finding.objects.create(
        practice=oldest, field="description", type="PERSON", text="Kari Nordmann", start=start, end=start + 13
    )
    moderator_client.post(reverse("moderation:finding_redact", args=[oldest.pk, finding.pk]))
    moderator_client.post(reverse("moderation:evidence_level", args=[oldest.pk]), {"evidence-level": "promising"})
    assert Practice.objects.get(pk=oldest.pk).updated_at > timezone.now() - timedelta(minutes=5)  # changed now

    page = moderator_client.get(reverse("moderation:queue"))
    rows = list(page.context["page"].object_list)
    assert [practice.title for practice in rows] == ["Oldest submission", "Newer submission"]
    assert "1\xa0week, 3\xa0days" in page.content.decode()  # waiting since it was submitted, 10 days ago

    longer = moderator_client.get(reverse("moderation:queue"), {"older_than": 7})
    assert [practice.pk for practice in longer.context["page"].object_list] == [oldest.pk]

    overview = moderator_client.get(reverse("moderation:dashboard"))
    assert overview.context["stale"]["count"] == 1
    assert [practice.pk for practice in overview.context["oldest"]] == [oldest.pk, newer.pk]


def test_a_submission_sent_back_and_resubmitted_waits_from_its_new_submission(moderator, moderator_client, contributor):
    practice = _submitted(contributor, "Sent back once", days_ago=20)
    services.practice_request_changes(practice=practice, moderator=moderator, comment="Say where.")
    services.practice_submit(practice=Practice.objects.get(pk=practice.pk), actor=contributor)
    rows = moderator_client.get(reverse("moderation:queue"), {"older_than": 7}).context["page"].object_list
    assert list(rows) == []


def test_the_queue_marks_the_submissions_waiting_longer_than_the_overview_s_limit(moderator_client, contributor):
    _submitted(contributor, "Waiting ten days", days_ago=10)
    _submitted(contributor, "Waiting two days", days_ago=2)
    page = moderator_client.get(reverse("moderation:queue")).content.decode()
    rows = page.split("<tr>")[2:]  # after the header's
    assert [("Waiting ten days" in row, "badge-overdue" in row) for row in rows] == [(True, True), (False, False)]
    assert '<span class="badge badge-overdue">over 7 days</span>' in rows[0]
