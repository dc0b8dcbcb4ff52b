"""Network posts in the ``database`` engine: a collection of their own, beside practices.

``SearchPost`` rows hold what a hit shows and what reads filter on (``network_id``,
``live``); the full text lives in ``search_post_fts`` (SQLite FTS5, Snowball stems
computed in Python, as sqlite.py) or ``search_pgpost`` (a weighted tsvector, as
postgres.py). The query language is translated by the same functions as for
practices. Every read is limited to ``PostQuery.network_ids`` in SQL, before
ranking, counting or highlighting: a post of another network is never read.

In hybrid mode the semantic hits come from the posts' vectors in memory
(post_vectors.py), masked by the same networks before ranking, and are fused with the
lexical matches by ``hybrid.fused_order``.

The thread title weighs three times the post text. Posts carry the language
``network.indexing`` guessed for them ("" when unsure: folded words, no stems).
"""

from collections.abc import Iterable, Sequence
from typing import Any, cast

import numpy as np
from django.db import connections, transaction

from search import embedding, highlight
from search.analysis import stemmed_text
from search.backends import hybrid
from search.backends.base import MatchedBy, PostMatch, PostQuery, PostResults, no_posts, paging
from search.backends.database.post_vectors import PostVectorsCache
from search.backends.database.postgres import (
    HEADLINES,
    LANGUAGE_OF,
    config_for,
    excluded_query,
    folded,
    headline_sql,
    tsquery,
)
from search.backends.database.snapshot import GROUPED, bump
from search.backends.database.sql import Sql, placeholders
from search.backends.database.sqlite import StemMarker, marked_positions, match_expression
from search.collections import Collection
from search.embedding import store
from search.models import SearchPost
from search.query import Clause, ParsedQuery, parse

POSTS = "search_searchpost"
TITLE_BOOST, TEXT_BOOST = 3.0, 1.0


def _live_in(network_ids: Sequence[int]) -> Sql:
    return Sql(f"p.live = %s AND p.network_id IN ({placeholders(network_ids)})", (True, *network_ids))


def _order(sort: str, score: str) -> str:
    newest = "p.created_at DESC, p.id DESC"
    return newest if sort == "date" else f"{score} DESC, {newest}"


class _PostText:
    """Counting and paging, the same on both vendors: ``_matching`` is the FROM ... WHERE of
    the matching live posts of the reader's networks, ``SCORE`` the rank expression."""

    SCORE: str

    def _matching(self, parsed: ParsedQuery, network_ids: Sequence[int]) -> Sql:
        raise NotImplementedError

    def count(self, cursor, parsed: ParsedQuery, network_ids: Sequence[int]) -> int:
        statement = Sql("SELECT COUNT(*) ") + self._matching(parsed, network_ids)
        cursor.execute(statement.text, statement.params)
        return cursor.fetchone()[0]

    def page(self, cursor, parsed, network_ids, *, sort: str, limit: int, offset: int) -> list[tuple]:
        """(id, thread id, network id, title, score, written) of a page of matches."""
        statement = (
            Sql(f"SELECT p.id, p.thread_id, p.network_id, p.title, {self.SCORE} AS score, p.created_at ")
            + self._matching(parsed, network_ids)
            + Sql(f" ORDER BY {_order(sort, 'score')} LIMIT %s OFFSET %s", (limit, offset))
        )
        cursor.execute(statement.text, statement.params)
        return cursor.fetchall()

    def among(self, cursor, parsed: ParsedQuery, network_ids: Sequence[int], ids: Sequence[int]) -> set[int]:
        """Which of the posts ``ids`` match ``parsed``."""
        if not ids:
            return set()
        statement = (
            Sql("SELECT p.id ")
            + self._matching(parsed, network_ids)
            + Sql(f" AND p.id IN ({placeholders(ids)})", tuple(ids))
        )
        cursor.execute(statement.text, statement.params)
        return {row[0] for row in cursor.fetchall()}


class SqlitePostText(_PostText):
    TABLE = "search_post_fts"
    SCORE = f"-bm25({TABLE}, 0, 0, {TITLE_BOOST}, {TEXT_BOOST})"

    def write(self, cursor, document: dict[str, Any]) -> None:
        self.delete(cursor, document["id"])
        title, text = highlight.clean(document.get("title", "")), highlight.clean(document.get("text", ""))
        language = document.get("language", "")
        cursor.execute(
            f"INSERT INTO {self.TABLE} (rowid, title, text, title_s, text_s) VALUES (%s, %s, %s, %s, %s)",
            [document["id"], title, text, stemmed_text(title, language), stemmed_text(text, language)],
        )

    def delete(self, cursor, post_id: int) -> None:
        cursor.execute(f"DELETE FROM {self.TABLE} WHERE rowid = %s", [post_id])

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {self.TABLE}")

    def _matching(self, parsed: ParsedQuery, network_ids: Sequence[int]) -> Sql:
        positive, excluded = match_expression(parsed)
        expression = f"({positive}) NOT ({excluded})" if excluded else positive
        return Sql(
            f"FROM {self.TABLE} JOIN {POSTS} p ON p.id = {self.TABLE}.rowid WHERE {self.TABLE} MATCH %s AND ",
            (expression,),
        ) + _live_in(network_ids)

    def highlights(self, cursor, ids: Sequence[int], parsed: ParsedQuery) -> dict[int, str]:
        positive, _excluded = match_expression(parsed)
        cursor.execute(
            f"SELECT rowid, text, highlight({self.TABLE}, 3, '{highlight.START}', '{highlight.END}') FROM {self.TABLE} "
            f"WHERE {self.TABLE} MATCH %s AND rowid IN ({placeholders(ids)})",
            [positive, *ids],
        )
        return {row[0]: highlight.snippet(row[1], marked_positions(row[2] or "")) for row in cursor.fetchall()}


class PostgresPostText(_PostText):
    TABLE = "search_pgpost"
    # ts_rank_cd's {D,C,B,A} weights: the title is weight A, the text weight D.
    WEIGHTS = "{" + f"{TEXT_BOOST / TITLE_BOOST:.3f},0.1,0.1,1.0" + "}"
    SCORE = f"ts_rank_cd('{WEIGHTS}'::float4[], t.vector, q.query)"

    def write(self, cursor, document: dict[str, Any]) -> None:
        self.delete(cursor, document["id"])
        config = config_for(document.get("language", ""))
        title, text = highlight.clean(document.get("title", "")), highlight.clean(document.get("text", ""))
        cursor.execute(
            f"INSERT INTO {self.TABLE} (post_id, config, title, text, vector) VALUES (%s, %s::regconfig, %s, %s, "
            "setweight(to_tsvector(%s::regconfig, %s) || to_tsvector('simple'::regconfig, %s), 'A') || "
            "setweight(to_tsvector(%s::regconfig, %s) || to_tsvector('simple'::regconfig, %s), 'D'))",
            [document["id"], config, title, text, config, title, folded(title), config, text, folded(text)],
        )

    def delete(self, cursor, post_id: int) -> None:
        cursor.execute(f"DELETE FROM {self.TABLE} WHERE post_id = %s", [post_id])

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {self.TABLE}")

    def _matching(self, parsed: ParsedQuery, network_ids: Sequence[int]) -> Sql:
        statement = (
            Sql(f"FROM {self.TABLE} t JOIN {POSTS} p ON p.id = t.post_id, (SELECT ")
            + cast(Sql, tsquery(parsed))  # callers search only with clauses
            + Sql(" AS query) q WHERE t.vector @@ q.query AND ")
            + _live_in(network_ids)
        )
        excluded = excluded_query(parsed)
        return statement + Sql(" AND NOT t.vector @@ (") + excluded + Sql(")") if excluded is not None else statement

    def highlights(self, cursor, ids: Sequence[int], parsed: ParsedQuery) -> dict[int, str]:
        statement = (
            Sql(
                f"SELECT t.post_id, {headline_sql('t.config', 't.text')}, t.config::text, t.text"
                f" FROM {self.TABLE} t, (SELECT ",
                HEADLINES,
            )
            + cast(Sql, tsquery(parsed))  # callers search only with clauses
            + Sql(f" AS query) q WHERE t.post_id IN ({placeholders(ids)})", tuple(ids))
        )
        cursor.execute(statement.text, statement.params)
        found, marker = {}, StemMarker(parsed)
        for post_id, headline, config, text in cursor.fetchall():
            found[post_id] = highlight.render(headline or "")
            if highlight.START not in (headline or ""):
                # ts_headline reads the text with its accents and elisions: a word found through
                # its folded form ("νεων", "engagement" in "l’engagement") is marked as SQLite
                # marks it, in the stems of the text (as practices: postgres.py)
                language = LANGUAGE_OF.get(config.removeprefix("pg_catalog."), "")
                snippet = marker.best_snippet([text or ""], [stemmed_text(text or "", language)])
                found[post_id] = snippet if "<mark>" in snippet else found[post_id]
        return found


POST_TEXT_ENGINES = {"sqlite": SqlitePostText, "postgresql": PostgresPostText}


class DatabasePosts:
    """The grouped half of DatabaseSearchBackend (``self.alias``: the database alias): the
    network posts' collection."""

    alias: str
    name: str

    def _post_text(self):
        vendor = connections[self.alias].vendor
        if vendor not in POST_TEXT_ENGINES:
            raise NotImplementedError(f"The database search engine does not support {vendor}.")
        return POST_TEXT_ENGINES[vendor]()

    def _posts(self):
        return SearchPost.objects.using(self.alias)

    def _index_posts(self, documents: Iterable[dict[str, Any]]) -> None:
        text = self._post_text()
        for document in documents:
            with transaction.atomic(using=self.alias):
                current = (
                    self._posts()
                    .select_for_update()
                    .filter(id=document["id"])
                    .values_list("version", flat=True)
                    .first()
                )
                if current is not None and current >= document["version"]:
                    continue
                self._write_post(text, document)

    def _write_post(self, text, document: dict[str, Any]) -> None:
        self._posts().update_or_create(id=document["id"], defaults=_post_row(document))
        with connections[self.alias].cursor() as cursor:
            text.write(cursor, document)
            bump(cursor, GROUPED)  # the posts' vectors reload (post_vectors.py)

    def _delete_post(self, post_id: int, version: int) -> None:
        with transaction.atomic(using=self.alias):
            current = self._posts().select_for_update().filter(id=post_id).values_list("version", flat=True).first()
            if current is not None and current > version:
                return
            tombstone = {"version": version, "live": False, "network_id": None, "thread_id": None, "title": ""}
            self._posts().update_or_create(id=post_id, defaults=tombstone)
            with connections[self.alias].cursor() as cursor:
                self._post_text().delete(cursor, post_id)
                bump(cursor, GROUPED)

    def _rebuild_posts(self, documents: Iterable[dict[str, Any]]) -> int:
        """Replace every post in one transaction (readers see the old collection until it commits)."""
        text, count = self._post_text(), 0
        with transaction.atomic(using=self.alias):
            self._posts().all().delete()
            with connections[self.alias].cursor() as cursor:
                text.clear(cursor)
            newest: dict[int, dict[str, Any]] = {}
            for document in documents:
                if document["id"] not in newest or newest[document["id"]]["version"] < document["version"]:
                    newest[document["id"]] = document
            self._posts().bulk_create([SearchPost(id=pk, **_post_row(document)) for pk, document in newest.items()])
            with connections[self.alias].cursor() as cursor:
                for document in newest.values():
                    text.write(cursor, document)
                    count += 1
                bump(cursor, GROUPED)
        return count

    def _post_ids(self) -> dict[int, int]:
        return dict(self._posts().filter(live=True).values_list("id", "version"))

    def _search_posts(self, collection: Collection, query: PostQuery) -> PostResults:
        parsed = parse(query.text)
        network_ids = sorted(query.network_ids)
        if not parsed.clauses or not network_ids:
            return no_posts(self.name)
        asked = _query_vector(collection, parsed, query.text)
        if asked is not None:
            return self._hybrid_posts(collection, query, parsed, network_ids, asked)
        text, (per_page, page) = self._post_text(), paging(query)
        with connections[self.alias].cursor() as cursor:
            total = text.count(cursor, parsed, network_ids)
            rows = text.page(cursor, parsed, network_ids, sort=query.sort, limit=per_page, offset=(page - 1) * per_page)
            snippets = text.highlights(cursor, [row[0] for row in rows], parsed) if rows else {}
        hits = [_match(row, round(float(row[4]), 6), snippets.get(row[0], "")) for row in rows]
        return PostResults(total=total, hits=hits, engine=self.name)

    def _hybrid_posts(
        self, collection: Collection, query: PostQuery, parsed: ParsedQuery, network_ids: list[int], asked: np.ndarray
    ) -> PostResults:
        """The lexical matches down to the page's window and the semantic hits (both of the
        reader's networks only), fused (search/backends/hybrid.py); the total is of their union.
        Snippets: the lexical highlight; a semantic-only hit gets none here (the caller shows
        its best-matching sentence once the post is read back through the access rule)."""
        text, (per_page, page) = self._post_text(), paging(query)
        with connections[self.alias].cursor() as cursor:
            lexical_total = text.count(cursor, parsed, network_ids)
            window = page * per_page + hybrid.SEMANTIC_LIMIT
            lexical = text.page(cursor, parsed, network_ids, sort=query.sort, limit=window, offset=0)
            semantic = self._semantic_posts(cursor, collection, text, parsed, network_ids, asked)
            matching, rows, semantic = self._union(cursor, text, parsed, network_ids, lexical, semantic)
            order = hybrid.fused_order(
                [row[0] for row in lexical], list(semantic), newest=lambda pk: _newest(rows[pk]), sort=query.sort
            )
            chosen = order[(page - 1) * per_page : page * per_page]
            highlighted = [pk for pk, _score in chosen if pk in matching]
            snippets = text.highlights(cursor, highlighted, parsed) if highlighted else {}
        hits = [
            _match(rows[pk], round(score, 6), snippets.get(pk, ""), hybrid.matched_by(pk in matching, pk in semantic))
            for pk, score in chosen
        ]
        total = lexical_total + sum(1 for pk in semantic if pk not in matching)
        return PostResults(total=total, hits=hits, engine=self.name)

    def _union(
        self,
        cursor,
        text,
        parsed: ParsedQuery,
        network_ids: list[int],
        lexical: list[tuple],
        semantic: dict[int, float],
    ) -> tuple[set[int], dict[int, tuple], dict[int, float]]:
        """(the posts of both sides that match the words, every post's row, the semantic hits
        re-read as live posts of ``network_ids``)."""
        in_window = {row[0] for row in lexical}
        matching = in_window | text.among(cursor, parsed, network_ids, [pk for pk in semantic if pk not in in_window])
        rows = {row[0]: row for row in lexical} | self._post_rows(cursor, list(semantic), network_ids)
        return matching, rows, {pk: closeness for pk, closeness in semantic.items() if pk in rows}

    def _semantic_posts(
        self, cursor, collection: Collection, text, parsed: ParsedQuery, network_ids: list[int], asked: np.ndarray
    ) -> dict[int, float]:
        """Post id -> cosine of the semantic hits, nearest first: posts of ``network_ids`` only
        (masked before ranking), none holding an excluded word."""
        view = self._post_vectors().current(cursor, collection.name, embedding.MODEL_VERSION)
        limit = hybrid.SEMANTIC_LIMIT * (2 if parsed.excluded else 1)  # room for the excluded ones
        nearest = dict(view.nearest(asked, network_ids, limit=limit))
        if parsed.excluded and nearest:
            holders = text.among(cursor, ParsedQuery((Clause(parsed.excluded),)), network_ids, list(nearest))
            nearest = {pk: closeness for pk, closeness in nearest.items() if pk not in holders}
        return dict(list(nearest.items())[: hybrid.SEMANTIC_LIMIT])

    def _post_vectors(self) -> PostVectorsCache:
        if "_post_vector_cache" not in self.__dict__:
            self.__dict__["_post_vector_cache"] = PostVectorsCache()
        return self.__dict__["_post_vector_cache"]

    @staticmethod
    def _post_rows(cursor, ids: list[int], network_ids: list[int]) -> dict[int, tuple]:
        """The rows (as ``page`` reads them, without a score) of the live posts ``ids`` of ``network_ids``."""
        if not ids:
            return {}
        statement = Sql(
            f"SELECT p.id, p.thread_id, p.network_id, p.title, 0, p.created_at FROM {POSTS} p "
            f"WHERE p.id IN ({placeholders(ids)}) AND ",
            tuple(ids),
        ) + _live_in(network_ids)
        cursor.execute(statement.text, statement.params)
        return {row[0]: row for row in cursor.fetchall()}


def _query_vector(collection: Collection, parsed: ParsedQuery, text: str) -> np.ndarray | None:
    """The query's vector in hybrid mode (words to look for, vectors stored, model loaded)."""
    if not parsed.positive_terms or not store.embeds(collection):
        return None
    return store.query_vector(hybrid.semantic_text(text))


def _newest(row: tuple) -> tuple[str, int]:
    return str(row[5] or ""), int(row[0])


def _match(row: tuple, score: float, highlight: str, matched_by: MatchedBy = "lexical") -> PostMatch:
    return PostMatch(
        id=row[0],
        thread_id=row[1],
        network_id=row[2],
        title=row[3],
        score=score,
        highlight=highlight,
        matched_by=matched_by,
    )


def _post_row(document: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": document["version"],
        "live": True,
        "network_id": document["network_id"],
        "thread_id": document["thread_id"],
        "title": (document.get("title") or "")[:300],
        "created_at": document.get("created_at"),
    }
