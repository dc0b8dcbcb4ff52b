"""Mounted at /organisation/ (no namespace: the URL names start with ``organisation_``)."""

from django.urls import path

from portal import organisation_views as views

urlpatterns = [
    # "" (organisation_home) is in portal/urls.py: the page lists the organisation's practices.
    path("join/", views.organisation_join, name="organisation_join"),
    path("leave/", views.organisation_leave, name="organisation_leave"),
    path("members/", views.organisation_members, name="organisation_members"),
    path("requests/<int:pk>/", views.membership_request_view, name="organisation_membership_request"),
    path("members/<int:pk>/decide/", views.membership_decide_view, name="organisation_membership_decide"),
    path("members/<int:pk>/role/", views.membership_role_view, name="organisation_membership_role"),
    path("members/<int:pk>/remove/", views.membership_remove_view, name="organisation_membership_remove"),
    path("members/<int:pk>/ban/", views.membership_ban_view, name="organisation_membership_ban"),
    path("members/<int:pk>/lift-ban/", views.membership_lift_ban_view, name="organisation_membership_lift_ban"),
    path(
        "requests/<int:pk>/decline-and-ban/",
        views.membership_decline_and_ban_view,
        name="organisation_membership_decline_and_ban",
    ),
]
