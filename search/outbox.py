"""Writing search changes to the outbox, inside the caller's transaction."""

from django.db import transaction

from practices.indexing import is_indexable
from search.models import OutboxEntry


def practice_changed(practice) -> OutboxEntry:
    """Record that ``practice`` must be (re)indexed or removed from the search engines.

    Call it inside the transaction that changes the practice: if the change
    rolls back, so does the outbox row.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("practice_changed() must run inside the transaction that changes the practice.")
    action = OutboxEntry.Action.INDEX if is_indexable(practice) else OutboxEntry.Action.DELETE
    return OutboxEntry.objects.create(practice_id=practice.pk, action=action)
