"""What this portal posts to its peers until they accept it: receipts for the withdrawals it
applied (as a peer) and ``withdraw`` / ``revoke-all`` notices (as an origin).

Each message is a ``Delivery`` row written in the transaction that makes it due, then posted
by ``deliver_due`` (right after a pull, and by every loop of ``manage.py federation_worker``),
retried at 10 s, 30 s, 1 min, 2 min, then every 5 min, forever, until the peer answers 2xx.
"""

import uuid as uuid_module
from datetime import datetime, timedelta

import jwt
import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from federation import keys
from federation.models import Delivery, FeedEvent, LedgerEntry, Peer
from federation.signing import SignatureRefused, signed_request
from practices.models import Practice

RETRY_DELAYS = (10, 30, 60, 120)  # seconds after the 1st, 2nd, 3rd, 4th failed attempt
RETRY_EVERY = 300  # seconds, from the 5th failed attempt on
PATHS = {
    Delivery.Kind.RECEIPT: "/federation/receipts",
    Delivery.Kind.WITHDRAW: "/federation/inbox",
    Delivery.Kind.REVOKE_ALL: "/federation/inbox",
}


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failed attempts."""
    if attempts < 1:
        return timedelta(0)
    return timedelta(seconds=RETRY_DELAYS[attempts - 1] if attempts <= len(RETRY_DELAYS) else RETRY_EVERY)


def _owe(*, peer: Peer, kind: str, uuid: uuid_module.UUID | None, event: int, body: dict) -> Delivery:
    """Record a message once (the same withdrawal applied twice owes one receipt)."""
    try:
        with transaction.atomic():
            return Delivery.objects.create(
                peer=peer, kind=kind, practice_uuid=uuid, event=event, body=body, next_attempt_at=timezone.now()
            )
    except IntegrityError:
        return Delivery.objects.get(peer=peer, kind=kind, practice_uuid=uuid, event=event)


def receipt_jws(*, peer: Peer, uuid: uuid_module.UUID, event: int, applied_at: datetime) -> str:
    """A compact JWS (EdDSA, our current key as ``kid``) saying we purged our copy."""
    key = keys.current_key()
    claims = {
        "iss": settings.PORTAL_URL,
        "aud": peer.base_url,
        "item": str(uuid),
        "event": event,
        "applied_at": int(applied_at.timestamp()),
        "iat": int(timezone.now().timestamp()),
    }
    return jwt.encode(claims, keys.private_key_of(key), algorithm="EdDSA", headers={"kid": keys.own_key_id(key)})


def receipt_owed(*, peer: Peer, uuid: uuid_module.UUID, event: int, applied_at: datetime) -> Delivery:
    body = {"receipt": receipt_jws(peer=peer, uuid=uuid, event=event, applied_at=applied_at)}
    return _owe(peer=peer, kind=Delivery.Kind.RECEIPT, uuid=uuid, event=event, body=body)


def _notice(kind: str, **fields) -> dict:
    body = {"type": kind, "origin": settings.PORTAL_URL, "sent_at": timezone.now().isoformat()}
    body.update({name: value for name, value in fields.items() if value is not None})
    return body


def withdraw_notice_owed(*, peer: Peer, uuid: uuid_module.UUID, event: int, withdrawn_at: datetime) -> Delivery:
    body = _notice("withdraw", uuid=str(uuid), event=event, withdrawn_at=withdrawn_at.isoformat())
    return _owe(peer=peer, kind=Delivery.Kind.WITHDRAW, uuid=uuid, event=event, body=body)


def revoke_all_owed(*, peer: Peer) -> Delivery:
    return _owe(peer=peer, kind=Delivery.Kind.REVOKE_ALL, uuid=None, event=0, body=_notice("revoke-all"))


def _unshared(peer: Peer) -> QuerySet[LedgerEntry]:
    """The peer's copies (per the ledger) of practices no longer shared with it: withdrawn,
    deleted, narrowed, or outside its agreement now."""
    shared = Q(
        practice__status=Practice.Status.PUBLISHED,
        practice__revision_of__isnull=True,
        practice__visibility__in=peer.share_levels,
    )
    return peer.ledger.exclude(shared).select_related("practice")


def _withdrawal_event(entry: LedgerEntry) -> int:
    """The feed event that withdrew the copy: the practice's newest event, as its tombstone says."""
    newest = FeedEvent.objects.filter(practice_id=entry.practice_id).order_by("-id").values_list("id", flat=True)
    return entry.tombstone_event or (newest.first() if entry.practice_id else None) or 0


def withdrawals_schedule() -> int:
    """As an origin: owe a ``withdraw`` notice to every peer the ledger says holds a copy of a
    practice no longer shared with it, until it sends a receipt. Returns the notices added."""
    owed = 0
    for peer in Peer.objects.exclude(state=Peer.State.REMOVED):
        for entry in _unshared(peer):
            event = _withdrawal_event(entry)
            if peer.receipts.filter(practice_uuid=entry.practice_uuid, event__gte=event).exists():
                continue
            if peer.deliveries.filter(kind=Delivery.Kind.WITHDRAW, practice_uuid=entry.practice_uuid).exists():
                continue
            practice = entry.practice
            withdrawn_at = (practice.withdrawn_at if practice else None) or entry.tombstoned_at or timezone.now()
            withdraw_notice_owed(peer=peer, uuid=entry.practice_uuid, event=event, withdrawn_at=withdrawn_at)
            owed += 1
    return owed


def _answered(delivery: Delivery) -> bool:
    """A withdraw notice whose receipt came back (through a pull) needs no more pushing."""
    if delivery.kind != Delivery.Kind.WITHDRAW:
        return False
    return delivery.peer.receipts.filter(practice_uuid=delivery.practice_uuid, event__gte=delivery.event).exists()


def _post(delivery: Delivery) -> str:
    """Post one message; '' when the peer accepted it, else why not."""
    url = delivery.peer.base_url.rstrip("/") + PATHS[Delivery.Kind(delivery.kind)]
    try:
        response = signed_request(delivery.peer, "POST", url, json=delivery.body)
    except (requests.RequestException, SignatureRefused, ValueError) as exc:
        return str(exc) or type(exc).__name__
    if 200 <= response.status_code < 300:
        return ""
    return f"{response.status_code}: {response.text[:200]}"


def deliver(delivery: Delivery) -> bool:
    error = "" if _answered(delivery) else _post(delivery)
    now = timezone.now()
    if not error:
        delivery.delivered_at, delivery.last_error = now, ""
    else:
        delivery.attempts += 1
        delivery.last_error = error[:500]
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    delivery.save(update_fields=["delivered_at", "last_error", "attempts", "next_attempt_at"])
    return not error


def deliver_due(*, peer: Peer | None = None, limit: int = 100) -> tuple[int, int]:
    """Post what is due (to ``peer`` only, if given): (delivered, failed)."""
    due = Delivery.objects.filter(delivered_at__isnull=True, next_attempt_at__lte=timezone.now())
    if peer is not None:
        due = due.filter(peer=peer)
    delivered = failed = 0
    for delivery in due.select_related("peer").order_by("next_attempt_at")[:limit]:
        if deliver(delivery):
            delivered += 1
        else:
            failed += 1
    return delivered, failed
