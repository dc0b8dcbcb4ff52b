from django.urls import path

from practices import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create_view, name="create"),
    path("import/", views.practice_import_view, name="import"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/revision/discard/", views.practice_revision_discard_view, name="revision_discard"),
    path("<int:pk>/submit/", views.practice_submit_view, name="submit"),
    path("<int:pk>/withdraw/", views.practice_withdraw_view, name="withdraw"),
    path("<int:pk>/visibility/", views.practice_visibility_view, name="visibility"),
    path("findings/<int:pk>/redact/", views.finding_redact_view, name="finding_redact"),
    path("findings/<int:pk>/dismiss/", views.finding_dismiss_view, name="finding_dismiss"),
]
