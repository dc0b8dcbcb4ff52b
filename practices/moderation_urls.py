"""Mounted at /moderation/ with the namespace ``moderation``."""

from django.urls import path

from practices import moderation_views as views

app_name = "moderation"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("queue/", views.queue, name="queue"),
    path("practices/<int:pk>/", views.practice_review, name="review"),
    path("practices/<int:pk>/update/", views.update_review_link, name="update"),
    path("practices/<int:pk>/approve/", views.practice_approve, name="approve"),
    path("practices/<int:pk>/request-changes/", views.practice_request_changes, name="request_changes"),
    path("practices/<int:pk>/reject/", views.practice_reject, name="reject"),
    path("practices/<int:pk>/evidence-level/", views.practice_evidence_level, name="evidence_level"),
    path("practices/<int:pk>/findings/<int:finding_pk>/redact/", views.finding_redact, name="finding_redact"),
    path("practices/<int:pk>/findings/<int:finding_pk>/dismiss/", views.finding_dismiss, name="finding_dismiss"),
    path("featured/", views.featured_list, name="featured"),
    path("featured/<int:pk>/stop/", views.featured_stop, name="featured_stop"),
    path("featured/<int:pk>/again/", views.featured_again, name="featured_again"),
    path("audit/", views.audit_log, name="audit"),
    path("organisations/", views.organisation_list, name="organisations"),
    path(
        "organisations/<int:pk>/verify/", views.organisation_verify_view, {"verified": True}, name="organisation_verify"
    ),
    path(
        "organisations/<int:pk>/unverify/",
        views.organisation_verify_view,
        {"verified": False},
        name="organisation_unverify",
    ),
]
