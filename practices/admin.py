from django.contrib import admin
from django.db import models

from portal.admin import ReadOnlyWorkflowAdmin
from portal.models import OrganisationType
from practices.models import KeyTheme, Practice, TargetAudience


@admin.register(KeyTheme, TargetAudience, OrganisationType)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ("code", "label_en", "label_fr", "position")
    search_fields = ("code", "label_en", "label_fr")
    ordering = ("position", "code")

    def get_readonly_fields(self, request, obj=None):
        # Codes never change once used: other records and federated peers refer to them.
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Practice)
class PracticeAdmin(ReadOnlyWorkflowAdmin):
    list_display = ("title", "organisation", "country", "language", "status", "is_demo", "updated_at")
    list_filter = ("status", "language", "is_demo", "key_themes")
    search_fields = ("title",)
    list_select_related = ("organisation",)
    raw_id_fields = ("author", "organisation")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # a copy's origin URL
    filter_horizontal = ("key_themes", "target_audiences")
    readonly_fields = ("status", "published_at", "created_at", "updated_at")
