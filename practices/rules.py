"""Who may do what with a practice: the one place for these rules.

Reading is decided by ``practices.selectors`` from the same roles (see
``portal.access``); writes are decided here. Each rule fails closed.
"""

from django.db.models import Subquery
from django.db.models.functions import Coalesce

from portal.access import (
    belongs_to,
    holds_admin_role,
    holds_moderator_role,
    is_moderator,
    is_organisation_admin,
    is_verified_member,
    signed_in,
)
from portal.models import AuditEvent
from practices.models import Practice

# The audit action of a change a moderator makes to a submission's text while it is in review.
EDIT_IN_REVIEW = "practice.edit_in_review"


def can_contribute(user) -> bool:
    """Writing practices needs an approved membership of an organisation."""
    return signed_in(user) and user.organisation is not None


def is_local(practice: Practice) -> bool:
    """The portal's own practice, not a copy shared by another portal: copies are read-only here."""
    return not practice.is_copy


def is_owner_side(user, practice: Practice) -> bool:
    """The author while still a member of the practice's organisation, or that organisation's admin."""
    if not signed_in(user):
        return False
    if is_organisation_admin(user, practice.organisation_id):
        return True
    return practice.author_id == user.pk and belongs_to(user, practice.organisation_id)


def follows_workflow(user, practice: Practice) -> bool:
    """Who is emailed about a practice's workflow: moderators, and its author or its organisation's
    administrators while they belong to that organisation (a former member hears nothing more of
    a practice they may no longer read). Roles count whether or not their second factor is set up:
    the email only says to sign in."""
    if holds_moderator_role(user):
        return True
    if not belongs_to(user, practice.organisation_id):
        return False
    return practice.author_id == user.pk or holds_admin_role(user)


def named_in_workflow_email(user, practice: Practice) -> bool:
    """Whether a workflow e-mail to ``user`` may name the practice (its title, state and the
    moderator's comments): a moderator with their second factor, or the practice's own side (its
    author while a member, its organisation's administrators with their second factor). Whoever
    follows it only through a role whose powers wait for a second factor (``follows_workflow``
    counts them) reads as an ordinary member, who may not read a submission, an update or an
    organisation-only practice: their e-mail only says to set the second factor up."""
    return is_moderator(user) or is_owner_side(user, practice)


def can_edit(user, practice: Practice) -> bool:
    """Editing the working text: the owner side while it is theirs to change, moderators while in review."""
    if not is_local(practice):
        return False
    if is_moderator(user):
        return practice.status in (*Practice.EDITABLE_STATES, Practice.Status.SUBMITTED)
    if not is_owner_side(user, practice):
        return False
    return practice.status in Practice.EDITABLE_STATES


def can_propose_revision(user, practice: Practice) -> bool:
    """Published practices are changed through a reviewed copy."""
    if not is_local(practice):
        return False
    if practice.status != Practice.Status.PUBLISHED:
        return False
    return is_owner_side(user, practice) or is_moderator(user)


def can_discard_revision(user, practice: Practice) -> bool:
    """An abandoned update of a published practice (not while it is in review) may be thrown away
    by whoever may propose one: the owner side or moderators."""
    revision = practice.revisions.first()
    if revision is None or revision.status not in Practice.EDITABLE_STATES:
        return False
    return can_propose_revision(user, practice)


def can_submit(user, practice: Practice) -> bool:
    if not is_local(practice):
        return False
    return practice.status in Practice.EDITABLE_STATES and is_owner_side(user, practice)


def can_review(user, practice: Practice) -> bool:
    return is_moderator(user)


def can_approve(user, practice: Practice) -> bool:
    """Four eyes: a moderator never publishes a practice of their own organisation, nor their own
    (for an update, neither the copy's author nor the published practice's)."""
    if not is_local(practice):
        return False
    if not can_review(user, practice):
        return False
    if belongs_to(user, practice.organisation_id):
        return False
    authors = {practice.author_id, practice.revision_of.author_id if practice.revision_of is not None else None}
    return user.pk not in authors and not edited_in_review(user, practice)


def edited_in_review(user, practice: Practice) -> bool:
    """Whether ``user`` changed the text of ``practice`` since it was last submitted: four eyes
    cover a moderator's edits too (``services.practice_update`` audits them as ``EDIT_IN_REVIEW``),
    so another moderator approves the text they wrote. A new submission starts a new review."""
    if not signed_in(user):
        return False
    events = AuditEvent.objects.filter(target_type=Practice._meta.model_name, target_id=practice.pk)
    submitted = events.filter(action="practice.submit").order_by("-pk").values("pk")[:1]
    return events.filter(action=EDIT_IN_REVIEW, actor=user, pk__gt=Coalesce(Subquery(submitted), 0)).exists()


def can_resolve_findings(user, practice: Practice) -> bool:
    """Redacting only removes data, so the owner side may do it while the practice is in review too."""
    if not is_local(practice):
        return False
    if is_moderator(user):
        return True
    return is_owner_side(user, practice) and practice.status in (*Practice.EDITABLE_STATES, Practice.Status.SUBMITTED)


def names_who_resolved(user, practice: Practice, resolver) -> bool:
    """Whether ``user`` may be told who resolved a finding of ``practice`` (a second resolution,
    from a page read before, is refused saying so): moderators, who read who reviewed what; the
    practice's own side only when one of its own did. Nothing the practice's side reads names the
    moderator who reviewed it (pages, e-mails), so a refusal does not either."""
    if resolver is None:
        return False
    return is_moderator(user) or is_owner_side(resolver, practice)


def can_manage(user, practice: Practice) -> bool:
    """The practice's curators, the owner side or moderators: visibility changes, and reading
    its findings, review comments, import warnings and pending revision."""
    return is_moderator(user) or is_owner_side(user, practice)


# From the narrowest readership to the widest.
READERSHIP = (Practice.Visibility.ORGANISATION, Practice.Visibility.MEMBERS, Practice.Visibility.PUBLIC)


def widens(practice: Practice, visibility: str) -> bool:
    """Whether ``visibility`` lets more people read ``practice`` than its current setting."""
    return READERSHIP.index(visibility) > READERSHIP.index(practice.visibility)


def visibility_needs_review(practice: Practice, visibility: str) -> bool:
    """Widening who reads a published practice goes through review (an update with the wider
    setting, approved by a moderator); narrowing it applies at once."""
    return practice.is_published and widens(practice, visibility)


def can_see_contact(user, practice: Practice) -> bool:
    """Contact details are for practitioners the portal vouches for: approved members of verified
    organisations (not applicants, former members or any signed-in account), moderators, and
    the practice's own side."""
    if is_verified_member(user):
        return True
    return can_manage(user, practice)


def can_withdraw(user, practice: Practice) -> bool:
    if not is_local(practice):
        return False
    if practice.status != Practice.Status.PUBLISHED:
        return False
    return is_moderator(user) or is_organisation_admin(user, practice.organisation_id)


def chooses_featured(user) -> bool:
    """Who chooses the featured practices (and sees them all, in the moderation pages): moderators."""
    return is_moderator(user)


def can_feature(user, practice: Practice) -> bool:
    """Featuring on the home page (or stopping it) is the moderators' curation, of the portal's own
    published practices (not an update in progress, nor a copy another portal shares)."""
    if not is_local(practice) or practice.revision_of_id is not None:
        return False
    if practice.status != Practice.Status.PUBLISHED:
        return False
    return chooses_featured(user)


def reads_as_any_reader(user, practice: Practice) -> bool:
    """Whether ``user`` reads the published ``practice`` as every other reader of their reader scope
    does (contact details aside): neither its own side nor a moderator, who see its editing tools,
    findings, review comments and pending updates. Only such a reading is kept and shared."""
    if practice.status != Practice.Status.PUBLISHED or practice.revision_of_id is not None:
        return False
    if can_manage(user, practice) or can_edit(user, practice) or can_propose_revision(user, practice):
        return False
    return not can_withdraw(user, practice)
