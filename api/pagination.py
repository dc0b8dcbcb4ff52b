"""Cursor pagination for every list.

Lists read from the database use DRF's cursor pagination, ordered by the view's
``cursor_ordering``. The practice search reads from the search engine, which pages
by number: its cursor is the same kind of opaque token, holding the page number.
"""

import base64
import binascii

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_SEARCH_PAGE = 500


class CursorPagination(pagination.CursorPagination):
    """DRF's cursor pagination; a view names its order in ``cursor_ordering`` (unique or nearly)."""

    ordering = ("-pk",)
    # DRF only renders the message, so a lazy translation works; the stubs ask for a str.
    invalid_cursor_message = _("Invalid cursor.")  # type: ignore[assignment]

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        ordering = getattr(view, "cursor_ordering", self.ordering)
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)


class LongListCursorPagination(CursorPagination):
    """Short closed lists (taxonomies) fit on one page."""

    page_size = 100


def encode_search_cursor(page: int) -> str:
    return base64.urlsafe_b64encode(f"p={page}".encode()).decode()


def decode_search_cursor(cursor: str | None) -> int:
    """The page number a search cursor holds; 1 without a cursor; 404 for a cursor not of ours."""
    if not cursor:
        return 1
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        raise NotFound(_("Invalid cursor.")) from None
    key, _sep, number = text.partition("=")
    if key != "p" or not number.isdigit() or not 1 <= int(number) <= MAX_SEARCH_PAGE:
        raise NotFound(_("Invalid cursor."))
    return int(number)


def search_page_links(request: Request, *, page: int, per_page: int, total: int) -> tuple[str | None, str | None]:
    """The URLs of the next and previous pages of a search, if any."""
    url = request.build_absolute_uri()
    has_next = page * per_page < total and page < MAX_SEARCH_PAGE
    next_url = replace_query_param(url, "cursor", encode_search_cursor(page + 1)) if has_next else None
    if page <= 1:
        return next_url, None
    if page == 2:
        return next_url, remove_query_param(url, "cursor")
    return next_url, replace_query_param(url, "cursor", encode_search_cursor(page - 1))
