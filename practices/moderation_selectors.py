"""Reads for the moderation pages, and their access functions.

Each function fails closed: anyone but a moderator gets a 404 (the pages are
not revealed), a ``PermissionDenied`` never. The practice itself is read
through ``practices.selectors.practice_for_user``, the one reading rule.
"""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from portal.access import is_moderator
from portal.models import AuditEvent, Membership, Organisation, User
from portal.organisation_selectors import email_verified
from practices import rules
from practices.models import Finding, Practice
from practices.selectors import FEATURED_FIRST, practice_for_user, published_readable_by, waiting_since


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


def finding_exists(*, user, pk: int) -> bool:
    """Whether finding ``pk`` exists, of whichever practice: a review page read before a check tells
    a finding gone since (a check deletes the findings whose text has gone) from a wrong address."""
    _require_moderator(user)
    return Finding.objects.filter(pk=pk).exists()


def last_move(*, user, practice: Practice) -> AuditEvent | None:
    """The audited move that brought ``practice`` to the state it is in (who, when), for a
    moderator acting on a page read before it; ``None`` without one."""
    _require_moderator(user)
    moves = AuditEvent.objects.filter(
        target_type=Practice._meta.model_name, target_id=practice.pk, to_state=practice.status
    ).select_related("actor")
    return moves.order_by("-created_at", "-pk").first()


def _featured(user) -> Q:
    """The featured practices: published ones (a withdrawn practice's featuring is cleared, and
    would not count if it were not) with a featuring date."""
    return published_readable_by(user) & Q(featured_at__isnull=False)


def featured_for_moderation(*, user) -> QuerySet[Practice]:
    """Every practice featured now, newest featured first, for those who choose them
    (``rules.chooses_featured``); 404 for anyone else."""
    if not rules.chooses_featured(user):
        raise Http404
    featured = Practice.objects.filter(_featured(user)).select_related("organisation", "featured_by")
    return featured.order_by(*FEATURED_FIRST)


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


# Dashboard ---------------------------------------------------------------------------------

STALE_AFTER_DAYS = 7  # a submission waiting longer than this is pointed out


def practice_counts(*, user) -> dict[str, int]:
    """Practices waiting, keyed by the review queue's filter values (``QUEUE_STATES``;
    ``follow_up``: published with open personal-data findings), and ``stale``: submitted more
    than ``STALE_AFTER_DAYS`` ago (``waiting_since``); ``featured``: featured on the home page. One query."""
    _require_moderator(user)
    Status = Practice.Status
    open_findings = Finding.objects.filter(practice=OuterRef("pk"), status=Finding.Status.OPEN)
    stale_before = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
    counts = {
        state: Count("pk", filter=Q(status=state))
        for state in (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.REJECTED, Status.WITHDRAWN)
    }
    annotated = Practice.objects.annotate(has_open_findings=Exists(open_findings), waiting_since=waiting_since())
    return annotated.aggregate(
        **counts,
        follow_up=Count("pk", filter=Q(status=Status.PUBLISHED, has_open_findings=True)),
        stale=Count("pk", filter=Q(status=Status.SUBMITTED, waiting_since__lte=stale_before)),
        featured=Count("pk", filter=_featured(user)),
    )


def oldest_submissions(*, user, limit: int = 5) -> list[Practice]:
    """The submissions that have waited longest, for the dashboard. One query."""
    _require_moderator(user)
    submitted = Practice.objects.filter(status=Practice.Status.SUBMITTED).select_related("organisation")
    return list(submitted.annotate(waiting_since=waiting_since()).order_by("waiting_since", "pk")[:limit])


def membership_request_counts(*, user) -> dict[str, int]:
    """Requests to join waiting: ``total``, ``unverified`` (the requester has not confirmed
    their email address yet) and ``organisations`` they concern. One query."""
    _require_moderator(user)
    requests = Membership.objects.filter(state=Membership.State.REQUESTED).annotate(verified=email_verified())
    return requests.aggregate(
        total=Count("pk"),
        unverified=Count("pk", filter=Q(verified=False)),
        organisations=Count("organisation", distinct=True),
    )


def organisation_counts(*, user) -> dict[str, int]:
    """``unverified``: organisations a moderator has not verified yet. One query."""
    _require_moderator(user)
    return Organisation.objects.aggregate(unverified=Count("pk", filter=Q(verified=False)))
