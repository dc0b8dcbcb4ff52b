"""Admin for networks: structure and memberships only. Thread and post content is not
shown here: it is read in the network, where access rules and the audit log apply."""

from django.contrib import admin

from network.models import Invitation, JoinRequest, Network, NetworkMembership
from portal.admin import ReadOnlyWorkflowAdmin


class MembershipInline(admin.TabularInline):
    model = NetworkMembership
    fields = ("user", "role", "state", "email", "joined_at", "ended_at")
    readonly_fields = ("user", "role", "state", "email", "joined_at", "ended_at")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Network)
class NetworkAdmin(ReadOnlyWorkflowAdmin):
    list_display = ("name", "policy", "listed", "is_case_room", "access_ends_on", "retention_days", "created_at")
    list_filter = ("policy", "listed", "is_case_room")
    search_fields = ("name",)
    readonly_fields = ("created_at", "created_by")
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("network", "created_at", "expires_at", "accepted_at")
    fields = ("network", "email", "invited_by", "created_at", "expires_at", "accepted_at", "accepted_by")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ("network", "state", "created_at", "decided_at")
    list_filter = ("state",)
    readonly_fields = ("network", "user", "state", "created_at", "decided_at", "decided_by")

    def has_add_permission(self, request) -> bool:
        return False
