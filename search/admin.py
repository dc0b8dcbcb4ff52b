from django.contrib import admin

from search.models import OutboxEntry


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    """Read-only view of the outbox: what the worker still owes the engines, and why."""

    list_display = (
        "id", "kind", "document_id", "action", "created_at", "attempts", "refused", "next_attempt_at", "processed_at"
    )  # fmt: skip
    list_filter = ("kind", "action", "refused", ("processed_at", admin.EmptyFieldListFilter))
    search_fields = ("=document_id", "last_error")
    readonly_fields = [field.name for field in OutboxEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
