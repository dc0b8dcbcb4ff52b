"""The search page and its autocomplete endpoint. Engine-agnostic: get_search_backend() only.

The page searches the practices' collection (registered by the practices app,
search/collections.py); it names it, and imports nothing of the app.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from portal.access import ReaderScope, holds_moderator_role
from portal.caching import kept_for_scope, public_page, render_for_reader, token_of
from search import collections
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from search.forms import MAX_QUERY_LENGTH, PracticeSearchForm
from search.generation import RESULTS_TOKENS, content_token
from search.hits import grouped, with_best_sentences
from search.presentation import (
    back_parameter,
    facet_groups,
    match_reason,
    pages,
    removal_links,
    result_cards,
    url_with,
)
from search.selectors import readable_cards, readable_titles

AUTOCOMPLETE_LIMIT = 8
PRACTICES = "practices"


@require_GET
@public_page(token=RESULTS_TOKENS)
def search_page(request: HttpRequest) -> HttpResponse:
    collection = collections.get(PRACTICES)
    form = PracticeSearchForm(request.GET, facets=collection.facet_names)
    scope = collection.scope(request.user)
    if holds_moderator_role(request.user):  # their body links the selection's export: theirs alone
        body = _body(request, form, scope=scope, template_request=request)
    else:
        body = kept_for_scope(
            request,
            name="search",
            scope=scope,
            tokens=RESULTS_TOKENS,
            compute=lambda: _body(request, form, scope=scope),
            keep=lambda kept: not kept.degraded,
        )
    return render_for_reader(request, "search/search.html", {"text": body.text, "body": body.html})


@dataclass(frozen=True)
class _Body:
    html: SafeString
    text: str
    degraded: bool  # answered by the fallback engine: never kept


def _body(request: HttpRequest, form: PracticeSearchForm, *, scope: ReaderScope, template_request=None) -> _Body:
    """The page's results, counts and facets for readers of ``scope``: rendered without the
    request (no reader, no CSRF token) unless ``template_request`` is given."""
    collection = collections.get(PRACTICES)
    text, sort, page = form.values()
    filters = form.filters()
    query = SearchQuery(
        text=text, filters=filters, scope=scope, page=page, per_page=settings.PRACTICES_PER_PAGE, sort=sort
    )
    results = get_search_backend().search(collection, query)
    groups = facet_groups(collection, results.facets, filters, request.GET, token=token_of(request, content_token))
    found = readable_cards(collection=collection, user=request.user, hits=results.hits)
    groups_found = grouped(collection, with_best_sentences(collection, found, text))
    back = back_parameter(request.GET)
    context = {
        "form": form,
        "text": text,
        "typed": form.typed(),
        "shortened": form.shortened(),
        "query_limit": MAX_QUERY_LENGTH,
        "sort": sort,
        "results": results,
        "items": result_cards(
            [(group.first.item, group.first.highlight, [copy.item for copy in group.copies]) for group in groups_found],
            back=back,
            why=[match_reason(text, group.first.highlight, group.first.hit.matched_by) for group in groups_found],
        ),
        "facet_groups": groups,
        "removals": removal_links(groups),
        "back": back,
        "suggestion_url": url_with(request.GET, q=[results.suggestion]) if results.suggestion else None,
        "without_text_url": url_with(request.GET, q=[]) if text else None,
        "pages": pages(results.total, settings.PRACTICES_PER_PAGE, page, request.GET),
        "first_page_url": url_with(request.GET),
        "is_moderator": template_request is not None,
    }
    html = render_to_string("search/_search_body.html", context, request=template_request)
    return _Body(html=mark_safe(html), text=text, degraded=results.degraded)  # noqa: S308 - the template escapes


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    prefix = request.GET.get("q", "").strip()[:100]
    titles: list[str] = []
    if len(prefix) >= 2:
        collection = collections.get(PRACTICES)
        found = get_search_backend().autocomplete(
            collection, prefix, scope=collection.scope(request.user), limit=AUTOCOMPLETE_LIMIT
        )
        titles = readable_titles(collection=collection, user=request.user, titles=found)
    response = JsonResponse({"suggestions": titles})
    response["Cache-Control"] = "private, max-age=60"
    return response
