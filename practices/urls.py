from django.urls import path

from practices import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create_view, name="create"),
    path("import/", views.practice_import_view, name="import"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/publish/", views.practice_publish_view, name="publish"),
]
