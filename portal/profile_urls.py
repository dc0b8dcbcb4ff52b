"""Mounted at /account/profile/."""

from django.urls import path

from portal import profile_views

urlpatterns = [
    path("", profile_views.profile, name="profile"),
]
