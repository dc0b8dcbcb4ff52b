"""Writing search changes to the outbox, inside the caller's transaction.

The ``database`` engine's index is in the same database, so its change is applied
right here, in the same transaction (search/sync.py); the outbox row is for the
engines elsewhere, which ``manage.py search_worker`` feeds.

Practices call ``practice_changed`` from their services. Network posts reach the
outbox through the signals of ``network.indexing`` (``post_changed``,
``posts_removed``), which search/apps.py connects to ``post_changed`` and
``posts_removed`` here: the network app never imports the search layer.
"""

from django.db import transaction

from network.indexing import is_indexable as post_is_indexable
from practices.indexing import is_indexable
from search.models import OutboxEntry
from search.sync import apply_in_transaction, apply_post_in_transaction, delete_post_in_transaction

Kind, Action = OutboxEntry.Kind, OutboxEntry.Action


def _require_transaction(what: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{what}() must run inside the transaction that makes the change.")


def practice_changed(practice) -> OutboxEntry:
    """Record that ``practice`` must be (re)indexed or removed from the search engines.

    Call it inside the transaction that changes the practice: if the change
    rolls back, so does the outbox row.
    """
    _require_transaction("practice_changed")
    action = Action.INDEX if is_indexable(practice) else Action.DELETE
    entry = OutboxEntry.objects.create(kind=Kind.PRACTICE, document_id=practice.pk, action=action)
    apply_in_transaction(practice, entry)
    return entry


def post_changed(post) -> OutboxEntry:
    """Record that a network post must be (re)indexed, or removed when it is no longer
    indexable (hidden, deleted, in a case room)."""
    _require_transaction("post_changed")
    action = Action.INDEX if post_is_indexable(post) else Action.DELETE
    entry = OutboxEntry.objects.create(kind=Kind.POST, document_id=post.pk, action=action)
    if action == Action.INDEX:
        apply_post_in_transaction(post, entry)
    else:
        delete_post_in_transaction(post.pk, entry)
    return entry


def posts_removed(post_ids) -> list[OutboxEntry]:
    """Record that these posts leave the search engines (hidden, deleted, purged)."""
    _require_transaction("posts_removed")
    entries = OutboxEntry.objects.bulk_create(
        [OutboxEntry(kind=Kind.POST, document_id=pk, action=Action.DELETE) for pk in post_ids]
    )  # ids are returned on SQLite and PostgreSQL
    for entry in entries:
        delete_post_in_transaction(entry.document_id, entry)
    return entries


def on_post_changed(sender, post, **kwargs) -> None:
    post_changed(post)


def on_posts_removed(sender, post_ids, **kwargs) -> None:
    posts_removed(post_ids)
