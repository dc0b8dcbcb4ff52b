from django.urls import path

from federation import views

app_name = "federation"

urlpatterns = [
    path("instance", views.instance, name="instance"),
    path("feed", views.feed, name="feed"),
    path("manifest", views.manifest, name="manifest"),
    path("items/<uuid:uuid>", views.item, name="item"),
    path("receipts", views.receipts, name="receipts"),
    path("holdings", views.holdings, name="holdings"),
]
