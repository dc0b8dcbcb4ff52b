"""Draining the outbox into the engines outside the database (``manage.py search_worker``).

Rows are taken in id order, in batches, under a short lease (``next_attempt_at``
moved ahead) so two workers do not take the same rows; PostgreSQL also skips rows
another worker has locked. Each document is written in its current state with
the newest row's id as version, so replays and out-of-order writes are harmless.

When an engine fails, the batch is not marked done: each row gets one more
attempt, the error, and a next attempt after an exponential backoff. Nothing is
lost; the engine catches up when it is back. Rows are only ever marked processed.
When the engine answers but refuses some documents (a bulk item's error), only their
rows are delayed, marked ``refused``; the others are done.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from search import collections, embedding, generation
from search.backends import outbox_engines
from search.backends.base import DocumentsRefused, SearchBackend
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


def _apply(backend: SearchBackend, entries: list[OutboxEntry]) -> tuple[set[tuple[str, int]], str]:
    """Write each document in its current state, whatever the row asked: a row says that
    something changed; the database says what is true now. Rows find their collection
    through the registry (search/collections.py), by their ``kind``. Returns the documents
    the engine refused, as (kind, id), with its first message; any other failure raises."""
    refused: set[tuple[str, int]] = set()
    messages: list[str] = []

    def refusing(kind: str, write) -> None:
        try:
            write()
        except DocumentsRefused as error:
            refused.update((kind, document_id) for document_id in error.ids)
            messages.append(str(error))

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
                refusing(kind, lambda: backend.delete(collection, document_id, entry.pk))  # noqa: B023 (called at once)
        if documents:
            refusing(kind, lambda: backend.index(collection, store.attach(collection, documents)))  # noqa: B023
    return refused, messages[0] if messages else ""


def _failed(entries: list[OutboxEntry], message: str, now: datetime, *, refused: bool = False) -> None:
    for entry in entries:
        entry.attempts += 1
        entry.next_attempt_at = now + backoff(entry.attempts)
        entry.last_error = message[:2000]
        entry.refused = refused
        entry.save(update_fields=["attempts", "next_attempt_at", "last_error", "refused"])


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


@dataclass
class Outcome:
    """What became of a batch: ``delayed`` rows (all of them when ``error`` stopped the batch)."""

    delayed: int = 0
    error: str = ""
    stopped: bool = False  # an engine or the model failed: the worker waits before the next batch


def process(entries: list[OutboxEntry], engines: dict[str, SearchBackend], now: datetime) -> Outcome:
    """Store the documents' vectors, then apply ``entries`` to every engine. When embedding
    fails the engines are still written (a removal must not wait for a model) and the rows are
    delayed, to be embedded and written again; when an engine fails, every row is delayed;
    when it refuses documents, their rows alone."""
    embedding_error = _embed(entries)
    refused: set[tuple[str, int]] = set()
    refusal = ""
    for name, backend in engines.items():
        try:
            by_engine, message = _apply(backend, entries)
            generation.engines_changed()  # results kept from this engine go (search/generation.py)
        except Exception as error:  # noqa: BLE001 - any engine failure delays the rows; the worker keeps running
            logger.warning(
                "Search engine %s failed on outbox rows %s..%s: %s", name, entries[0].pk, entries[-1].pk, error
            )
            message = f"{name}: {type(error).__name__}: {error}"
            _failed(entries, message, now)
            return Outcome(delayed=len(entries), error=message, stopped=True)
        if by_engine:
            logger.warning("Search engine %s refused %s document(s): %s", name, len(by_engine), message)
            refused |= by_engine
            refusal = refusal or f"{name}: {message}"
    if embedding_error:
        _failed(entries, embedding_error, now)
        return Outcome(delayed=len(entries), error=embedding_error, stopped=True)
    held = [entry for entry in entries if (entry.kind, entry.document_id) in refused]
    if held:
        _failed(held, refusal, now, refused=True)
    OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries if entry not in held]).update(
        processed_at=now, next_attempt_at=None, last_error="", refused=False
    )
    return Outcome(delayed=len(held), error=refusal)


def drain(*, engines: dict[str, SearchBackend] | None = None, batch_size: int = BATCH_SIZE) -> DrainReport:
    """Process every due row, batch by batch; stop at the first batch an engine or the model
    failed (documents an engine refused are delayed alone, and the worker goes on)."""
    engines = outbox_engines() if engines is None else engines
    report = DrainReport()
    while entries := claim(timezone.now(), batch_size):
        outcome = process(entries, engines, timezone.now())
        report.processed += len(entries) - outcome.delayed
        report.failed += outcome.delayed
        report.error = outcome.error or report.error
        if outcome.stopped:
            break
    return report
