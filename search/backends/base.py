"""The search backend interface. Every engine implements it; views never branch on the engine.

Every method takes the collection it works on (search/collections.py): the apps
register their collections (practices, network posts), and an engine stores each
apart (its own tables or index) in the way its ``layout`` says:

- ``faceted`` (practices). Visibility travels with each document (``visibility``,
  ``organisation_id``) and a read takes the reader's ``ReaderScope`` (in
  ``SearchQuery.scope``, or ``scope=``): an engine must apply it to hits, totals, facet
  counts, highlights, suggestions and similar-document lists.
- ``grouped`` (network posts). Documents carry ``network_id``; a read takes the ids of
  the groups the reader may read (``PostQuery.network_ids``, from the collection's
  ``scope``) and must return nothing else: no hit, no count, no snippet of another
  group. ``similar`` and ``autocomplete`` answer nothing for such a collection.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from portal.access import ReaderScope
from search.collections import Collection

Sort = Literal["relevance", "date"]
# The last page an engine reads: past any list a reader pages through (the search page stops at
# the same), and it keeps a page's LIMIT and OFFSET within SQL's integers whatever number a caller
# passes on (a network page's ?page=, say).
MAX_PAGE = 10_000
MatchedBy = Literal["lexical", "semantic", "both"]


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> codes: OR within, AND across
    scope: ReaderScope = field(default_factory=ReaderScope)
    page: int = 1
    per_page: int = 20
    sort: Sort = "relevance"
    # A walk by date (``sort="date"`` only; ignored otherwise): (publication, id) of the last hit
    # the reader was shown; the hits are then the first ``per_page`` after it in the date order
    # (newest first, then highest id; ``page`` is not read), found by the words alone (no
    # semantic hits). Totals and facet counts are the whole search's. A walk so paged neither
    # repeats nor skips a practice published or withdrawn between two of its pages (the API's
    # cursors, docs/API.md).
    after: tuple[datetime, int] | None = None


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    score: float
    highlight: str = ""  # safe HTML: escaped text with <mark> around matches
    # Hybrid search: which ranking found it, "lexical" (the words), "semantic" (the meaning:
    # the document's vector close to the query's) or "both". Lexical-only search: "lexical".
    matched_by: MatchedBy = "lexical"


class SimilarHits(list[Hit]):
    """A similar-documents list and whether it may be kept: ``degraded`` when the engine left
    out documents whose change waits for the outbox worker (the list lacks them for now) or when
    another engine answered for the configured one. A page keeps only a whole list
    (practices/views.py ``_similar_practices``)."""

    def __init__(self, hits: Iterable[Hit] = (), *, degraded: bool = False) -> None:
        super().__init__(hits)
        self.degraded = degraded


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    engine: str
    suggestion: str | None = None  # a spelling suggestion, where the engine has one
    degraded: bool = False  # True when answered by the fallback engine
    partial: bool = False  # True when no document had every word: these match the most (search.query.some_words)

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "hits": [{"id": h.id, "title": h.title, "score": h.score, "highlight": h.highlight} for h in self.hits],
            "facets": self.facets,
            "partial": self.partial,
        }


@dataclass(frozen=True)
class PostQuery:
    """A search of network posts. ``network_ids``: the networks whose posts the reader may
    read (never more); empty means nothing is searched."""

    text: str = ""
    network_ids: frozenset[int] = frozenset()
    page: int = 1
    per_page: int = 20
    sort: Sort = "relevance"


@dataclass(frozen=True)
class PostMatch:
    id: int
    thread_id: int
    network_id: int
    title: str  # the thread's title
    score: float
    highlight: str = ""  # safe HTML, as Hit.highlight
    matched_by: MatchedBy = "lexical"  # as Hit.matched_by


@dataclass(frozen=True)
class PostResults:
    total: int
    hits: list[PostMatch]
    engine: str
    degraded: bool = False


def no_posts(engine: str) -> PostResults:
    return PostResults(total=0, hits=[], engine=engine)


class SearchUnavailable(Exception):
    """The engine cannot answer now (down, timed out). Callers fall back or retry."""


class DocumentsRefused(SearchUnavailable):
    """The engine answered a write and refused some documents (``ids``), having written the
    others: the outbox worker delays those rows alone (search/worker.py)."""

    def __init__(self, message: str, ids: Iterable[int]) -> None:
        super().__init__(message)
        self.ids = frozenset(ids)


class SearchBackend(ABC):
    name: str

    @abstractmethod
    def index(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> None:
        """Add or replace documents. Each has ``id`` and ``version`` (a number that only grows);
        an engine must ignore a write whose version is older than what it holds."""

    @abstractmethod
    def delete(self, collection: Collection, document_id: int, version: int) -> None:
        """Remove a document (withdrawn, unpublished, deleted, hidden). Idempotent."""

    @abstractmethod
    def search(self, collection: Collection, query: Any) -> Any:
        """``SearchQuery`` -> ``SearchResults`` for a faceted collection; ``PostQuery`` ->
        ``PostResults`` for a grouped one (a query without a word to look for, or without a
        group, finds nothing)."""

    @abstractmethod
    def similar(self, collection: Collection, document_id: int, *, scope: ReaderScope, limit: int = 5) -> list[Hit]:
        """Documents like this one that the reader may see, never the document itself."""

    @abstractmethod
    def autocomplete(self, collection: Collection, prefix: str, *, scope: ReaderScope, limit: int = 8) -> list[str]:
        """Titles (or phrases) completing ``prefix`` from documents the reader may see."""

    @abstractmethod
    def rebuild(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> int:
        """Replace the collection's whole index with ``documents``; returns the count. Zero
        downtime where the engine allows it (Elasticsearch: new index, then alias swap)."""

    @abstractmethod
    def document_ids(self, collection: Collection) -> dict[int, int]:
        """Every indexed document id with its version, for consistency checks."""


def paging(query: SearchQuery | PostQuery) -> tuple[int, int]:
    """(per_page, page) of ``query``: at least 1 each, the page at most ``MAX_PAGE`` (a page past
    the results is empty, whatever its number)."""
    return max(1, query.per_page), min(max(1, query.page), MAX_PAGE)
