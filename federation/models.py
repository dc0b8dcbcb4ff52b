"""Federation, the origin side: who we are (keys, feed), who we share with (peers), what
changed (the feed's events), what we served to whom (the ledger) and what they confirmed
(receipts). See docs/FEDERATION.md.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from practices.models import Practice

# The levels of a practice that may travel, narrowest last. Organisation-only practices never do.
SHAREABLE_LEVELS: tuple[str, ...] = (Practice.Visibility.PUBLIC, Practice.Visibility.MEMBERS)


def validate_levels(value) -> None:
    if not isinstance(value, list) or any(level not in SHAREABLE_LEVELS for level in value):
        raise ValidationError(_("Levels are a list of: %(levels)s."), params={"levels": ", ".join(SHAREABLE_LEVELS)})


class InstanceKey(models.Model):
    """One of our Ed25519 keys. The newest signs; each later key is endorsed by a JWS of its
    predecessor, so a peer that pinned an older fingerprint can follow the chain. A replaced
    key stays valid until ``valid_until`` (7 days after the rotation)."""

    generation = models.PositiveIntegerField(_("generation"), unique=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    public_key = models.CharField(_("public key"), max_length=64, help_text=_("Raw key, base64url."))
    # PEM (PKCS#8). Never shown on a page, never served.
    private_key = models.TextField(editable=False)
    endorsement = models.TextField(_("endorsement by the previous key"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-generation"]
        verbose_name = _("instance key")
        verbose_name_plural = _("instance keys")

    def __str__(self) -> str:
        return f"#{self.generation} {self.fingerprint[:16]}"


class Feed(models.Model):
    """Our change feed's identity. A new ``feed_id`` tells every peer to start again from zero."""

    feed_id = models.UUIDField(default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed")

    def __str__(self) -> str:
        return str(self.feed_id)


class Peer(models.Model):
    """Another portal instance we exchange practices with, as its operator agreed with ours."""

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REMOVED = "removed", _("Removed")

    name = models.CharField(_("name"), max_length=200, unique=True)
    base_url = models.URLField(
        _("address"), unique=True, help_text=_("Its PORTAL_URL, e.g. https://portal.example.org")
    )
    fingerprint = models.CharField(
        _("pinned key fingerprint"), max_length=64, help_text=_("Confirmed with its operator out of band.")
    )
    # Keys learnt from its /federation/instance and chained to the pinned one:
    # [{"key_id", "fingerprint", "public_key", "valid_until"}].
    keys = models.JSONField(_("known keys"), default=list, blank=True)
    share_levels = models.JSONField(
        _("levels shared with it"), default=list, validators=[validate_levels], help_text=_("public, members")
    )
    accept_levels = models.JSONField(
        _("levels accepted from it"), default=list, blank=True, validators=[validate_levels]
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    keys_fetched_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    # Where its last feed read ended: behind ``latest``, it is due a ``changed`` notice.
    served_cursor = models.PositiveBigIntegerField(_("feed read up to"), default=0)
    last_served_at = models.DateTimeField(_("last feed read"), null=True, blank=True)
    # A ``revoke-all`` notice still to deliver (set by ``peer_remove``, cleared once delivered).
    revoke_pending = models.BooleanField(_("revocation to deliver"), default=False)
    # Its clock minus ours, in seconds, measured on the last signed exchange with it (the
    # signature's ``created`` against our clock); beyond signing.SKEW its signatures are refused.
    clock_offset = models.FloatField(_("clock offset (s)"), null=True, blank=True)
    clock_measured_at = models.DateTimeField(_("clock offset measured"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("peer")
        verbose_name_plural = _("peers")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE


class FeedEvent(models.Model):
    """Something about a practice changed. The feed serves each event as the practice's current
    state for the asking peer (an item, a tombstone, or nothing). Appended in the practice's own
    transaction under a lock, so ids commit in order; ``peer`` set: an event for that peer only
    (its agreement narrowed)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="feed_events")
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("feed event")
        verbose_name_plural = _("feed events")

    def __str__(self) -> str:
        return f"{self.pk}: {self.practice_id}"


class PendingRelease(models.Model):
    """A newly published practice waits FEDERATION_SHARE_DELAY before it enters the feed
    (withdrawn sooner, it leaves no copy anywhere)."""

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.practice_id} at {self.due_at}"


class LedgerEntry(models.Model):
    """A practice we served to a peer: the list of every copy that exists."""

    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="ledger")
    practice = models.ForeignKey(Practice, on_delete=models.SET_NULL, null=True, related_name="+")
    practice_uuid = models.UUIDField()
    version = models.PositiveIntegerField(default=0)
    first_served_at = models.DateTimeField(auto_now_add=True)
    last_served_at = models.DateTimeField()
    # Set when we told it to delete its copy (feed tombstone, item 410 or notice).
    tombstone_event = models.PositiveBigIntegerField(null=True, blank=True)
    tombstoned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        constraints = [models.UniqueConstraint(fields=["peer", "practice_uuid"], name="one_ledger_entry_per_copy")]

    def __str__(self) -> str:
        return f"{self.practice_uuid} at {self.peer_id}"


class ReceivedReceipt(models.Model):
    """A peer's signed statement (compact JWS, kept verbatim) that it applied a withdrawal."""

    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="receipts")
    practice_uuid = models.UUIDField()
    event = models.PositiveBigIntegerField()
    applied_at = models.DateTimeField()
    jws = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["peer", "practice_uuid", "event"], name="one_receipt_per_withdrawal")
        ]

    def __str__(self) -> str:
        return f"{self.practice_uuid} from {self.peer_id}"


class Nonce(models.Model):
    """A signed request's nonce, kept until its signature expires: a second use is a replay."""

    value = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.value


from federation.peer_models import Delivery, PullState, SkippedItem  # noqa: E402,F401 - the peer side's models, kept in their own module
