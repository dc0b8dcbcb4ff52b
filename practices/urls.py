from django.urls import path, re_path

from practices import export_views, views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create_view, name="create"),
    path("import/", views.practice_import_view, name="import"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/update/", views.practice_update_link, name="update"),
    path("<int:pk>/revision/discard/", views.practice_revision_discard_view, name="revision_discard"),
    path("<int:pk>/submit/", views.practice_submit_view, name="submit"),
    path("<int:pk>/withdraw/", views.practice_withdraw_view, name="withdraw"),
    path("<int:pk>/feature/", views.practice_feature_view, name="feature"),
    path("<int:pk>/visibility/", views.practice_visibility_view, name="visibility"),
    re_path(r"^(?P<pk>[0-9]{1,18})/template\.(?P<fmt>docx|md)$", export_views.practice_template_view, name="template"),
    path("export/templates.zip", export_views.selection_export_view, name="export_selection"),
    path("<int:pk>/check/", views.practice_check_view, name="check"),
    path("findings/<int:pk>/redact/", views.finding_redact_view, name="finding_redact"),
    path("findings/<int:pk>/dismiss/", views.finding_dismiss_view, name="finding_dismiss"),
]
