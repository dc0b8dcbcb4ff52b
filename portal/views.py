from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.access import reader_scope
from portal.caching import kept_for_scope, public_page
from practices.models import KeyTheme
from practices.selectors import drafts_of, published_practices
from search.generation import content_token


@require_GET
@public_page(token=content_token)
def home(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request.user)
    count, published = kept_for_scope(
        request, name="home", scope=scope, tokens=(content_token,), compute=lambda: _published(request.user)
    )
    drafts = drafts_of(user=request.user).select_related(None).only("pk", "title", "updated_at")  # what the list shows
    context = {"published_count": count, "published": published, "drafts": drafts[:5]}
    return render(request, "portal/home.html", context)


def _published(user) -> tuple[int, SafeString]:
    """What the home page shows of published content: the same for every reader of ``user``'s scope."""
    visible = published_practices(user=user)
    html = render_to_string("portal/_home_published.html", {"latest": visible[:6], "themes": KeyTheme.objects.all()})
    return visible.count(), mark_safe(html)  # noqa: S308 - the template escapes


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
