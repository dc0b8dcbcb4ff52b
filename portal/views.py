from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.caching import public_page
from practices.models import KeyTheme
from practices.selectors import drafts_of, published_practices
from search.generation import content_token


@require_GET
@public_page(token=content_token)
def home(request: HttpRequest) -> HttpResponse:
    visible = published_practices(user=request.user)
    context = {
        "latest": visible[:6],
        "published_count": visible.count(),
        "themes": KeyTheme.objects.all(),
        "drafts": drafts_of(user=request.user)[:5],
    }
    return render(request, "portal/home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and docker-compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def language_switch(request: HttpRequest) -> HttpResponse:
    """Set the interface language cookie and go back: the switcher of readers who are not
    signed in (a link-like GET keeps their pages free of a CSRF token, so they can be cached;
    signed-in readers use Django's ``set_language`` form)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    code = request.GET.get("language", "")
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
