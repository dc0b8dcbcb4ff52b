"""Federation in the admin: our identity, each peer's agreement, copies and receipts, the
ledger and the receipts (exportable as evidence, GDPR Art. 17(2)). Changes go through the
services (audited); the admin edits nothing directly."""

import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from federation import keys, selectors, services
from federation.deliveries import deliver
from federation.models import Delivery, InstanceKey, LedgerEntry, Peer, ReceivedReceipt, SkippedItem
from federation.pull import PullFailed, peer_pull
from federation.signing import clock_note
from federation.status import peer_status
from portal.admin import ReadOnlyWorkflowAdmin


@admin.register(InstanceKey)
class InstanceKeyAdmin(ReadOnlyWorkflowAdmin):
    """Our identity card: what peers pin (``federation_keys rotate`` adds a key)."""

    list_display = ("generation", "fingerprint", "key_id", "created_at", "valid_until")
    fields = ("generation", "key_id", "fingerprint", "public_key", "endorsement", "created_at", "valid_until")
    readonly_fields = fields

    @admin.display(description=_("key id"))
    def key_id(self, key: InstanceKey) -> str:
        return keys.own_key_id(key)


@admin.register(Peer)
class PeerAdmin(ReadOnlyWorkflowAdmin):
    list_display = (
        "name",
        "base_url",
        "state",
        "share_levels",
        "accept_levels",
        "last_served_at",
        "clock",
        "copies",
        "receipts_kept",
    )
    list_filter = ("state",)
    fields = (
        "name",
        "base_url",
        "fingerprint",
        "state",
        "share_levels",
        "accept_levels",
        "keys",
        "keys_fetched_at",
        "served_cursor",
        "last_served_at",
        "revoke_pending",
        "created_at",
        "removed_at",
        "withdrawals_owed",
        "as_origin",
        "clock",
        "key_expiry",
    )
    readonly_fields = fields
    actions = ("pull_now", "suspend", "resume", "remove")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                copy_count=Count("ledger", filter=Q(ledger__tombstoned_at__isnull=True), distinct=True),
                receipt_count=Count("receipts", distinct=True),
            )
        )

    @admin.display(description=_("copies held"), ordering="copy_count")
    def copies(self, peer) -> int:
        return peer.copy_count

    @admin.display(description=_("receipts"), ordering="receipt_count")
    def receipts_kept(self, peer) -> int:
        return peer.receipt_count

    @admin.display(description=_("clock offset"), ordering="clock_offset")
    def clock(self, peer: Peer) -> str:
        """Its clock minus ours on the last signed exchange, and a warning near the ±60 s limit."""
        if peer.clock_offset is None:
            return gettext("not measured yet")
        shown = gettext("%(offset)+.0f s") % {"offset": peer.clock_offset}
        note = clock_note(peer.clock_offset)
        return f"{shown} ({note})" if note else shown

    @admin.display(description=_("withdrawals without a receipt"))
    def withdrawals_owed(self, peer: Peer) -> int:
        return len(selectors.notices_owed(peer))

    @admin.display(description=_("as an origin we pull from"))
    def as_origin(self, peer: Peer) -> str:
        """Last pull, lag, last error, copies held and receipts we still owe it (what federation_status says)."""
        status = peer_status(peer)
        wanted = (
            "last_success_at", "last_attempt_at", "lag", "last_error", "failures",
            "copies_held", "copies_served", "pending_receipts", "skipped_items",
        )  # fmt: skip
        return json.dumps({name: status[name] for name in wanted}, indent=1)

    @admin.display(description=_("key expiry"))
    def key_expiry(self, peer: Peer) -> str:
        """When the soonest-expiring key it signs with stops counting ('' : no expiry known)."""
        return min((str(key.get("valid_until")) for key in peer.keys or [] if key.get("valid_until")), default="")

    @admin.action(description=_("Pull the selected peers now"))
    def pull_now(self, request, queryset) -> None:
        for peer in queryset.filter(state=Peer.State.ACTIVE):
            try:
                report = peer_pull(peer=peer)
            except PullFailed as exc:
                self.message_user(request, f"{peer}: {exc}", messages.ERROR)
                continue
            message = _("%(peer)s: %(applied)d items applied, %(withdrawn)d tombstones.") % {
                "peer": peer,
                "applied": report.applied,
                "withdrawn": report.withdrawn,
            }
            self.message_user(request, message, messages.SUCCESS)

    def _apply(self, request, queryset, change) -> None:
        for peer in queryset:
            try:
                change(peer)
            except ValidationError as exc:
                self.message_user(request, f"{peer}: {' '.join(exc.messages)}", messages.ERROR)

    @admin.action(description=_("Suspend the selected peers"))
    def suspend(self, request, queryset) -> None:
        self._apply(request, queryset, lambda peer: services.peer_set_state(peer=peer, state=Peer.State.SUSPENDED))

    @admin.action(description=_("Resume the selected peers"))
    def resume(self, request, queryset) -> None:
        self._apply(request, queryset, lambda peer: services.peer_set_state(peer=peer, state=Peer.State.ACTIVE))

    @admin.action(description=_("Remove the selected peers (they get revoke-all)"))
    def remove(self, request, queryset):
        """Asks for confirmation first: removal cannot be undone (the peer must be added again)."""
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Remove these peers?"),
                "peers": queryset,
                "action": "remove",
                "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                "opts": self.model._meta,
            }
            return TemplateResponse(request, "admin/federation/peer_remove_confirmation.html", context)
        self._apply(request, queryset, lambda peer: services.peer_remove(peer=peer))
        return None


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyWorkflowAdmin):
    """Per withdrawn practice, each peer's notice: delivered (receipt) or its next retry; re-send now."""

    list_display = ("practice_uuid", "peer", "kind", "attempts", "next_attempt_at", "delivered_at", "last_error")
    list_filter = ("kind", "peer", ("delivered_at", admin.EmptyFieldListFilter))
    search_fields = ("practice_uuid",)
    list_select_related = ("peer",)
    actions = ("resend",)

    @admin.action(description=_("Re-send the selected notices now"))
    def resend(self, request, queryset) -> None:
        results = [deliver(delivery) for delivery in queryset.filter(delivered_at__isnull=True).select_related("peer")]
        message = _("%(delivered)d delivered, %(failed)d to retry.") % {
            "delivered": results.count(True),
            "failed": results.count(False),
        }
        self.message_user(request, message, messages.SUCCESS if all(results) else messages.WARNING)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyWorkflowAdmin):
    list_display = ("practice_uuid", "peer", "version", "first_served_at", "last_served_at", "tombstoned_at")
    list_filter = ("peer",)
    search_fields = ("practice_uuid",)
    list_select_related = ("peer",)


@admin.register(ReceivedReceipt)
class ReceivedReceiptAdmin(ReadOnlyWorkflowAdmin):
    list_display = ("practice_uuid", "peer", "event", "applied_at", "received_at")
    list_filter = ("peer",)
    search_fields = ("practice_uuid",)
    list_select_related = ("peer",)
    actions = ("export",)

    @admin.action(description=_("Export the selected receipts (JSON, with each signed JWS)"))
    def export(self, request, queryset) -> HttpResponse:
        rows = [
            {
                "peer": receipt.peer.base_url,
                "item": str(receipt.practice_uuid),
                "event": receipt.event,
                "applied_at": receipt.applied_at.isoformat(),
                "received_at": receipt.received_at.isoformat(),
                "jws": receipt.jws,
            }
            for receipt in queryset.select_related("peer")
        ]
        response = HttpResponse(json.dumps(rows, indent=2), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="withdrawal-receipts.json"'
        return response


@admin.register(SkippedItem)
class SkippedItemAdmin(ReadOnlyWorkflowAdmin):
    """The items of a peer's feed this portal refused, each with why (the manifest check asks for
    them again; a fixed origin's next version replaces nothing wrongly)."""

    list_display = ("skipped_at", "peer", "uuid", "error")
    list_filter = ("peer",)
    search_fields = ("uuid", "error")
    list_select_related = ("peer",)
