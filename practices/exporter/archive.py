"""A selection of practices (a search result) as a streamed .zip of templates.

The zip is written as it is sent, one template at a time, so memory stays
flat and the browser shows the download's progress. A selection is bounded
(``SELECTION_MAX``) so that one request never runs for long.
"""

import dataclasses
import io
import zipfile
from collections.abc import Iterator

from django.http import QueryDict

from practices import rules
from practices.indexing import COLLECTION
from practices.models import Practice
from practices.selectors import published_readable_by
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from search.forms import PracticeSearchForm

from . import export_practice, template_language

SELECTION_MAX = 500  # practices in one .zip
_PAGE = 100


class SelectionTooLarge(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def search_selection(*, user, params: QueryDict) -> list[Practice]:
    """The practices of the search page's result for ``params`` (query, filters, sort),
    in its order, re-checked against the reading rules."""
    form = PracticeSearchForm(params, facets=COLLECTION.facet_names)
    text, sort, _page = form.values()
    query = SearchQuery(text=text, filters=form.filters(), scope=COLLECTION.scope(user), per_page=_PAGE, sort=sort)
    backend = get_search_backend()
    results = backend.search(COLLECTION, query)
    if results.total > SELECTION_MAX:
        raise SelectionTooLarge(results.total)
    ids = [hit.id for hit in results.hits]
    for page in range(2, (results.total + _PAGE - 1) // _PAGE + 1):
        ids += [hit.id for hit in backend.search(COLLECTION, dataclasses.replace(query, page=page)).hits]
    readable = Practice.objects.filter(published_readable_by(user), pk__in=ids)
    by_id = readable.select_related("organisation", "organisation__type").in_bulk()
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]


class _Sink(io.RawIOBase):
    """A write-only stream whose written bytes are taken out as they come."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self._chunks = b"".join(self._chunks), []
        return data


def zip_stream(practices: list[Practice], *, user, fmt: str, language: str | None) -> Iterator[bytes]:
    """The templates of ``practices`` as the bytes of a .zip, one template at a time."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for practice in practices:
            exported = export_practice(
                practice,
                fmt=fmt,
                language=template_language(practice, language),
                show_contact=rules.can_see_contact(user, practice),
            )
            archive.writestr(exported.filename, exported.content)
            yield sink.take()
    yield sink.take()
