"""Writing search changes to the outbox, inside the caller's transaction.

The ``database`` engine's index is in the same database, so its change is applied
right here, in the same transaction (search/sync.py); the outbox row is for the
engines elsewhere, which ``manage.py search_worker`` feeds.
"""

from django.db import transaction

from practices.indexing import is_indexable
from search.models import OutboxEntry
from search.sync import apply_in_transaction


def practice_changed(practice) -> OutboxEntry:
    """Record that ``practice`` must be (re)indexed or removed from the search engines.

    Call it inside the transaction that changes the practice: if the change
    rolls back, so does the outbox row.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("practice_changed() must run inside the transaction that changes the practice.")
    action = OutboxEntry.Action.INDEX if is_indexable(practice) else OutboxEntry.Action.DELETE
    entry = OutboxEntry.objects.create(practice_id=practice.pk, action=action)
    apply_in_transaction(practice, entry)
    return entry
