"""The audit log is append-only, so it holds only codes and ids: withdrawal reasons and review
comments (free text that may name people) stay in the workflow objects, which can be deleted or
redacted, and the log points to them by id."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from portal.models import AuditEvent
from practices import services
from practices.models import Practice, ReviewComment
from practices.versions import content_fingerprint
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
NAME = "Jonas Berg"


def _submitted(author, title="Family support") -> Practice:
    practice = make_practice(author=author, title=title)
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.SUBMITTED)
    return Practice.objects.get(pk=practice.pk)


def _log_mentions(text: str) -> bool:
    return any(text in event.comment for event in AuditEvent.objects.all())


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_withdrawal_reason_stays_with_the_practice(org_admin_client, contributor):
    practice = make_practice(author=contributor, publish=True)
    org_admin_client.post(reverse("practices:withdraw", args=[practice.pk]), {"reason": f"{NAME} asked us to"})
    assert Practice.objects.get(pk=practice.pk).withdrawal_reason == f"{NAME} asked us to"
    assert AuditEvent.objects.filter(action="practice.withdraw", target_id=practice.pk).exists()
    assert not _log_mentions(NAME)


@pytest.mark.parametrize(
    ("decision", "payload"),
    [
        ("request-changes", {"comment": f"Remove what {NAME} said", "field_comments": {}}),
        ("reject", {"reason": f"It is about {NAME}"}),
        ("approve", {"comment": f"Thanks for leaving {NAME} out"}),
    ],
)
def test_a_moderators_words_stay_in_a_review_comment(moderator, contributor, decision, payload):
    practice = _submitted(contributor)
    if decision == "approve":  # the approval names the text it read (its fingerprint)
        payload = {**payload, "reviewed": content_fingerprint(practice)}
    response = _api(moderator).post(f"/api/v1/moderation/practices/{practice.pk}/{decision}/", payload, format="json")
    assert response.status_code == 200
    comment = ReviewComment.objects.get(practice=practice, field="")
    assert NAME in comment.text
    assert not _log_mentions(NAME)
    event = AuditEvent.objects.filter(target_id=practice.pk).exclude(action="practice.create").latest("pk")
    assert event.comment == f"review_comment={comment.pk}"


def test_deleting_the_practice_deletes_the_words_and_leaves_the_log(moderator, contributor):
    practice = _submitted(contributor)
    services.practice_reject(practice=practice, moderator=moderator, reason=f"It is about {NAME}")
    Practice.objects.filter(pk=practice.pk).delete()
    assert not ReviewComment.objects.filter(text__contains=NAME).exists()
    assert AuditEvent.objects.filter(action="practice.reject", target_id=practice.pk).exists()
