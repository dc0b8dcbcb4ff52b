"""The audit log: one function writes it, inside the caller's transaction."""

from django.db import transaction

from portal.models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    target,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    organisation=None,
) -> AuditEvent:
    """Append an audit event. Pass codes and identifiers only: never personal data."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside the transaction it records.")
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.model_name,
        target_id=target.pk,
        organisation=organisation,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )
