"""Keeping search engines in step with the collections' items.

Two paths (docs/SEARCH.md, "Keeping the index in sync"):

- Engines whose index lives in the portal's database (``database``) are written
  by ``apply_in_transaction``, which ``search.outbox`` calls in the very transaction
  that changes the item: the index commits or rolls back with it, and a reader never
  sees a published practice missing from search.
- Engines elsewhere (Elasticsearch) are fed by ``manage.py search_worker``
  (search/worker.py) from the outbox rows.

Every write carries the outbox row's id as the document version.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import Max

from search.backends import local_engines
from search.collections import Collection
from search.embedding import store
from search.models import OutboxEntry

REBUILD_CHUNK = 200


def apply_in_transaction(collection: Collection, entry: OutboxEntry, item: Any | None) -> None:
    """Write ``entry``'s change of ``item`` into every in-database engine, at version ``entry.pk``."""
    engines = local_engines()
    if not engines and not collection.embedded_fields:
        return
    indexed = entry.action == OutboxEntry.Action.INDEX and item is not None
    document = collection.build(item, version=entry.pk) if indexed else None
    # A stored vector (and its sentences) of another text than the new one goes now; the
    # worker embeds the new text (search/embedding/store.py).
    store.invalidate(collection, entry.document_id, document)
    for backend in engines:
        if document is None:
            backend.delete(collection, entry.document_id, entry.pk)
        else:
            backend.index(collection, [document])


def snapshot_version() -> int:
    """The version of a rebuild: every outbox row up to it is already in the database we read."""
    return OutboxEntry.objects.aggregate(top=Max("id"))["top"] or 0


def all_documents(collection: Collection, version: int) -> Iterator[dict[str, Any]]:
    """Every indexable document of ``collection``, read in chunks, at ``version``."""
    candidates = collection.candidates()
    items = candidates.iterator(chunk_size=REBUILD_CHUNK) if hasattr(candidates, "iterator") else iter(candidates)
    for item in items:
        if collection.is_indexable(item):
            yield collection.build(item, version=version)
