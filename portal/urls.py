from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import profile_views, views

# A failure of the portal: its page, or a problem document under /api/ (portal.views.server_error).
handler500 = "portal.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("", include("portal.pages")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/", views.language_switch, name="language_switch"),
    path("accounts/", include("allauth.urls")),
    path("practices/", include("practices.urls")),
    path("search/", include("search.urls")),
    path("networks/", include("network.urls")),
    path("moderation/", include("practices.moderation_urls")),
    path("evidence-levels/", include("practices.evidence_urls")),
    path("organisation/", views.organisation_home, name="organisation_home"),
    path("organisation/", include("portal.organisation_urls")),
    path("account/profile/", include("portal.profile_urls")),
    path("account/close/", profile_views.account_close, name="account_close"),
    path("account/tokens/", include("api.token_urls")),
    path("api/", include("api.urls")),
    path("federation/", include("federation.urls")),
    path("federation/", include("federation.peer_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
