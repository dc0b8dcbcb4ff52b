"""Readable labels for the audit log's codes (actions, targets, states)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import Membership
from practices.models import Practice

ACTIONS = {
    "practice.create": _("Practice created"),
    "practice.import": _("Practice imported"),
    "practice.submit": _("Submitted for review"),
    "practice.request_changes": _("Changes requested"),
    "practice.reject": _("Rejected"),
    "practice.publish": _("Published"),
    "practice.publish_update": _("Update published"),
    "practice.withdraw": _("Withdrawn"),
    "practice.visibility": _("Readership changed"),
    "practice.evidence_level": _("Evidence level set"),
    "practice.revision_start": _("Edit of a published practice started"),
    "practice.revision_discard": _("Edit of a published practice discarded"),
    "finding.redact": _("Personal data redacted"),
    "finding.dismiss": _("Finding marked as not personal data"),
    "membership.request": _("Asked to join an organisation"),
    "membership.decide": _("Membership request decided"),
    "membership.leave": _("Left an organisation"),
    "membership.remove": _("Member removed"),
    "membership.role": _("Role changed"),
    "organisation.verify": _("Organisation verification changed"),
}

TARGETS = {
    "practice": _("Practice"),
    "membership": _("Membership"),
    "organisation": _("Organisation"),
    "user": _("Account"),
}

STATES = {
    **dict(Practice.Status.choices),
    **dict(Practice.Visibility.choices),
    **dict(Practice.EvidenceLevel.choices),
    **dict(Membership.State.choices),
    **dict(Membership.Role.choices),
    "True": _("Verified"),
    "False": _("Not verified"),
}


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def state_label(code: str) -> str:
    return str(STATES.get(code, code))


def target_label(target_type: str, target_id: int) -> dict:
    """``{"label": "Practice #12", "url": ...}``; only practices link (to their review page)."""
    label = f"{TARGETS.get(target_type, target_type)} #{target_id}"
    url = reverse("moderation:review", kwargs={"pk": target_id}) if target_type == "practice" else ""
    return {"label": label, "url": url}
