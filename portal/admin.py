from functools import wraps

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from portal.access import lacks_required_second_factor
from portal.models import Organisation, User


class ReadOnlyWorkflowAdmin(admin.ModelAdmin):
    """Workflow records change only through the services (audit record, search outbox, emails,
    access rules): the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Verification goes through the moderators' page (``organisation_verify``: audited); the name,
    type and country are in the search index, which only the services keep in step."""

    list_display = ("name", "type", "country", "verified", "is_demo")

    def get_readonly_fields(self, request, obj=None):
        return ("name", "type", "country", "verified") if obj is not None else ("verified",)

    list_filter = ("verified", "type", "is_demo")
    search_fields = ("name", "email_domain")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "display_name", "organisation", "is_staff", "is_active")
    search_fields = ("email", "display_name")
    list_select_related = ("organisation",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "first_name", "last_name", "language", "organisation")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


# The admin site signs in through allauth (its rate limits, its second factor), never with a
# password form of its own; a staff account without a required second factor opens nothing.
def _admin_login(login_view):
    secured = secure_admin_login(login_view)

    @wraps(login_view)
    def view(request, *args, **kwargs):
        if lacks_required_second_factor(request.user):
            return redirect("mfa_activate_totp")
        return secured(request, *args, **kwargs)

    return view


def _admin_permission(has_permission):
    @wraps(has_permission)
    def check(request) -> bool:
        return has_permission(request) and not lacks_required_second_factor(request.user)

    return check


# The default site's own methods are replaced on purpose (mypy's method-assign check).
admin.site.login = _admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.has_permission = _admin_permission(admin.site.has_permission)  # type: ignore[method-assign]
