"""The moderators' pages: queue, review page with diff and findings, audit log,
organisations, and the public evidence levels page."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent, Organisation
from practices.models import Finding, Practice, PracticeVersion, ReviewComment
from practices.versions import practice_snapshot
from tests.conftest import make_user, with_totp

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Confidential exit work with returnees"
SECRET_TEXT = "Jan Jansen attends the mosque in Oosterwijk every Friday."
PERSON = "Jan Jansen"
NON_MODERATORS = [
    "client",
    "outsider_client",
    "contributor_client",
    "org_admin_client",
    "applicant_client",
    "former_member_client",
]


@pytest.fixture(autouse=True)
def no_mfa(settings):
    """These tests are not about the second factor (see the MFA tests below)."""
    settings.PORTAL_REQUIRE_MFA = False


def _submission(author, *, title=SECRET_TITLE, description=SECRET_TEXT, status=Practice.Status.SUBMITTED, **extra):
    extra.setdefault("language", "en")
    return Practice.objects.create(
        title=title,
        description=description,
        organisation=author.organisation,
        author=author,
        status=status,
        **extra,
    )


def _finding(practice, text=PERSON, field="description", type="PERSON"):
    source = practice.title if field == "title" else getattr(practice, field)
    start = source.index(text)
    return Finding.objects.create(
        practice=practice, field=field, type=type, text=text, start=start, end=start + len(text), score=0.9
    )


def _page(response) -> str:
    return response.content.decode()


@pytest.fixture
def submission(contributor):
    return _submission(contributor)


# Access ------------------------------------------------------------------------------------


def _moderation_urls(practice, organisation):
    return [
        reverse("moderation:dashboard"),
        reverse("moderation:queue"),
        reverse("moderation:review", args=[practice.pk]),
        reverse("moderation:audit"),
        reverse("moderation:organisations"),
        reverse("moderation:organisation_verify", args=[organisation.pk]),
    ]


@pytest.mark.parametrize("persona", NON_MODERATORS)
def test_moderation_pages_are_not_found_for_anyone_but_moderators(request, persona, submission, home_organisation):
    client = request.getfixturevalue(persona)
    _finding(submission)
    for url in _moderation_urls(submission, home_organisation):
        response = client.get(url)
        assert response.status_code == 404, url
        page = _page(response)
        assert SECRET_TITLE not in page and PERSON not in page and "Kari Contributor" not in page


def test_moderator_opens_every_moderation_page(moderator_client, submission, home_organisation):
    for url in _moderation_urls(submission, home_organisation):
        assert moderator_client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", NON_MODERATORS)
def test_nobody_but_a_moderator_can_act_on_a_submission(request, persona, submission):
    client = request.getfixturevalue(persona)
    finding = _finding(submission)
    pk = submission.pk
    posts = [
        (reverse("moderation:approve", args=[pk]), {}),
        (reverse("moderation:reject", args=[pk]), {"reject-reason": "No."}),
        (reverse("moderation:request_changes", args=[pk]), {"changes-comment": "Change it."}),
        (reverse("moderation:evidence_level", args=[pk]), {"evidence-level": "peer_reviewed"}),
        (reverse("moderation:finding_redact", args=[pk, finding.pk]), {}),
        (reverse("moderation:finding_dismiss", args=[pk, finding.pk]), {"reason": "A street."}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    submission.refresh_from_db()
    finding.refresh_from_db()
    assert submission.status == Practice.Status.SUBMITTED
    assert submission.evidence_level == Practice.EvidenceLevel.NOT_EVALUATED
    assert submission.description == SECRET_TEXT
    assert finding.status == Finding.Status.OPEN
    assert not ReviewComment.objects.exists()


def test_moderator_without_a_second_factor_is_sent_to_set_one_up(settings, moderator, moderator_client):
    from allauth.mfa.models import Authenticator

    settings.PORTAL_REQUIRE_MFA = True
    Authenticator.objects.filter(user=moderator).delete()
    response = moderator_client.get(reverse("moderation:queue"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    with_totp(moderator)
    assert moderator_client.get(reverse("moderation:queue")).status_code == 200


def test_outsider_gets_not_found_even_when_second_factors_are_required(settings, outsider_client):
    settings.PORTAL_REQUIRE_MFA = True
    assert outsider_client.get(reverse("moderation:queue")).status_code == 404


# Review queue ------------------------------------------------------------------------------


def test_queue_shows_title_organisation_author_age_open_findings_and_edits(moderator_client, contributor):
    original = _submission(
        contributor, title="Published mentoring", status=Practice.Status.PUBLISHED, published_at=timezone.now()
    )
    edit = _submission(contributor, title="Mentoring, updated", revision_of=original)
    fresh = _submission(contributor, title="Family support line")
    _finding(fresh)
    _finding(fresh)
    page = _page(moderator_client.get(reverse("moderation:queue")))
    assert "Mentoring, updated" in page and "Family support line" in page
    assert "Edit of a published practice" in page
    assert "Municipality of Ravnstad" in page
    assert "Kari Contributor" in page
    assert '<span class="badge badge-findings">2</span>' in page
    assert "Published mentoring" not in page  # published, no open finding: not in the queue
    assert reverse("moderation:review", args=[edit.pk]) in page


def test_queue_never_lists_drafts(moderator_client, contributor):
    _submission(contributor, title="A private draft", status=Practice.Status.DRAFT)
    page = _page(moderator_client.get(reverse("moderation:queue") + "?state=submitted&state=changes_requested"))
    assert "A private draft" not in page


def test_queue_filters_by_state_organisation_language_and_age(moderator_client, contributor, outsider):
    submitted = _submission(contributor, title="Submitted one")
    _submission(outsider, title="Dutch one", language="nl")
    rejected = _submission(contributor, title="Rejected one", status=Practice.Status.REJECTED)
    follow_up = _submission(
        contributor, title="Published with findings", status=Practice.Status.PUBLISHED, description=SECRET_TEXT
    )
    _finding(follow_up)
    _submission(contributor, title="Withdrawn one", status=Practice.Status.WITHDRAWN)
    Practice.objects.filter(pk=submitted.pk).update(updated_at=timezone.now() - timedelta(days=20))
    url = reverse("moderation:queue")

    page = _page(moderator_client.get(url))
    assert "Submitted one" in page and "Dutch one" in page and "Rejected one" not in page

    page = _page(moderator_client.get(url, {"state": ["rejected", "follow_up"]}))
    assert "Rejected one" in page and "Published with findings" in page and "Submitted one" not in page

    page = _page(moderator_client.get(url, {"state": "withdrawn"}))
    assert "Withdrawn one" in page and "Submitted one" not in page

    page = _page(moderator_client.get(url, {"organisation": rejected.organisation_id}))
    assert "Submitted one" in page and "Dutch one" not in page

    page = _page(moderator_client.get(url, {"language": "nl"}))
    assert "Dutch one" in page and "Submitted one" not in page

    page = _page(moderator_client.get(url, {"older_than": 14}))
    assert "Submitted one" in page and "Dutch one" not in page


def test_queue_says_when_nothing_waits(moderator_client):
    page = _page(moderator_client.get(reverse("moderation:queue")))
    assert "Nothing is waiting for review" in page
    assert 'value="submitted" id="id_state_0" checked' in page  # the default filter is shown


def _queue_queries(client, django_assert_num_queries, count: int) -> None:
    with django_assert_num_queries(count):
        assert client.get(reverse("moderation:queue")).status_code == 200


def test_queue_query_count_does_not_grow_with_rows(moderator_client, contributor, outsider, django_assert_num_queries):
    # session, user, filter form's organisations, count, page of practices, header badge
    for number in range(3):
        _finding(_submission(contributor, title=f"Practice {number}"))
    _queue_queries(moderator_client, django_assert_num_queries, 6)
    for number in range(4):
        _submission(outsider, title=f"More {number}", revision_of=_submission(outsider, status="published"))
    # the same but the header badge, kept since the first page (network/badge.py)
    _queue_queries(moderator_client, django_assert_num_queries, 5)


def test_queue_is_paginated(moderator_client, contributor):
    Practice.objects.bulk_create(
        Practice(
            title=f"Queued {n}",
            description="x",
            organisation=contributor.organisation,
            author=contributor,
            language="en",
            status=Practice.Status.SUBMITTED,
        )
        for n in range(26)
    )
    page = _page(moderator_client.get(reverse("moderation:queue")))
    assert "Page 1 of 2" in page and 'rel="next"' in page
    assert "Page 2 of 2" in _page(moderator_client.get(reverse("moderation:queue"), {"page": 2}))


# Review page -------------------------------------------------------------------------------


def test_edit_is_shown_as_a_word_diff_against_the_published_practice(moderator_client, contributor):
    original = _submission(
        contributor,
        description="Weekly mentoring for young people.",
        status=Practice.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    edit = _submission(contributor, description="Weekly group mentoring for young adults.", revision_of=original)
    page = _page(moderator_client.get(reverse("moderation:review", args=[edit.pk])))
    assert "Weekly<ins> group</ins> mentoring" in page
    assert "<del>people</del><ins>adults</ins>" in page
    assert "against the text readers see now" in page


def test_earlier_published_practice_is_compared_with_its_last_version(moderator_client, contributor):
    practice = _submission(contributor, description="Old words here.", status=Practice.Status.PUBLISHED)
    PracticeVersion.objects.create(
        practice=practice, number=1, content=practice_snapshot(practice), published_at=timezone.now()
    )
    Practice.objects.filter(pk=practice.pk).update(description="New words here.", status=Practice.Status.SUBMITTED)
    page = _page(moderator_client.get(reverse("moderation:review", args=[practice.pk])))
    assert "<del>Old</del><ins>New</ins> words here." in page
    assert "against the last published version" in page
    # An unchanged field is not shown as changed, though the version stores it under its own key.
    assert '<section class="review-field unchanged" id="field-organisation"' in page


def test_first_submission_is_shown_whole_as_new(moderator_client, submission):
    page = _page(moderator_client.get(reverse("moderation:review", args=[submission.pk])))
    assert "first submission" in page
    assert f"<ins>{SECRET_TITLE}</ins>" in page


def test_diff_escapes_what_the_contributor_wrote(moderator_client, contributor):
    practice = _submission(contributor, description='Before <script>alert("x")</script> after')
    page = _page(moderator_client.get(reverse("moderation:review", args=[practice.pk])))
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_findings_are_highlighted_at_their_exact_span_with_one_click_actions(moderator_client, submission):
    finding = _finding(submission)
    page = _page(moderator_client.get(reverse("moderation:review", args=[submission.pk])))
    assert f'<mark class="finding" id="finding-{finding.pk}" data-finding="{finding.pk}">{PERSON}</mark>' in page
    assert reverse("moderation:finding_redact", args=[submission.pk, finding.pk]) in page
    assert reverse("moderation:finding_dismiss", args=[submission.pk, finding.pk]) in page
    assert "Redact (replace with [name])" in page


def test_approving_with_open_findings_is_refused_and_says_why(moderator_client, submission):
    _finding(submission)
    url = reverse("moderation:review", args=[submission.pk])
    page = _page(moderator_client.get(url))
    assert "Publishing is blocked" in page
    assert '<button type="submit" disabled aria-describedby="approve-blocked">' in page

    response = moderator_client.post(
        reverse("moderation:approve", args=[submission.pk]), {"approve-comment": "Looks good"}
    )
    assert response.status_code == 400
    assert "Resolve every personal-data finding before publishing." in _page(response)
    assert "Looks good" in _page(response)  # what the moderator typed is not lost
    submission.refresh_from_db()
    assert submission.status == Practice.Status.SUBMITTED


def test_redacting_the_last_finding_lets_the_moderator_publish(moderator_client, submission):
    finding = _finding(submission)
    response = moderator_client.post(reverse("moderation:finding_redact", args=[submission.pk, finding.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    finding.refresh_from_db()
    assert submission.description == "[name] attends the mosque in Oosterwijk every Friday."
    assert finding.status == Finding.Status.REDACTED
    page = _page(moderator_client.get(reverse("moderation:review", args=[submission.pk])))
    assert "Publishing is blocked" not in page

    response = moderator_client.post(reverse("moderation:approve", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Practice.Status.PUBLISHED


def test_dismissing_a_finding_needs_a_reason(moderator_client, submission):
    finding = _finding(submission, text="Oosterwijk", type="LOCATION")
    url = reverse("moderation:finding_dismiss", args=[submission.pk, finding.pk])
    response = moderator_client.post(url, {"reason": ""}, follow=True)
    assert "Say why this is not personal data." in _page(response)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN

    moderator_client.post(url, {"reason": "A district of 80,000 people."})
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DISMISSED
    assert finding.reason == "A district of 80,000 people."


def test_a_finding_of_another_practice_is_not_found(moderator_client, submission, contributor):
    other = _submission(contributor, title="Other")
    finding = _finding(submission)
    url = reverse("moderation:finding_redact", args=[other.pk, finding.pk])
    assert moderator_client.post(url).status_code == 404


def test_request_changes_stores_the_general_and_the_field_comments(moderator_client, submission):
    response = moderator_client.post(
        reverse("moderation:request_changes", args=[submission.pk]),
        {
            "changes-comment": "Please anonymise.",
            "changes-field_description": "Remove the name.",
            "changes-field_deliverables": "  ",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Practice.Status.CHANGES_REQUESTED
    comments = {(c.field, c.text) for c in ReviewComment.objects.filter(practice=submission)}
    assert comments == {("", "Please anonymise."), ("description", "Remove the name.")}


def test_review_page_offers_a_comment_box_beside_each_template_field(moderator_client, submission):
    page = _page(moderator_client.get(reverse("moderation:review", args=[submission.pk])))
    assert 'name="changes-field_description"' in page
    assert 'form="request-changes-form"' in page
    assert 'id="request-changes-form"' in page


def test_a_refused_request_keeps_what_the_moderator_typed(moderator_client, submission):
    Practice.objects.filter(pk=submission.pk).update(status=Practice.Status.CHANGES_REQUESTED)
    response = moderator_client.post(
        reverse("moderation:request_changes", args=[submission.pk]),
        {"changes-comment": "General remark", "changes-field_start": "Say when it started."},
    )
    assert response.status_code == 409
    page = _page(response)
    assert "is not waiting for review" in page
    assert "Say when it started." in page and "General remark" in page
    assert not ReviewComment.objects.exists()


def test_rejecting_needs_a_reason(moderator_client, submission):
    url = reverse("moderation:reject", args=[submission.pk])
    response = moderator_client.post(url, {"reject-reason": ""})
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.status == Practice.Status.SUBMITTED

    assert moderator_client.post(url, {"reject-reason": "Not a prevention practice."}).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Practice.Status.REJECTED


def test_moderator_sets_the_evidence_level(moderator_client, submission):
    url = reverse("moderation:evidence_level", args=[submission.pk])
    response = moderator_client.post(url, {"evidence-level": "outcome_evaluation"}, follow=True)
    submission.refresh_from_db()
    assert submission.evidence_level == Practice.EvidenceLevel.OUTCOME
    assert "Evidence: Outcome evaluation" in _page(response)
    assert moderator_client.post(url, {"evidence-level": "excellent"}).status_code == 400


def test_evidence_level_set_on_an_edit_goes_to_the_published_practice(moderator_client, contributor):
    original = _submission(contributor, status=Practice.Status.PUBLISHED, published_at=timezone.now())
    edit = _submission(contributor, revision_of=original)
    moderator_client.post(reverse("moderation:evidence_level", args=[edit.pk]), {"evidence-level": "peer_reviewed"})
    original.refresh_from_db()
    assert original.evidence_level == Practice.EvidenceLevel.PEER_REVIEWED


def test_pseudonymous_author_is_named_in_full_to_moderators(moderator_client, contributor, submission):
    contributor.pseudonym = "Blue Heron"
    contributor.save()
    page = _page(moderator_client.get(reverse("moderation:review", args=[submission.pk])))
    assert "Blue Heron (Kari Contributor)" in page


# Audit log ---------------------------------------------------------------------------------


def _event(actor, action="practice.reject", organisation=None, comment="", days_ago=0, target_id=1):
    event = AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type="practice",
        target_id=target_id,
        organisation=organisation,
        from_state="submitted",
        to_state="rejected",
        comment=comment,
    )
    if days_ago:
        AuditEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return event


def test_audit_log_shows_actors_by_name_and_no_other_personal_data(moderator_client, moderator, home_organisation):
    _event(moderator, organisation=home_organisation, comment=f"{PERSON} is named in the text")
    page = _page(moderator_client.get(reverse("moderation:audit")))
    assert "Mona Moderator" in page
    assert "Rejected" in page and "Practice #1" in page and "Municipality of Ravnstad" in page
    assert PERSON not in page
    assert "moderator@portal.example" not in page


def test_audit_log_filters_by_action_actor_organisation_and_dates(
    moderator_client, moderator, contributor, home_organisation, other_organisation
):
    _event(moderator, action="practice.reject", organisation=home_organisation, target_id=11)
    _event(contributor, action="practice.submit", organisation=home_organisation, target_id=22, days_ago=10)
    _event(moderator, action="organisation.verify", organisation=other_organisation, target_id=33, days_ago=3)
    url = reverse("moderation:audit")

    def shown(**params):
        page = _page(moderator_client.get(url, params))
        return {n for n in (11, 22, 33) if f"#{n}<" in page}

    assert shown() == {11, 22, 33}
    assert shown(action="practice.submit") == {22}
    assert shown(actor=contributor.pk) == {22}
    assert shown(organisation=other_organisation.pk) == {33}
    since = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert shown(since=since) == {11, 33}
    until = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert shown(until=until) == {22}


def test_audit_log_query_count_does_not_grow_with_rows(
    moderator_client, moderator, contributor, home_organisation, django_assert_num_queries
):
    # session, user, actions, actors, filter organisations, count, page of events, header badge
    for _ in range(3):
        _event(moderator, organisation=home_organisation)
    with django_assert_num_queries(8):
        moderator_client.get(reverse("moderation:audit"))
    for _ in range(5):
        _event(contributor, organisation=home_organisation)
    # the same but the header badge, kept since the first page (network/badge.py)
    with django_assert_num_queries(7):
        moderator_client.get(reverse("moderation:audit"))


def test_audit_log_is_paginated(moderator_client, moderator):
    for _ in range(26):
        _event(moderator)
    assert "Page 1 of 2" in _page(moderator_client.get(reverse("moderation:audit")))


# Organisations -----------------------------------------------------------------------------


def test_organisations_list_shows_verification_and_pending_requests(moderator_client, applicant, home_organisation):
    Organisation.objects.filter(pk=home_organisation.pk).update(verified=False)
    page = _page(moderator_client.get(reverse("moderation:organisations")))
    assert "Municipality of Ravnstad" in page
    assert f'?organisation={home_organisation.pk}">1</a>' in page
    assert "Not verified" in page
    assert reverse("moderation:organisation_verify", args=[home_organisation.pk]) in page


def test_organisations_list_query_count(moderator_client, home_organisation, django_assert_num_queries):
    # session, user, count, page of organisations (with their type and counts), header badge
    with django_assert_num_queries(5):
        moderator_client.get(reverse("moderation:organisations"))
    for number in range(4):
        org = Organisation.objects.create(name=f"Org {number}", type=home_organisation.type)
        make_user(f"m{number}@example.org", org)
    with django_assert_num_queries(5):
        moderator_client.get(reverse("moderation:organisations"))


def test_verifying_an_organisation_asks_for_confirmation_first(moderator_client, home_organisation):
    Organisation.objects.filter(pk=home_organisation.pk).update(verified=False)
    url = reverse("moderation:organisation_verify", args=[home_organisation.pk])
    page = _page(moderator_client.get(url))
    assert "Verify Municipality of Ravnstad?" in page
    home_organisation.refresh_from_db()
    assert not home_organisation.verified
    assert moderator_client.post(url).status_code == 302
    home_organisation.refresh_from_db()
    assert home_organisation.verified
    assert AuditEvent.objects.filter(action="organisation.verify", target_id=home_organisation.pk).exists()


def test_withdrawing_a_verification_asks_for_confirmation_first(moderator_client, home_organisation):
    url = reverse("moderation:organisation_unverify", args=[home_organisation.pk])
    assert "lose access to members-only practices" in _page(moderator_client.get(url))
    home_organisation.refresh_from_db()
    assert home_organisation.verified
    moderator_client.post(url)
    home_organisation.refresh_from_db()
    assert not home_organisation.verified


# Evidence levels ---------------------------------------------------------------------------


def test_evidence_levels_page_is_public_and_explains_every_level(client):
    response = client.get(reverse("evidence_levels"))
    assert response.status_code == 200
    page = _page(response)
    for level in Practice.EvidenceLevel:
        assert f'id="level-{level.value}"' in page
        assert str(level.label) in page
    assert "comparison group" in page


def test_evidence_badge_links_to_the_criteria_of_its_level(contributor):
    practice = _submission(contributor, evidence_level=Practice.EvidenceLevel.PROCESS)
    html = Template('{% include "practices/_evidence_badge.html" %}').render(Context({"practice": practice}))
    assert f"{reverse('evidence_levels')}#level-process_evaluation" in html
    assert "Evidence: Process evaluation" in html


@pytest.mark.parametrize("url_name", ["moderation:queue", "moderation:audit"])
def test_a_filtered_moderation_list_offers_to_clear_its_filters(moderator_client, url_name):
    url = reverse(url_name)
    plain = moderator_client.get(url).content.decode()
    filtered = moderator_client.get(
        url, {"language": "fr"} if url_name == "moderation:queue" else {"action": "practice.publish"}
    )
    assert "Clear filters" not in plain
    assert f'<a href="{url}">Clear filters</a>' in filtered.content.decode()
