import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Func, IntegerField, Value
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.access import reader_scope
from portal.caching import kept_for_scope, public_page, render_for_reader
from portal.middleware import api_problem, is_api
from portal.models import Membership
from portal.organisation_views import organisation_home_context
from portal.prepared import PreparedQuery, rows_for_ids
from practices.indexing import detail_urls, display_names
from practices.models import KeyTheme, Practice
from practices.selectors import (
    FEATURED_FIRST,
    FEATURED_ON_HOME,
    NEWEST_FIRST,
    newest_drafts_of,
    published_practices,
    published_readable_by,
)
from search.generation import content_token

FRAGMENTS = "fragments"  # settings.CACHES: each process's memory for HTML that is a function of its key


@require_GET
@public_page(token=content_token)
def home(request: HttpRequest) -> HttpResponse:
    scope = reader_scope(request.user)
    count, published = kept_for_scope(
        request, name="home", scope=scope, tokens=(content_token,), compute=lambda: _published(request.user)
    )
    context = {"published_count": count, "published": published, "drafts": newest_drafts_of(user=request.user)}
    return render_for_reader(request, "portal/home.html", context)  # kept but for a reader's own drafts


NEWEST = 6  # practices on the home page
FEATURED = FEATURED_ON_HOME  # featured practices on the home page, above the newest
# What a newest practice's card shows, read as values (no model objects).
_CARD_COLUMNS = (
    "pk",
    "title",
    "is_demo",
    "origin_uuid",
    "origin_name",
    "origin_url",
    "organisation__name",
    "organisation__type__label_en",
    "organisation__type__label_fr",
    "country",
    "start_year",
    "language",
)


_NEWEST = PreparedQuery(
    "home_newest",
    Practice,
    lambda rule: Practice.objects.filter(rule).order_by(*NEWEST_FIRST).values_list(*_CARD_COLUMNS)[:NEWEST],
)
# The featured practices are picked by their ids, read from the index of featured_at (a handful of
# entries), then the rule applied to each: SQLite's planner, without statistics, read every readable
# practice through the rule's index to keep the featured ones (22 ms at 10,000 practices, none featured).
_FEATURED = PreparedQuery(
    "home_featured",
    Practice,
    lambda rule: (
        Practice.objects.filter(rule, pk__in=Practice.objects.filter(featured_at__isnull=False).values("pk"))
        .order_by(*FEATURED_FIRST)
        .values_list(*_CARD_COLUMNS)[:FEATURED]
    ),
    by_ids=True,
)
_COUNT = PreparedQuery(
    "home_count",
    Practice,
    lambda rule: (
        Practice.objects.filter(rule)
        .order_by()
        .annotate(count=Func(Value(1), function="COUNT", output_field=IntegerField()))
        .values_list("count")
    ),
)
_THEMES = PreparedQuery(
    "home_themes", KeyTheme, lambda: KeyTheme.objects.values_list("pk", "code", "label_en", "label_fr")
)
_THEMES_OF = rows_for_ids(
    "home_themes_of",
    Practice,
    lambda shape, ids: Practice.key_themes.through.objects.filter(practice_id__in=ids).values_list(
        "practice_id", "keytheme_id"
    ),
)


def _published(user) -> tuple[int, SafeString]:
    """What the home page shows of published content: the same for every reader of ``user``'s scope
    (``published_readable_by``, applied on every call; the queries' SQL compiled once per connection
    and rule)."""
    rule = published_readable_by(user)
    language = translation.get_language()
    themes = {
        pk: {"code": code, "label": KeyTheme.label_of(label_en, label_fr, language)}
        for pk, code, label_en, label_fr in _THEMES.rows()
    }
    featured, cards = _cards([_FEATURED.rows(shape=rule), _NEWEST.rows(shape=rule)], themes)
    (count,) = _COUNT.rows(shape=rule)[0]
    return count, _published_html(cards, list(themes.values()), featured=featured)


def _published_html(cards: list[dict], themes: list[dict], *, featured: list[dict]) -> SafeString:
    """The newest practices' cards and the themes' links, rendered from plain values and kept in the
    process's memory (the ``fragments`` cache) under a hash of those values and the language: a kept
    fragment is only ever served for the very inputs it was made of, whatever the reader."""
    inputs = repr((translation.get_language(), featured, cards, themes))
    key = "home:" + hashlib.blake2b(inputs.encode(), digest_size=20).hexdigest()
    html = caches[FRAGMENTS].get(key)
    if html is None:
        context = {"featured": featured, "latest": cards, "themes": themes}
        html = render_to_string("portal/_home_published.html", context)
        caches[FRAGMENTS].set(key, html)
    return mark_safe(html)  # noqa: S308 - the template escapes


def _cards(lists: list[list[tuple]], themes: dict[int, dict]) -> list[list[dict]]:
    """Each list of rows as cards (the featured practices, the newest): plain dictionaries of what
    each shows, its themes in the taxonomy's order (``themes``: every key theme, in that order). One
    query reads the themes of every list."""
    order = {pk: position for position, pk in enumerate(themes)}
    themes_of: dict[int, list[int]] = {row[0]: [] for rows in lists for row in rows}
    for practice_id, theme_id in _THEMES_OF(None, list(themes_of)):
        themes_of[practice_id].append(theme_id)
    return [_card_list(rows, themes, themes_of, order) for rows in lists]


def _card_list(
    rows: list[tuple], themes: dict[int, dict], themes_of: dict[int, list[int]], order: dict[int, int]
) -> list[dict]:
    language = translation.get_language()
    names, url = display_names(language), detail_urls()  # made once per process and language, one reverse
    cards = []
    for pk, title, is_demo, origin_uuid, origin_name, origin_url, name, type_en, type_fr, country, *more in rows:
        start_year, written_in = more
        cards.append(
            {
                "url": url(pk),
                "title": title,
                "is_demo": is_demo,
                "origin": {"is_copy": origin_uuid is not None, "origin_name": origin_name, "origin_url": origin_url},
                "organisation": name,
                "type": KeyTheme.label_of(type_en, type_fr, language),
                "country": names.country(country) if country else "",
                "start_year": start_year,
                "language": written_in,
                "language_name": names.languages.get(written_in, written_in),
                "themes": [themes[theme]["label"] for theme in sorted(themes_of[pk], key=order.__getitem__)],
            }
        )
    return cards


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


def server_error(request: HttpRequest) -> HttpResponse:
    """A failure of the portal (handler500): the portal's page, or for the API a problem
    document in the shape of its other errors (docs/API.md), never Django's HTML to a script."""
    if is_api(request):
        detail = _("The portal failed to answer this request. Try again later; if it keeps failing, tell its team.")
        return api_problem(request, status=500, title=_("Internal Server Error"), detail=detail, code="server_error")
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (a page left open for long, a sign-in or sign-out in
    another window): the portal's page, saying what happened and how to keep what was typed,
    in place of Django's technical one (settings.CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)


ORGANISATION_PRACTICES_PER_PAGE = 10


@login_required
@require_GET
def organisation_home(request: HttpRequest) -> HttpResponse:
    """My organisation, and its published practices that I may read (``published_practices``: the
    reading rule of every list), newest first, ten a page. A page of the root composition: the
    portal's own views import no higher app."""
    context = organisation_home_context(request)
    membership = context["membership"]
    if membership is not None and membership.state == Membership.State.APPROVED:
        practices = (
            published_practices(user=request.user)
            .filter(organisation_id=membership.organisation_id)
            .prefetch_related(None)  # the list shows no themes
        )
        paginator = Paginator(practices, ORGANISATION_PRACTICES_PER_PAGE)
        context["practices"] = paginator.get_page(request.GET.get("page"))
    return render(request, "portal/organisation_home.html", context)
