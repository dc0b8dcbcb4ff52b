"""Federation, the peer side: how far this portal has pulled each origin's feed, what it
could not apply, the receipts it owes, and the notices it pushes. (Imported by
federation/models.py, which holds the origin side.)
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

NO_PRACTICE = uuid.UUID(int=0)


class PullState(models.Model):
    """Where this portal stands in a peer's change feed, and how pulling it goes."""

    peer = models.OneToOneField("federation.Peer", on_delete=models.CASCADE, related_name="pull_state")
    feed_id = models.CharField(_("feed"), max_length=64, blank=True)
    cursor = models.PositiveBigIntegerField(_("cursor"), default=0)
    latest = models.PositiveBigIntegerField(_("latest event at the origin"), default=0)
    requested = models.BooleanField(_("pull requested"), default=False, help_text=_("A 'changed' notice arrived."))
    last_attempt_at = models.DateTimeField(_("last pull"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last successful pull"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    next_pull_at = models.DateTimeField(_("next pull"), null=True, blank=True)
    last_check_at = models.DateTimeField(_("last manifest check"), null=True, blank=True)

    class Meta:
        verbose_name = _("pull state")
        verbose_name_plural = _("pull states")

    def __str__(self) -> str:
        return f"{self.peer_id} at {self.cursor}"


class SkippedItem(models.Model):
    """A feed item this portal could not apply (malformed, or not holdable here)."""

    peer = models.ForeignKey("federation.Peer", on_delete=models.CASCADE, related_name="skipped_items")
    cursor = models.PositiveBigIntegerField(_("page cursor"))
    uuid = models.CharField(_("item"), max_length=64, blank=True)
    error = models.TextField(_("why"))
    skipped_at = models.DateTimeField(_("skipped"), auto_now_add=True)

    class Meta:
        ordering = ["-skipped_at"]
        verbose_name = _("skipped item")
        verbose_name_plural = _("skipped items")

    def __str__(self) -> str:
        return f"{self.uuid or '?'} from {self.peer_id}"


class Delivery(models.Model):
    """Something this portal must post to a peer until it is accepted: a receipt for a
    withdrawal it applied, or a notice (withdraw, revoke-all) it pushes as an origin.
    Retried at 10 s, 30 s, 1 min, 2 min, then every 5 min (federation.worker)."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        WITHDRAW = "withdraw", _("Withdraw notice")
        REVOKE_ALL = "revoke-all", _("Revoke-all notice")
        CHANGED = "changed", _("Changed notice")

    peer = models.ForeignKey("federation.Peer", on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The nil uuid for a message about no one practice (revoke-all, changed): never NULL, so the
    # unique constraint below holds for them too.
    practice_uuid = models.UUIDField(_("practice"), default=NO_PRACTICE)
    event = models.PositiveBigIntegerField(_("event"), default=0)
    body = models.JSONField(_("what is posted"), default=dict)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["next_attempt_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["peer", "kind", "practice_uuid", "event"], name="one_delivery_per_message")
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.peer_id}"
