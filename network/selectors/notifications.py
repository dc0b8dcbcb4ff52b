"""Reads of notifications and the unread badge."""

from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from network import access
from network.mentions import prime_memberships
from network.models import REPORT_KINDS, NetworkMembership, Notification
from network.selectors.members import _usable_invitations, _verified_address
from network.selectors.threads import Visible
from portal.access import holds_moderator_role, signed_in
from portal.models import Membership, User

# Notifications -----------------------------------------------------------------------------


def notifications_for(*, user, network_ids: list[int] | None = None) -> QuerySet[Notification]:
    """The user's notifications from networks they still belong to, of posts still visible (a
    handled report whatever became of its post).
    ``network_ids``: ``access.network_ids_for_member(user)``, when the caller has it already."""
    if network_ids is None:
        network_ids = access.network_ids_for_member(user)
    return (
        Notification.objects.filter(recipient_id=user.pk, post__thread__network_id__in=network_ids)
        .filter(Q(post__state=Visible) | Q(kind__in=REPORT_KINDS))
        .select_related("post", "post__author", "post__thread", "post__thread__network")
        .order_by("-created_at", "-pk")
    )


def named_notifications(notifications) -> list[Notification]:
    rows = list(notifications)
    prime_memberships([n.post.author for n in rows if n.post.author])
    return rows


def unread_notification_count(*, user, network_ids: list[int] | None = None) -> int:
    return notifications_for(user=user, network_ids=network_ids).filter(read_at__isnull=True).count()


def _count(queryset: QuerySet) -> Coalesce:
    """``SELECT COUNT(*)`` of ``queryset`` as a subquery (no GROUP BY)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), Value(0))


def _live_network_ids(user) -> QuerySet:
    """In SQL, what ``access.network_ids_for_member`` gives: active memberships of open networks."""
    open_network = (
        Q(network__is_case_room=False)
        | Q(network__access_ends_on__isnull=True)
        | Q(network__access_ends_on__gte=timezone.localdate())
    )
    rows = NetworkMembership.objects.filter(user_id=user.pk, state=NetworkMembership.State.ACTIVE)
    return rows.filter(open_network).values("network_id")


def _portal_access(user) -> Q:
    """In SQL, ``access.may_use_networks``: the moderator flag, or an approved membership of a
    verified organisation."""
    if holds_moderator_role(user):
        return Q()
    approved = Membership.objects.filter(
        user_id=OuterRef("pk"), state=Membership.State.APPROVED, organisation__verified=True
    )
    return Q(Exists(approved))


def unread_badge_count(*, user) -> int:
    """The header's badge: unread mentions and replies (as on the notifications page) plus
    invitations waiting for an answer, in one query; nothing asked of anonymous visitors."""
    if not signed_in(user):
        return 0
    notes = Notification.objects.filter(
        recipient_id=user.pk,
        read_at__isnull=True,
        post__thread__network_id__in=_live_network_ids(user),
    ).filter(Q(post__state=Visible) | Q(kind__in=REPORT_KINDS))
    invitations = _usable_invitations().filter(_verified_address(user))
    total = (
        User.objects.filter(pk=user.pk, is_active=True)
        .filter(_portal_access(user))
        .annotate(total=_count(notes) + _count(invitations))
        .values_list("total", flat=True)
        .first()
    )
    return total or 0
