"""The search backend interface. Every engine implements it; views never branch on the engine.

Two collections, kept apart in every engine (their own tables or index):

- Practices. Documents are plain dicts built from the declaration in
  ``practices/indexing.py``. Visibility travels with each document (``visibility``,
  ``organisation_id``) and every read method takes the reader's ``ReaderScope``: an
  engine must apply it to hits, totals, facet counts, highlights, suggestions and
  similar-practice lists.
- Network posts (``*_posts`` methods). Documents are built from the declaration in
  ``network/indexing.py`` and carry ``network_id``; every read takes the ids of the
  networks the reader is an active member of (``PostQuery.network_ids``, from
  ``network.access.network_ids_for_member``) and must return nothing else: no hit,
  no count, no snippet of another network. Posts never mix with practice facets,
  suggestions or similar-practice lists.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from portal.access import ReaderScope

Sort = Literal["relevance", "date"]

# Facet name -> document key. OR within a facet, AND across facets.
FACETS: tuple[str, ...] = (
    "theme",
    "audience",
    "country",
    "organisation_type",
    "language",
    "peer_reviewed",
    "evidence_level",
    "start_period",
)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    scope: ReaderScope = field(default_factory=ReaderScope)
    page: int = 1
    per_page: int = 20
    sort: Sort = "relevance"


@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    score: float
    highlight: str = ""  # safe HTML: escaped text with <mark> around matches


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    engine: str
    suggestion: str | None = None  # a spelling suggestion, where the engine has one
    degraded: bool = False  # True when answered by the fallback engine

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "hits": [{"id": h.id, "title": h.title, "score": h.score, "highlight": h.highlight} for h in self.hits],
            "facets": self.facets,
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
class PostHit:
    id: int
    thread_id: int
    network_id: int
    title: str  # the thread's title
    score: float
    highlight: str = ""  # safe HTML, as Hit.highlight


@dataclass(frozen=True)
class PostResults:
    total: int
    hits: list[PostHit]
    engine: str
    degraded: bool = False


def no_posts(engine: str) -> PostResults:
    return PostResults(total=0, hits=[], engine=engine)


class SearchUnavailable(Exception):
    """The engine cannot answer now (down, timed out). Callers fall back or retry."""


class SearchBackend(ABC):
    name: str

    @abstractmethod
    def index(self, documents: Iterable[dict[str, Any]]) -> None:
        """Add or replace documents. Each has ``id`` and ``version`` (a number that only grows);
        an engine must ignore a write whose version is older than what it holds."""

    @abstractmethod
    def delete(self, document_id: int, version: int) -> None:
        """Remove a document (withdrawn, unpublished, deleted). Idempotent."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults: ...

    @abstractmethod
    def similar(self, document_id: int, *, scope: ReaderScope, limit: int = 5) -> list[Hit]:
        """Practices like this one that the reader may see, never the practice itself."""

    @abstractmethod
    def autocomplete(self, prefix: str, *, scope: ReaderScope, limit: int = 8) -> list[str]:
        """Titles (or phrases) completing ``prefix`` from documents the reader may see."""

    @abstractmethod
    def rebuild(self, documents: Iterable[dict[str, Any]]) -> int:
        """Replace the whole index with ``documents``; returns the count. Zero downtime where
        the engine allows it (Elasticsearch: new index, then alias swap)."""

    @abstractmethod
    def document_ids(self) -> dict[int, int]:
        """Every indexed document id with its version, for consistency checks."""

    # Network posts: the same contract on their own collection.

    @abstractmethod
    def index_posts(self, documents: Iterable[dict[str, Any]]) -> None:
        """Add or replace post documents; a write older than what the engine holds is ignored."""

    @abstractmethod
    def delete_post(self, post_id: int, version: int) -> None:
        """Remove a post (deleted, hidden, purged). Idempotent."""

    @abstractmethod
    def search_posts(self, query: PostQuery) -> PostResults:
        """Posts matching ``query.text`` in ``query.network_ids`` only. A query without a
        word to look for, or without a network, finds nothing."""

    @abstractmethod
    def rebuild_posts(self, documents: Iterable[dict[str, Any]]) -> int:
        """Replace the whole post collection with ``documents``; returns the count."""

    @abstractmethod
    def post_ids(self) -> dict[int, int]:
        """Every indexed post id with its version, for consistency checks."""
