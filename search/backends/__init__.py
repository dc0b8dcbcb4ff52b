"""The engine registry: ``get_search_backend()`` and the fallback to the database engine.

``settings.SEARCH_BACKENDS`` maps a name to ``{"ENGINE": "dotted.path.Class", OPTION: value...}``;
``settings.SEARCH_BACKEND`` names the default. An engine class is built with the
options dict (everything but ENGINE), or with no argument if it takes none.

``get_search_backend()`` (no name) returns the default. When the default lives
outside the database (Elasticsearch) and a ``database`` engine is configured, it
is wrapped: a read that raises ``SearchUnavailable`` is answered by the database
engine, with ``degraded=True`` on the results. ``get_search_backend(name)``
returns that engine itself, unwrapped (the worker, reindexing and the CLI).
"""

import inspect
import logging
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from portal.access import ReaderScope
from search.backends.base import Hit, SearchBackend, SearchUnavailable, SimilarHits
from search.collections import Collection

logger = logging.getLogger(__name__)

FALLBACK = "database"

# The per-process client cache: one engine object (and so one HTTP client) per configuration.
_engines: dict[tuple[str, str], SearchBackend] = {}


def reset_engines() -> None:
    """Forget the cached engine objects (tests that swap engines; the cache is per process)."""
    _engines.clear()


def engine_names() -> list[str]:
    return list(_configured())


def _configured() -> dict[str, dict[str, Any]]:
    configured = getattr(settings, "SEARCH_BACKENDS", None)
    if not configured:
        raise ImproperlyConfigured("SEARCH_BACKENDS names no search engine.")
    return configured


def _build(name: str, config: dict[str, Any]) -> SearchBackend:
    if "ENGINE" not in config:
        raise ImproperlyConfigured(f"SEARCH_BACKENDS[{name!r}] has no ENGINE.")
    engine_class = import_string(config["ENGINE"])
    options = {key: value for key, value in config.items() if key != "ENGINE"}
    takes_options = bool(inspect.signature(engine_class).parameters)
    return engine_class(options) if takes_options else engine_class()


def engine(name: str) -> SearchBackend:
    """The engine configured under ``name`` itself, built once per process and configuration."""
    configured = _configured()
    if name not in configured:
        raise ImproperlyConfigured(f"No search engine named {name!r} in SEARCH_BACKENDS ({', '.join(configured)}).")
    key = (name, repr(sorted(configured[name].items())))
    if key not in _engines:
        _engines[key] = _build(name, configured[name])
    return _engines[key]


def get_search_backend(name: str | None = None) -> SearchBackend:
    if name is not None:
        return engine(name)
    default = settings.SEARCH_BACKEND
    primary = engine(default)
    if applies_in_transaction(primary) or FALLBACK not in _configured() or default == FALLBACK:
        return primary
    return FallbackSearchBackend(primary, engine(FALLBACK))


def applies_in_transaction(backend: SearchBackend) -> bool:
    """Engines whose index lives in the portal's database are written in the writing transaction."""
    return bool(getattr(backend, "applies_in_transaction", False))


def local_engines() -> list[SearchBackend]:
    return [engine(name) for name in engine_names() if applies_in_transaction(engine(name))]


def outbox_engines() -> dict[str, SearchBackend]:
    """The engines the outbox worker serves: every configured engine outside the database."""
    return {name: engine(name) for name in engine_names() if not applies_in_transaction(engine(name))}


class FallbackSearchBackend(SearchBackend):
    """Reads from ``primary``; when it is unavailable, from ``fallback``, marked degraded.

    Writes go to ``primary`` only: the outbox keeps each engine in sync on its own.
    """

    def __init__(self, primary: SearchBackend, fallback: SearchBackend):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name

    def _unavailable(self, error: SearchUnavailable) -> None:
        logger.warning(
            "Search engine %s unavailable, answering from %s: %s", self.primary.name, self.fallback.name, error
        )

    def search(self, collection: Collection, query: Any) -> Any:
        try:
            return self.primary.search(collection, query)
        except SearchUnavailable as error:
            self._unavailable(error)
            return replace(self.fallback.search(collection, query), degraded=True)

    def similar(self, collection: Collection, document_id: int, *, scope: ReaderScope, limit: int = 5) -> list[Hit]:
        try:
            return self.primary.similar(collection, document_id, scope=scope, limit=limit)
        except SearchUnavailable as error:
            self._unavailable(error)
            return SimilarHits(self.fallback.similar(collection, document_id, scope=scope, limit=limit), degraded=True)

    def autocomplete(self, collection: Collection, prefix: str, *, scope: ReaderScope, limit: int = 8) -> list[str]:
        try:
            return self.primary.autocomplete(collection, prefix, scope=scope, limit=limit)
        except SearchUnavailable as error:
            self._unavailable(error)
            return self.fallback.autocomplete(collection, prefix, scope=scope, limit=limit)

    def index(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> None:
        self.primary.index(collection, documents)

    def delete(self, collection: Collection, document_id: int, version: int) -> None:
        self.primary.delete(collection, document_id, version)

    def rebuild(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> int:
        return self.primary.rebuild(collection, documents)

    def document_ids(self, collection: Collection) -> dict[int, int]:
        return self.primary.document_ids(collection)
