"""Writing search changes to the outbox, inside the caller's transaction.

Every collection takes the same path: the app's services call ``document_changed``
(index or re-index an item, or remove it when it is no longer indexable) or
``documents_removed`` (ids that leave the engines) directly, inside the transaction
that makes the change, naming their collection (search/collections.py). A direct call
rather than a signal: the write is visible where it happens, cannot be lost to a
receiver that was not connected, and fails loudly outside a transaction
(docs/SEARCH.md, "Keeping the index in sync").

The ``database`` engine's index is in the same database, so its change is applied
right here, in the same transaction (search/sync.py); the outbox row is for the
engines elsewhere, which ``manage.py search_worker`` feeds.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from search import collections
from search.collections import Collection
from search.models import OutboxEntry
from search.sync import apply_in_transaction

Action = OutboxEntry.Action


def _require_transaction(what: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{what}() must run inside the transaction that makes the change.")


def document_changed(collection: str, item: Any) -> OutboxEntry:
    """Record that ``item`` of ``collection`` must be (re)indexed, or removed when it is no
    longer indexable. Call it inside the transaction that changes the item: if the change
    rolls back, so does the outbox row."""
    _require_transaction("document_changed")
    declared = collections.get(collection)
    action = Action.INDEX if declared.is_indexable(item) else Action.DELETE
    entry = OutboxEntry.objects.create(kind=declared.kind, document_id=item.pk, action=action)
    apply_in_transaction(declared, entry, item)
    return entry


def documents_removed(collection: str, ids: Iterable[int]) -> list[OutboxEntry]:
    """Record that the items ``ids`` of ``collection`` leave the search engines (deleted, purged)."""
    _require_transaction("documents_removed")
    declared = collections.get(collection)
    entries = OutboxEntry.objects.bulk_create(
        [OutboxEntry(kind=declared.kind, document_id=pk, action=Action.DELETE) for pk in ids]
    )  # ids are returned on SQLite and PostgreSQL
    for entry in entries:
        apply_in_transaction(declared, entry, None)
    return entries


@dataclass(frozen=True)
class Pending:
    """The documents of a collection with a change the outbox worker has not applied yet:
    ``ids`` (at most the ``limit`` asked, read oldest first), whether there were more
    (``more``), and when the oldest such change was written (``oldest``, None when none)."""

    ids: frozenset[int]
    more: bool
    oldest: datetime | None


def pending(collection: Collection, *, limit: int) -> Pending:
    """Which documents of ``collection`` an engine fed by the worker (Elasticsearch) may hold in
    a state older than the database's: every one with an unprocessed outbox row, whatever the
    row asks (docs/SEARCH.md, "Between a change and the worker"). A query on the index of
    waiting rows alone (``search_outbox_pending``), at most ``limit`` + 1 rows, and
    one more for the oldest when any waits."""
    waiting = OutboxEntry.objects.filter(processed_at__isnull=True, kind=collection.kind).order_by("created_at")
    ids = list(waiting.values_list("document_id", flat=True)[: limit + 1])
    # One more row read, when any: the oldest change the worker has not written for want of
    # trying. A row the engine refused (its document alone, ``refused``) keeps its document out
    # of reads but does not make the engine "behind": one bad document must not send every read
    # of its collection to the database engine (docs/SEARCH.md, "Between a change and the worker").
    oldest = waiting.filter(refused=False).values_list("created_at", flat=True).first() if ids else None
    return Pending(ids=frozenset(ids[:limit]), more=len(ids) > limit, oldest=oldest)
