"""Mounted at /api/ (namespace ``api``): the API under v1/, its OpenAPI schema and documentation.

Every other path under /api/ answers a problem-details 404, not the HTML page.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import export_views, moderation_views, network_views, views

app_name = "api"

router = SimpleRouter()
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("themes", views.KeyThemeViewSet, basename="theme")
router.register("audiences", views.TargetAudienceViewSet, basename="audience")
router.register("organisation-types", views.OrganisationTypeViewSet, basename="organisation-type")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("networks", network_views.NetworkViewSet, basename="network")
router.register("threads", network_views.ThreadViewSet, basename="thread")
router.register("posts", network_views.PostViewSet, basename="post")
router.register("moderation/practices", moderation_views.ModerationViewSet, basename="moderation")

TEMPLATE = rf"^v1/practices/(?P<id>{export_views.ID})/template"

urlpatterns = [
    re_path(TEMPLATE + r"\.docx$", export_views.PracticeDocxTemplateView.as_view(), name="practice-template-docx"),
    re_path(TEMPLATE + r"\.md$", export_views.PracticeMarkdownTemplateView.as_view(), name="practice-template-md"),
    path("v1/", include(router.urls)),
    path("v1/me/", views.MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^", views.NotFoundView.as_view(), name="not-found"),
]
