"""The audit log in words: one mapping from the codes the services write to sentences.

An event's sentence comes from ``SENTENCES``: first the key "action:to_state" (a decision
whose outcome is the sentence, "Report dismissed"), then the action alone. States are
shown as words in the context of what they belong to (a report's "hidden" is not a post's).

Codes written by the network app are spelled out here as plain strings: this module may
not import ``network`` (a higher layer). tests/practices/test_moderation_audit_labels.py
checks that every code written anywhere in the code base has a sentence here.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import Membership
from practices.models import Finding, Practice

SENTENCES = {
    # Practices
    "practice.create": _("Practice created"),
    "practice.import": _("Practice imported from a document"),
    "practice.submit": _("Practice submitted for review"),
    "practice.edit_in_review": _("Text of a practice in review changed by a moderator"),
    "practice.request_changes": _("Changes requested on a practice"),
    "practice.reject": _("Practice rejected"),
    "practice.publish": _("Practice published"),
    "practice.publish_update": _("Update of a practice published"),
    "practice.withdraw": _("Practice withdrawn"),
    "practice.feature": _("Practice featured on the home page"),
    "practice.unfeature": _("Practice no longer featured on the home page"),
    "practice.visibility": _("Readership of a practice changed"),
    "practice.evidence_level": _("Evidence level of a practice set"),
    "practice.revision_start": _("Edit of a published practice started"),
    "practice.revision_discard": _("Edit of a published practice discarded"),
    "finding.redact": _("Personal data redacted"),
    "finding.dismiss": _("Finding marked as not personal data"),
    # Organisations and their members
    "membership.request": _("Membership requested"),
    "membership.decide": _("Membership request decided"),
    "membership.decide:approved": _("Membership approved"),
    "membership.decide:declined": _("Membership declined"),
    "membership.decide:banned": _("Membership declined and the requester banned"),
    "membership.leave": _("Member left the organisation"),
    "account.close": _("Account closed by its owner"),
    "membership.remove": _("Member removed from the organisation"),
    "membership.remove:banned": _("Member removed and banned from the organisation"),
    "membership.unban": _("Ban from the organisation lifted"),
    "membership.role": _("Member's role changed"),
    "organisation.verify": _("Organisation verification changed"),
    "organisation.verify:True": _("Organisation verified"),
    "organisation.verify:False": _("Organisation verification withdrawn"),
    # Networks
    "network.create": _("Network created"),
    "network.create:case-room": _("Case room created"),
    "network.settings": _("Network settings changed"),
    "network.member.add": _("Member added to a network"),
    "network.member.leave": _("Member left a network"),
    "network.member.removed": _("Member removed from a network"),
    "network.member.banned": _("Member banned from a network"),
    "network.member.unban": _("Ban lifted"),
    "network.member.role": _("Network role changed"),
    "network.invite": _("Invitation to a network sent"),
    "network.invite.accept": _("Invitation to a network accepted"),
    "network.invite.decline": _("Invitation to a network declined"),
    "network.invite.resend": _("Invitation to a network sent again"),
    "network.invite.revoke": _("Invitation to a network revoked"),
    "network.request": _("Asked to join a network"),
    "network.request.decide": _("Request to join a network decided"),
    "network.request.decide:approved": _("Request to join a network approved"),
    "network.request.decide:declined": _("Request to join a network declined"),
    "network.request.withdraw": _("Request to join a network withdrawn"),
    "network.thread.create": _("Thread started"),
    "network.thread.pin": _("Thread pinned or unpinned"),
    "network.thread.pin:pinned": _("Thread pinned"),
    "network.thread.pin:unpinned": _("Thread unpinned"),
    "network.thread.lock": _("Thread locked or reopened"),
    "network.thread.lock:locked": _("Thread locked"),
    "network.thread.lock:open": _("Thread reopened"),
    "network.post.edit": _("Post edited"),
    "network.post.delete": _("Post deleted by its author"),
    "network.post.hide": _("Post hidden by a moderator"),
    "network.post.restore": _("Post restored"),
    "network.post.report": _("Post reported"),
    "network.report.resolve": _("Report resolved"),
    "network.report.resolve:dismissed": _("Report dismissed"),
    "network.report.resolve:hidden": _("Report upheld: post hidden"),
    "network.case_room.purge": _("Old posts of a case room purged"),
    "federation.feed_restart": _("Federation feed restarted (peers resynchronise)"),
    "federation.peer_add": _("Federation peer added"),
    "federation.peer_agreement": _("Federation peer's agreement changed"),
    "federation.peer_remove": _("Federation peer removed"),
    "federation.peer_state": _("Federation peer suspended or resumed"),
}

TARGETS = {
    "practice": _("Practice"),
    "membership": _("Membership"),
    "organisation": _("Organisation"),
    "user": _("Account"),
    "network": _("Network"),
    "networkmembership": _("Network membership"),
    "invitation": _("Invitation"),
    "joinrequest": _("Request to join a network"),
    "thread": _("Thread"),
    "post": _("Post"),
    "report": _("Report"),
    "feed": _("Federation feed"),
    "peer": _("Federation peer"),
}

_SHARED_STATES = {
    **dict(Practice.Status.choices),
    **dict(Practice.Visibility.choices),
    **dict(Practice.EvidenceLevel.choices),
    "True": _("Verified"),
    "False": _("Not verified"),
}

# target type -> state code -> words. Network codes are spelled out (see the module's note).
STATES = {
    "practice": _SHARED_STATES,
    "organisation": _SHARED_STATES,
    "membership": {**dict(Membership.State.choices), **dict(Membership.Role.choices)},
    "finding": dict(Finding.Status.choices),
    "network": {"case-room": _("Case room")},
    "networkmembership": {
        "active": _("Active"),
        "left": _("Left"),
        "removed": _("Removed"),
        "banned": _("Banned"),
        "member": _("Member"),
        "moderator": _("Network moderator"),
    },
    "invitation": {"sent": _("Sent"), "accepted": _("Accepted")},
    "joinrequest": {
        "pending": _("Waiting"),
        "approved": _("Approved"),
        "declined": _("Declined"),
        "withdrawn": _("Withdrawn"),
    },
    "thread": {"pinned": _("Pinned"), "unpinned": _("Not pinned"), "locked": _("Locked"), "open": _("Open")},
    "post": {"visible": _("Visible"), "deleted": _("Deleted by its author"), "hidden": _("Hidden by a moderator")},
    "report": {"open": _("Open"), "hidden": _("Post hidden"), "dismissed": _("Dismissed")},
}


def _specific(action: str, to_state: str) -> str | None:
    sentence = SENTENCES.get(f"{action}:{to_state}") if to_state else None
    return str(sentence) if sentence is not None else None


def action_label(code: str, to_state: str = "") -> str:
    """The sentence for an event ("Report dismissed"); an unknown code is shown as it is."""
    return _specific(code, to_state) or str(SENTENCES.get(code, code))


def state_label(code: str, target_type: str = "") -> str:
    states = STATES.get(target_type) or _SHARED_STATES
    return str(states.get(code, _SHARED_STATES.get(code, code)))


def change_label(action: str, target_type: str, from_state: str, to_state: str) -> str:
    """The change in words ("from “Submitted for review” to “Published”"); empty when the
    sentence already says it or nothing changed state."""
    if not to_state or _specific(action, to_state):
        return ""
    after = state_label(to_state, target_type)
    if not from_state:
        return str(_("now “%(after)s”")) % {"after": after}
    before = state_label(from_state, target_type)
    return str(_("from “%(before)s” to “%(after)s”")) % {"before": before, "after": after}


def target_label(target_type: str, target_id: int) -> dict:
    """``{"label": "Practice #12", "url": ...}``; only practices link (to their review page)."""
    label = f"{TARGETS.get(target_type, target_type)} #{target_id}"
    url = reverse("moderation:review", kwargs={"pk": target_id}) if target_type == "practice" else ""
    return {"label": label, "url": url}
