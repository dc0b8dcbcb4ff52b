"""SQL fragments both database engines share: visibility, facet filters, counts, pages.

A full-text engine contributes one fragment, ``matched``, selecting ``id`` and
``score`` of the documents its query matches (``None``: every document). All
the rest is plain SQL over ``search_searchdocument`` (alias ``d``) and
``search_searchfacet``, the same on SQLite and PostgreSQL.

Searches and similar practices now count, filter and rank on the in-memory snapshot
(``snapshot.py``); ``counts``, ``page``, ``shared_taxonomy``, ``best_matches``,
``is_visible`` and ``titles`` are the same rules in SQL, which
tests/search/test_database_snapshot.py holds the snapshot to. Completion is SQL.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from portal.access import ReaderScope
from search.backends.base import Sort

DOCUMENTS = "search_searchdocument"
FACET_ROWS = "search_searchfacet"


@dataclass(frozen=True)
class Sql:
    text: str
    params: tuple[Any, ...] = ()

    def __add__(self, other: "Sql") -> "Sql":
        return Sql(self.text + other.text, self.params + other.params)


@dataclass(frozen=True)
class Ranked:
    """A text engine's answer to a search sorted by relevance: the ids of every match (to count
    them and their facets) and (id, score) of the best wanted ones only (the page's window, and
    every match tied with its last one)."""

    ids: np.ndarray  # int64
    best: list[tuple[int, float]]
    tied: float | None = None  # the score the window ends among: the matches tied at it are still to read

    @classmethod
    def of(cls, rows: list[tuple], window: int) -> "Ranked":
        """From (NULL, NULL, every id joined by commas) and the (id, score, NULL) rows of the
        ``beyond(window)`` best: those scoring at least the window's last; ``tied`` set when
        all the rows read score that much (more may)."""
        joined = next((row[2] for row in rows if row[0] is None), None)
        best = [(row[0], float(row[1])) for row in rows if row[0] is not None]
        if window <= 0 or len(best) < window:
            return cls(ids=id_array(joined), best=best)
        edge = best[window - 1][1]
        tied = edge if len(best) == beyond(window) and best[-1][1] == edge else None
        return cls(ids=id_array(joined), best=[row for row in best if row[1] >= edge], tied=tied)


def beyond(window: int) -> int:
    """How many of the best to read for a window: past its end, so that the matches scoring the
    same as its last one (the date decides among them) are almost always read too."""
    return window + 32


def id_array(joined: str | None) -> np.ndarray:
    """Comma-separated ids (SQL's group_concat or string_agg: one value instead of a row per
    match) as an int64 array."""
    return np.fromstring(joined or "", dtype=np.int64, sep=",")


def join(parts: Iterable[Sql], separator: str) -> Sql:
    parts = list(parts)
    return Sql(separator.join(part.text for part in parts), tuple(p for part in parts for p in part.params))


def placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def visible(scope: ReaderScope, alias: str = "d") -> Sql:
    """The ReaderScope as a condition: the one place the database engines apply visibility."""
    if scope.everything:
        return Sql(f"{alias}.live = %s", (True,))
    allowed = [Sql(f"{alias}.visibility = %s", ("public",))]
    if scope.members:
        allowed.append(Sql(f"{alias}.visibility = %s", ("members",)))
    if scope.organisation_id is not None:
        allowed.append(
            Sql(f"({alias}.visibility = %s AND {alias}.organisation_id = %s)", ("organisation", scope.organisation_id))
        )
    return Sql(f"{alias}.live = %s AND (", (True,)) + join(allowed, " OR ") + Sql(")")


def facet_filter(facet: str, codes: list[str], alias: str = "d") -> Sql:
    return Sql(
        f"{alias}.id IN (SELECT document_id FROM {FACET_ROWS} WHERE facet = %s AND code IN ({placeholders(codes)}))",
        (facet, *codes),
    )


def filters_sql(filters: dict[str, list[str]], *, leave_out: str | None = None) -> Sql:
    """OR within a facet (IN), AND across facets; ``leave_out`` one facet for its own counts."""
    parts = [facet_filter(facet, codes) for facet, codes in filters.items() if facet != leave_out]
    return join([Sql("1 = 1"), *parts], " AND ")


def with_matched(matched: Sql | None) -> Sql:
    return Sql("WITH matched AS (") + matched + Sql(") ") if matched else Sql("")


def _source(matched: Sql | None) -> str:
    if matched is None:
        return f"{DOCUMENTS} d"
    return f"{DOCUMENTS} d JOIN matched m ON m.id = d.id"


def _passes(flags: list[str], leave_out: int | None = None) -> str:
    """True when a base row passes every facet filter but the one at ``leave_out``."""
    kept = [flag for i, flag in enumerate(flags) if i != leave_out]
    return " AND ".join(kept) if kept else "1 = 1"


def counts(matched: Sql | None, scope: ReaderScope, filters: dict[str, list[str]]) -> Sql:
    """One statement: the total (facet '') and every facet's counts, each ignoring its own filter.

    ``base`` holds the visible, matching documents once, with one flag per filtered
    facet; a single pass over their facet rows then counts each code under the
    filters of the other facets.
    """
    facets = list(filters)
    flags = [f"b.p{i}" for i in range(len(facets))]
    columns = [Sql(", (") + facet_filter(facet, filters[facet]) + Sql(f") AS p{i}") for i, facet in enumerate(facets)]
    head = Sql("WITH matched AS (") + matched + Sql("), ") if matched else Sql("WITH ")
    base = (
        Sql("base AS (SELECT d.id")
        + join(columns, "")
        + Sql(f" FROM {_source(matched)} WHERE ")
        + visible(scope)
        + Sql(")")
    )
    own = [
        Sql(f" WHEN %s THEN CASE WHEN {_passes(flags, i)} THEN 1 ELSE 0 END", (facet,))
        for i, facet in enumerate(facets)
    ]
    every = Sql(f"CASE WHEN {_passes(flags)} THEN 1 ELSE 0 END")
    counted = Sql("CASE f.facet") + join(own, "") + Sql(" ELSE ") + every + Sql(" END") if own else every
    total = Sql(
        f"SELECT '' AS facet, '' AS code, COALESCE(SUM(CASE WHEN {_passes(flags)} THEN 1 ELSE 0 END), 0) AS n"
        " FROM base b"
    )
    per_code = (
        Sql("SELECT facet, code, n FROM (SELECT f.facet AS facet, f.code AS code, SUM(")
        + counted
        + Sql(
            f") AS n FROM {FACET_ROWS} f JOIN base b ON b.id = f.document_id"
            " GROUP BY f.facet, f.code) per_code WHERE n > 0"
        )
    )
    return head + base + Sql(" ") + total + Sql(" UNION ALL ") + per_code


def page(
    matched: Sql | None, scope: ReaderScope, filters: dict[str, list[str]], *, sort: Sort, limit: int, offset: int
) -> Sql:
    score = "m.score" if matched else "0.0"
    newest = "CASE WHEN d.published_at IS NULL THEN 1 ELSE 0 END, d.published_at DESC, d.id DESC"
    order = f"{score} DESC, {newest}" if sort == "relevance" and matched else newest
    return (
        with_matched(matched)
        + Sql(f"SELECT d.id, d.title, {score} AS score FROM {_source(matched)} WHERE ")
        + visible(scope)
        + Sql(" AND ")
        + filters_sql(filters)
        + Sql(f" ORDER BY {order} LIMIT %s OFFSET %s", (limit, offset))
    )


def best_matches(matched: Sql, scope: ReaderScope, *, exclude_id: int, limit: int) -> Sql:
    return (
        with_matched(matched)
        + Sql(f"SELECT d.id, m.score FROM {_source(matched)} WHERE ")
        + visible(scope)
        + Sql(" AND d.id <> %s ORDER BY m.score DESC, d.id DESC LIMIT %s", (exclude_id, limit))
    )


def shared_taxonomy(document_id: int, scope: ReaderScope, *, limit: int) -> Sql:
    """Documents sharing themes (2 points each) and audiences (1 point each) with ``document_id``."""
    return (
        Sql(
            f"SELECT f2.document_id, SUM(CASE WHEN f2.facet = 'theme' THEN 2 ELSE 1 END) AS shared "
            f"FROM {FACET_ROWS} f1 JOIN {FACET_ROWS} f2 ON f2.facet = f1.facet AND f2.code = f1.code "
            f"JOIN {DOCUMENTS} d ON d.id = f2.document_id "
            "WHERE f1.document_id = %s AND f1.facet IN ('theme', 'audience') AND d.id <> %s AND ",
            (document_id, document_id),
        )
        + visible(scope)
        + Sql(" GROUP BY f2.document_id ORDER BY shared DESC, f2.document_id DESC LIMIT %s", (limit,))
    )


def is_visible(document_id: int, scope: ReaderScope) -> Sql:
    return Sql(f"SELECT d.id FROM {DOCUMENTS} d WHERE d.id = %s AND ", (document_id,)) + visible(scope)


def titles(ids: Sequence[int]) -> Sql:
    return Sql(f"SELECT id, title FROM {DOCUMENTS} WHERE id IN ({placeholders(ids)})", tuple(ids))


def completions(prefix: str, scope: ReaderScope, *, limit: int) -> Sql:
    """Visible titles whose folded form starts with ``prefix`` or has a word starting with it."""
    starts, inside = prefix + "%", "% " + prefix + "%"
    return (
        Sql(
            f"SELECT d.title FROM {DOCUMENTS} d WHERE (d.title_folded LIKE %s OR d.title_folded LIKE %s) AND ",
            (starts, inside),
        )
        + visible(scope)
        + Sql(
            " ORDER BY CASE WHEN d.title_folded LIKE %s THEN 0 ELSE 1 END, d.title LIMIT %s",
            (starts, limit),
        )
    )
