"""Public page explaining the evidence levels; mounted at /evidence-levels/."""

from django.urls import path

from practices import evidence_views

urlpatterns = [
    path("", evidence_views.evidence_levels, name="evidence_levels"),
]
