"""What ``manage.py federation_status`` reports (and the admin could show)."""

from typing import Any

from django.conf import settings

from federation.copies import copies_of
from federation.models import Delivery, Peer, PullState, SkippedItem
from federation.peer_models import NO_PRACTICE
from federation.pull import origin_of
from federation.signing import clock_note


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _delivery(delivery: Delivery) -> dict[str, Any]:
    return {
        "kind": delivery.kind,
        "practice": str(delivery.practice_uuid) if delivery.practice_uuid != NO_PRACTICE else None,
        "attempts": delivery.attempts,
        "next_attempt_at": _iso(delivery.next_attempt_at),
        "last_error": delivery.last_error,
    }


SKIPPED_SHOWN = 5  # the latest items refused, with why (all of them in the admin)


def _skipped(item: SkippedItem) -> dict[str, Any]:
    return {"uuid": item.uuid, "skipped_at": _iso(item.skipped_at), "error": item.error[:500]}


def peer_status(peer: Peer) -> dict[str, Any]:
    state = PullState.objects.filter(peer=peer).first() or PullState(peer=peer)
    pending = Delivery.objects.filter(peer=peer, delivered_at__isnull=True)
    return {
        "name": peer.name,
        "url": peer.base_url,
        "state": peer.state,
        "feed_id": state.feed_id,
        "cursor": state.cursor,
        "latest": state.latest,
        "lag": max(state.latest - state.cursor, 0),
        "last_attempt_at": _iso(state.last_attempt_at),
        "last_success_at": _iso(state.last_success_at),
        "next_pull_at": _iso(state.next_pull_at),
        "last_error": state.last_error,
        "failures": state.failures,
        "copies_held": copies_of(origin_of(peer)).filter(status="published").count(),
        "copies_served": peer.ledger.count(),
        "pending_deliveries": pending.count(),
        "pending_receipts": pending.filter(kind=Delivery.Kind.RECEIPT).count(),
        "pending": [_delivery(delivery) for delivery in pending.order_by("next_attempt_at")[:20]],
        "skipped_items": SkippedItem.objects.filter(peer=peer).count(),
        "skipped": [_skipped(item) for item in SkippedItem.objects.filter(peer=peer).order_by("-pk")[:SKIPPED_SHOWN]],
        "receipts_received": peer.receipts.count(),
        "clock_offset": peer.clock_offset,
        "clock_measured_at": _iso(peer.clock_measured_at),
        "clock_warning": clock_note(peer.clock_offset),
    }


def federation_status() -> dict[str, Any]:
    return {"url": settings.PORTAL_URL, "peers": [peer_status(peer) for peer in Peer.objects.order_by("name")]}
