"""Search collections: what each app indexes, declared once and registered from its ``AppConfig.ready()``.

A ``Collection`` says everything the search layer needs to know about one kind of
document, so that ``search/`` imports none of the apps it serves (ARCHITECTURE.md,
"Layers"): how documents are loaded, checked and built, what is indexed (text fields,
facets), how the engines store and read it (its ``layout``), which outbox rows are its
own (``kind``), and how a reader's rights become a query scope. Engines take the
collection as an argument (``backend.search(collection, query)``); the outbox, the
worker and ``search_reindex`` go through the registry. docs/SEARCH.md, "Collections",
says how to register a third one.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class Layout(StrEnum):
    """How the engines store and read a collection; each engine implements both.

    - ``faceted``: documents whose visibility travels with them (``visibility``,
      ``organisation_id``), read under a reader scope, with facets, completion and similar
      documents; ``search`` takes a ``SearchQuery`` and answers ``SearchResults``.
    - ``grouped``: documents readable by the members of a group (``network_id``); ``search``
      takes a ``PostQuery`` (the reader's groups) and answers ``PostResults``.
    """

    FACETED = "faceted"
    GROUPED = "grouped"


@dataclass(frozen=True)
class TextField:
    """A full-text field of a document and its weight (the title weighs most)."""

    name: str
    weight: str  # PostgreSQL weight class A-D; engines map it to their own boosts
    boost: float


@dataclass(frozen=True, eq=False)
class Collection:
    name: str  # the registry key ("practices", "posts")
    kind: str  # the outbox rows of this collection (OutboxEntry.kind)
    layout: Layout
    text_fields: tuple[TextField, ...]
    # Everything the collection may index (for a rebuild), in id order, ready for ``build``.
    candidates: Callable[[], Iterable[Any]]
    load: Callable[[Iterable[int]], Mapping[int, Any]]  # ids -> objects ready for ``build``
    is_indexable: Callable[[Any], bool]  # False: the document leaves the engines
    build: Callable[..., dict[str, Any]]  # build(item, version=N) -> the search document
    # The reader's rights as the layout's query scope (ReaderScope; the ids of a reader's groups).
    scope: Callable[[Any], Any]
    # Hits re-read from the database: {id: item} of the ids ``user`` may read now.
    readable: Callable[[Any, list[int]], Mapping[int, Any]] | None = None
    # The same hits as the plain values a result card shows (templates/search/_result_card.html),
    # in the active language: {id: values} of the ids ``user`` may read now, under the same rule.
    readable_cards: Callable[[Any, list[int]], Mapping[int, dict[str, Any]]] | None = None
    # Autocomplete's titles re-read from the database: those of the titles that an item ``user``
    # may read now bears (an engine outside the database may still hold one taken from them).
    readable_titles: Callable[[Any, list[str]], set[str]] | None = None
    facets: Mapping[str, str] = field(default_factory=dict)  # facet name -> document key (lists of codes)
    # Labels of a facet's codes in the active language (facet, codes) -> {code: label}.
    facet_labels: Callable[[str, set[str]], dict[str, str]] | None = None
    facet_titles: Mapping[str, Any] = field(default_factory=dict)  # facet name -> its heading
    index_suffix: str = ""  # Elasticsearch: the collection's alias is <INDEX><index_suffix>
    # A reader's search as the app answers it (its own read-back, what no engine holds), for
    # ``manage.py search``: (user, text, page=, sort=) -> {"total": n, "hits": [{...}], ...}.
    reader_search: Callable[..., dict[str, Any]] | None = None
    # Hybrid search: the document keys whose text makes the document's vector (title,
    # description, main narrative), in order; empty: the collection is searched lexically only.
    embedded_fields: tuple[str, ...] = ()
    # The document key whose sentences get a vector each (the best-matching sentence of a
    # semantic hit); empty: none.
    sentence_field: str = ""

    @property
    def facet_names(self) -> tuple[str, ...]:
        return tuple(self.facets)

    def clean_filters(self, filters: Mapping[str, list[str]]) -> dict[str, list[str]]:
        """This collection's facets with at least one code, each code once; anything else is ignored."""
        return {
            facet: [str(code) for code in dict.fromkeys(filters[facet])] for facet in self.facets if filters.get(facet)
        }

    def __repr__(self) -> str:
        return f"<Collection {self.name}>"


_registry: dict[str, Collection] = {}


def register(collection: Collection) -> Collection:
    """Add ``collection`` (from an ``AppConfig.ready()``); registering the same name again replaces it."""
    for other in _registry.values():
        if other.name != collection.name and other.kind == collection.kind:
            raise ImproperlyConfigured(
                f"Search collections {other.name} and {collection.name} share outbox kind {other.kind!r}."
            )
    _registry[collection.name] = collection
    return collection


def unregister(name: str) -> None:
    """Forget a collection (tests that register one of their own)."""
    _registry.pop(name, None)


def get(name: str) -> Collection:
    try:
        return _registry[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No search collection named {name!r} ({', '.join(_registry) or 'none registered'})."
        ) from None


def by_kind(kind: str) -> Collection:
    for collection in _registry.values():
        if collection.kind == kind:
            return collection
    raise ImproperlyConfigured(f"No search collection writes outbox rows of kind {kind!r}.")


def registered() -> list[Collection]:
    """Every collection, in registration order (the order of INSTALLED_APPS)."""
    return list(_registry.values())
