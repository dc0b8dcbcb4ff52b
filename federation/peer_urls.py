"""The peer side's endpoint under /federation/ (the origin side's are in federation/urls.py)."""

from django.urls import path

from federation import inbox

app_name = "federation_peer"

urlpatterns = [path("inbox", inbox.inbox, name="inbox")]
