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
from typing import Any

from django.db import transaction

from search import collections
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
