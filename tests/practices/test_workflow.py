"""The moderation workflow through its services: permissions, audit, notifications, versions."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from portal.models import AuditEvent
from practices import services
from practices.models import Finding, Practice, PracticeVersion
from search.models import OutboxEntry
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


class Mails:
    """The emails sent so far: runs the on-commit callbacks queued since the last look
    (the test's transaction never commits, so they would otherwise never run)."""

    def __init__(self):
        self.done = 0

    def __iter__(self):
        queued = connection.run_on_commit
        while self.done < len(queued):
            queued[self.done][1]()
            self.done += 1
        return iter(list(mail.outbox))


@pytest.fixture
def mails(db):
    return Mails()


def _events(practice) -> list[tuple[str, str, str]]:
    return list(
        AuditEvent.objects.filter(target_type="practice", target_id=practice.pk)
        .order_by("pk")
        .values_list("action", "from_state", "to_state")
    )


def test_submit_review_and_publish_walks_every_state_with_audit(contributor, moderator, org_admin, mails):
    practice = make_practice(author=contributor, description="Weekly mentoring to prevent violent extremism.")
    services.practice_submit(practice=practice, actor=contributor)
    assert practice.status == "submitted"
    assert {m.to[0] for m in mails} >= {moderator.email, org_admin.email}

    services.practice_request_changes(
        practice=practice,
        moderator=moderator,
        comment="Say more about evaluation.",
        field_comments={"evidence_evaluation": "Which evaluation?"},
    )
    assert practice.status == "changes_requested"
    assert practice.review_comments.get(field="evidence_evaluation").text == "Which evaluation?"
    assert any(m.to == [contributor.email] and "Changes requested" in m.subject for m in mails)

    services.practice_submit(practice=practice, actor=contributor)
    services.practice_approve(practice=practice, moderator=moderator)
    practice.refresh_from_db()
    assert practice.status == "published" and practice.published_at is not None
    assert PracticeVersion.objects.filter(practice=practice).count() == 1
    assert [e[:3] for e in _events(practice)] == [
        ("practice.create", "", "draft"),
        ("practice.submit", "draft", "submitted"),
        ("practice.request_changes", "submitted", "changes_requested"),
        ("practice.submit", "changes_requested", "submitted"),
        ("practice.publish", "submitted", "published"),
    ]
    assert OutboxEntry.objects.filter(kind="practice", document_id=practice.pk, action="index").exists()


def test_reject_needs_a_reason_and_tells_the_contributor(contributor, moderator, mails):
    practice = make_practice(author=contributor)
    services.practice_submit(practice=practice, actor=contributor)
    with pytest.raises(ValidationError):
        services.practice_reject(practice=practice, moderator=moderator, reason=" ")
    services.practice_reject(practice=practice, moderator=moderator, reason="Not linked to prevention.")
    assert practice.status == "rejected"
    assert any(m.to == [contributor.email] and "not accepted" in m.subject for m in mails)
    assert "Not linked to prevention." in [m for m in mails if m.to == [contributor.email]][-1].body


@pytest.mark.parametrize("persona", ["outsider", "colleague", "contributor", "org_admin"])
def test_only_moderators_review(request, persona, contributor):
    practice = make_practice(author=contributor)
    services.practice_submit(practice=practice, actor=contributor)
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.practice_approve(practice=practice, moderator=actor)
    with pytest.raises(PermissionDenied):
        services.practice_reject(practice=practice, moderator=actor, reason="no")


@pytest.mark.parametrize("persona", ["outsider", "colleague", "former_member"])
def test_outsiders_cannot_submit_someone_elses_draft(request, persona, contributor):
    practice = make_practice(author=contributor)
    with pytest.raises(PermissionDenied):
        services.practice_submit(practice=practice, actor=request.getfixturevalue(persona))


def test_submitting_finds_planted_personal_data_and_blocks_approval(contributor, moderator):
    practice = make_practice(
        author=contributor,
        description=(
            "We met Jonas Berg (phone +47 912 34 567, jonas.berg@example.no) every week to prevent violent extremism."
        ),
    )
    services.practice_submit(practice=practice, actor=contributor)
    found = {(f.field, f.type, f.text) for f in practice.findings.all()}
    assert ("description", "PHONE_NUMBER", "+47 912 34 567") in found
    assert ("description", "EMAIL_ADDRESS", "jonas.berg@example.no") in found
    with pytest.raises(ValidationError, match="Resolve every personal-data finding"):
        services.practice_approve(practice=practice, moderator=moderator)

    for finding in practice.findings.filter(status=Finding.Status.OPEN).order_by("-start"):
        services.finding_redact(finding=finding, actor=moderator)
    practice.refresh_from_db()
    assert "jonas.berg@example.no" not in practice.description
    assert "[email]" in practice.description and "[phone]" in practice.description
    services.practice_approve(practice=practice, moderator=moderator)
    assert Practice.objects.get(pk=practice.pk).status == "published"
    redactions = AuditEvent.objects.filter(action="finding.redact", target_id=practice.pk)
    assert redactions.exists()
    assert all("jonas" not in e.comment.lower() for e in AuditEvent.objects.all())


def test_dismissed_finding_stays_dismissed_on_the_next_check(contributor, moderator):
    practice = make_practice(author=contributor, description="Call 0047 98217686 to prevent violent extremism.")
    services.practice_submit(practice=practice, actor=contributor)
    finding = practice.findings.get(type="PHONE_NUMBER")
    services.finding_dismiss(finding=finding, actor=moderator, reason="The municipality's public switchboard")
    services.practice_request_changes(practice=practice, moderator=moderator, comment="Add the evaluation.")
    services.practice_submit(practice=practice, actor=contributor)
    assert practice.findings.get(type="PHONE_NUMBER").status == "dismissed"


def test_redaction_refuses_when_the_text_changed_since_the_check(contributor, moderator):
    practice = make_practice(author=contributor, description="Write to mentor@example.no about preventing extremism.")
    services.practice_submit(practice=practice, actor=contributor)
    finding = practice.findings.get(type="EMAIL_ADDRESS")
    Practice.objects.filter(pk=practice.pk).update(description="Rewritten text about preventing extremism.")
    with pytest.raises(ValidationError, match="changed since it was checked"):
        services.finding_redact(finding=finding, actor=moderator)


def test_an_update_of_a_published_practice_is_reviewed_before_readers_see_it(contributor, moderator):
    practice = make_practice(author=contributor, title="Original title", publish=True)
    revision = services.practice_start_revision(practice=practice, editor=contributor)
    revision.title = "Improved title"
    revision.save()
    assert Practice.objects.get(pk=practice.pk).title == "Original title"
    with pytest.raises(ValidationError, match="what this update changes"):
        services.practice_submit(practice=revision, actor=contributor)
    services.practice_submit(practice=revision, actor=contributor, change_summary="Clearer title")
    published = services.practice_approve(practice=revision, moderator=moderator)
    assert published.pk == practice.pk
    practice.refresh_from_db()
    assert practice.title == "Improved title" and practice.status == "published"
    assert not Practice.objects.filter(pk=revision.pk).exists()
    assert list(practice.versions.values_list("number", "change_summary")) == [(2, "Clearer title"), (1, "")]


def test_withdrawal_keeps_a_tombstone_and_leaves_the_index(contributor, org_admin, outsider):
    practice = make_practice(author=contributor, publish=True)
    with pytest.raises(PermissionDenied):
        services.practice_withdraw(practice=practice, actor=outsider, reason="x")
    services.practice_withdraw(practice=practice, actor=org_admin, reason="Too identifying")
    practice.refresh_from_db()
    assert practice.status == "withdrawn" and practice.withdrawn_at is not None
    assert OutboxEntry.objects.filter(kind="practice", document_id=practice.pk).latest("pk").action == "delete"


def test_evidence_level_is_set_by_moderators_only(contributor, moderator, org_admin):
    practice = make_practice(author=contributor, publish=True)
    with pytest.raises(PermissionDenied):
        services.practice_set_evidence_level(practice=practice, moderator=org_admin, level="outcome_evaluation")
    services.practice_set_evidence_level(practice=practice, moderator=moderator, level="outcome_evaluation")
    assert Practice.objects.get(pk=practice.pk).evidence_level == "outcome_evaluation"
    assert AuditEvent.objects.filter(action="practice.evidence_level", to_state="outcome_evaluation").exists()


def test_visibility_changes_are_audited_and_reach_the_index(contributor):
    practice = make_practice(author=contributor, publish=True)
    before = OutboxEntry.objects.count()
    services.practice_set_visibility(practice=practice, actor=contributor, visibility="organisation")
    assert OutboxEntry.objects.count() == before + 1
    assert AuditEvent.objects.filter(
        action="practice.visibility", from_state="public", to_state="organisation"
    ).exists()


def test_audit_events_are_append_only(contributor):
    practice = make_practice(author=contributor)
    event = AuditEvent.objects.filter(target_id=practice.pk).first()
    event.comment = "tampered"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_places_the_practice_names_as_its_scope_are_not_held_against_it(contributor, moderator):
    practice = make_practice(
        author=contributor,
        geographical_scope="Sarpsborg, Norway",
        description="In Sarpsborg the team met Jonas Berg in Fredrikstad to prevent violent extremism.",
    )
    services.practice_submit(practice=practice, actor=contributor)
    places = {f.text: f.status for f in practice.findings.filter(type="LOCATION", field="description")}
    assert "Sarpsborg" not in places  # the practice's own scope: not reported at all since issue 13
    assert places.get("Fredrikstad") == "open"
    assert practice.findings.get(type="PERSON", text="Jonas Berg").status == "open"


def test_import_publish_leaves_findings_in_the_moderators_follow_up_queue(moderator):
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    from practices.selectors import review_queue

    seed = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates" / "000_c92d1ef0c5228cd4.txt"
    call_command("import_practice", str(seed), "--publish", stdout=StringIO(), stderr=StringIO())
    practice = Practice.objects.get(title="Soutien familial à Sarpsborg")
    assert practice.status == "published"
    assert practice.findings.filter(status="open", type="PERSON", text="Insoo Kim Berg").exists()
    assert practice in review_queue(user=moderator, states=["published"])
    assert practice not in review_queue(user=moderator, states=["submitted"])


def test_re_identification_hints_block_publication_and_explain_in_the_readers_language(contributor, moderator):
    from django.utils import translation

    practice = make_practice(
        author=contributor,
        description="In 2019 a 17-year-old boy from Ravnstad was referred to us to prevent violent extremism.",
    )
    services.practice_submit(practice=practice, actor=contributor)
    hint = practice.findings.get(type="REIDENTIFICATION")
    assert hint.status == "open" and "17-year-old" in hint.text
    with translation.override("en"):
        assert hint.explanation.startswith("An age, a place and a year together")
    with translation.override("fr"):
        assert not hint.explanation.startswith("An age")
    with pytest.raises(ValidationError):
        services.practice_approve(practice=practice, moderator=moderator)


def test_workflow_emails_reach_a_french_contributor_in_french(contributor, moderator, mails):
    contributor.language = "fr"
    contributor.save(update_fields=["language"])
    practice = make_practice(author=contributor, description="Weekly mentoring to prevent violent extremism.")
    services.practice_submit(practice=practice, actor=contributor)
    services.practice_approve(practice=practice, moderator=moderator)
    subjects = [m.subject for m in mails if m.to == [contributor.email]]
    assert subjects and all("Votre pratique est publiée" in subject for subject in subjects), subjects
