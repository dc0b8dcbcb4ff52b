"""Cursor pagination for every list.

Lists read from the database use DRF's cursor pagination, ordered by the view's
``cursor_ordering``, with cursors sealed for the list's path: a cursor altered, made up, or
of another list is not found (DRF's own cursors are plain base64, and it read whatever decoded
as a position: a page of its choosing, or a database error for a position of the wrong type).
The searches (practices, posts) read from the search engine, which pages by number: their
cursor is the same kind of sealed token for the search's path, holding the page number (and a
walk's key).

Sealed, not only signed: a cursor holds where its reader stopped (a network's name, a thread's
last post, the id and publication of a members-only practice a walk stopped at), and a link is
passed on. AES-SIV (``cryptography``) encrypts and authenticates it, with the path as associated
data, under a key derived from ``SECRET_KEY`` (older keys in ``SECRET_KEY_FALLBACKS`` still
open cursors); it is deterministic, so the same page gives the same cursor (kept answers and
their ETags hold).
"""

import base64
import binascii
import functools
from datetime import datetime
from typing import cast
from urllib import parse

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_SEARCH_PAGE = 500


class CursorPagination(pagination.CursorPagination):
    """DRF's cursor pagination; a view names its order in ``cursor_ordering`` (unique or nearly)."""

    ordering = ("-pk",)
    # None: settings.REST_FRAMEWORK's PAGE_SIZE, read on each request (DRF's class reads it once, when
    # rest_framework.pagination is first imported: a page size set later, as a test does, was kept or
    # ignored by which ran first)
    page_size: int | None = None
    # DRF only renders the message, so a lazy translation works; the stubs ask for a str.
    invalid_cursor_message = _("Invalid cursor.")  # type: ignore[assignment]

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        ordering = getattr(view, "cursor_ordering", self.ordering)
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)

    def get_page_size(self, request) -> int:
        return self.page_size or cast(int, api_settings.PAGE_SIZE)

    def paginate_queryset(self, queryset, request, view=None):
        self.list_path = request.path
        return super().paginate_queryset(queryset, request, view)

    def encode_cursor(self, cursor: pagination.Cursor) -> str:
        tokens = {"o": str(cursor.offset), "r": "1" if cursor.reverse else "0"}
        if cursor.position is not None:
            tokens["p"] = str(cursor.position)  # DRF's positions are strings (the stubs say int)
        encoded = seal(parse.urlencode(tokens), self.list_path)
        return replace_query_param(cast(str, self.base_url), self.cursor_query_param, encoded)

    def decode_cursor(self, request: Request) -> pagination.Cursor | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            tokens = parse.parse_qs(unseal(encoded, request.path), keep_blank_values=True)
            offset = pagination._positive_int(tokens["o"][0], cutoff=self.offset_cutoff)
            position = tokens.get("p", [None])[0]
            return pagination.Cursor(offset=offset, reverse=tokens["r"] == ["1"], position=position)  # type: ignore[arg-type]
        except (ValueError, KeyError):
            raise NotFound(self.invalid_cursor_message) from None


def _ciphers() -> list[AESSIV]:
    """AES-SIV under the current secret key, then under each older one (SECRET_KEY_FALLBACKS)."""
    return _ciphers_of(settings.SECRET_KEY, tuple(getattr(settings, "SECRET_KEY_FALLBACKS", [])))


@functools.lru_cache(maxsize=4)
def _ciphers_of(secret: str, fallbacks: tuple[str, ...]) -> list[AESSIV]:
    """The ciphers of these keys, derived once (a SHA-512 HMAC and a cipher each: about 0.15 ms
    a cursor, two or three cursors a page); a key rotated in the settings derives new ones."""
    return [
        AESSIV(salted_hmac("api.pagination.cursor", "key", secret=each, algorithm="sha512").digest())
        for each in (secret, *fallbacks)
    ]


def seal(text: str, path: str) -> str:
    """``text`` (a cursor's tokens) encrypted and authenticated for the list or search at ``path``."""
    return base64.urlsafe_b64encode(_ciphers()[0].encrypt(text.encode(), [path.encode()])).decode("ascii")


def unseal(cursor: str, path: str) -> str:
    """The tokens ``cursor`` holds; ValueError for one not sealed for ``path`` (altered, made up,
    another list's or search's, or sealed under a key no longer held)."""
    try:
        sealed = base64.urlsafe_b64decode(cursor.encode("ascii"))
    except (binascii.Error, UnicodeError):
        raise ValueError("not a cursor") from None
    for cipher in _ciphers():
        try:
            return cipher.decrypt(sealed, [path.encode()]).decode("utf-8")
        except (InvalidTag, ValueError, UnicodeError):
            continue
    raise ValueError("not a cursor of this list")


class LongListCursorPagination(CursorPagination):
    """Short closed lists (taxonomies) fit on one page."""

    page_size = 100


Walked = tuple[datetime, int]  # (publication, id) of the last hit a walk by date showed


def encode_search_cursor(page: int, path: str, walked: Walked | None = None) -> str:
    """A search's cursor for ``page``, sealed for the search's ``path`` as the lists' cursors are;
    with ``walked``, the key a walk by date reads after (``SearchQuery.after``)."""
    tokens = {"p": str(page)}
    if walked is not None:
        tokens.update(a=walked[0].isoformat(), i=str(walked[1]))
    return seal(parse.urlencode(tokens), path)


def decode_search_cursor(cursor: str | None, path: str) -> int:
    """The page number a search cursor holds; 1 without a cursor; 404 for a cursor not of this
    search's (altered, made up, or another list's or search's)."""
    return decode_walk_cursor(cursor, path)[0]


def decode_walk_cursor(cursor: str | None, path: str) -> tuple[int, Walked | None]:
    """(page number, the key a walk by date reads after, if the cursor holds one)."""
    if not cursor:
        return 1, None
    try:
        tokens = parse.parse_qs(unseal(cursor, path), strict_parsing=True)
        number = tokens["p"][0]
        walked = (datetime.fromisoformat(tokens["a"][0]), int(tokens["i"][0])) if "a" in tokens else None
    except (ValueError, KeyError):
        raise NotFound(_("Invalid cursor.")) from None
    if not number.isdigit() or not 1 <= int(number) <= MAX_SEARCH_PAGE:
        raise NotFound(_("Invalid cursor."))
    return int(number), walked


def search_page_links(
    request: Request, *, page: int, per_page: int, total: int, walked: Walked | None = None, more: bool | None = None
) -> tuple[str | None, str | None]:
    """The URLs of the next and previous pages of a search, if any. A walk by date gives the
    key its next page reads after (``walked``) and whether anything follows (``more``); its
    previous pages are read by number."""
    url = request.build_absolute_uri()
    has_next = (page * per_page < total if more is None else more) and page < MAX_SEARCH_PAGE
    next_url = None
    if has_next:  # the last page signs no cursor for a page that does not follow
        next_url = replace_query_param(url, "cursor", encode_search_cursor(page + 1, request.path, walked))
    if page <= 1:
        return next_url, None
    if page == 2:
        return next_url, remove_query_param(url, "cursor")
    return next_url, replace_query_param(url, "cursor", encode_search_cursor(page - 1, request.path))
