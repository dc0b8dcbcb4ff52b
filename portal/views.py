from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from practices.models import KeyTheme
from practices.selectors import drafts_of, published_practices


@require_GET
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
