"""A sweep of the curation workflow from every side: each transition tried by each persona through
the pages and the API, actions out of order or repeated, stale pages, and what readers, exports and
emails show after each step. A refused action answers 403/404 (or 409 on the moderators' side) and
changes nothing: state, versions, audit log, search outbox, review comments, emails."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from portal.models import AuditEvent
from practices import services
from practices.models import Practice, PracticeVersion, ReviewComment
from practices.versions import content_fingerprint
from search.models import OutboxEntry
from tests.conftest import make_user, with_totp
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

Status = Practice.Status
PERSONAS = (
    "anonymous",
    "applicant",
    "former_member",
    "outsider",
    "colleague",
    "contributor",
    "org_admin",
    "moderator",
    "home_moderator",
)
CLEAN_TEXT = "Weekly mentoring sessions to prevent violent extremism after release."
REVISION_TITLE = "Unreviewed rewording of the mentoring method"
REVISION_TEXT = "Unreviewed rewording: sessions move to the evenings."


@pytest.fixture(autouse=True)
def no_mfa(settings):
    """Second factors are swept in tests/security/; here every role has its powers."""
    settings.PORTAL_REQUIRE_MFA = False


@pytest.fixture
def home_moderator(home_organisation):
    """A moderator who belongs to the contributor's own organisation (four eyes: never approves it)."""
    return with_totp(
        make_user("moderator@ravnstad.example", home_organisation, display_name="Mette Moderator", is_moderator=True)
    )


def _user(request, persona):
    return None if persona == "anonymous" else request.getfixturevalue(persona)


def _client(request, persona):
    client = Client()
    user = _user(request, persona)
    if user is not None:
        client.force_login(user)
    return client


def _api(request, persona) -> APIClient:
    client = APIClient()
    user = _user(request, persona)
    if user is not None:
        client.force_login(user)
    return client


def _draft(author, **attributes) -> Practice:
    attributes.setdefault("description", CLEAN_TEXT)
    attributes.setdefault("contact", "")
    return make_practice(author=author, **attributes)


def _submitted(author, **attributes) -> Practice:
    practice = _draft(author, **attributes)
    services.practice_submit(practice=practice, actor=author)
    return practice


def _published(author, **attributes) -> Practice:
    return _draft(author, publish=True, **attributes)


def _trace(practice: Practice) -> tuple:
    """Everything a refused action must leave as it was."""
    row = Practice.objects.filter(pk=practice.pk).values("status", "title", "description", "visibility").first()
    return (
        row,
        PracticeVersion.objects.filter(practice_id=practice.pk).count(),
        AuditEvent.objects.count(),
        OutboxEntry.objects.count(),
        ReviewComment.objects.count(),
        Practice.objects.filter(revision_of_id=practice.pk).count(),
        len(mail.outbox),
    )


def _refused(status_code: int, persona: str) -> bool:
    if persona == "anonymous":
        return status_code in (302, 401, 403, 404)
    return status_code in (403, 404)


def _status(practice) -> str:
    return Practice.objects.get(pk=practice.pk).status


# Every transition by every persona, through the pages ----------------------------------------

SUBMITTERS = {"contributor", "org_admin"}
REVIEWERS = {"moderator"}  # home_moderator: four eyes for approval; may send back and reject
DECIDERS = {"moderator", "home_moderator"}
WITHDRAWERS = {"moderator", "home_moderator", "org_admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_owner_side_submits_a_draft_through_the_page(request, persona, contributor):
    practice = _draft(contributor)
    before = _trace(practice)
    response = _client(request, persona).post(reverse("practices:submit", args=[practice.pk]))
    if persona in SUBMITTERS:
        assert response.status_code == 302 and _status(practice) == Status.SUBMITTED
    else:
        assert _refused(response.status_code, persona), response.status_code
        assert _trace(practice) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_owner_side_submits_a_draft_through_the_api(request, persona, contributor):
    practice = _draft(contributor)
    before = _trace(practice)
    response = _api(request, persona).post(
        reverse("api:practice-submit", args=[practice.pk]), {"change_summary": ""}, format="json"
    )
    if persona in SUBMITTERS:
        assert response.status_code == 200 and _status(practice) == Status.SUBMITTED
    else:
        assert _refused(response.status_code, persona), response.status_code
        assert _trace(practice) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_a_moderator_of_another_organisation_approves_through_the_page(request, persona, contributor):
    practice = _submitted(contributor)
    before = _trace(practice)
    response = _client(request, persona).post(
        reverse("moderation:approve", args=[practice.pk]), {"approve-comment": ""}
    )
    if persona in REVIEWERS:
        assert response.status_code == 302 and _status(practice) == Status.PUBLISHED
        return
    if persona == "home_moderator":
        assert response.status_code == 400
        assert "Another moderator must approve" in response.content.decode()
    else:
        assert _refused(response.status_code, persona), response.status_code
    assert _trace(practice) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_a_moderator_of_another_organisation_approves_through_the_api(request, persona, contributor):
    practice = _submitted(contributor)
    before = _trace(practice)
    response = _api(request, persona).post(
        reverse("api:moderation-approve", args=[practice.pk]),
        {"comment": "", "reviewed": content_fingerprint(practice)},
        format="json",
    )
    if persona in REVIEWERS:
        assert response.status_code == 200 and _status(practice) == Status.PUBLISHED
        return
    assert _refused(response.status_code, persona), response.status_code
    assert _trace(practice) == before


DECISIONS = {
    "reject": ("moderation:reject", {"reject-reason": "Not about prevention."}, Status.REJECTED),
    "request_changes": ("moderation:request_changes", {"changes-comment": "Say more."}, Status.CHANGES_REQUESTED),
}


@pytest.mark.parametrize("decision", sorted(DECISIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_moderators_send_back_or_reject_through_the_page(request, persona, decision, contributor):
    practice = _submitted(contributor)
    before = _trace(practice)
    url_name, data, to = DECISIONS[decision]
    response = _client(request, persona).post(reverse(url_name, args=[practice.pk]), data)
    if persona in DECIDERS:
        assert response.status_code == 302 and _status(practice) == to
    else:
        assert _refused(response.status_code, persona), response.status_code
        assert _trace(practice) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_moderators_and_the_organisations_administrators_withdraw(request, persona, contributor):
    practice = _published(contributor)
    before = _trace(practice)
    client = _client(request, persona)
    url = reverse("practices:withdraw", args=[practice.pk])
    response = client.post(url, {"reason": "Names a family."})
    if persona in WITHDRAWERS:
        assert response.status_code == 302 and _status(practice) == Status.WITHDRAWN
    else:
        assert _refused(response.status_code, persona), response.status_code
        assert _trace(practice) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_owner_side_and_moderators_start_an_update(request, persona, contributor):
    practice = _published(contributor)
    before = _trace(practice)
    response = _client(request, persona).post(reverse("practices:edit", args=[practice.pk]))
    if persona in {"contributor", "org_admin", "moderator", "home_moderator"}:
        assert response.status_code == 302
        assert Practice.objects.filter(revision_of=practice).count() == 1
    else:
        assert _refused(response.status_code, persona), response.status_code
        assert _trace(practice) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_owner_side_and_moderators_edit_a_draft(request, persona, contributor):
    practice = _draft(contributor)
    before = _trace(practice)
    form = {"title": "Edited title", "description": CLEAN_TEXT, "language": "en", "visibility": "public"}
    form.update({"peer_reviewed": "unknown", "import_warnings": "[]"})
    response = _client(request, persona).post(reverse("practices:edit", args=[practice.pk]), form)
    if persona in {"contributor", "org_admin", "moderator", "home_moderator"}:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Practice.objects.get(pk=practice.pk).title == "Edited title"
    else:
        assert _refused(response.status_code, persona), response.status_code
        assert _trace(practice) == before


# Each action in each state (services) ---------------------------------------------------------

STATES = ("draft", "submitted", "changes_requested", "rejected", "published", "withdrawn")
ALLOWED = {
    "submit": {"draft", "changes_requested", "rejected"},
    "approve": {"submitted"},
    "reject": {"submitted"},
    "request_changes": {"submitted"},
    "withdraw": {"published"},
    "start_revision": {"published"},
}


def _in_state(state: str, contributor, moderator) -> Practice:
    if state == "published":
        return _published(contributor)
    if state == "withdrawn":
        practice = _published(contributor)
        services.practice_withdraw(practice=practice, actor=moderator, reason="Test withdrawal.")
        return practice
    practice = _draft(contributor)
    Practice.objects.filter(pk=practice.pk).update(status=state)
    practice.refresh_from_db()
    return practice


def _act(action: str, practice: Practice, contributor, moderator):
    if action == "submit":
        return services.practice_submit(practice=practice, actor=contributor)
    if action == "approve":
        return services.practice_approve(practice=practice, moderator=moderator)
    if action == "reject":
        return services.practice_reject(practice=practice, moderator=moderator, reason="Out of scope.")
    if action == "request_changes":
        return services.practice_request_changes(practice=practice, moderator=moderator, comment="More.")
    if action == "withdraw":
        return services.practice_withdraw(practice=practice, actor=moderator, reason="Named a family.")
    return services.practice_start_revision(practice=practice, editor=contributor)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_each_action_is_taken_only_in_the_states_it_belongs_to(action, state, contributor, moderator):
    from django.core.exceptions import PermissionDenied, ValidationError

    practice = _in_state(state, contributor, moderator)
    before = _trace(practice)
    if state in ALLOWED[action]:
        _act(action, practice, contributor, moderator)
        assert _trace(practice) != before
        return
    with pytest.raises((PermissionDenied, ValidationError)):
        _act(action, practice, contributor, moderator)
    assert _trace(practice) == before


# Out of order, repeated, stale ----------------------------------------------------------------


def test_approving_twice_publishes_once(moderator_client, contributor):
    practice = _submitted(contributor)
    url = reverse("moderation:approve", args=[practice.pk])
    assert moderator_client.post(url, {"approve-comment": "Fine."}).status_code == 302
    before = _trace(practice)
    second = moderator_client.post(url, {"approve-comment": "Fine again."})
    assert second.status_code == 409
    assert "not waiting for review" in second.content.decode()
    assert _trace(practice) == before
    assert AuditEvent.objects.filter(action="practice.publish", target_id=practice.pk).count() == 1


def test_a_second_moderator_acting_on_a_decided_submission_is_told_and_changes_nothing(
    request, moderator_client, contributor
):
    practice = _submitted(contributor)
    other = _client(request, "home_moderator")
    assert (
        other.post(reverse("moderation:request_changes", args=[practice.pk]), {"changes-comment": "More."}).status_code
        == 302
    )
    before = _trace(practice)
    for url_name, data in (
        ("moderation:approve", {"approve-comment": "Looks good."}),
        ("moderation:reject", {"reject-reason": "No."}),
    ):
        response = moderator_client.post(reverse(url_name, args=[practice.pk]), data)
        assert response.status_code == 409
        assert _trace(practice) == before
    assert _status(practice) == Status.CHANGES_REQUESTED


def test_approving_from_a_page_opened_before_the_text_changed_is_refused(moderator_client, moderator, contributor):
    """The moderator opened the review page; meanwhile it was sent back, rewritten and resubmitted.
    Approving from the old page would publish a text nobody reviewed."""
    practice = _submitted(contributor, title="Reviewed title")
    page = moderator_client.get(reverse("moderation:review", args=[practice.pk]))
    reviewed = page.context["approve_form"]["reviewed"].value()
    other = with_totp(make_user("second@portal.example", is_moderator=True))
    services.practice_request_changes(practice=practice, moderator=other, comment="Rename it.")
    practice.refresh_from_db()
    practice.title = "Title nobody reviewed"
    practice.save()
    services.practice_submit(practice=practice, actor=contributor)
    before = _trace(practice)
    response = moderator_client.post(
        reverse("moderation:approve", args=[practice.pk]),
        {"approve-comment": "Great work.", "approve-reviewed": reviewed},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "changed since" in page and "Great work." in page
    assert _trace(practice) == before


def test_approving_from_a_current_page_publishes(moderator_client, contributor):
    practice = _submitted(contributor)
    page = moderator_client.get(reverse("moderation:review", args=[practice.pk]))
    reviewed = page.context["approve_form"]["reviewed"].value()
    assert reviewed
    response = moderator_client.post(
        reverse("moderation:approve", args=[practice.pk]), {"approve-comment": "", "approve-reviewed": reviewed}
    )
    assert response.status_code == 302 and _status(practice) == Status.PUBLISHED


def test_a_rejected_practice_can_be_corrected_and_resubmitted(contributor_client, contributor, moderator):
    practice = _submitted(contributor)
    services.practice_reject(practice=practice, moderator=moderator, reason="Out of scope.")
    assert contributor_client.post(reverse("practices:submit", args=[practice.pk])).status_code == 302
    assert _status(practice) == Status.SUBMITTED
    assert AuditEvent.objects.filter(
        action="practice.submit", target_id=practice.pk, from_state="rejected", to_state="submitted"
    ).exists()


def test_withdrawing_a_draft_is_refused_on_the_page(request, contributor):
    practice = _draft(contributor)
    before = _trace(practice)
    for persona in ("contributor", "org_admin", "moderator"):
        client = _client(request, persona)
        url = reverse("practices:withdraw", args=[practice.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "Why not."}).status_code == 403
    assert _trace(practice) == before


def test_withdrawing_twice_withdraws_once(moderator_client, contributor):
    practice = _published(contributor)
    url = reverse("practices:withdraw", args=[practice.pk])
    assert moderator_client.post(url, {"reason": "Names a family."}).status_code == 302
    before = _trace(practice)
    again = moderator_client.post(url, {"reason": "Again."})  # a word and the review page, not a 403 (f27e0c0)
    assert (again.status_code, again["Location"]) == (302, reverse("moderation:review", args=[practice.pk]))
    assert _trace(practice) == before


def test_a_withdrawn_practice_cannot_be_republished_or_updated_by_anyone(request, contributor, moderator):
    practice = _published(contributor)
    services.practice_withdraw(practice=practice, actor=moderator, reason="Names a family.")
    before = _trace(practice)
    for persona in ("contributor", "org_admin", "moderator"):
        client = _client(request, persona)
        assert client.post(reverse("practices:submit", args=[practice.pk])).status_code in (403, 404)
        assert client.post(reverse("practices:edit", args=[practice.pk])).status_code in (403, 404)
    assert _client(request, "moderator").post(reverse("moderation:approve", args=[practice.pk])).status_code == 409
    assert _trace(practice) == before


def _submitted_update(practice, editor, *, title=REVISION_TITLE, description=REVISION_TEXT) -> Practice:
    revision = services.practice_start_revision(practice=practice, editor=editor)
    revision.title, revision.description = title, description
    revision.save()
    services.practice_submit(practice=revision, actor=editor, change_summary="Evenings")
    return revision


def test_an_update_of_a_practice_withdrawn_meanwhile_is_not_published(
    contributor, org_admin, moderator, django_capture_on_commit_callbacks
):
    practice = _published(contributor, title="Original title")
    revision = _submitted_update(practice, contributor)
    services.practice_withdraw(practice=practice, actor=org_admin, reason="Names a family.")
    mail.outbox.clear()
    versions = PracticeVersion.objects.filter(practice=practice).count()
    from django.core.exceptions import ValidationError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.practice_approve(practice=Practice.objects.get(pk=revision.pk), moderator=moderator)
    # an update still waiting from before withdrawals closed them is refused too
    Practice.objects.filter(pk=revision.pk).update(status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError, match="withdrawn"):
        services.practice_approve(practice=Practice.objects.get(pk=revision.pk), moderator=moderator)
    practice.refresh_from_db()
    assert practice.status == Status.WITHDRAWN and practice.title == "Original title"
    assert PracticeVersion.objects.filter(practice=practice).count() == versions
    assert not AuditEvent.objects.filter(action="practice.publish_update", target_id=practice.pk).exists()
    assert not [m for m in mail.outbox if "published" in m.subject]
    assert Practice.objects.get(pk=revision.pk).title == REVISION_TITLE  # kept for moderators, unpublished


def test_withdrawing_a_practice_takes_its_pending_update_out_of_the_queue(contributor, org_admin, moderator):
    from practices.selectors import review_queue

    practice = _published(contributor)
    revision = _submitted_update(practice, contributor)
    assert revision in review_queue(user=moderator, states=[Status.SUBMITTED])
    services.practice_withdraw(practice=practice, actor=org_admin, reason="Names a family.")
    assert revision not in review_queue(user=moderator, states=[Status.SUBMITTED])


def test_a_revision_keeps_the_published_text_readable_until_approved(request, contributor, moderator):
    practice = _published(contributor, title="Published mentoring method")
    _submitted_update(practice, contributor)
    for persona in ("anonymous", "outsider", "colleague"):
        page = _client(request, persona).get(practice.get_absolute_url())
        assert page.status_code == 200
        text = page.content.decode()
        assert "Published mentoring method" in text and REVISION_TITLE not in text
        api = _api(request, persona).get(reverse("api:practice-detail", args=[practice.pk]))
        assert api.json()["title"] == "Published mentoring method"


def test_a_rejected_update_never_shows_its_text_to_readers(request, contributor, moderator):
    practice = _published(contributor, title="Published mentoring method")
    revision = _submitted_update(practice, contributor)
    services.practice_reject(practice=revision, moderator=moderator, reason="Not an improvement.")
    for persona in ("anonymous", "applicant", "former_member", "outsider", "colleague"):
        client, api = _client(request, persona), _api(request, persona)
        for response in (
            client.get(practice.get_absolute_url()),
            client.get(reverse("search:search"), {"q": "Unreviewed rewording"}),
            client.get(reverse("home")),
            api.get(reverse("api:practice-detail", args=[practice.pk])),
            api.get(reverse("api:practice-list"), {"q": "evenings"}),
            client.get(reverse("practices:template", args=[practice.pk, "md"])),
        ):
            body = response.content.decode()
            assert REVISION_TITLE not in body and "evenings" not in body, (persona, response.request["PATH_INFO"])
        assert client.get(revision.get_absolute_url()).status_code in (302, 404)


def test_a_discarded_update_leaves_the_published_practice(contributor_client, contributor):
    practice = _published(contributor)
    revision = services.practice_start_revision(practice=practice, editor=contributor)
    url = reverse("practices:revision_discard", args=[practice.pk])
    confirm = contributor_client.get(url)
    assert confirm.status_code == 200 and Practice.objects.filter(pk=revision.pk).exists()
    assert contributor_client.post(url).status_code == 302
    assert not Practice.objects.filter(pk=revision.pk).exists()
    assert _status(practice) == Status.PUBLISHED


def test_an_update_in_review_cannot_be_discarded(contributor_client, contributor):
    practice = _published(contributor)
    revision = _submitted_update(practice, contributor)
    url = reverse("practices:revision_discard", args=[practice.pk])
    assert contributor_client.get(url).status_code == 404
    assert contributor_client.post(url).status_code == 404
    assert Practice.objects.filter(pk=revision.pk, status=Status.SUBMITTED).exists()


# What readers see after each step -------------------------------------------------------------


def _reads(client, api, practice) -> dict[str, bool]:
    title = Practice.objects.get(pk=practice.pk).title
    return {
        "page": client.get(practice.get_absolute_url()).status_code == 200,
        "search": title in client.get(reverse("search:search")).content.decode(),
        "home": title in client.get(reverse("home")).content.decode(),
        "api": api.get(reverse("api:practice-detail", args=[practice.pk])).status_code == 200,
        "api-list": title in api.get(reverse("api:practice-list")).content.decode(),
        "export": client.get(reverse("practices:template", args=[practice.pk, "md"])).status_code == 200,
    }


@pytest.mark.parametrize("persona", ["anonymous", "applicant", "outsider", "colleague", "contributor", "org_admin"])
def test_a_withdrawn_practice_is_gone_everywhere_on_the_next_read(request, persona, contributor, moderator):
    practice = _published(contributor, title="Soon withdrawn mentoring method")
    client, api = _client(request, persona), _api(request, persona)
    assert all(_reads(client, api, practice).values())  # read (and kept) before
    services.practice_withdraw(practice=practice, actor=moderator, reason="Names a family.")
    assert not any(_reads(client, api, practice).values())


def test_a_published_practice_appears_everywhere_once_approved(request, contributor, moderator):
    practice = _submitted(contributor, title="Freshly approved mentoring method")
    client, api = _client(request, "anonymous"), _api(request, "anonymous")
    assert not any(_reads(client, api, practice).values())
    services.practice_approve(practice=practice, moderator=moderator)
    assert all(_reads(client, api, practice).values())


def test_an_approved_update_replaces_the_kept_reading(request, contributor, moderator):
    practice = _published(contributor, title="Published mentoring method")
    client, api = _client(request, "anonymous"), _api(request, "anonymous")
    assert "Published mentoring method" in client.get(practice.get_absolute_url()).content.decode()
    revision = _submitted_update(practice, contributor)
    services.practice_approve(practice=revision, moderator=moderator)
    assert REVISION_TITLE in client.get(practice.get_absolute_url()).content.decode()
    assert api.get(reverse("api:practice-detail", args=[practice.pk])).json()["title"] == REVISION_TITLE


# Confirmation, errors, what was typed -----------------------------------------------------------


def test_withdrawing_asks_for_a_reason_first_and_keeps_the_page_on_an_empty_one(moderator_client, contributor):
    practice = _published(contributor)
    before = _trace(practice)
    url = reverse("practices:withdraw", args=[practice.pk])
    confirm = moderator_client.get(url)
    assert confirm.status_code == 200 and 'name="reason"' in confirm.content.decode()
    empty = moderator_client.post(url, {"reason": "   "})
    assert empty.status_code == 200 and "This field is required" in empty.content.decode()
    assert _trace(practice) == before


def test_a_withdrawal_posted_without_any_field_says_a_reason_is_needed(moderator_client, contributor):
    practice = _published(contributor)
    before = _trace(practice)
    response = moderator_client.post(reverse("practices:withdraw", args=[practice.pk]))
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert _trace(practice) == before


def test_submitting_asks_for_confirmation_first(contributor_client, contributor):
    practice = _draft(contributor)
    before = _trace(practice)
    assert contributor_client.get(reverse("practices:submit", args=[practice.pk])).status_code == 200
    assert _trace(practice) == before


def test_opening_an_update_creates_nothing(contributor_client, contributor):
    practice = _published(contributor)
    before = _trace(practice)
    assert contributor_client.get(reverse("practices:edit", args=[practice.pk])).status_code == 200
    assert _trace(practice) == before


@pytest.mark.parametrize("url_name", ["moderation:approve", "moderation:reject", "moderation:request_changes"])
def test_a_decision_is_never_taken_by_a_get(moderator_client, contributor, url_name):
    practice = _submitted(contributor)
    before = _trace(practice)
    assert moderator_client.get(reverse(url_name, args=[practice.pk])).status_code == 405
    assert _trace(practice) == before


def test_an_update_submitted_without_a_summary_says_so_and_stays_a_draft(contributor_client, contributor):
    practice = _published(contributor)
    revision = services.practice_start_revision(practice=practice, editor=contributor)
    response = contributor_client.post(reverse("practices:submit", args=[revision.pk]), {"change_summary": "  "})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert _status(revision) == Status.DRAFT


def test_an_invalid_edit_keeps_what_was_typed(contributor_client, contributor):
    practice = _draft(contributor)
    typed = "A long paragraph I wrote carefully about our evening sessions."
    form = {"title": "", "description": typed, "language": "en", "visibility": "public", "peer_reviewed": "unknown"}
    response = contributor_client.post(reverse("practices:edit", args=[practice.pk]), form)
    assert response.status_code == 400
    assert typed in response.content.decode()
    assert Practice.objects.get(pk=practice.pk).description == CLEAN_TEXT


def test_a_refused_approval_keeps_the_note_the_moderator_typed(request, contributor):
    practice = _submitted(contributor)
    response = _client(request, "home_moderator").post(
        reverse("moderation:approve", args=[practice.pk]), {"approve-comment": "My careful note."}
    )
    assert response.status_code == 400 and "My careful note." in response.content.decode()


def test_a_decision_on_a_practice_no_longer_in_review_keeps_the_comments_typed(moderator_client, contributor):
    practice = _draft(contributor)
    data = {"changes-comment": "Overall remark typed.", "changes-field_description": "Field remark typed."}
    response = moderator_client.post(reverse("moderation:request_changes", args=[practice.pk]), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Overall remark typed." in page and "Field remark typed." in page


# Moderators' words and emails ----------------------------------------------------------------


def test_a_moderators_notes_are_not_shown_to_other_readers(request, contributor, moderator):
    practice = _submitted(contributor)
    services.practice_request_changes(practice=practice, moderator=moderator, comment="NOTE-SEND-BACK")
    services.practice_submit(practice=practice, actor=contributor)
    services.practice_approve(practice=practice, moderator=moderator, comment="NOTE-APPROVAL")
    for persona in ("anonymous", "applicant", "former_member", "outsider", "colleague"):
        for response in (
            _client(request, persona).get(practice.get_absolute_url()),
            _api(request, persona).get(reverse("api:practice-detail", args=[practice.pk])),
        ):
            body = response.content.decode()
            assert response.status_code == 200
            assert "NOTE-SEND-BACK" not in body and "NOTE-APPROVAL" not in body, persona


def test_a_send_back_note_is_shown_to_the_contributor_only_among_members(request, contributor, moderator):
    practice = _submitted(contributor)
    services.practice_request_changes(
        practice=practice, moderator=moderator, comment="NOTE-OVERALL", field_comments={"description": "NOTE-FIELD"}
    )
    page = _client(request, "contributor").get(practice.get_absolute_url()).content.decode()
    assert "NOTE-OVERALL" in page
    for persona in ("colleague", "outsider", "former_member"):
        response = _client(request, persona).get(practice.get_absolute_url())
        assert response.status_code == 404 and "NOTE-" not in response.content.decode()


def _recipients(outbox) -> set[str]:
    return {address for message in outbox for address in message.to}


@pytest.fixture
def people(contributor, colleague, outsider, org_admin, moderator, former_member, applicant, home_moderator):
    return {
        "contributor": contributor.email,
        "colleague": colleague.email,
        "outsider": outsider.email,
        "org_admin": org_admin.email,
        "moderator": moderator.email,
        "former_member": former_member.email,
        "applicant": applicant.email,
        "home_moderator": home_moderator.email,
    }


EMAILED = {
    "submit": {"moderator", "home_moderator", "org_admin"},
    "request_changes": {"contributor", "org_admin"},
    "reject": {"contributor", "org_admin"},
    "approve": {"contributor", "org_admin"},
    "withdraw": {"contributor", "org_admin", "home_moderator"},  # the withdrawing moderator acted: not emailed
}


@pytest.mark.parametrize("step", sorted(EMAILED))
def test_each_step_emails_exactly_the_people_concerned_and_no_practice_text(
    step, people, contributor, moderator, django_capture_on_commit_callbacks
):
    secret_contact = "Call Jonas at +47 912 34 567"
    practice = _draft(contributor, contact=secret_contact)
    if step != "submit":
        services.practice_submit(practice=practice, actor=contributor)
    if step == "withdraw":
        services.practice_approve(practice=practice, moderator=moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if step == "submit":
            services.practice_submit(practice=practice, actor=contributor)
        else:
            _act(step, Practice.objects.get(pk=practice.pk), contributor, moderator)
    names = {name for name, address in people.items() if address in _recipients(mail.outbox)}
    assert names == EMAILED[step]
    for message in mail.outbox:
        assert len(message.to) == 1  # one email each: nobody learns who else was told
        assert CLEAN_TEXT not in message.body and "+47 912 34 567" not in message.body


def test_a_former_author_is_not_emailed_about_their_old_practice(
    home_organisation, moderator, org_admin, django_capture_on_commit_callbacks
):
    from portal.models import Membership

    author = make_user("leaving@ravnstad.example", home_organisation)
    practice = _submitted(author)
    Membership.objects.filter(user=author).update(state=Membership.State.ENDED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_reject(practice=practice, moderator=moderator, reason="Out of scope.")
    assert author.email not in _recipients(mail.outbox)
    assert org_admin.email in _recipients(mail.outbox)


# Acting on a practice read before someone else changed it (two tabs, two curators) -------------


def _withdrawn_meanwhile(contributor, moderator) -> tuple[Practice, Practice]:
    """(the practice as read before, the practice) after another curator withdrew it."""
    practice = _published(contributor)
    stale = Practice.objects.get(pk=practice.pk)
    services.practice_withdraw(practice=practice, actor=moderator, reason="Names a family.")
    return stale, practice


STALE_ACTIONS = {
    "withdraw again": lambda stale, org_admin: services.practice_withdraw(
        practice=stale, actor=org_admin, reason="Also too identifying."
    ),
    "start an update": lambda stale, org_admin: services.practice_start_revision(practice=stale, editor=org_admin),
    "narrow who reads it": lambda stale, org_admin: services.practice_set_visibility(
        practice=stale, actor=org_admin, visibility="organisation"
    ),
}


@pytest.mark.parametrize("action", sorted(STALE_ACTIONS))
def test_an_action_on_a_practice_withdrawn_meanwhile_is_refused(action, contributor, org_admin, moderator):
    from django.core.exceptions import PermissionDenied, ValidationError

    stale, practice = _withdrawn_meanwhile(contributor, moderator)
    before = _trace(practice)
    with pytest.raises((PermissionDenied, ValidationError)):
        STALE_ACTIONS[action](stale, org_admin)
    assert _trace(practice) == before


def test_a_practice_narrowed_meanwhile_is_gone_for_readers_it_no_longer_has(request, contributor):
    practice = _published(contributor, title="Soon narrowed mentoring method")
    readers = {persona: (_client(request, persona), _api(request, persona)) for persona in ("anonymous", "outsider")}
    for client, api in readers.values():
        assert all(_reads(client, api, practice).values())
    services.practice_set_visibility(practice=practice, actor=contributor, visibility="organisation")
    for client, api in readers.values():
        assert not any(_reads(client, api, practice).values())
    colleague, colleague_api = _client(request, "colleague"), _api(request, "colleague")
    assert _reads(colleague, colleague_api, practice)["page"]


def test_comments_on_an_update_stay_with_the_update(request, contributor, moderator):
    practice = _published(contributor, title="Published mentoring method")
    revision = _submitted_update(practice, contributor)
    services.practice_request_changes(practice=revision, moderator=moderator, comment="NOTE-ON-UPDATE")
    assert "NOTE-ON-UPDATE" in _client(request, "contributor").get(revision.get_absolute_url()).content.decode()
    for persona in ("anonymous", "outsider", "colleague"):
        client = _client(request, persona)
        body = client.get(practice.get_absolute_url()).content.decode()
        assert "NOTE-ON-UPDATE" not in body and REVISION_TITLE not in body
        assert client.get(revision.get_absolute_url()).status_code == 404


def test_a_moderators_update_of_a_practice_is_not_opened_by_its_author(contributor_client, contributor, moderator):
    """The author sees that someone else's update is in progress, and cannot edit it."""
    practice = _published(contributor)
    revision = services.practice_start_revision(practice=practice, editor=moderator)
    response = contributor_client.post(reverse("practices:edit", args=[practice.pk]))
    assert response.status_code == 200
    assert "Someone else" in response.content.decode()
    assert contributor_client.get(reverse("practices:edit", args=[revision.pk])).status_code in (403, 404)


def test_narrowing_a_practice_narrows_its_update_in_progress_too(contributor, org_admin, moderator):
    """An administrator narrows a practice at once (a risk came up); an update started before,
    with the former wider setting, must not widen it again when a moderator approves it."""
    practice = _published(contributor, visibility="public")
    revision = _submitted_update(practice, contributor)
    services.practice_set_visibility(practice=practice, actor=org_admin, visibility="organisation")
    assert Practice.objects.get(pk=revision.pk).visibility == "organisation"
    services.practice_approve(practice=Practice.objects.get(pk=revision.pk), moderator=moderator)
    assert Practice.objects.get(pk=practice.pk).visibility == "organisation"


def test_narrowing_leaves_an_update_that_is_narrower_still(contributor, moderator):
    practice = _published(contributor, visibility="public")
    revision = services.practice_start_revision(practice=practice, editor=contributor)
    Practice.objects.filter(pk=revision.pk).update(visibility="organisation")
    services.practice_set_visibility(practice=practice, actor=contributor, visibility="members")
    assert Practice.objects.get(pk=revision.pk).visibility == "organisation"


# Known limits ---------------------------------------------------------------------------------


def test_an_api_approval_of_a_text_changed_since_it_was_read_is_refused(request, contributor, moderator):
    practice = _submitted(contributor, title="Reviewed title")
    api = _api(request, "moderator")
    read = api.get(reverse("api:moderation-detail", args=[practice.pk])).json()
    other = with_totp(make_user("second@portal.example", is_moderator=True))
    services.practice_request_changes(practice=practice, moderator=other, comment="Rename it.")
    Practice.objects.filter(pk=practice.pk).update(title="Title nobody reviewed")
    services.practice_submit(practice=Practice.objects.get(pk=practice.pk), actor=contributor)
    assert "fingerprint" in read  # what the client read, to send back with its decision
    response = api.post(
        reverse("api:moderation-approve", args=[practice.pk]),
        {"comment": "", "reviewed": read["fingerprint"]},
        format="json",
    )
    assert response.status_code == 409
    assert _status(practice) == Status.SUBMITTED
    again = api.get(reverse("api:moderation-detail", args=[practice.pk])).json()  # read again: approved
    approved = api.post(
        reverse("api:moderation-approve", args=[practice.pk]), {"reviewed": again["fingerprint"]}, format="json"
    )
    assert approved.status_code == 200 and _status(practice) == Status.PUBLISHED


def test_an_api_approval_names_the_text_it_read(request, contributor):
    practice = _submitted(contributor)
    response = _api(request, "moderator").post(
        reverse("api:moderation-approve", args=[practice.pk]), {"comment": "Fine."}, format="json"
    )
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["reviewed"]
    assert _status(practice) == Status.SUBMITTED


# Four eyes over a moderator's own edits in review ----------------------------------------------

REWRITTEN = "Rewritten by the moderator to prevent violent extremism."


def _rewrite(practice: Practice, editor, description: str = REWRITTEN) -> Practice:
    data = services.PracticeData(
        attributes={"description": description},
        key_themes=list(practice.key_themes.all()),
        target_audiences=list(practice.target_audiences.all()),
    )
    return services.practice_update(practice=Practice.objects.get(pk=practice.pk), editor=editor, data=data)


def _second_moderator():
    return with_totp(make_user("second@portal.example", is_moderator=True))


def test_a_moderator_does_not_approve_a_text_they_rewrote_in_review(contributor, moderator):
    from django.core.exceptions import PermissionDenied

    practice = _submitted(contributor)
    _rewrite(practice, moderator)
    event = AuditEvent.objects.get(action="practice.edit_in_review")
    assert (event.actor, event.target_id) == (moderator, practice.pk)
    with pytest.raises(PermissionDenied, match="you changed its text in review"):
        services.practice_approve(practice=Practice.objects.get(pk=practice.pk), moderator=moderator)
    assert _status(practice) == Status.SUBMITTED
    services.practice_approve(practice=Practice.objects.get(pk=practice.pk), moderator=_second_moderator())
    published = Practice.objects.get(pk=practice.pk)
    assert (published.status, published.description) == (Status.PUBLISHED, REWRITTEN)


def test_the_review_page_tells_the_moderator_who_rewrote_it_that_another_approves(request, contributor, moderator):
    practice = _submitted(contributor)
    _rewrite(practice, moderator)
    page = _client(request, "moderator").get(reverse("moderation:review", args=[practice.pk])).content.decode()
    assert "you changed its text in review" in page
    reviewed = content_fingerprint(Practice.objects.get(pk=practice.pk))
    refused = _client(request, "moderator").post(
        reverse("moderation:approve", args=[practice.pk]), {"approve-comment": "", "approve-reviewed": reviewed}
    )
    assert refused.status_code in (400, 403) and _status(practice) == Status.SUBMITTED
    assert "you changed its text in review" in refused.content.decode()
    other = Client()
    other.force_login(_second_moderator())
    page = other.get(reverse("moderation:review", args=[practice.pk])).content.decode()
    assert "you changed its text in review" not in page and "approve-blocked" not in page


def test_a_save_that_changes_nothing_is_no_edit(contributor, moderator):
    practice = _submitted(contributor)
    _rewrite(practice, moderator, description=Practice.objects.get(pk=practice.pk).description)
    assert not AuditEvent.objects.filter(action="practice.edit_in_review").exists()
    services.practice_approve(practice=Practice.objects.get(pk=practice.pk), moderator=moderator)
    assert _status(practice) == Status.PUBLISHED


def test_a_new_submission_starts_a_new_review(contributor, moderator):
    practice = _submitted(contributor)
    _rewrite(practice, moderator)
    services.practice_request_changes(
        practice=Practice.objects.get(pk=practice.pk), moderator=moderator, comment="Yours?"
    )
    services.practice_submit(practice=Practice.objects.get(pk=practice.pk), actor=contributor)  # the author accepts it
    services.practice_approve(practice=Practice.objects.get(pk=practice.pk), moderator=moderator)
    assert _status(practice) == Status.PUBLISHED


def test_a_moderator_who_rewrote_an_update_in_review_does_not_approve_it(contributor, moderator):
    from django.core.exceptions import PermissionDenied

    practice = _published(contributor, title="Original title")
    revision = _submitted_update(practice, contributor)
    _rewrite(revision, moderator)
    with pytest.raises(PermissionDenied):
        services.practice_approve(practice=Practice.objects.get(pk=revision.pk), moderator=moderator)
    assert Practice.objects.get(pk=practice.pk).description != REWRITTEN
    services.practice_approve(practice=Practice.objects.get(pk=revision.pk), moderator=_second_moderator())
    assert Practice.objects.get(pk=practice.pk).description == REWRITTEN
