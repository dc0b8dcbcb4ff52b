"""The search page and its autocomplete endpoint. Engine-agnostic: get_search_backend() only."""

import nh3
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from portal.access import reader_scope
from portal.caching import public_page
from practices.models import Practice
from practices.selectors import published_readable_by
from search.backends import get_search_backend
from search.backends.base import Hit, SearchQuery
from search.forms import SearchForm
from search.generation import content_token
from search.presentation import facet_groups, pages, removal_links, url_with

AUTOCOMPLETE_LIMIT = 8


def _safe_highlight(html: str):
    """Engines return escaped text with <mark>; keep only that, whatever an engine sends."""
    return mark_safe(nh3.clean(html, tags={"mark"}, attributes={}))  # noqa: S308 (sanitised just above)


def _results_with_practices(user, hits: list[Hit]) -> list[dict]:
    """Each hit with its practice, re-checked against the database (a stale index shows nothing more)."""
    readable = Practice.objects.filter(published_readable_by(user), pk__in=[hit.id for hit in hits])
    practices = readable.select_related("organisation", "organisation__type").in_bulk()
    return [
        {"hit": hit, "practice": practices[hit.id], "highlight": _safe_highlight(hit.highlight)}
        for hit in hits
        if hit.id in practices
    ]


@require_GET
@public_page(token=content_token)
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    text, sort, page = form.values()
    filters = form.filters()
    query = SearchQuery(
        text=text, filters=filters, scope=reader_scope(request.user), page=page, per_page=settings.PRACTICES_PER_PAGE, sort=sort
    )
    results = get_search_backend().search(query)
    groups = facet_groups(results.facets, filters, request.GET)
    context = {
        "form": form,
        "text": text,
        "sort": sort,
        "results": results,
        "items": _results_with_practices(request.user, results.hits),
        "facet_groups": groups,
        "removals": removal_links(groups),
        "suggestion_url": url_with(request.GET, q=[results.suggestion]) if results.suggestion else None,
        "without_text_url": url_with(request.GET, q=[]) if text else None,
        "pages": pages(results.total, settings.PRACTICES_PER_PAGE, page, request.GET),
        "first_page_url": url_with(request.GET),
    }
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    prefix = request.GET.get("q", "").strip()[:100]
    titles: list[str] = []
    if len(prefix) >= 2:
        titles = get_search_backend().autocomplete(prefix, scope=reader_scope(request.user), limit=AUTOCOMPLETE_LIMIT)
    response = JsonResponse({"suggestions": titles})
    response["Cache-Control"] = "private, max-age=60"
    return response
