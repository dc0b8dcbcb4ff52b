"""Reads for the moderation pages, and their access functions.

Each function fails closed: anyone but a moderator gets a 404 (the pages are
not revealed), a ``PermissionDenied`` never. The practice itself is read
through ``practices.selectors.practice_for_user``, the one reading rule.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from portal.access import is_moderator
from portal.models import AuditEvent, Membership, Organisation, User
from practices.models import Finding, Practice
from practices.selectors import practice_for_user


def _require_moderator(user) -> None:
    if not is_moderator(user):
        raise Http404


def practice_for_review(*, user, pk: int) -> Practice:
    """The practice ``pk`` for a moderator's review page; 404 for anyone else."""
    _require_moderator(user)
    practice = practice_for_user(user=user, pk=pk)
    return practice


def finding_for_review(*, user, practice_pk: int, pk: int) -> Finding:
    """A finding of practice ``practice_pk`` for a moderator; 404 for anyone else or another practice."""
    practice = practice_for_review(user=user, pk=practice_pk)
    finding = practice.findings.filter(pk=pk).first()
    if finding is None:
        raise Http404
    finding.practice = practice
    return finding


def audit_events(
    *,
    user,
    action: str = "",
    actor_id: int | None = None,
    organisation_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit log, newest first, narrowed by the filters given."""
    _require_moderator(user)
    events = AuditEvent.objects.select_related("actor", "organisation")
    if action:
        events = events.filter(action=action)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if organisation_id:
        events = events.filter(organisation_id=organisation_id)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events.order_by("-created_at", "-pk")


def audit_actions(*, user) -> list[str]:
    _require_moderator(user)
    return sorted(set(AuditEvent.objects.values_list("action", flat=True).distinct()))


def audit_actors(*, user) -> QuerySet[User]:
    """People who appear in the audit log as actors."""
    _require_moderator(user)
    return User.objects.filter(pk__in=AuditEvent.objects.filter(actor__isnull=False).values("actor_id")).order_by(
        "display_name", "pk"
    )


def organisations_for_moderation(*, user, status: str = "", name: str = "") -> QuerySet[Organisation]:
    """Organisations with their count of pending membership requests.

    ``status``: "unverified", "verified" or "pending" (with requests waiting).
    """
    _require_moderator(user)
    organisations = Organisation.objects.select_related("type").annotate(
        pending_requests=Count("memberships", filter=Q(memberships__state=Membership.State.REQUESTED)),
        members=Count("memberships", filter=Q(memberships__state=Membership.State.APPROVED)),
    )
    if status == "unverified":
        organisations = organisations.filter(verified=False)
    elif status == "verified":
        organisations = organisations.filter(verified=True)
    elif status == "pending":
        organisations = organisations.filter(pending_requests__gt=0)
    if name:
        organisations = organisations.filter(name__icontains=name)
    return organisations.order_by("verified", "name")


def organisation_for_moderator(*, user, pk: int) -> Organisation:
    _require_moderator(user)
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation
