from django.contrib import admin

from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be looked at and deleted (revoked) here, never created: users create their own."""

    list_display = ("name", "user", "scope", "created", "expiry", "last_used_at")
    list_filter = ("scope",)
    search_fields = ("name", "user__email")
    readonly_fields = ("uid", "name", "user", "scope", "token_key", "created", "expiry", "last_used_at")
    exclude = ("digest",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
