"""TEMPORARY: the portal's URLs plus the moderation, organisation, profile and evidence
pages, until the lead mounts them in portal/urls.py. Delete this file then."""

from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    *portal_urlpatterns,
    path("moderation/", include("practices.moderation_urls", namespace="moderation")),
    path("evidence-levels/", include("practices.evidence_urls")),
    path("organisation/", include("portal.organisation_urls")),
    path("account/profile/", include("portal.profile_urls")),
]
