"""Pulling an origin's change feed (the peer side): pull is the truth, push is the alarm.

Each page is fetched through ``signing.signed_request`` (signed request, verified response),
each item validated against ``schema`` on its own, and the page's items and the cursor are
committed in one transaction: a pull killed half-way leaves the last whole page applied and
starts again after it. A malformed item is skipped and recorded (``SkippedItem``); the
manifest check fetches it again. A new ``feed_id``, or a cursor past the origin's ``latest``
(a restored backup), starts a full resync: from cursor 0, then the manifest check drops what
the origin no longer shares. A tombstone purges the copy and owes the origin a receipt
(``deliveries``), sent once the page has committed.
"""

import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from pydantic import TypeAdapter
from pydantic import ValidationError as SchemaError

from federation import deliveries, schema
from federation.copies import Origin, copies_drop, copies_of, copy_apply, copy_withdraw, plain_text, unknown_codes
from federation.models import Peer, PullState, SkippedItem
from federation.signing import RefusedByPeer, SignatureRefused, signed_request
from practices.models import Practice

logger = logging.getLogger(__name__)

ENTRY = TypeAdapter(schema.FeedEntry)
# What one item may fail with, its savepoint rolled back: the schema, our model's rules, and what
# the database refuses of its data.
ITEM_ERRORS = (SchemaError, ValidationError, ValueError, ArithmeticError, DataError, IntegrityError)
MAX_PAGES = 1000  # per pull: a peer far behind catches up over several pulls
BACKOFF_CAP = timedelta(hours=1)


class PullFailed(Exception):
    """The origin could not be pulled now (network, refusal, bad signature, bad page); the cursor stays."""


class NotAPeerThere(PullFailed):
    """The origin answered, signed, that it does not know this portal (any more) as its peer."""


# What an origin's signed 401 says when it no longer knows us (federation.signing's refusals).
NOT_A_PEER = ("unknown peer", "is removed", "is suspended")


@dataclass
class PullReport:
    peer: str
    pages: int = 0
    applied: int = 0
    withdrawn: int = 0
    skipped: int = 0
    resynced: bool = False
    errors: list[str] = field(default_factory=list)
    # Why each item was skipped, and what was kept without (unknown codes): for the operator.
    notes: list[str] = field(default_factory=list)


def origin_of(peer: Peer) -> Origin:
    return Origin(portal=peer.base_url, name=peer.name, accepts=frozenset(peer.accept_levels))


def pull_state(peer: Peer) -> PullState:
    return PullState.objects.get_or_create(peer=peer)[0]


def fetch_json(peer: Peer, path: str) -> Any:
    """GET ``path`` on ``peer``, signed both ways; PullFailed unless it answers 200 with JSON."""
    url = peer.base_url.rstrip("/") + path
    try:
        response = signed_request(peer, "GET", url)
    except RefusedByPeer as exc:
        if exc.signed and any(words in exc.reason for words in NOT_A_PEER):
            raise NotAPeerThere(f"{url}: {exc}") from exc
        raise PullFailed(f"{url}: {exc}") from exc
    except (requests.RequestException, SignatureRefused, ValueError) as exc:
        raise PullFailed(f"{url}: {exc}") from exc
    text = response.content.decode("utf-8", errors="replace")  # JSON is UTF-8 (RFC 8259); a bad byte reads as �
    if response.status_code != 200:
        raise PullFailed(f"{url} answered {response.status_code}: {text[:200]}")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise PullFailed(f"{url} answered something that is not JSON ({response.headers.get('Content-Type')})") from exc


def _envelope(data: Any) -> tuple[str, list, int, int]:
    """The page's own fields, checked strictly; its items are validated one by one."""
    if not isinstance(data, dict):
        raise PullFailed(f"malformed feed page: a JSON object is expected, not {type(data).__name__}")
    items = data.get("items")
    if not isinstance(items, list):
        raise PullFailed("malformed feed page: items is not a list")
    if len(items) > schema.MAX_PAGE_ITEMS:
        raise PullFailed(f"malformed feed page: {len(items)} items, at most {schema.MAX_PAGE_ITEMS} allowed")
    try:
        page = schema.FeedPage.model_validate({**data, "items": []})
    except SchemaError as exc:
        raise PullFailed(f"malformed feed page: {exc}") from exc
    if items and not page.next_cursor <= page.latest:
        raise PullFailed(f"malformed feed page: next_cursor {page.next_cursor} is past latest {page.latest}")
    return str(page.feed_id), items, page.next_cursor, page.latest


def _apply_entry(peer: Peer, origin: Origin, raw: Any, report: PullReport) -> None:
    entry = ENTRY.validate_python(raw)
    if isinstance(entry, schema.Tombstone):
        held = copy_withdraw(origin=origin, uuid=entry.uuid, withdrawn_at=entry.withdrawn_at)
        if held is not None:  # the origin's ledger lists this portal: it is owed a receipt
            deliveries.receipt_owed(peer=peer, uuid=entry.uuid, event=entry.event, applied_at=timezone.now())
        report.withdrawn += 1
    else:
        copy = copy_apply(origin=origin, item=entry)
        report.applied += 1
        # a readership this portal does not take withdraws the copy: no codes of it are kept to note
        unknown = unknown_codes(entry) if copy is not None and copy.status != Practice.Status.WITHDRAWN else []
        if unknown:
            _note(report, f"{entry.uuid}: kept without the codes this portal does not know: {', '.join(unknown)}")


def _note(report: PullReport, note: str) -> None:
    report.notes.append(note)
    logger.warning("pulling %s: %s", report.peer, note)


def _skip(peer: Peer, cursor: int, raw: Any, error: Exception, report: PullReport) -> None:
    uuid = plain_text(str(raw.get("uuid", "")))[:64] if isinstance(raw, dict) else ""
    why = plain_text(f"{type(error).__name__}: {error}" if isinstance(error, ArithmeticError) else str(error))
    SkippedItem.objects.create(peer=peer, cursor=cursor, uuid=uuid, error=why[:2000])
    report.skipped += 1
    _note(report, f"skipped {uuid or 'an item'}: {why[:500]}")


@transaction.atomic
def _apply_page(
    peer: Peer, state: PullState, fetched_from: int, page: tuple[list, int, int], report: PullReport
) -> bool:
    """Apply one page and advance the cursor, all or nothing. Under a lock on the pull state:
    when another pull of the same peer moved the cursor meanwhile, nothing is applied (False)."""
    items, next_cursor, latest = page
    current = PullState.objects.select_for_update().get(pk=state.pk)
    if (current.cursor, current.feed_id) != (fetched_from, state.feed_id):
        state.cursor, state.feed_id = current.cursor, current.feed_id
        return False
    origin = origin_of(peer)
    for raw in items:
        try:
            with transaction.atomic():
                _apply_entry(peer, origin, raw, report)
        except ITEM_ERRORS as exc:
            _skip(peer, state.cursor, raw, exc, report)
    state.cursor, state.latest = max(next_cursor, fetched_from), latest
    state.save(update_fields=["cursor", "latest"])
    return True


def _restart(state: PullState, feed_id: str) -> None:
    """Start again from the beginning of the origin's feed ``feed_id`` ('' : whichever it serves)."""
    state.cursor, state.feed_id = 0, feed_id
    state.save(update_fields=["cursor", "feed_id"])


def _restart_needed(state: PullState, feed_id: str, latest: int) -> bool:
    """A new feed, or a cursor past the origin's newest event (it was restored from a backup)."""
    if state.feed_id and state.feed_id != feed_id:
        return True
    return state.cursor > latest


def _pull_pages(peer: Peer, state: PullState, report: PullReport) -> None:
    for _page in range(MAX_PAGES):
        fetched_from = state.cursor
        feed_id, items, next_cursor, latest = _envelope(fetch_json(peer, f"/federation/feed?cursor={fetched_from}"))
        if _restart_needed(state, feed_id, latest):
            if report.resynced:
                raise PullFailed("the origin's feed changed again during a resync")
            report.resynced = True
            _restart(state, feed_id)
            continue
        if not state.feed_id:
            state.feed_id = feed_id
            PullState.objects.filter(pk=state.pk, feed_id="").update(feed_id=feed_id)
        if not _apply_page(peer, state, fetched_from, (items, next_cursor, latest), report):
            continue
        report.pages += 1
        if items and state.cursor <= fetched_from:  # a next link to itself, or back: a loop
            raise PullFailed(
                f"the origin's feed does not advance past cursor {fetched_from} (next_cursor {next_cursor})"
            )
        if not items or state.cursor >= latest:
            return


def peer_pull(*, peer: Peer, full: bool = False) -> PullReport:
    """Pull ``peer``'s feed from this portal's cursor (from 0 with ``full``), then send the
    receipts owed. Raises PullFailed, recorded on the peer's state with its back-off."""
    state = pull_state(peer)
    report = PullReport(peer=peer.name)
    state.last_attempt_at = timezone.now()
    try:
        if full:
            report.resynced = True
            _restart(state, "")
        _pull_pages(peer, state, report)
        if report.resynced:
            manifest_check(peer=peer)
    except NotAPeerThere as exc:
        _hide_copies(peer, state)
        _record_failure(state, str(exc))
        raise
    except (PullFailed, SchemaError) as exc:
        _record_failure(state, str(exc))
        deliveries.deliver_due(peer=peer)
        raise PullFailed(str(exc)) from exc
    except Exception as exc:  # whatever one peer's answers cause is recorded on it and never stops the worker
        logger.exception("pulling %s failed unexpectedly", peer.name)
        _record_failure(state, f"unexpected error: {type(exc).__name__}: {exc}")
        raise PullFailed(f"unexpected error: {type(exc).__name__}: {exc}") from exc
    _record_success(state)
    deliveries.deliver_due(peer=peer)
    return report


@transaction.atomic
def _hide_copies(peer: Peer, state: PullState) -> None:
    """An origin that refuses us as unknown (it removed us, perhaps before its revoke-all
    reached us) no longer vouches for its copies: they are purged, and pulling starts again
    from the beginning should it register us again."""
    copies_drop(origin=origin_of(peer), withdrawn_at=timezone.now())
    _restart(state, "")


def _record_success(state: PullState) -> None:
    now = timezone.now()
    state.last_success_at, state.last_error, state.failures, state.requested = now, "", 0, False
    state.next_pull_at = now + timedelta(seconds=settings.FEDERATION_PULL_INTERVAL)
    state.save()


def _record_failure(state: PullState, error: str) -> None:
    """The cursor stays where the last whole page left it; the next try waits longer each time."""
    state.refresh_from_db(fields=["cursor", "feed_id", "latest"])
    state.failures += 1
    state.last_error = plain_text(error)[:500]
    delay = timedelta(seconds=settings.FEDERATION_PULL_INTERVAL * 2 ** min(state.failures - 1, 6))
    state.next_pull_at = timezone.now() + min(delay, BACKOFF_CAP)
    state.save()


def manifest_check(*, peer: Peer) -> int:
    """Drop the copies the origin no longer lists for this portal, and fetch again what the
    manifest lists newer than held (a skipped item, a missed event). Returns the copies dropped."""
    data = fetch_json(peer, "/federation/manifest")
    try:
        manifest = schema.Manifest.model_validate(data)
    except SchemaError as exc:
        raise PullFailed(f"malformed manifest: {exc}") from exc
    listed = {entry.uuid: entry for entry in manifest.items}
    origin = origin_of(peer)
    held = dict(copies_of(origin).filter(status="published").values_list("origin_uuid", "origin_version"))
    dropped = 0
    for uuid in set(held) - set(listed):
        if uuid is not None:  # copies_of() holds only rows with an origin uuid
            copy_withdraw(origin=origin, uuid=uuid, withdrawn_at=timezone.now())
            dropped += 1
    for uuid, entry in listed.items():
        if uuid not in held or (held[uuid] or 0) < entry.version:
            _fetch_item(peer, origin, uuid)
    return dropped


def holdings_report(*, peer: Peer) -> schema.HoldingsCheck:
    """Tell the origin which of its practices we hold (POST /federation/holdings), purge what
    it says to drop, and return its answer (``unknown``: copies its ledger never served)."""
    origin = origin_of(peer)
    held = [str(uuid) for uuid in copies_of(origin).filter(status="published").values_list("origin_uuid", flat=True)]
    url = peer.base_url.rstrip("/") + "/federation/holdings"
    try:
        response = signed_request(peer, "POST", url, json={"items": held})
        check = schema.HoldingsCheck.model_validate_json(response.content)
    except (requests.RequestException, SignatureRefused, SchemaError, ValueError) as exc:
        raise PullFailed(f"{url}: {exc}") from exc
    for uuid in check.drop:
        copy_withdraw(origin=origin, uuid=uuid, withdrawn_at=timezone.now())
    return check


def daily_check(*, peer: Peer) -> None:
    """Once a day (the worker): the manifest check, then the holdings report."""
    manifest_check(peer=peer)
    holdings_report(peer=peer)
    PullState.objects.filter(peer=peer).update(last_check_at=timezone.now())


def _fetch_item(peer: Peer, origin: Origin, uuid) -> None:
    try:
        item = schema.PracticeItem.model_validate(fetch_json(peer, f"/federation/items/{uuid}"))
        copy_apply(origin=origin, item=item)
    except (PullFailed, *ITEM_ERRORS) as exc:
        SkippedItem.objects.create(peer=peer, cursor=0, uuid=str(uuid), error=plain_text(str(exc))[:2000])
