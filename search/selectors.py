"""Reads built on the search engines, for pages other than the search page."""

from practices.indexing import is_indexable
from practices.models import Practice
from portal.access import reader_scope
from search.backends import get_search_backend
from search.backends.base import Hit, SearchUnavailable

SIMILAR_LIMIT = 5


def similar_practices(*, user, practice: Practice, limit: int = SIMILAR_LIMIT) -> list[Hit]:
    """Published practices like ``practice`` that ``user`` may read (never ``practice`` itself).

    Empty for an unpublished practice, or when no engine can answer: the
    detail page never fails because of search.
    """
    if not is_indexable(practice):
        return []
    try:
        return get_search_backend().similar(practice.pk, scope=reader_scope(user), limit=limit)
    except SearchUnavailable:
        return []
