"""Mounted at /account/tokens/."""

from django.urls import path

from api import token_views

urlpatterns = [
    path("", token_views.token_list, name="api_tokens"),
    path("<uuid:uid>/revoke/", token_views.token_revoke, name="api_token_revoke"),
]
