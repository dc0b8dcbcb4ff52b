"""HTTP caching of reader pages: validators and a page cache for anonymous readers only.

A page decorated with ``public_page(token=...)`` is, for an anonymous reader (no session,
no Authorization header, no pending message), a function of its URL, the interface
language and the published content. ``token`` returns a value that changes in the same
transaction as any change of published content (the search index generation,
search/generation.py). The page's ETag is derived from those inputs, so:

- a conditional request whose ``If-None-Match`` matches is answered 304 before any work;
- a page already rendered under the same inputs is served from the cache
  (``PAGE_CACHE_SECONDS``, which also bounds how long a change the token does not see,
  such as a renamed organisation, can take to show; 0 turns the cache off, not the 304s).

Signed-in readers never get validators or a cached page: their responses are
``Cache-Control: private`` and vary on the cookie (see ``PrivateResponsesMiddleware``).

What a page shows of published content for any reader of a given ``ReaderScope`` (search
results, counts and facets, the newest practices) is kept per scope with ``kept_for_scope``:
the key holds the scope, the token, the full URL, the language and the time zone, so a kept
value is only ever served to a reader who would have computed the very same one. Callers
keep only values computed from those inputs alone (never a reader's name, drafts or token).
``kept_part`` does the same for a part of a page that does not depend on the URL's query string
(a practice's page: its key names the practice and its last change instead).
"""

import functools
import hashlib
import pickle
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import wraps
from typing import NamedTuple, TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import parse_etags

from portal.access import holds_moderator_role, reader_scope

PAGE_CACHE_SECONDS = 300
SCOPE_CACHE_SECONDS = 300
# Cookies that may carry something for this reader alone (a session, a flash message).
PERSONAL_COOKIES = ("sessionid", "messages")
# The cache of what is kept of pages (settings.CACHES: its own table, each process's memory in front).
KEPT_CACHE = "pages"
# Where a signed-in reader's whole pages are kept (render_for_reader): each process's own memory,
# since such a page is one reader's (settings.CACHES).
READER_PAGES = "reader-pages"
_Response = TypeVar("_Response", bound=HttpResponse)  # a DRF Response stays one
_Value = TypeVar("_Value")


def digest(*values: object) -> str:
    """A hash of ``values`` (text, numbers, dates, None and containers of them: ``is_plain``
    values and the like) for a cache key: equal hashes only for equal values, since pickle's
    bytes give the values back (equal values may hash apart, which costs a miss, never a wrong
    hit). Pickle is several times cheaper than ``repr`` on a page's worth of HTML."""
    return hashlib.blake2b(pickle.dumps(values, protocol=5), digest_size=20).hexdigest()


class Deferred(NamedTuple):
    """A part of a page's context that ``render_for_reader`` computes only when it renders the
    page. ``key`` decides what ``compute()`` returns (the key it is kept under: a hash of
    everything it shows) and stands for it in the page's key; None: a part never kept, and the
    page holding it is not kept either."""

    key: str | None
    compute: Callable[[], object]


def kept() -> BaseCache:
    """Where pages and their parts are kept: only values whose key decides them (the key holds
    the version tokens read on this request), never counts or versions (portal/cache_layers.py)."""
    return caches[KEPT_CACHE]


def is_anonymous_reader(request: HttpRequest) -> bool:
    """A read by someone who is not signed in and has nothing personal pending."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "HTTP_AUTHORIZATION" not in request.META
        and not any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES))
    )


Token = Callable[[], object] | tuple[Callable[[], object], ...]


def token_of(request: HttpRequest, token: Token) -> object:
    """``token()``, read once per request: a page and the parts it keeps share one read. A tuple
    of tokens gives the tuple of their values (None when any is None)."""
    if isinstance(token, tuple):
        values = tuple(token_of(request, each) for each in token)
        return None if None in values else values
    read = request.__dict__.setdefault("_portal_tokens", {})
    if token not in read:
        read[token] = token()
    return read[token]


def _etag(request: HttpRequest, token) -> str:
    inputs = "|".join(
        (
            settings.PORTAL_RELEASE,
            str(token),
            request.LANGUAGE_CODE,
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),
        )
    )
    return '"' + hashlib.blake2b(inputs.encode(), digest_size=16).hexdigest() + '"'


def confirms(request: HttpRequest, etag: str) -> bool:
    """Whether the reader's ``If-None-Match`` names this very ETag, so that a 304 may answer before
    the view runs. ``*`` (any representation at all) never does: whether the address holds a page
    the reader may read, or answers 404 as a missing one does (a practice narrowed, withdrawn or
    never there), is known only once the view has applied the access rule."""
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not header:
        return False
    return any(tag.removeprefix("W/") == etag for tag in parse_etags(header) if tag != "*")


def _mark_public(response: _Response, etag: str) -> _Response:
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def _cacheable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def public_page(*, token: Token):
    """Validators, 304 answers and a page cache for anonymous readers of a public page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not is_anonymous_reader(request):
                return view(request, *args, **kwargs)
            current = token_of(request, token)
            if current is None:  # no generation recorded (a flushed database): nothing is kept
                return view(request, *args, **kwargs)
            etag = _etag(request, current)
            if confirms(request, etag):
                return _mark_public(HttpResponseNotModified(), etag)
            response = _cached_response(request, etag, view, args, kwargs)
            return _mark_public(response, etag) if _cacheable(response) else response

        return wrapper

    return decorator


def _cached_response(request, etag: str, view, args, kwargs) -> HttpResponse:
    seconds = getattr(settings, "PAGE_CACHE_SECONDS", PAGE_CACHE_SECONDS)
    key = f"page:{etag}"
    stored = kept().get(key) if seconds else None
    if stored is not None:
        content, content_type = stored
        return HttpResponse(content, content_type=content_type)
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if seconds and _cacheable(response):
        kept().set(key, (response.content, response["Content-Type"]), seconds)
    return response


def public_data(request: HttpRequest, *, token: Token, compute: Callable[[], object]):
    """For API views (after authentication and throttling): ``(data, etag)`` where ``data`` is
    ``compute()``, kept for anonymous readers under the same key as a page; ``etag`` is None
    for anyone else. ``data`` is None when the reader's ``If-None-Match`` already matches."""
    current = token_of(request, token) if is_anonymous_reader(request) else None
    if current is None:
        return compute(), None
    etag = _etag(request, current)
    if confirms(request, etag):
        return None, etag
    seconds = getattr(settings, "PAGE_CACHE_SECONDS", PAGE_CACHE_SECONDS)
    if not seconds:
        return compute(), etag
    key = f"data:{etag}"
    data = kept().get(key)
    if data is None:
        data = compute()
        kept().set(key, data, seconds)
    return data, etag


def kept_for_scope(
    request: HttpRequest,
    *,
    name: str,
    scope: object,
    tokens: tuple[Callable[[], object], ...],
    compute: Callable[[], _Value],
    keep: Callable[[_Value], bool] = lambda value: True,
) -> _Value:
    """``compute()``, kept for every reader of ``scope`` (a ``ReaderScope``: what the reader may
    read) who asks for the same URL in the same language and time zone under the same
    ``tokens`` (each replaced by every change of what ``compute`` reads; any None: nothing is
    kept). ``compute`` must depend on nothing else of the reader. ``keep(value)`` False: not
    kept (a degraded answer)."""
    url = (request.build_absolute_uri(), request.META.get("HTTP_ACCEPT", ""))
    return _kept_under(request, ("scope", name, repr(scope), url), tokens=tokens, compute=compute, keep=keep)


def keeps_for_scope(request: HttpRequest) -> bool:
    """Whether values are kept per reader scope for this request (``SCOPE_CACHE_SECONDS`` not 0, a read)."""
    return bool(getattr(settings, "SCOPE_CACHE_SECONDS", SCOPE_CACHE_SECONDS)) and request.method in ("GET", "HEAD")


def kept_part(
    request: HttpRequest,
    *,
    name: str,
    scope: object,
    tokens: tuple[Callable[[], object], ...],
    compute: Callable[[], _Value],
) -> _Value:
    """``compute()``, kept like ``kept_for_scope`` for every reader of ``scope`` in the same language and
    time zone under the same ``tokens``, but not keyed by the URL: ``name`` and ``scope`` must hold
    everything else the value depends on (a practice's id and last change: its page is the same
    whatever the query string, which only says the way back to the reader's own results)."""
    return _kept_under(request, ("part", name, repr(scope)), tokens=tokens, compute=compute)


def _kept_under(
    request: HttpRequest,
    inputs: tuple,
    *,
    tokens: tuple[Callable[[], object], ...],
    compute: Callable[[], _Value],
    keep: Callable[[_Value], bool] = lambda value: True,
) -> _Value:
    """``compute()`` kept under ``inputs``, the ``tokens`` as read on this request, the language and
    the time zone; computed every time when nothing is kept (off, a write, a token missing:
    a flushed database has no generation recorded)."""
    current = [token_of(request, token) for token in tokens] if keeps_for_scope(request) else [None]
    if None in current:
        return compute()
    key = "scope:" + digest(*inputs, repr(current), translation.get_language(), timezone.get_current_timezone_name())
    value = kept().get(key)
    if value is None:
        value = compute()
        if keep(value):
            kept().set(key, value, getattr(settings, "SCOPE_CACHE_SECONDS", SCOPE_CACHE_SECONDS))
    return value


# --- a signed-in reader's pages --------------------------------------------------------------

# What base.html shows a signed-in reader beyond the request's address and the reader's role: each
# app adds its own (the network app: the unread badge), read on every request (register_chrome_input).
_CHROME_INPUTS: list[Callable[[HttpRequest], object]] = []
_PLAIN = (str, int, float, type(None), date, datetime)  # bool is an int, SafeString a str


def register_chrome_input(read: Callable[[HttpRequest], object]) -> None:
    """``read(request)`` is something base.html shows a signed-in reader: part of every key of
    ``render_for_reader``."""
    if read not in _CHROME_INPUTS:
        _CHROME_INPUTS.append(read)


def is_plain(value: object) -> bool:
    """Text, numbers, dates and None, or lists, tuples and dicts (with text keys) of them: values
    whose pickled bytes (``digest``) hold everything a template can read of them."""
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, list | tuple):
        return all(is_plain(each) for each in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and is_plain(each) for key, each in value.items())
    return False


def render_for_reader(
    request: HttpRequest, template_name: str, context: Mapping[str, object], *, keep: bool = True
) -> HttpResponse:
    """``render(request, template_name, context)``, kept for a signed-in reader when ``context``
    holds plain values only (``is_plain``): the page is then a function of the context, of what
    base.html reads of the request and of the reader (their id, scope, role, language, time zone,
    the page's address and view, what apps registered: ``register_chrome_input``) and of the
    CSRF token, which is rendered as a stand-in (``csrf_stand_in``) and put in on each request.
    The key is a hash of all of it, so a kept page is served only for the very same inputs, and
    only to the same reader. Not kept: anonymous readers (``public_page`` keeps theirs), a
    pending message, ``keep`` False, ``SCOPE_CACHE_SECONDS`` 0. The context may hold HTML kept
    with the stand-in already (``csrf_stand_in``): it is replaced there too, kept or not. A
    ``Deferred`` value is computed only when the page is rendered, its key standing for it in the
    page's key: a kept page is served without reading its kept parts."""
    user = getattr(request, "user", None)
    keyed = {name: ("deferred", value.key) if isinstance(value, Deferred) else value for name, value in context.items()}
    if (
        user is None
        or not user.is_authenticated
        or not keep
        or not keeps_for_scope(request)
        or not is_plain(keyed)
        or any(isinstance(value, Deferred) and value.key is None for value in context.values())
        or _has_pending_messages(request)
    ):
        return HttpResponse(_with_token(request, _render(request, template_name, context)))
    match = request.resolver_match
    chrome = (
        user.pk,
        repr(reader_scope(user)),
        holds_moderator_role(user),
        request.get_full_path(),
        match.view_name if match else None,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        [read(request) for read in _CHROME_INPUTS],
    )
    key = "reader-page:" + digest(template_name, chrome, keyed)
    pages = caches[READER_PAGES]
    html = pages.get(key)
    if html is None:
        html = _render(request, template_name, context)
        pages.set(key, html, getattr(settings, "SCOPE_CACHE_SECONDS", SCOPE_CACHE_SECONDS))
    return HttpResponse(_with_token(request, html))


def _render(request: HttpRequest, template_name: str, context: Mapping[str, object]) -> str:
    computed = {name: value.compute() if isinstance(value, Deferred) else value for name, value in context.items()}
    return render_to_string(template_name, {**computed, "csrf_token": csrf_stand_in()}, request=request)


def _with_token(request: HttpRequest, html: str) -> str:
    """The reader's CSRF token where ``html`` holds the stand-in (asked for only then, as the
    ``{% csrf_token %}`` tag does: asking sets the CSRF cookie, which a page kept for anonymous
    readers must not carry)."""
    stand_in = csrf_stand_in()
    return html.replace(stand_in, get_token(request)) if stand_in in html else html


def _has_pending_messages(request: HttpRequest) -> bool:
    return len(get_messages(request)) > 0  # (len reads them without marking them shown)


@functools.cache
def csrf_stand_in() -> str:
    """What kept HTML holds where the reader's CSRF token goes (``render_for_reader`` puts it in):
    no text a page could show (it is derived from the secret key), the same in every process."""
    return salted_hmac("portal.caching.csrf-stand-in", "").hexdigest()


def mark_public(response: _Response, etag: str | None) -> _Response:
    """Validators and public caching headers on an anonymous reader's response (none without ``etag``)."""
    return _mark_public(response, etag) if etag else response


class PrivateResponsesMiddleware:
    """Responses to signed-in readers are theirs alone: never stored by a shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "no-store" not in response.get("Cache-Control", ""):  # no-store already says more
                patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
            if response.has_header("ETag"):
                del response["ETag"]
        return response
