"""What a peer may hold: the one rule for sharing (``shared_with``), and the messages built
from it. Nothing here writes; the feed's ledger bookkeeping is in ``federation.services``.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from federation.models import FeedEvent, LedgerEntry, Peer, ReceivedReceipt
from federation.schema import ManifestEntry, Notice, Organisation, PracticeItem, Tombstone
from practices.models import KeyTheme, Practice, TargetAudience

# Fields of a practice that never leave the instance are simply never loaded for federation.
_LOADED = (
    "id",
    "uuid",
    "status",
    "visibility",
    "revision_of",
    "published_at",
    "updated_at",
    "withdrawn_at",
    "organisation",
    *(name for name in PracticeItem.model_fields if hasattr(Practice, name) and name != "organisation"),
)


def share_delay() -> timedelta:
    return timedelta(seconds=settings.FEDERATION_SHARE_DELAY)


# Copies of other instances' practices carry their uuid at the origin (Practice.origin_uuid,
# empty for our own); until that field exists (peer side), every practice is our own.
COPY_FIELD = "origin_uuid"


def _is_copy_field_present() -> bool:
    try:
        Practice._meta.get_field(COPY_FIELD)
    except FieldDoesNotExist:
        return False
    return True


def local_practices() -> QuerySet[Practice]:
    """Our own practices (not proposed edits). Copies of other instances' practices are never
    shared on: the origin's ledger must list every copy."""
    queryset = Practice.objects.filter(revision_of__isnull=True)
    if _is_copy_field_present():
        queryset = queryset.filter(**{f"{COPY_FIELD}__isnull": True})
    return queryset


def shared_with(peer: Peer, *, now: datetime | None = None) -> QuerySet[Practice]:
    """Every practice ``peer`` may hold now: the one sharing rule, each condition on its own line."""
    if not peer.is_active:
        return Practice.objects.none()
    return local_practices().filter(
        status=Practice.Status.PUBLISHED,
        visibility__in=[level for level in peer.share_levels if level != Practice.Visibility.ORGANISATION],
        published_at__lte=(now or timezone.now()) - share_delay(),
    )


def _with_content(queryset: QuerySet[Practice]) -> QuerySet[Practice]:
    return (
        queryset.only(*_LOADED, "organisation__name", "organisation__type__code")
        .select_related("organisation__type")
        .prefetch_related(
            Prefetch("key_themes", queryset=KeyTheme.objects.only("code")),
            Prefetch("target_audiences", queryset=TargetAudience.objects.only("code")),
        )
        .annotate(version=Max("versions__number"))
    )


def practice_item(practice: Practice, *, event: int = 0) -> PracticeItem:
    """The allowlisted fields of ``practice`` (loaded through ``_with_content``)."""
    plain = {
        name: getattr(practice, name)
        for name in PracticeItem.model_fields
        if hasattr(Practice, name) and name not in ("organisation", "country", "key_themes", "target_audiences")
    }
    return PracticeItem(
        **plain,
        event=event,
        url=settings.PORTAL_URL + practice.get_absolute_url(),
        version=getattr(practice, "version", None) or 1,
        country=practice.country.code if practice.country else "",
        key_themes=[term.code for term in practice.key_themes.all()],
        target_audiences=[term.code for term in practice.target_audiences.all()],
        organisation=Organisation(name=practice.organisation.name, type=practice.organisation.type.code),
    )


def shared_items(peer: Peer, practice_ids: list[int]) -> dict[int, Practice]:
    """Those of ``practice_ids`` that ``peer`` may hold, loaded for ``practice_item``."""
    return {practice.pk: practice for practice in _with_content(shared_with(peer).filter(pk__in=practice_ids))}


def tombstone(practice: Practice, *, event: int, at: datetime) -> Tombstone:
    return Tombstone(event=event, uuid=practice.uuid, withdrawn_at=practice.withdrawn_at or at)


def latest_event() -> int:
    return FeedEvent.objects.aggregate(latest=Max("id"))["latest"] or 0


def feed_events(peer: Peer, *, cursor: int, limit: int) -> list[FeedEvent]:
    return list(FeedEvent.objects.filter(for_peer(peer), id__gt=cursor).order_by("id")[:limit])


def for_peer(peer: Peer) -> Q:
    """Events for every peer, and those for ``peer`` only."""
    return Q(peer__isnull=True) | Q(peer=peer)


def manifest_entries(peer: Peer) -> list[ManifestEntry]:
    rows = shared_with(peer).annotate(version=Max("versions__number")).values_list("uuid", "version", "updated_at")
    return [ManifestEntry(uuid=uuid, version=version or 1, updated_at=updated) for uuid, version, updated in rows]


def copies_to_withdraw(peer: Peer) -> QuerySet[LedgerEntry]:
    """Ledger entries of ``peer`` whose practice it may no longer hold and that it has not
    confirmed purging (no receipt for the latest event of that practice)."""
    shared = shared_with(peer).values("uuid")
    return LedgerEntry.objects.filter(peer=peer).exclude(practice_uuid__in=shared)


def notices_owed(peer: Peer) -> list[Notice]:
    """The ``withdraw`` notices to push to ``peer`` (fedpeer's worker sends them, retrying until
    the receipt arrives): one per copy it holds of a practice no longer shared with it."""
    if not peer.is_active:
        return []
    now = timezone.now()
    notices = []
    for entry in copies_to_withdraw(peer).select_related("practice"):
        event = entry.tombstone_event or _last_event_of(entry)
        if ReceivedReceipt.objects.filter(peer=peer, practice_uuid=entry.practice_uuid, event__gte=event).exists():
            continue
        withdrawn_at = entry.tombstoned_at or (entry.practice.withdrawn_at if entry.practice else None) or now
        notices.append(
            Notice(
                type="withdraw",
                origin=settings.PORTAL_URL,
                sent_at=now,
                uuid=entry.practice_uuid,
                event=event,
                withdrawn_at=withdrawn_at,
            )
        )
    return notices


def _last_event_of(entry: LedgerEntry) -> int:
    if entry.practice_id is None:
        return 0
    events = FeedEvent.objects.filter(for_peer(entry.peer), practice_id=entry.practice_id)
    return events.order_by("-id").values_list("id", flat=True).first() or 0


def peers_behind() -> QuerySet[Peer]:
    """Active peers whose last feed read ended before the newest event: due a ``changed`` notice."""
    return Peer.objects.filter(state=Peer.State.ACTIVE, served_cursor__lt=latest_event())


def changed_notice() -> Notice:
    return Notice(type="changed", origin=settings.PORTAL_URL, sent_at=timezone.now())


def revoke_all_notice() -> Notice:
    return Notice(type="revoke-all", origin=settings.PORTAL_URL, sent_at=timezone.now())
