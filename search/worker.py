"""Draining the outbox into the engines outside the database (``manage.py search_worker``).

Rows are taken in id order, in batches, under a short lease (``next_attempt_at``
moved ahead) so two workers do not take the same rows; PostgreSQL also skips rows
another worker has locked. Each document is written in its current state with
the newest row's id as version, so replays and out-of-order writes are harmless.

When an engine fails, the batch is not marked done: each row gets one more
attempt, the error, and a next attempt after an exponential backoff. Nothing is
lost; the engine catches up when it is back. Rows are only ever marked processed.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from search import collections, embedding, generation
from search.backends import outbox_engines
from search.backends.base import SearchBackend
from search.embedding import store
from search.models import OutboxEntry

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
LEASE = timedelta(minutes=5)
FIRST_DELAY = timedelta(seconds=5)
MAX_DELAY = timedelta(hours=1)


@dataclass
class DrainReport:
    processed: int = 0
    failed: int = 0
    error: str = ""


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s... doubling with each failed attempt, at most an hour."""
    doublings = min(max(0, attempts - 1), 20)  # 2**20 * 5 s is far past the cap already
    return min(MAX_DELAY, FIRST_DELAY * 2**doublings)


def _due(now: datetime):
    waiting = OutboxEntry.objects.filter(processed_at__isnull=True)
    return waiting.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)).order_by("id")


def claim(now: datetime, limit: int = BATCH_SIZE) -> list[OutboxEntry]:
    with transaction.atomic():
        entries = list(_due(now).select_for_update(skip_locked=True)[:limit])
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(next_attempt_at=now + LEASE)
    return entries


def _apply(backend: SearchBackend, entries: list[OutboxEntry]) -> None:
    """Write each document in its current state, whatever the row asked: a row says that
    something changed; the database says what is true now. Rows find their collection
    through the registry (search/collections.py), by their ``kind``."""
    for kind in dict.fromkeys(entry.kind for entry in entries):
        collection = collections.by_kind(kind)
        newest = {entry.document_id: entry for entry in entries if entry.kind == kind}  # rows come in id order
        found = collection.load(list(newest))
        documents = []
        for document_id, entry in newest.items():
            item = found.get(document_id)
            if item is not None and collection.is_indexable(item):
                documents.append(collection.build(item, version=entry.pk))
            else:
                backend.delete(collection, document_id, entry.pk)
        if documents:
            backend.index(collection, store.attach(collection, documents))


def _failed(entries: list[OutboxEntry], message: str, now: datetime) -> None:
    for entry in entries:
        entry.attempts += 1
        entry.next_attempt_at = now + backoff(entry.attempts)
        entry.last_error = message[:2000]
        entry.save(update_fields=["attempts", "next_attempt_at", "last_error"])


def _embed(entries: list[OutboxEntry]) -> str:
    """Store the vectors of the rows' documents (hybrid search), those of removed documents
    deleted; returns the error ("" when all succeeded or the collection is not embedded)."""
    for kind in dict.fromkeys(entry.kind for entry in entries):
        collection = collections.by_kind(kind)
        if not store.embeds(collection):
            continue
        if not embedding.is_loaded() and not store.load_model():
            return "embeddings: the model could not be loaded"
        newest = {entry.document_id: entry for entry in entries if entry.kind == kind}
        try:
            found = collection.load(list(newest))
            indexed = {pk: item for pk, item in found.items() if collection.is_indexable(item)}
            store.remove(collection, [pk for pk in newest if pk not in indexed])
            store.refresh(collection, [collection.build(item, version=newest[pk].pk) for pk, item in indexed.items()])
        except Exception as error:  # noqa: BLE001 - a failing model delays the rows; the worker keeps running
            logger.warning("Embedding outbox rows %s..%s failed: %s", entries[0].pk, entries[-1].pk, error)
            return f"embeddings: {type(error).__name__}: {error}"
    return ""


def process(entries: list[OutboxEntry], engines: dict[str, SearchBackend], now: datetime) -> str:
    """Store the documents' vectors, then apply ``entries`` to every engine; returns the error
    ("" when all succeeded). When embedding fails the engines are still written (a removal
    must not wait for a model) and the rows are delayed, to be embedded and written again."""
    embedding_error = _embed(entries)
    for name, backend in engines.items():
        try:
            _apply(backend, entries)
            generation.engines_changed()  # results kept from this engine go (search/generation.py)
        except Exception as error:  # noqa: BLE001 - any engine failure delays the rows; the worker keeps running
            logger.warning(
                "Search engine %s failed on outbox rows %s..%s: %s", name, entries[0].pk, entries[-1].pk, error
            )
            message = f"{name}: {type(error).__name__}: {error}"
            _failed(entries, message, now)
            return message
    if embedding_error:
        _failed(entries, embedding_error, now)
        return embedding_error
    OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
        processed_at=now, next_attempt_at=None, last_error=""
    )
    return ""


def drain(*, engines: dict[str, SearchBackend] | None = None, batch_size: int = BATCH_SIZE) -> DrainReport:
    """Process every due row, batch by batch; stop at the first failing batch."""
    engines = outbox_engines() if engines is None else engines
    report = DrainReport()
    while entries := claim(timezone.now(), batch_size):
        error = process(entries, engines, timezone.now())
        if error:
            report.failed += len(entries)
            report.error = error
            break
        report.processed += len(entries)
    return report
