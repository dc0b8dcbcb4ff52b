"""Writes to practices: creation, the moderation workflow, findings, imports.

Every state change is one function here that checks permission, writes the
audit record and the search outbox row in the same transaction, and notifies
the people concerned once it has committed. Views, forms and commands call
these functions; they hold no rules of their own.
"""

import copy
import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.access import display_name
from portal.audit import audit_record
from portal.models import User
from portal.notifications import moderators, notify, organisation_admins
from portal.services import organisation_get_or_create
from practices import pii, rules
from practices.indexing import practice_changed
from practices.models import Finding, KeyTheme, Practice, PracticeVersion, ReviewComment, TargetAudience
from practices.template_fields import (
    NARRATIVE_FIELD_CODES,
    PLAIN_TEMPLATE_ATTRIBUTES,
    TEMPLATE_FIELDS,
    WRITER_CHOICES,
    character_limit,
    model_attribute,
)
from practices.versions import content_fingerprint, practice_snapshot
from search.generation import content_changed

if TYPE_CHECKING:
    from practices.importer import ParsedPractice

Status = Practice.Status

# Plain attributes a practice form or an import may set: the template's content
# (practices/template_fields.py), the writer's choices, then the workflow's notes.
PRACTICE_ATTRIBUTES = (*PLAIN_TEMPLATE_ATTRIBUTES, *WRITER_CHOICES, "change_summary", "import_warnings")
# What a new version copies from an approved edit into the published practice.
CONTENT_ATTRIBUTES = tuple(a for a in PRACTICE_ATTRIBUTES if a not in ("import_warnings",))


P = ParamSpec("P")
R = TypeVar("R")


def refuses_copies(service: Callable[P, R]) -> Callable[P, R]:
    """A write service that refuses a copy of another portal's practice (federation): a copy
    changes only when its origin sends a newer version or withdraws it."""

    @functools.wraps(service)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        practice = kwargs.get("practice") or getattr(kwargs.get("finding"), "practice", None)
        if isinstance(practice, Practice) and practice.is_copy:
            raise PermissionDenied(
                _("This practice is a copy shared by %(portal)s: it can only be changed there.")
                % {"portal": practice.origin_name or practice.origin_portal}
            )
        return service(*args, **kwargs)

    return guarded


class ChangedSinceRead(ValidationError):
    """A decision on a text that changed after the moderator read it (the API answers 409)."""


@dataclass
class PracticeData:
    """What a contributor wrote: plain attributes plus the two taxonomy lists."""

    attributes: dict[str, Any]
    key_themes: list[KeyTheme]
    target_audiences: list[TargetAudience]


def _apply(practice: Practice, data: PracticeData) -> Practice:
    unknown = set(data.attributes) - set(PRACTICE_ATTRIBUTES)
    if unknown:
        raise ValueError(f"Unknown practice attributes: {', '.join(sorted(unknown))}")
    for name, value in data.attributes.items():
        setattr(practice, name, value)
    practice.full_clean(exclude=["organisation", "author", "key_themes", "target_audiences", "revision_of"])
    practice.save()
    practice.key_themes.set(data.key_themes)
    practice.target_audiences.set(data.target_audiences)
    return practice


def _lock(practice: Practice) -> None:
    """Lock the row for this transaction and re-read its state (another request may have moved it)."""
    list(Practice.objects.select_for_update().filter(pk=practice.pk).values_list("pk", flat=True))
    practice.refresh_from_db(fields=["status", "visibility", "change_summary", "organisation", "author"])


def _transition(practice: Practice, *, actor, to: str, action: str, note: ReviewComment | None = None) -> str:
    """Move ``practice`` to state ``to`` and audit it; returns the state it left. The audit log holds
    codes and ids only: a moderator's words stay in ``note`` (a review comment), named by its id."""
    from_state = practice.status
    practice.status = to
    practice.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        target=practice,
        from_state=from_state,
        to_state=to,
        comment=_note_reference(note),
        organisation=practice.organisation,
    )
    return from_state


def _note_reference(note: ReviewComment | None) -> str:
    return f"review_comment={note.pk}" if note is not None else ""


def _review_note(practice: Practice, moderator, text: str, *, addressed: bool = False) -> ReviewComment | None:
    """A moderator's words on the whole practice, kept with it (deletable with it, never audited)."""
    if not text.strip():
        return None
    return ReviewComment.objects.create(
        practice=practice, field="", text=text.strip(), author=moderator, addressed=addressed
    )


def _people_concerned(practice: Practice) -> list:
    return [practice.author, *organisation_admins(practice.organisation)]


def _notify_transition(
    practice: Practice, *, actor, recipients, subject, comment: str = "", field_comments: list | None = None
) -> None:
    """Moderators' emails link to the practice's review page, everyone else's to the practice,
    except a withdrawn one, which they may no longer open (no link then). An update's links name
    the practice it updates (practices:update, moderation:update): the update's own row is deleted
    once it is published or discarded, and the e-mail is read later."""
    people = {user.pk: user for user in recipients if user is not None and rules.follows_workflow(user, practice)}
    # A role whose powers wait for a second factor is told to set it up, and nothing of the practice.
    named = {pk for pk, user in people.items() if rules.named_in_workflow_email(user, practice)}
    for reviewers, locked in ((True, False), (True, True), (False, False), (False, True)):
        if practice.revision_of_id is not None:
            name = "moderation:update" if reviewers else "practices:update"
            link = reverse(name, args=[practice.revision_of_id])
        elif reviewers:
            link = reverse("moderation:review", args=[practice.pk])
        else:
            link = "" if practice.status == Status.WITHDRAWN else practice.get_absolute_url()
        notify(
            recipients=[
                user
                for pk, user in people.items()
                if bool(user.is_moderator) == reviewers and (pk not in named) == locked
            ],
            subject=subject,
            template="practices/email/transition.txt",
            context={
                "practice": practice,
                "actor": actor,
                "locked": locked,
                "comment": "" if locked else comment,
                # ReviewComments: labelled in each reader's language
                "field_comments": [] if locked else field_comments or [],
                "subject": subject,
                "link": link,
            },
        )


# Writing -----------------------------------------------------------------------------------


@transaction.atomic
def practice_create(*, author: User, data: PracticeData) -> Practice:
    """A new draft written by ``author`` for their organisation."""
    organisation = author.organisation
    if not rules.can_contribute(author):
        raise PermissionDenied(_("Your membership of an organisation must be approved before you write a practice."))
    practice = Practice(author=author, organisation=organisation, status=Status.DRAFT)
    practice = _apply(practice, data)
    audit_record(
        actor=author, action="practice.create", target=practice, to_state=Status.DRAFT, organisation=organisation
    )
    return practice


@refuses_copies
def practice_update(*, practice: Practice, editor: User, data: PracticeData) -> Practice:
    """Save an edit; a practice that has been submitted before is checked again for personal data
    (the check runs before the transaction opens: it takes about a second)."""
    if not rules.can_edit(editor, practice):
        raise PermissionDenied(_("You may not edit this practice."))
    detected = None
    if practice.status != Status.DRAFT or practice.findings.exists():
        preview = copy.copy(practice)
        for name, value in data.attributes.items():
            setattr(preview, name, value)
        texts, context = pii.practice_field_texts(preview), pii.practice_context(preview)
        detected = pii.detect(texts, preview.language, context=context)
    return _practice_update(practice=practice, editor=editor, data=data, detected=detected)


@transaction.atomic
def _practice_update(*, practice: Practice, editor, data: PracticeData, detected: list[dict] | None) -> Practice:
    if not rules.can_edit(editor, practice):
        raise PermissionDenied(_("You may not edit this practice."))
    if "visibility" in data.attributes and data.attributes["visibility"] != practice.visibility:
        _audit_visibility(practice, editor, data.attributes["visibility"])
    in_review = content_fingerprint(practice) if practice.status == Status.SUBMITTED else None
    practice = _apply(practice, data)
    if in_review is not None and content_fingerprint(practice) != in_review:  # a moderator's edit (rules.can_edit)
        audit_record(actor=editor, action=rules.EDIT_IN_REVIEW, target=practice, organisation=practice.organisation)
    if detected is not None:
        pii.refresh_findings(practice, detected)
    if practice.is_published:
        practice_changed(practice)
    return practice


def _audit_visibility(practice: Practice, actor, new: str) -> None:
    audit_record(
        actor=actor,
        action="practice.visibility",
        target=practice,
        from_state=practice.visibility,
        to_state=new,
        organisation=practice.organisation,
    )


@refuses_copies
@transaction.atomic
def practice_set_visibility(*, practice: Practice, actor: User, visibility: str) -> Practice:
    _lock(practice)  # re-read: it may have been withdrawn or narrowed since the caller read it
    if not rules.can_manage(actor, practice):
        raise PermissionDenied(_("You may not change who can read this practice."))
    if practice.status == Status.WITHDRAWN:
        raise ValidationError(_("This practice is withdrawn: nobody reads it any more."))
    if visibility not in Practice.Visibility.values:
        raise ValidationError(_("Unknown visibility."))
    if rules.visibility_needs_review(practice, visibility):
        raise ValidationError(
            _(
                "More readers need a moderator's review: propose an update of the practice "
                "and choose the wider setting there."
            )
        )
    _audit_visibility(practice, actor, visibility)
    practice.visibility = visibility
    practice.save(update_fields=["visibility", "updated_at"])
    # An update in progress that would read wider is narrowed with it: approving it must not widen
    # the practice again (its writer may widen it in the update, for a moderator to review).
    for revision in practice.revisions.select_for_update():
        if rules.widens(practice, revision.visibility):
            _audit_visibility(revision, actor, visibility)
            revision.visibility = visibility
            revision.save(update_fields=["visibility", "updated_at"])
    practice_changed(practice)
    return practice


@refuses_copies
@transaction.atomic
def practice_start_revision(*, practice: Practice, editor: User) -> Practice:
    """An editable copy of a published practice; readers keep seeing the published text
    until a moderator approves the copy."""
    _lock(practice)  # re-read: it may have been withdrawn since the caller read it
    if not rules.can_propose_revision(editor, practice):
        raise PermissionDenied(_("You may not edit this practice."))
    existing = practice.revisions.exclude(status=Status.WITHDRAWN).first()
    if existing is not None:
        return existing
    themes, audiences = list(practice.key_themes.all()), list(practice.target_audiences.all())
    copy = Practice.objects.get(pk=practice.pk)
    copy.pk = None
    copy.uuid = uuid.uuid4()
    copy.revision_of = practice
    copy.status = Status.DRAFT
    copy.author = editor
    copy.change_summary = ""
    copy.published_at = None
    copy.featured_at, copy.featured_by = None, None  # featuring belongs to the published practice
    copy.save()
    copy.key_themes.set(themes)
    copy.target_audiences.set(audiences)
    audit_record(actor=editor, action="practice.revision_start", target=practice, organisation=practice.organisation)
    return copy


@refuses_copies
@transaction.atomic
def practice_revision_discard(*, practice: Practice, actor) -> None:
    """Throw away the unsubmitted update of the published ``practice``; the published text stays."""
    if not rules.can_discard_revision(actor, practice):
        raise PermissionDenied(_("There is no update of this practice you may discard."))
    revision = practice.revisions.select_for_update().get()
    audit_record(
        actor=actor,
        action="practice.revision_discard",
        target=practice,
        from_state=revision.status,
        organisation=practice.organisation,
    )
    revision.delete()


# The moderation workflow -------------------------------------------------------------------


@refuses_copies
def practice_submit(*, practice: Practice, actor: User, change_summary: str = "") -> Practice:
    """Send a draft (or a corrected one) for review; checks it for personal data first,
    outside the transaction (the check takes about a second)."""
    _check_submittable(practice, actor, change_summary)
    detected = pii.detect(pii.practice_field_texts(practice), practice.language, context=pii.practice_context(practice))
    return _practice_submit(practice=practice, actor=actor, change_summary=change_summary, detected=detected)


def _check_submittable(practice: Practice, actor, change_summary: str) -> None:
    if not rules.can_submit(actor, practice):
        raise PermissionDenied(_("You may not submit this practice."))
    _require_complete(practice)
    if practice.revision_of_id and not (change_summary or practice.change_summary).strip():
        raise ValidationError(_("Say in a sentence what this update changes; readers will see it."))


@transaction.atomic
def _practice_submit(*, practice: Practice, actor, change_summary: str, detected: list[dict]) -> Practice:
    _lock(practice)
    _check_submittable(practice, actor, change_summary)
    if change_summary:
        practice.change_summary = change_summary
        practice.save(update_fields=["change_summary", "updated_at"])
    pii.refresh_findings(practice, detected)
    practice.review_comments.filter(addressed=False).update(addressed=True)
    _transition(practice, actor=actor, to=Status.SUBMITTED, action="practice.submit")
    _notify_transition(
        practice,
        actor=actor,
        recipients=[*moderators(), *organisation_admins(practice.organisation)],
        subject=gettext_lazy("A practice was submitted for review"),
    )
    return practice


def _require_submitted(practice: Practice) -> None:
    _lock(practice)
    if practice.status != Status.SUBMITTED:
        raise ValidationError(_("Only a practice waiting for review can be approved, sent back or rejected."))


def _require_complete(practice: Practice) -> None:
    missing = [
        label
        for label, value in ((_("Name of the practice"), practice.title), (_("Description"), practice.description))
        if not value.strip()
    ]
    if missing:
        raise ValidationError(_("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)})


@refuses_copies
@transaction.atomic
def practice_request_changes(
    *, practice: Practice, moderator: User, comment: str, field_comments: dict[str, str] | None = None
) -> Practice:
    if not rules.can_review(moderator, practice):
        raise PermissionDenied(_("Only moderators review practices."))
    _require_submitted(practice)
    if not comment.strip() and not any((field_comments or {}).values()):
        raise ValidationError(_("Tell the contributor what to change."))
    note = _review_note(practice, moderator, comment)
    on_fields = ReviewComment.objects.bulk_create(
        [
            ReviewComment(practice=practice, field=field, text=text, author=moderator)
            for field, text in (field_comments or {}).items()
            if text.strip()
        ]
    )
    _transition(practice, actor=moderator, to=Status.CHANGES_REQUESTED, action="practice.request_changes", note=note)
    _notify_transition(
        practice,
        actor=moderator,
        recipients=_people_concerned(practice),
        subject=gettext_lazy("Changes requested on your practice"),
        comment=comment,
        field_comments=on_fields,
    )
    return practice


@refuses_copies
@transaction.atomic
def practice_reject(*, practice: Practice, moderator: User, reason: str) -> Practice:
    if not rules.can_review(moderator, practice):
        raise PermissionDenied(_("Only moderators review practices."))
    _require_submitted(practice)
    if not reason.strip():
        raise ValidationError(_("Give the contributor a reason for the rejection."))
    note = _review_note(practice, moderator, reason)
    _transition(practice, actor=moderator, to=Status.REJECTED, action="practice.reject", note=note)
    _notify_transition(
        practice,
        actor=moderator,
        recipients=_people_concerned(practice),
        subject=gettext_lazy("Your practice was not accepted"),
        comment=reason,
    )
    return practice


@refuses_copies
@transaction.atomic
def practice_approve(*, practice: Practice, moderator: User, comment: str = "", reviewed: str = "") -> Practice:
    """Publish a submission; an approved edit replaces the published text of its original.

    ``reviewed``: the ``content_fingerprint`` of the text the moderator read (the review page sends
    it); when the text has changed since, nothing is published. Returns the published practice
    (the original, for an edit)."""
    if not rules.can_review(moderator, practice):
        raise PermissionDenied(_("Only moderators review practices."))
    if not rules.can_approve(moderator, practice):
        if rules.edited_in_review(moderator, practice):  # only to say why: the rule has read it already
            raise PermissionDenied(_("Another moderator must approve this practice: you changed its text in review."))
        raise PermissionDenied(_("Another moderator must approve this practice: it is yours or your organisation's."))
    _require_submitted(practice)
    practice.refresh_from_db()  # what is published is the text as locked, not as the caller read it
    if reviewed and reviewed != content_fingerprint(practice):
        raise ChangedSinceRead(
            _("The practice has changed since you opened it: read it again (below) before approving it.")
        )
    if pii.open_findings_count(practice):
        raise ValidationError(_("Resolve every personal-data finding before publishing."))
    if practice.revision_of_id:
        return _apply_revision(practice, moderator, comment)
    return _publish(practice, actor=moderator, comment=comment)


def _publish(practice: Practice, *, actor, comment: str = "", code: str = "") -> Practice:
    """``comment``: a moderator's words (kept as a review comment, emailed); ``code``: how a
    command published it, for the audit log."""
    from_state = practice.status
    practice.status = Status.PUBLISHED
    practice.published_at = timezone.now()
    practice.withdrawn_at = None
    practice.save(update_fields=["status", "published_at", "withdrawn_at", "updated_at"])
    _record_version(practice, actor)
    note = _review_note(practice, actor, comment, addressed=True)
    audit_record(
        actor=actor,
        action="practice.publish",
        target=practice,
        from_state=from_state,
        to_state=Status.PUBLISHED,
        comment=code or _note_reference(note),
        organisation=practice.organisation,
    )
    practice_changed(practice)
    _notify_transition(
        practice,
        actor=actor,
        recipients=_people_concerned(practice),
        subject=gettext_lazy("Your practice is published"),
        comment=comment,
    )
    return practice


def _apply_revision(revision: Practice, moderator, comment: str) -> Practice:
    original = Practice.objects.select_for_update().get(pk=cast(int, revision.revision_of_id))
    if original.status != Status.PUBLISHED:  # withdrawn since: its text stays a tombstone
        raise ValidationError(
            _("The practice this update would change has been withdrawn: the update cannot be published.")
        )
    for name in CONTENT_ATTRIBUTES:
        setattr(original, name, getattr(revision, name))
    original.save()
    original.key_themes.set(revision.key_themes.all())
    original.target_audiences.set(revision.target_audiences.all())
    _record_version(original, moderator)
    note = _review_note(original, moderator, comment, addressed=True)
    audit_record(
        actor=moderator,
        action="practice.publish_update",
        target=original,
        from_state=Status.SUBMITTED,
        to_state=Status.PUBLISHED,
        comment=_note_reference(note),
        organisation=original.organisation,
    )
    practice_changed(original)
    _notify_transition(
        original,
        actor=moderator,
        recipients=[revision.author, *_people_concerned(original)],
        subject=gettext_lazy("Your update is published"),
        comment=comment,
    )
    revision.delete()
    return original


def _record_version(practice: Practice, actor) -> PracticeVersion:
    number = (practice.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return PracticeVersion.objects.create(
        practice=practice,
        number=number,
        content=practice_snapshot(practice),
        cooked=practice.cooked_html(),
        change_summary=practice.change_summary if number > 1 else "",
        published_at=timezone.now(),
        published_by=actor,
    )


@refuses_copies
@transaction.atomic
def practice_withdraw(*, practice: Practice, actor: User, reason: str) -> Practice:
    """Take a published practice off every page, list and index at once; the row stays as a tombstone."""
    _lock(practice)  # re-read: another curator may have withdrawn it since the caller read it
    if not rules.can_withdraw(actor, practice):
        raise PermissionDenied(_("You may not withdraw this practice."))
    return _withdraw(practice, actor=actor, reason=reason)


@transaction.atomic
def practice_withdraw_trusted(*, practice: Practice, reason: str) -> Practice:
    """Withdraw from the command line (``manage.py practice_withdraw``): an operator who must
    act at once, without an account on the portal."""
    _lock(practice)
    if practice.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published practice can be withdrawn."))
    return _withdraw(practice, actor=None, reason=reason)


def _withdraw(practice: Practice, *, actor, reason: str) -> Practice:
    if not reason.strip():
        raise ValidationError(_("Give a reason for the withdrawal."))
    practice.withdrawn_at, practice.withdrawal_reason = timezone.now(), reason.strip()
    practice.featured_at, practice.featured_by = None, None  # off the home page with everything else
    practice.save(update_fields=["withdrawn_at", "withdrawal_reason", "featured_at", "featured_by", "updated_at"])
    _transition(practice, actor=actor, to=Status.WITHDRAWN, action="practice.withdraw")
    # An update in progress goes with it (out of the review queue, never published into the tombstone).
    for revision in practice.revisions.select_for_update().exclude(status=Status.WITHDRAWN):
        _transition(revision, actor=actor, to=Status.WITHDRAWN, action="practice.withdraw")
    practice_changed(practice)
    _notify_transition(
        practice,
        actor=actor,
        recipients=[*_people_concerned(practice), *moderators()],
        subject=gettext_lazy("A practice was withdrawn"),
        comment=reason,
    )
    return practice


def practice_feature(*, practice: Practice, actor: User) -> Practice:
    """Show the published ``practice`` on the home page (to the readers who may read it), newest
    featured first. Featuring a featured practice changes nothing."""
    return _set_featured(practice, actor=actor, featured=True)


def practice_unfeature(*, practice: Practice, actor: User) -> Practice:
    """Take ``practice`` off the home page's featured practices; it stays published."""
    return _set_featured(practice, actor=actor, featured=False)


@transaction.atomic
def _set_featured(practice: Practice, *, actor, featured: bool) -> Practice:
    _lock(practice)  # re-read: it may have been withdrawn, or featured by another moderator, since
    practice.refresh_from_db(fields=["withdrawn_at", "featured_at", "featured_by", "revision_of", "origin_uuid"])
    if not rules.can_review(actor, practice):
        raise PermissionDenied(_("Only moderators choose the featured practices."))
    if not featured and not practice.is_featured:
        return practice  # already off the home page: unfeatured, or withdrawn, since the moderator looked
    if not rules.can_feature(actor, practice):
        raise ValidationError(_("Only a published practice of this portal can be featured."))
    if practice.is_featured == featured:
        return practice
    practice.featured_at, practice.featured_by = (timezone.now(), actor) if featured else (None, None)
    practice.save(update_fields=["featured_at", "featured_by", "updated_at"])
    audit_record(
        actor=actor,
        action="practice.feature" if featured else "practice.unfeature",
        target=practice,
        organisation=practice.organisation,
    )
    content_changed()  # the home page, kept per reader scope under the content token, shows it or no longer
    return practice


@refuses_copies
@transaction.atomic
def practice_set_evidence_level(*, practice: Practice, moderator: User, level: str) -> Practice:
    if not rules.can_review(moderator, practice):
        raise PermissionDenied(_("Only moderators set the evidence level."))
    if level not in Practice.EvidenceLevel.values:
        raise ValidationError(_("Unknown evidence level."))
    if practice.revision_of is not None:  # the level belongs to the published practice, not to a proposed edit
        practice = practice.revision_of
    audit_record(
        actor=moderator,
        action="practice.evidence_level",
        target=practice,
        from_state=practice.evidence_level,
        to_state=level,
        organisation=practice.organisation,
    )
    practice.evidence_level = level
    practice.save(update_fields=["evidence_level", "updated_at"])
    if practice.is_published:
        practice_changed(practice)
    return practice


# Findings ----------------------------------------------------------------------------------


@refuses_copies
def finding_redact(*, finding: Finding, actor: User) -> Finding:
    """Replace the finding's identifying words with placeholders (e.g. [name], or [age] inside a
    hint), then check the practice again: findings whose text has gone disappear, none is left
    open on text that no longer exists. When the text changed since the check, only the check runs.

    The finding keeps the text it was about (``text``); ``replacement`` is what the span reads now."""
    if not rules.can_resolve_findings(actor, finding.practice):
        raise PermissionDenied(_("You may not redact this finding."))
    _require_open(finding, actor)
    try:
        finding = _finding_redact(finding=finding, actor=actor)
    except ValidationError:
        practice_check(practice=finding.practice, actor=actor)
        raise
    practice_check(practice=finding.practice, actor=actor)
    return finding


@transaction.atomic
def _finding_redact(*, finding: Finding, actor: User) -> Finding:
    practice = Practice.objects.select_for_update().get(pk=finding.practice_id)
    if not Finding.objects.filter(pk=finding.pk).exists():
        raise ValidationError(_("The text has changed since it was checked: it has been checked again."))
    finding.refresh_from_db()
    if not rules.can_resolve_findings(actor, practice):
        raise PermissionDenied(_("You may not redact this finding."))
    _require_open(finding, actor)  # another moderator, or the contributor, may have resolved it meanwhile
    attribute = "title" if finding.field == "title" else model_attribute(finding.field)
    redacted, replacement = pii.redact_finding(getattr(practice, attribute), finding)
    setattr(practice, attribute, redacted)
    practice.save(update_fields=[attribute, "updated_at"])
    _shift_findings(practice, finding, delta=len(replacement) - (finding.end - finding.start))
    finding.status, finding.end = Finding.Status.REDACTED, finding.start + len(replacement)
    finding.resolved_by, finding.resolved_at = actor, timezone.now()
    finding.save()
    finding.replacement = replacement
    audit_record(
        actor=actor,
        action="finding.redact",
        target=practice,
        comment=f"{finding.type} in {finding.field}",
        organisation=practice.organisation,
    )
    if practice.is_published:
        practice_changed(practice)
    return finding


@refuses_copies
def practice_check(*, practice: Practice, actor) -> list[Finding]:
    """Check the practice for personal data now (a draft before it is submitted, after an edit or
    a redaction): open findings are replaced by what the text holds today, earlier "not personal
    data" decisions on the same text are kept. The check runs outside the transaction."""
    practice.refresh_from_db()
    if not rules.can_resolve_findings(actor, practice):
        raise PermissionDenied(_("You may not check this practice."))
    detected = pii.detect(pii.practice_field_texts(practice), practice.language, context=pii.practice_context(practice))
    return _practice_check(practice=practice, detected=detected)


@transaction.atomic
def _practice_check(*, practice: Practice, detected: list[dict]) -> list[Finding]:
    _lock(practice)
    current = pii.practice_field_texts(Practice.objects.get(pk=practice.pk))
    # the text may have changed while the check ran: keep only what still reads the same
    detected = [
        item for item in detected if current.get(item["field"], "")[item["start"] : item["end"]] == item["text"]
    ]
    return pii.refresh_findings(practice, detected)


def _shift_findings(practice: Practice, finding: Finding, *, delta: int) -> None:
    later = practice.findings.filter(field=finding.field, start__gte=finding.end).exclude(pk=finding.pk)
    for other in later:
        other.start += delta
        other.end += delta
        other.save(update_fields=["start", "end"])


def _require_open(finding: Finding, actor: User) -> None:
    """Refuse to resolve a finding twice, saying how and by whom it was resolved."""
    if finding.status == Finding.Status.OPEN:
        return
    how = finding.get_status_display()
    if not rules.names_who_resolved(actor, finding.practice, finding.resolved_by):
        raise ValidationError(_("This finding was resolved already (%(how)s): nothing more was done.") % {"how": how})
    who = display_name(viewer=actor, person=finding.resolved_by)
    raise ValidationError(
        _("This finding was resolved already by %(who)s (%(how)s): nothing more was done.") % {"who": who, "how": how}
    )


@refuses_copies
@transaction.atomic
def finding_dismiss(*, finding: Finding, actor: User, reason: str) -> Finding:
    """Mark a finding as not personal data, with the reason."""
    practice = finding.practice
    if not rules.can_resolve_findings(actor, practice):
        raise PermissionDenied(_("You may not resolve this finding."))
    _lock(practice)  # one decision on a finding: a second one, sent from a page read before, is refused
    if not Finding.objects.filter(pk=finding.pk).exists():
        raise ValidationError(_("The text has changed since it was checked: it has been checked again."))
    finding.refresh_from_db()
    _require_open(finding, actor)
    if not reason.strip():
        raise ValidationError(_("Say why this is not personal data."))
    finding.status, finding.reason = Finding.Status.DISMISSED, reason.strip()
    finding.resolved_by, finding.resolved_at = actor, timezone.now()
    finding.save()
    audit_record(
        actor=actor,
        action="finding.dismiss",
        target=practice,
        comment=f"{finding.type} in {finding.field}",
        organisation=practice.organisation,
    )
    return finding


# Imports -----------------------------------------------------------------------------------


def practice_data_from_import(parsed: "ParsedPractice") -> PracticeData:
    """Map the importer's ParsedPractice to practice data (nothing is saved)."""
    fields = parsed.fields
    peers: dict[bool | None, str] = {True: Practice.PeerReviewed.YES, False: Practice.PeerReviewed.NO}
    peer = peers.get(parsed.peer_reviewed)
    attributes = {
        "title": parsed.title,  # kept whole: a name too long is flagged (over_character_limit)
        "peer_reviewed": peer or Practice.PeerReviewed.UNKNOWN,
        "start_year": parsed.start_year,
        "end_year": parsed.end_year,
        "country": parsed.country or "",
        "last_update_year": parsed.last_update_year,
        "language": parsed.language,
        "import_warnings": [w.as_json() for w in parsed.warnings],
    }
    for code in NARRATIVE_FIELD_CODES:
        attributes[model_attribute(code)] = fields.get(code, "")
    attributes["organisation_description"] = parsed.organisation.description
    attributes["contact"] = parsed.contact
    themes = _ordered(KeyTheme, parsed.key_themes)
    audiences = _ordered(TargetAudience, parsed.target_audiences)
    return PracticeData(attributes=attributes, key_themes=themes, target_audiences=audiences)


def check_field_sizes(*, data: PracticeData, remedy: str) -> None:
    """Refuse imported data holding a text longer than a field may be saved with
    (template_fields.character_limit: the name 300, any other text PRACTICE_FIELD_MAX_CHARS), naming
    each such field. The importer keeps the text whole with an ``over_character_limit`` warning, for
    the writer to shorten; ``remedy`` says how."""
    labels = {name: field.label for field in TEMPLATE_FIELDS for name in field.model_attributes}
    errors = {
        name: _("“%(field)s” holds %(length)s characters; a field may hold at most %(limit)s. %(remedy)s")
        % {
            "field": labels.get(name, name),
            "length": f"{len(value):,}",
            "limit": f"{character_limit(name):,}",
            "remedy": remedy,
        }
        for name, value in data.attributes.items()
        if isinstance(value, str) and len(value) > character_limit(name)
    }
    if errors:
        raise ValidationError(errors)


def _ordered(model, codes: list[str]) -> list:
    by_code = {term.code: term for term in model.objects.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


@transaction.atomic
def practice_import(
    *, parsed: "ParsedPractice", author: User | None = None, organisation_name: str | None = None, publish: bool = False
) -> Practice:
    """Save an imported template as a draft, under ``organisation_name`` or the organisation
    the document names (created unverified if new).

    ``publish`` is for an administrator migrating an already-public curated
    collection from the command line: it publishes at once, and any personal-data
    findings stay open in the moderators' queue for follow-up.
    """
    name = organisation_name or parsed.organisation.name
    if not name:
        raise ValidationError(_("The document names no organisation; give one with --organisation."))
    data = practice_data_from_import(parsed)
    check_field_sizes(data=data, remedy=_("Shorten it in the document (--json prints the whole text)."))
    organisation = organisation_get_or_create(
        name=name, type_code=parsed.organisation.type or "other", country=parsed.country or ""
    )
    practice = Practice(author=author, organisation=organisation, status=Status.DRAFT)
    practice = _apply(practice, data)
    audit_record(
        actor=author, action="practice.import", target=practice, to_state=Status.DRAFT, organisation=organisation
    )
    if publish:
        pii.refresh_findings(practice)
        _publish(practice, actor=None, code="import --publish")
    return practice


@refuses_copies
@transaction.atomic
def practice_publish_trusted(*, practice: Practice, check: bool = True) -> Practice:
    """Publish without review: demo data and curated migrations run from the command line only."""
    if check:
        pii.refresh_findings(practice)
    return _publish(practice, actor=None, code="trusted command")
