"""What this portal posts to its peers until they accept it: receipts for the withdrawals it
applied (as a peer) and ``withdraw`` / ``revoke-all`` notices (as an origin).

Each message is a ``Delivery`` row written in the transaction that makes it due, then posted
by ``deliver_due`` (right after a pull, and by every loop of ``manage.py federation_worker``),
retried at 10 s, 30 s, 1 min, 2 min, then every 5 min, forever, until the peer answers 2xx.
"""

import copy
import uuid as uuid_module
from datetime import datetime, timedelta

import jwt
import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from federation import keys, schema, selectors, services
from federation.models import Delivery, Peer
from federation.peer_models import NO_PRACTICE
from federation.signing import SignatureRefused, signed_request

RETRY_DELAYS = (10, 30, 60, 120)  # seconds after the 1st, 2nd, 3rd, 4th failed attempt
RETRY_EVERY = 300  # seconds, from the 5th failed attempt on
PATHS = {
    Delivery.Kind.RECEIPT: "/federation/receipts",
    Delivery.Kind.WITHDRAW: "/federation/inbox",
    Delivery.Kind.REVOKE_ALL: "/federation/inbox",
    Delivery.Kind.CHANGED: "/federation/inbox",
}


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after ``attempts`` failed attempts."""
    if attempts < 1:
        return timedelta(0)
    return timedelta(seconds=RETRY_DELAYS[attempts - 1] if attempts <= len(RETRY_DELAYS) else RETRY_EVERY)


def _owe(*, peer: Peer, kind: str, uuid: uuid_module.UUID | None, event: int, body: dict) -> tuple[Delivery, bool]:
    uuid = uuid or NO_PRACTICE
    """Record a message once (the same withdrawal applied twice owes one receipt); True if new."""
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                peer=peer, kind=kind, practice_uuid=uuid, event=event, body=body, next_attempt_at=timezone.now()
            )
            return delivery, True
    except IntegrityError:
        return Delivery.objects.get(peer=peer, kind=kind, practice_uuid=uuid, event=event), False


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
    return _owe(peer=peer, kind=Delivery.Kind.RECEIPT, uuid=uuid, event=event, body=body)[0]


def _body(notice: schema.Notice) -> dict:
    return notice.model_dump(mode="json", exclude_none=True)


def withdrawals_schedule() -> int:
    """As an origin: owe a ``withdraw`` notice to every peer the ledger says holds a copy of a
    practice no longer shared with it (``selectors.notices_owed``), until its receipt arrives.
    Returns the notices added."""
    owed = 0
    for peer in Peer.objects.filter(state=Peer.State.ACTIVE):
        for notice in selectors.notices_owed(peer):
            kind, event = Delivery.Kind.WITHDRAW, notice.event or 0
            owed += _owe(peer=peer, kind=kind, uuid=notice.uuid, event=event, body=_body(notice))[1]
    return owed


def changes_announce() -> int:
    """As an origin: a ``changed`` notice to each active peer whose last read of the feed ended
    before the newest event, once per newest event (the peer then pulls)."""
    latest = selectors.latest_event()
    body = _body(selectors.changed_notice())
    peers = selectors.peers_behind()
    for peer in peers:
        _owe(peer=peer, kind=Delivery.Kind.CHANGED, uuid=None, event=latest, body=body)
    return len(peers)


def revocations_schedule() -> None:
    """As an origin: a ``revoke-all`` notice to each peer removed here, until delivered."""
    for peer in Peer.objects.filter(revoke_pending=True):
        body = _body(selectors.revoke_all_notice())
        delivery = _owe(peer=peer, kind=Delivery.Kind.REVOKE_ALL, uuid=None, event=0, body=body)[0]
        if delivery.delivered_at is not None:
            services.peer_revocation_delivered(peer=peer)


def _answered(delivery: Delivery) -> bool:
    """A notice that needs no more pushing: a withdrawal whose receipt came back through a pull,
    a ``changed`` the peer has since read the feed past, anything but revoke-all to a peer no
    longer active (removing it sends revoke-all, which covers every copy)."""
    peer = delivery.peer
    if delivery.kind == Delivery.Kind.REVOKE_ALL or delivery.kind == Delivery.Kind.RECEIPT:
        return False
    if not peer.is_active:
        return True
    if delivery.kind == Delivery.Kind.CHANGED:
        return peer.served_cursor >= delivery.event
    return peer.receipts.filter(practice_uuid=delivery.practice_uuid, event__gte=delivery.event).exists()


def deliveries_settle() -> int:
    """Close the notices that no longer need pushing, due or not (so none lingers as pending)."""
    kinds = [Delivery.Kind.CHANGED, Delivery.Kind.WITHDRAW]
    notices = Delivery.objects.filter(delivered_at__isnull=True, kind__in=kinds)
    settled = [delivery.pk for delivery in notices.select_related("peer") if _answered(delivery)]
    return Delivery.objects.filter(pk__in=settled).update(delivered_at=timezone.now(), last_error="")


def _post(delivery: Delivery) -> str:
    """Post one message; '' when the peer accepted it, else why not."""
    peer = delivery.peer
    if delivery.kind == Delivery.Kind.REVOKE_ALL:
        # We refuse a removed peer's requests, but still check that its answer is its own.
        peer = copy.copy(peer)
        peer.state = Peer.State.ACTIVE
    url = peer.base_url.rstrip("/") + PATHS[Delivery.Kind(delivery.kind)]
    try:
        response = signed_request(peer, "POST", url, json=delivery.body)
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
    deliveries_settle()
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
