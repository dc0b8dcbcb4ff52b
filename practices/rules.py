"""Who may do what with a practice: the one place for these rules.

Reading is decided by ``practices.selectors`` from the same roles (see
``portal.access``); writes are decided here. Each rule fails closed.
"""

from portal.access import belongs_to, is_moderator, is_organisation_admin
from practices.models import Practice


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_contribute(user) -> bool:
    """Writing practices needs an approved membership of an organisation."""
    return _signed_in(user) and user.organisation is not None


def is_owner_side(user, practice: Practice) -> bool:
    """The author while still a member of the practice's organisation, or that organisation's admin."""
    if not _signed_in(user):
        return False
    if is_organisation_admin(user, practice.organisation_id):
        return True
    return practice.author_id == user.pk and belongs_to(user, practice.organisation_id)


def can_edit(user, practice: Practice) -> bool:
    """Editing the working text: the owner side while it is theirs to change, moderators while in review."""
    if is_moderator(user):
        return practice.status in (*Practice.EDITABLE_STATES, Practice.Status.SUBMITTED)
    if not is_owner_side(user, practice):
        return False
    return practice.status in Practice.EDITABLE_STATES


def can_propose_revision(user, practice: Practice) -> bool:
    """Published practices are changed through a reviewed copy."""
    if practice.status != Practice.Status.PUBLISHED:
        return False
    return is_owner_side(user, practice) or is_moderator(user)


def can_submit(user, practice: Practice) -> bool:
    return practice.status in Practice.EDITABLE_STATES and is_owner_side(user, practice)


def can_review(user, practice: Practice) -> bool:
    return is_moderator(user)


def can_resolve_findings(user, practice: Practice) -> bool:
    """Redacting only removes data, so the owner side may do it while the practice is in review too."""
    if is_moderator(user):
        return True
    return is_owner_side(user, practice) and practice.status in (*Practice.EDITABLE_STATES, Practice.Status.SUBMITTED)


def can_manage(user, practice: Practice) -> bool:
    """Visibility changes: the owner side or moderators."""
    return is_moderator(user) or is_owner_side(user, practice)


def can_withdraw(user, practice: Practice) -> bool:
    if practice.status != Practice.Status.PUBLISHED:
        return False
    return is_moderator(user) or is_organisation_admin(user, practice.organisation_id)


def can_see_contact(user, practice: Practice) -> bool:
    """Contact details are personal data: signed-in readers only, never public output."""
    return _signed_in(user)
