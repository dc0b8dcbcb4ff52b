"""Reads built on the search engines: hits as the reader may see them now, similar documents."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe

from search.backends import get_search_backend
from search.backends.base import Hit, SearchUnavailable, SimilarHits
from search.collections import Collection
from search.neighbours import fused

SIMILAR_LIMIT = 5
SIMILAR_CANDIDATES = 20  # lexical candidates fused with the nearest vectors


def safe_highlight(html: str) -> SafeString:
    """Engines return escaped text with <mark>; keep only that, whatever an engine sends."""
    return mark_safe(_sanitised(html))  # noqa: S308 (sanitised just above)


@lru_cache(maxsize=4096)
def _sanitised(html: str) -> str:
    """nh3's answer for ``html``, remembered: a page of results without words shows the same
    openings of the same practices to every reader (14 µs a card, 20 cards a page)."""
    return nh3.clean(html, tags={"mark"}, attributes={})


@dataclass(frozen=True)
class ReadableHit:
    hit: Hit  # its highlight made safe (``safe_highlight``)
    item: Any  # the object as the database holds it now

    @property
    def highlight(self) -> str:  # a SafeString: ``readable_hits`` makes it safe
        return self.hit.highlight


def readable_hits(*, collection: Collection, user, hits: list[Hit]) -> list[ReadableHit]:
    """The hits in the engine's order, each re-read from the database through the collection's
    access rule (``Collection.readable``): a stale index shows nothing more than the
    database allows. Highlights are sanitised."""
    if collection.readable is None:
        raise TypeError(f"{collection!r} has no readable rule: its hits cannot be re-read")
    return _in_engine_order(hits, collection.readable(user, [hit.id for hit in hits]))


def readable_cards(*, collection: Collection, user, hits: list[Hit]) -> list[ReadableHit]:
    """``readable_hits`` whose items are the plain values a result card shows
    (``Collection.readable_cards``: the same access rule, a few columns, no model instance)."""
    if collection.readable_cards is None:
        raise TypeError(f"{collection!r} has no readable_cards rule: its hits cannot be re-read as cards")
    return _in_engine_order(hits, collection.readable_cards(user, [hit.id for hit in hits]))


def readable_titles(*, collection: Collection, user, titles: list[str]) -> list[str]:
    """Autocomplete's ``titles`` in the engine's order, but those no item ``user`` may read now
    bears (``Collection.readable_titles``): a stale index offers nothing more than the database
    allows (Elasticsearch holds a practice withdrawn or narrowed until the outbox worker ran)."""
    if collection.readable_titles is None:
        raise TypeError(f"{collection!r} has no readable_titles rule: its suggestions cannot be re-read")
    found = collection.readable_titles(user, titles) if titles else set()
    return [title for title in titles if title in found]


def _in_engine_order(hits: list[Hit], found: Mapping[int, Any]) -> list[ReadableHit]:
    return [
        ReadableHit(replace(hit, highlight=safe_highlight(hit.highlight)), found[hit.id])
        for hit in hits
        if hit.id in found
    ]


def similar(*, collection: Collection, user, item, limit: int = SIMILAR_LIMIT) -> list[Hit]:
    """Indexed documents like ``item`` that ``user`` may read (never ``item`` itself): the
    engine's lexical ones fused with the nearest by meaning, in any language
    (search/neighbours.py; lexical only without stored vectors).

    Empty for an item that is not indexed, or when no engine can answer: the page
    showing it never fails because of search. ``degraded`` (``SimilarHits``) when the words'
    engine did not answer whole (documents waiting for the worker left out, another engine or
    none answered): such a list is shown, not kept.
    """
    if not collection.is_indexable(item):
        return SimilarHits()
    try:
        lexical = get_search_backend().similar(
            collection, item.pk, scope=collection.scope(user), limit=max(limit, SIMILAR_CANDIDATES)
        )
    except SearchUnavailable:
        lexical = SimilarHits(degraded=True)
    return SimilarHits(
        fused(collection, user, item.pk, lexical, limit=limit), degraded=getattr(lexical, "degraded", False)
    )
