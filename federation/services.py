"""Writes of the origin side: the feed (events appended in the practice's transaction, in
commit order), what we serve (recorded in the ledger), peers and their agreements, receipts.
"""

import logging
import re
import uuid as uuid_module
from datetime import datetime
from urllib.parse import urlsplit
from uuid import UUID

import jwt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError as SchemaError

from federation import keys, selectors
from federation.models import (
    SHAREABLE_LEVELS,
    Feed,
    FeedEvent,
    LedgerEntry,
    Peer,
    PendingRelease,
    ReceivedReceipt,
)
from federation.schema import FeedPage, HoldingsCheck, Manifest, PracticeItem, ReceiptClaims, Tombstone
from portal.audit import audit_record
from practices.models import Practice

logger = logging.getLogger(__name__)

# Any constant: the feed's lock for PostgreSQL's pg_advisory_xact_lock ("PVEF").
FEED_LOCK = 0x50564546
PAGE_SIZE = 100
FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


# The feed ------------------------------------------------------------------------------------


def _lock_feed() -> None:
    """Hold the feed's lock until the transaction ends, so event ids commit in id order (SQLite
    serialises writers by itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FEED_LOCK])


@transaction.atomic
def feed_event_append(*, practice: Practice, peer: Peer | None = None) -> FeedEvent:
    _lock_feed()
    return FeedEvent.objects.create(practice=practice, peer=peer)


def _is_copy(practice: Practice) -> bool:
    return getattr(practice, selectors.COPY_FIELD, None) is not None


def practice_changed(sender, *, practice: Practice, **kwargs) -> None:
    """Receiver of ``practices.signals.practice_changed``, in the practice's transaction. A new
    publication waits FEDERATION_SHARE_DELAY in PendingRelease; every other change of a
    practice that was ever published is an event (the feed serves its state when asked)."""
    if practice.revision_of_id is not None or practice.published_at is None or _is_copy(practice):
        return
    if practice.status != Practice.Status.PUBLISHED:
        PendingRelease.objects.filter(practice=practice).delete()
    elif practice.published_at > timezone.now() - selectors.share_delay():
        due_at = practice.published_at + selectors.share_delay()
        PendingRelease.objects.update_or_create(practice=practice, defaults={"due_at": due_at})
        return
    feed_event_append(practice=practice)


def feed_release_due(*, now: datetime | None = None) -> int:
    """Append the events of publications whose share delay has passed; how many. Runs before
    the feed is read and from the worker; concurrent runs release each practice once."""
    released = 0
    due = PendingRelease.objects.filter(due_at__lte=now or timezone.now()).values_list("pk", "practice_id")
    for pk, practice_id in list(due):
        with transaction.atomic():
            _lock_feed()
            deleted, _kinds = PendingRelease.objects.filter(pk=pk).delete()
            if deleted:
                FeedEvent.objects.create(practice_id=practice_id)
                released += 1
    return released


def current_feed() -> Feed:
    feed = Feed.objects.order_by("pk").first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return Feed.objects.create(pk=1)
    except IntegrityError:
        return Feed.objects.get(pk=1)


@transaction.atomic
def feed_restart() -> Feed:
    """A new ``feed_id``: every peer starts again from cursor 0 and drops what the manifest does
    not list. Run after restoring a backup (event ids after it would be reused)."""
    feed = current_feed()
    feed.feed_id = uuid_module.uuid4()
    feed.save(update_fields=["feed_id"])
    audit_record(actor=None, action="federation.feed_restart", target=feed)
    return feed


def feed_serve(*, peer: Peer, cursor: int, limit: int = PAGE_SIZE) -> FeedPage:
    """The page of the feed after ``cursor`` for ``peer``: each practice once, as its current
    state for this peer (an item, a tombstone if it holds a copy, or nothing). The ledger
    records what was served."""
    feed_release_due()
    feed = current_feed()
    events = selectors.feed_events(peer, cursor=cursor, limit=limit)
    last = {event.practice_id: event for event in events}
    entries = _entries(peer, sorted(last.values(), key=lambda event: event.pk))
    next_cursor = events[-1].pk if events else cursor
    latest = max(selectors.latest_event(), next_cursor if events else 0)
    Peer.objects.filter(pk=peer.pk).update(served_cursor=next_cursor, last_served_at=timezone.now())
    return FeedPage(feed_id=feed.feed_id, items=entries, next_cursor=next_cursor, latest=latest)


def _entries(peer: Peer, events: list[FeedEvent]) -> list[PracticeItem | Tombstone]:
    ids = [event.practice_id for event in events]
    shared = selectors.shared_items(peer, ids)
    held = dict(
        LedgerEntry.objects.filter(peer=peer, practice_id__in=set(ids) - set(shared)).values_list(
            "practice_id", "practice_uuid"
        )
    )
    withdrawn = dict(Practice.objects.filter(pk__in=held).values_list("pk", "withdrawn_at"))
    entries: list[PracticeItem | Tombstone] = []
    for event in events:
        if event.practice_id in shared:
            item = _item_or_none(shared[event.practice_id], event=event.pk)
            if item is not None:
                entries.append(item)
        elif event.practice_id in held:
            at = withdrawn.get(event.practice_id) or event.created_at
            entries.append(Tombstone(event=event.pk, uuid=held[event.practice_id], withdrawn_at=at))
    ledger_record(peer=peer, served=entries, practices=shared)
    return entries


def _item_or_none(practice: Practice, *, event: int) -> PracticeItem | None:
    """The item, or None (logged) when the practice does not fit the schema: one odd practice
    must not stop the feed."""
    try:
        return selectors.practice_item(practice, event=event)
    except SchemaError:
        logger.exception("Practice %s does not fit the federation schema; not served", practice.pk)
        return None


def ledger_record(*, peer: Peer, served: list[PracticeItem | Tombstone], practices: dict[int, Practice]) -> None:
    """Remember every item served to ``peer`` (the list of its copies) and every tombstone."""
    now = timezone.now()
    by_uuid = {practice.uuid: practice for practice in practices.values()}
    copies = [
        LedgerEntry(
            peer=peer,
            practice=by_uuid[entry.uuid],
            practice_uuid=entry.uuid,
            version=entry.version,
            last_served_at=now,
        )
        for entry in served
        if isinstance(entry, PracticeItem)
    ]
    if copies:
        LedgerEntry.objects.bulk_create(
            copies,
            update_conflicts=True,
            unique_fields=["peer", "practice_uuid"],
            update_fields=["version", "last_served_at", "tombstone_event", "tombstoned_at"],
        )
    for entry in served:
        if isinstance(entry, Tombstone):
            LedgerEntry.objects.filter(peer=peer, practice_uuid=entry.uuid).update(
                tombstone_event=entry.event, tombstoned_at=entry.withdrawn_at
            )


def item_serve(*, peer: Peer, uuid: UUID) -> PracticeItem | Tombstone | None:
    """One practice for ``peer``: its state if shared, a tombstone if it holds a copy, else None."""
    practice = Practice.objects.filter(uuid=uuid).only("pk", "withdrawn_at").first()
    if practice is None:
        return None
    shared = selectors.shared_items(peer, [practice.pk])
    entry: PracticeItem | Tombstone
    if shared:
        event = FeedEvent.objects.filter(selectors.for_peer(peer), practice=practice).order_by("-id").first()
        item = _item_or_none(shared[practice.pk], event=event.pk if event else 0)
        if item is None:
            return None
        entry = item
    elif LedgerEntry.objects.filter(peer=peer, practice_uuid=uuid).exists():
        event = FeedEvent.objects.filter(selectors.for_peer(peer), practice=practice).order_by("-id").first()
        entry = Tombstone(
            event=event.pk if event else 0, uuid=uuid, withdrawn_at=practice.withdrawn_at or timezone.now()
        )
    else:
        return None
    ledger_record(peer=peer, served=[entry], practices=shared)
    return entry


def manifest_serve(*, peer: Peer) -> Manifest:
    feed_release_due()
    return Manifest(
        feed_id=current_feed().feed_id, latest=selectors.latest_event(), items=selectors.manifest_entries(peer)
    )


def holdings_check(*, peer: Peer, held: set[UUID]) -> HoldingsCheck:
    """Check a peer's report of its copies against the ledger: what it must drop, what it holds
    that we never served it (logged: a copy that should not exist), and, in the ledger, the
    copies it no longer holds."""
    shared = set(selectors.shared_with(peer).values_list("uuid", flat=True))
    served = set(LedgerEntry.objects.filter(peer=peer).values_list("practice_uuid", flat=True))
    unknown = held - served
    if unknown:
        logger.warning("Peer %s holds %d copies we never served it", peer.base_url, len(unknown))
    gone = LedgerEntry.objects.filter(peer=peer, tombstoned_at__isnull=True).exclude(practice_uuid__in=held)
    gone.update(tombstoned_at=timezone.now())
    return HoldingsCheck(held=len(held), drop=sorted(held - shared), unknown=sorted(unknown))


# Peers ----------------------------------------------------------------------------------------


def _clean_levels(levels: list[str]) -> list[str]:
    unknown = set(levels) - set(SHAREABLE_LEVELS)
    if unknown:
        raise ValidationError(
            _("Unknown levels: %(unknown)s (use %(levels)s).")
            % {"unknown": ", ".join(sorted(unknown)), "levels": ", ".join(SHAREABLE_LEVELS)}
        )
    return [level for level in SHAREABLE_LEVELS if level in levels]


def _clean_base_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValidationError(_("A peer's address is its PORTAL_URL, such as https://portal.example.org."))
    return url.strip().rstrip("/")


@transaction.atomic
def peer_add(
    *, base_url: str, fingerprint: str, share_levels: list[str], accept_levels: list[str], name: str = ""
) -> Peer:
    """Register a peer whose key fingerprint its operator confirmed to ours out of band."""
    base_url = _clean_base_url(base_url)
    fingerprint = fingerprint.strip().lower().replace(":", "")
    if not FINGERPRINT.match(fingerprint):
        raise ValidationError(_("A fingerprint is 64 hexadecimal characters (federation_identity prints it)."))
    if base_url == settings.PORTAL_URL:
        raise ValidationError(_("This is our own address."))
    peer = Peer.objects.filter(base_url=base_url).first()
    if peer is not None and peer.state != Peer.State.REMOVED:
        raise ValidationError(_("This peer is already registered."))
    peer = peer or Peer(base_url=base_url)  # a removed peer comes back with its ledger
    peer.name = name.strip() or peer.name or urlsplit(base_url).netloc
    peer.fingerprint, peer.keys, peer.keys_fetched_at = fingerprint, [], None
    peer.share_levels, peer.accept_levels = _clean_levels(share_levels), _clean_levels(accept_levels)
    peer.state, peer.removed_at, peer.revoke_pending = Peer.State.ACTIVE, None, False
    peer.save()
    audit_record(actor=None, action="federation.peer_add", target=peer, to_state=",".join(peer.share_levels))
    _announce_holdings(peer)
    return peer


def _announce_holdings(peer: Peer) -> None:
    """Events for ``peer`` alone for every practice it may hold or holds: its agreement changed."""
    ids = set(selectors.shared_with(peer).values_list("pk", flat=True))
    ids |= set(LedgerEntry.objects.filter(peer=peer, practice__isnull=False).values_list("practice_id", flat=True))
    _lock_feed()
    FeedEvent.objects.bulk_create([FeedEvent(practice_id=pk, peer=peer) for pk in sorted(ids)])


@transaction.atomic
def peer_set_agreement(*, peer: Peer, share_levels: list[str], accept_levels: list[str]) -> Peer:
    """Change what we share with ``peer`` and accept from it. Narrowing is a withdrawal of what
    it may no longer hold (served as tombstones, pushed as notices); widening shares more."""
    peer.share_levels, peer.accept_levels = _clean_levels(share_levels), _clean_levels(accept_levels)
    peer.save(update_fields=["share_levels", "accept_levels"])
    audit_record(actor=None, action="federation.peer_agreement", target=peer, to_state=",".join(peer.share_levels))
    _announce_holdings(peer)
    return peer


@transaction.atomic
def peer_remove(*, peer: Peer) -> Peer:
    """Stop exchanging with ``peer``: it is refused from now on, and a ``revoke-all`` notice
    (drop every copy of our practices) is due until delivered (``peer_revocation_delivered``)."""
    from_state = peer.state
    peer.state, peer.removed_at, peer.revoke_pending = Peer.State.REMOVED, timezone.now(), True
    peer.save(update_fields=["state", "removed_at", "revoke_pending"])
    audit_record(actor=None, action="federation.peer_remove", target=peer, from_state=from_state, to_state=peer.state)
    return peer


@transaction.atomic
def peer_revocation_delivered(*, peer: Peer) -> None:
    Peer.objects.filter(pk=peer.pk).update(revoke_pending=False)
    LedgerEntry.objects.filter(peer=peer, tombstoned_at__isnull=True).update(tombstoned_at=timezone.now())


@transaction.atomic
def peer_set_state(*, peer: Peer, state: str) -> Peer:
    """Suspend or resume a peer (a removed peer stays removed: add it again)."""
    if peer.state == Peer.State.REMOVED or state not in (Peer.State.ACTIVE, Peer.State.SUSPENDED):
        raise ValidationError(_("A removed peer cannot be suspended or resumed."))
    audit_record(actor=None, action="federation.peer_state", target=peer, from_state=peer.state, to_state=state)
    peer.state = state
    peer.save(update_fields=["state"])
    if peer.is_active:  # what changed while it was suspended reaches it whatever its cursor
        _announce_holdings(peer)
    return peer


# Receipts ---------------------------------------------------------------------------------------


class ReceiptRefused(Exception):
    """A receipt we do not accept; the message says why."""


def _receipt_claims(peer: Peer, token: str) -> ReceiptClaims:
    try:
        kid = jwt.get_unverified_header(token).get("kid", "")
        public = keys.peer_public_key(peer, kid)
        claims = jwt.decode(
            token,
            public,
            algorithms=["EdDSA"],
            audience=settings.PORTAL_URL,
            issuer=peer.base_url,
            options={"require": ["iss", "aud", "iat"]},
        )
        return ReceiptClaims.model_validate(claims)
    except (jwt.PyJWTError, keys.UntrustedKey, SchemaError) as exc:
        raise ReceiptRefused(f"invalid receipt: {exc}") from exc


@transaction.atomic
def receipt_record(*, peer: Peer, token: str) -> ReceivedReceipt:
    """Verify and keep, verbatim, ``peer``'s receipt for one of its copies (idempotent)."""
    claims = _receipt_claims(peer, token)
    if not LedgerEntry.objects.filter(peer=peer, practice_uuid=claims.item).exists():
        raise ReceiptRefused("no copy of this practice was served to you")
    applied_at = datetime.fromtimestamp(claims.applied_at, tz=timezone.get_current_timezone())
    receipt, _created = ReceivedReceipt.objects.get_or_create(
        peer=peer,
        practice_uuid=claims.item,
        event=claims.event,
        defaults={"applied_at": applied_at, "jws": token},
    )
    LedgerEntry.objects.filter(peer=peer, practice_uuid=claims.item, tombstoned_at__isnull=True).update(
        tombstoned_at=applied_at
    )
    return receipt
