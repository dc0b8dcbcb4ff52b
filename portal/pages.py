"""The footer's static pages (about, privacy notice, accessibility statement, contact):
translated templates under templates/pages/, one view for them all."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

PAGES = ("about", "privacy", "accessibility", "contact")


@require_GET
def static_page(request: HttpRequest, *, page: str) -> HttpResponse:
    context = {"contact_email": settings.PORTAL_CONTACT_EMAIL, "portal_name": settings.PORTAL_NAME}
    return render(request, f"pages/{page}.html", context)


urlpatterns = [path(f"{page}/", static_page, {"page": page}, name=f"page_{page}") for page in PAGES]
