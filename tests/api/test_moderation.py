"""Moderation through the API: the same services as the moderation pages, for moderators with a
second factor; 404 to everyone else."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from practices import services
from practices.models import Finding, Practice
from practices.versions import content_fingerprint
from tests.api.conftest import api_client_for
from tests.conftest import make_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_api(moderator):
    return api_client_for(moderator)


@pytest.fixture
def submitted(contributor):
    practice = make_practice(author=contributor, title="Family circle method")
    services.practice_submit(practice=practice, actor=contributor)
    return practice


def _approval(practice: Practice, **body: str) -> dict[str, str]:
    """An approval naming the text as it is now (the fingerprint a client reads from the detail)."""
    return {**body, "reviewed": content_fingerprint(Practice.objects.get(pk=practice.pk))}


def _url(name: str, practice: Practice, **kwargs) -> str:
    return reverse(f"api:moderation-{name}", kwargs={"pk": practice.pk, **kwargs})


def test_approving_publishes_the_practice_for_every_reader(moderator_api, submitted, client):
    response = moderator_api.post(_url("approve", submitted), _approval(submitted, comment="Thank you."), format="json")
    assert response.status_code == 200 and response.json()["status"] == "published"
    results = client.get(reverse("api:practice-list")).json()["results"]
    assert [hit["title"] for hit in results] == ["Family circle method"]


def test_open_findings_block_the_approval_until_redacted_or_dismissed(moderator_api, contributor):
    practice = make_practice(author=contributor, description="Call Kari Nordmann at kari.nordmann@gmail.com.")
    services.practice_submit(practice=practice, actor=contributor)
    refused = moderator_api.post(_url("approve", practice), _approval(practice), format="json")
    assert refused.status_code == 400 and "finding" in refused.json()["detail"]
    detail = moderator_api.get(_url("detail", practice)).json()
    for finding in detail["findings"]:
        if finding["type"] == "EMAIL_ADDRESS":
            redacted = moderator_api.post(_url("redact", practice, finding_pk=finding["id"]))
            assert redacted.status_code == 200 and redacted.json()["status"] == "redacted"
        else:
            dismissed = moderator_api.post(
                _url("dismiss", practice, finding_pk=finding["id"]), {"reason": "A public helpline."}, format="json"
            )
            assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"
    practice.refresh_from_db()
    assert "kari.nordmann@gmail.com" not in practice.description
    assert moderator_api.post(_url("approve", practice), _approval(practice), format="json").status_code == 200


def test_a_resolved_finding_cannot_be_resolved_again(moderator_api, contributor):
    practice = make_practice(author=contributor, description="Write to kari.nordmann@gmail.com.")
    services.practice_submit(practice=practice, actor=contributor)
    finding = practice.findings.get(type="EMAIL_ADDRESS")
    assert moderator_api.post(_url("redact", practice, finding_pk=finding.pk)).status_code == 200
    again = moderator_api.post(_url("redact", practice, finding_pk=finding.pk))
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"
    assert Finding.objects.get(pk=finding.pk).status == "redacted"


def test_a_finding_of_another_practice_is_not_found(moderator_api, contributor, submitted):
    other = make_practice(author=contributor, description="Write to kari.nordmann@gmail.com.")
    services.practice_submit(practice=other, actor=contributor)
    finding = other.findings.first()
    assert moderator_api.post(_url("redact", submitted, finding_pk=finding.pk)).status_code == 404


def test_requesting_changes_stores_the_comments_beside_the_fields(moderator_api, submitted):
    body = {"comment": "Say more about evaluation.", "field_comments": {"evidence_evaluation": "Which one?"}}
    response = moderator_api.post(_url("request-changes", submitted), body, format="json")
    assert response.status_code == 200 and response.json()["status"] == "changes_requested"
    assert submitted.review_comments.get(field="evidence_evaluation").text == "Which one?"


def test_comments_on_unknown_fields_are_refused(moderator_api, submitted):
    body = {"field_comments": {"no_such_field": "?"}}
    response = moderator_api.post(_url("request-changes", submitted), body, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "field_comments"


def test_a_rejection_needs_a_reason(moderator_api, submitted):
    assert moderator_api.post(_url("reject", submitted), {"reason": " "}, format="json").status_code == 400
    response = moderator_api.post(_url("reject", submitted), {"reason": "Not about prevention."}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "rejected"


def test_a_decision_on_a_practice_not_in_review_is_a_conflict(moderator_api, contributor):
    draft = make_practice(author=contributor)
    response = moderator_api.post(_url("approve", draft), _approval(draft), format="json")
    assert response.status_code == 409
    assert response.json()["type"] == "urn:pve-portal:problem:conflict"
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_evidence_level_of_an_update_is_set_on_the_published_practice(moderator_api, contributor):
    published = make_practice(author=contributor, publish=True)
    revision = services.practice_start_revision(practice=published, editor=contributor)
    body = {"level": "outcome_evaluation"}
    assert moderator_api.post(_url("evidence-level", revision), body, format="json").status_code == 200
    published.refresh_from_db()
    revision.refresh_from_db()
    assert (published.evidence_level, revision.evidence_level) == ("outcome_evaluation", "not_evaluated")


def test_the_queue_filters_by_state(moderator_api, submitted, contributor):
    rejected = make_practice(author=contributor, title="Rejected method")
    Practice.objects.filter(pk=rejected.pk).update(status="rejected")
    url = reverse("api:moderation-list")
    assert [p["id"] for p in moderator_api.get(url).json()["results"]] == [submitted.pk]
    assert [p["id"] for p in moderator_api.get(url, {"state": "rejected"}).json()["results"]] == [rejected.pk]
    assert moderator_api.get(url, {"state": "published"}).status_code == 400


def _waiting(contributor, title: str, days: int, findings: int = 0) -> Practice:
    practice = make_practice(author=contributor, title=title)
    services.practice_submit(practice=practice, actor=contributor)  # audited: when it entered the state
    when = timezone.now() - timedelta(days=days)
    AuditEvent.objects.filter(target_id=practice.pk, to_state="submitted").update(created_at=when)
    Practice.objects.filter(pk=practice.pk).update(updated_at=when)
    for number in range(findings):
        Finding.objects.create(practice=practice, field="description", type="PERSON", text=f"N{number}", start=0, end=2)
    return practice


def _walk(client, url: str, **query) -> list[str]:
    titles, page = [], client.get(url, {**query})
    while True:
        assert page.status_code == 200, page.json()
        titles += [item["title"] for item in page.json()["results"]]
        if not page.json()["next"]:
            return titles
        page = client.get(page.json()["next"])


def test_the_queue_comes_in_the_web_queues_orders_followed_page_by_page(moderator_api, contributor, settings):
    """Waiting longest first by default, from when each entered its state (a moderator's
    redaction no longer moves a practice down); newest and most findings first on asking, kept
    by the cursor from page to page."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 2}
    ten, two, five = (
        _waiting(contributor, "Ten days", 10, findings=1),
        _waiting(contributor, "Two days", 2, findings=3),
        _waiting(contributor, "Five days", 5),
    )
    Practice.objects.filter(pk=ten.pk).update(updated_at=timezone.now())  # as a redaction touches it
    url = reverse("api:moderation-list")
    assert _walk(moderator_api, url) == ["Ten days", "Five days", "Two days"]
    assert _walk(moderator_api, url, sort="newest") == ["Two days", "Five days", "Ten days"]
    assert _walk(moderator_api, url, sort="findings") == ["Two days", "Ten days", "Five days"]
    assert moderator_api.get(url, {"sort": "alphabetical"}).status_code == 400
    assert {two.pk, five.pk, ten.pk} == set(Practice.objects.filter(status="submitted").values_list("pk", flat=True))


def test_the_queue_names_authors_as_moderators_see_them(moderator_api, contributor):
    contributor.pseudonym = "Raven"
    contributor.save()
    make_practice(author=contributor)
    Practice.objects.update(status="submitted")
    item = moderator_api.get(reverse("api:moderation-list")).json()["results"][0]
    assert item["author"] == "Raven (Kari Contributor)"


def test_a_moderator_without_a_second_factor_is_refused(submitted, settings):
    moderator = make_user("new-moderator@portal.example", display_name="New Moderator", is_moderator=True)
    client = api_client_for(moderator)
    response = client.get(reverse("api:moderation-list"))
    assert response.status_code == 403 and "two-factor" in response.json()["detail"]
    settings.PORTAL_REQUIRE_MFA = False
    assert client.get(reverse("api:moderation-list")).status_code == 200
