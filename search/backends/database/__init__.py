"""The ``database`` search engine: full-text search inside the portal's own database.

One class for both vendors. Documents, visibility and facet rows are ordinary
tables (``SearchDocument``, ``SearchFacet``); a search reads them through a
per-process snapshot (``snapshot.py``: bitsets, reloaded whenever any process
writes) and asks the full-text structure only for the ids and scores of its
matches. Only matching, ranking and snippets differ by vendor, and the
connection's vendor picks them: FTS5 on SQLite (``sqlite.py``), tsvector on
PostgreSQL (``postgres.py``). Similar practices, completion and spelling
suggestions are SQL (``sql.py``). See docs/SEARCH.md.
"""

import difflib
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from itertools import chain, islice
from typing import Any

import numpy as np
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.db.models import Q

from portal.access import ReaderScope
from search import embedding, highlight
from search.analysis import fold, words
from search.backends import hybrid
from search.backends.base import Hit, SearchBackend, SearchQuery, SearchResults, paging
from search.backends.database import snapshot, sql
from search.backends.database.postgres import PostgresText
from search.backends.database.posts import DatabasePosts
from search.backends.database.sql import DOCUMENTS, placeholders
from search.backends.database.sqlite import SqliteText
from search.collections import Collection, Layout, registered
from search.embedding import store
from search.embedding.vectors import similarities
from search.models import SearchDocument, SearchFacet
from search.query import Clause, ParsedQuery, any_of, any_word, parse, some_words, typed_terms

TEXT_ENGINES = {"sqlite": SqliteText, "postgresql": PostgresText}
SIMILAR_CANDIDATES = 50
REBUILD_CHUNK = 500


class DatabaseSearchBackend(DatabasePosts, SearchBackend):
    """Each layout has its tables (search/models.py): a faceted collection lives in
    ``SearchDocument``, ``SearchFacet`` and the text table of search/migrations/0002; a
    grouped one in ``SearchPost`` and its text table (posts.py). One collection of each
    layout per database: a second would need its tables, or a collection column."""

    name = "database"
    # Its index lives in the portal's database: search.sync applies each change in
    # the writing transaction, so the outbox worker does not serve it.
    applies_in_transaction = True

    def __init__(self, options: dict[str, Any] | None = None):
        self.alias = (options or {}).get("DATABASE", "default")
        self._snapshots = snapshot.SnapshotCache()

    # The interface: each collection to the tables of its layout

    @staticmethod
    def _grouped(collection: Collection) -> bool:
        """Whether ``collection`` lives in the grouped tables (else the faceted ones). The tables
        of a layout belong to the first collection registered with it: another one of the same
        layout is refused rather than mixed with it (ids would collide, readers would cross)."""
        owner = next((other for other in registered() if other.layout == collection.layout), collection)
        if owner.name != collection.name:
            raise ImproperlyConfigured(
                f"The database search engine keeps the {collection.layout} tables for {owner.name}: "
                f"{collection.name} needs tables of its own (docs/SEARCH.md, Collections)."
            )
        return collection.layout == Layout.GROUPED

    def index(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> None:
        if self._grouped(collection):
            self._index_posts(documents)
        else:
            self._index_faceted(collection, documents)

    def delete(self, collection: Collection, document_id: int, version: int) -> None:
        if self._grouped(collection):
            self._delete_post(document_id, version)
        else:
            self._delete_faceted(collection, document_id, version)

    def rebuild(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> int:
        if self._grouped(collection):
            return self._rebuild_posts(documents)
        return self._rebuild_faceted(collection, documents)

    def document_ids(self, collection: Collection) -> dict[int, int]:
        if self._grouped(collection):
            return self._post_ids()
        rows = SearchDocument.objects.using(self.alias).filter(live=True).values_list("id", "version")
        return dict(rows)

    def language_shares_of(self, collection: Collection) -> tuple[snapshot.Snapshot, np.ndarray, np.ndarray] | None:
        """The semantic ranking's language shares of ``collection`` as this engine subtracts them
        (``_language_shares``): its snapshot under the current token with the collection's
        vectors, each position's row in the shares, and the shares. Written in the writing
        transaction, the snapshot is current with every committed change, so another engine
        (Elasticsearch, whose index the outbox worker writes later) ranks its semantic hits by the
        same shares. None for a grouped collection (no shares) or without stored vectors."""
        if self._grouped(collection):
            return None
        with connections[self.alias].cursor() as cursor:
            view = self._snapshots.current(cursor, (collection.name, embedding.MODEL_VERSION))
        if view.vectors is None or view.has_vector is None or not view.has_vector.any():
            return None
        of_row, shares = _language_shares(view)
        return view, of_row, shares

    def search(self, collection: Collection, query):
        if self._grouped(collection):
            return self._search_posts(collection, query)
        return self._search(collection, query)

    # Writing a faceted collection

    def _text(self, collection: Collection):
        vendor = connections[self.alias].vendor
        if vendor not in TEXT_ENGINES:
            raise NotImplementedError(f"The database search engine does not support {vendor}.")
        return TEXT_ENGINES[vendor](collection.text_fields)

    def _index_faceted(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> None:
        text = self._text(collection)
        for document in documents:
            with transaction.atomic(using=self.alias):
                if self._holds_newer(document["id"], document["version"], same_is_newer=True):
                    continue
                self._write(text, document, collection.facets)

    def _delete_faceted(self, collection: Collection, document_id: int, version: int) -> None:
        with transaction.atomic(using=self.alias):
            if self._holds_newer(document_id, version, same_is_newer=False):
                return
            SearchFacet.objects.using(self.alias).filter(document_id=document_id).delete()
            SearchDocument.objects.using(self.alias).update_or_create(
                id=document_id, defaults={"version": version, "live": False, "title": "", "title_folded": ""}
            )
            with connections[self.alias].cursor() as cursor:
                self._text(collection).delete(cursor, document_id)
                snapshot.bump(cursor)

    def _rebuild_faceted(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> int:
        """Replace everything in one transaction: readers see the old index until it commits."""
        text, count = self._text(collection), 0
        with transaction.atomic(using=self.alias):
            SearchFacet.objects.using(self.alias).all().delete()
            SearchDocument.objects.using(self.alias).all().delete()
            with connections[self.alias].cursor() as cursor:
                text.clear(cursor)
            for chunk in batched(_newest_per_id(documents), REBUILD_CHUNK):
                self._insert_many(text, chunk, collection.facets)
                count += len(chunk)
            with connections[self.alias].cursor() as cursor:
                snapshot.bump(cursor)
        return count

    def _insert_many(self, text, documents: tuple[dict[str, Any], ...], facets) -> None:
        manager = SearchDocument.objects.using(self.alias)
        manager.bulk_create([SearchDocument(id=document["id"], **_document_row(document)) for document in documents])
        SearchFacet.objects.using(self.alias).bulk_create(
            [row for document in documents for row in _facet_rows(document, facets)]
        )
        with connections[self.alias].cursor() as cursor:
            for document in documents:
                text.write(cursor, document)

    def _holds_newer(self, document_id: int, version: int, *, same_is_newer: bool) -> bool:
        rows = SearchDocument.objects.using(self.alias).select_for_update().filter(id=document_id)
        current = rows.values_list("version", flat=True).first()
        if current is None:
            return False
        return current >= version if same_is_newer else current > version

    def _write(self, text, document: dict[str, Any], facets) -> None:
        document_id = document["id"]
        SearchDocument.objects.using(self.alias).update_or_create(id=document_id, defaults=_document_row(document))
        SearchFacet.objects.using(self.alias).filter(document_id=document_id).delete()
        SearchFacet.objects.using(self.alias).bulk_create(_facet_rows(document, facets))
        with connections[self.alias].cursor() as cursor:
            text.write(cursor, document)
            snapshot.bump(cursor)

    # Reading a faceted collection

    def _rows(self, statement: sql.Sql) -> list[tuple]:
        with connections[self.alias].cursor() as cursor:
            cursor.execute(statement.text, statement.params)
            return cursor.fetchall()

    def _search(
        self,
        collection: Collection,
        query: SearchQuery,
        *,
        respell: bool = True,
        meant: str | None = None,
        partial: bool = False,
    ) -> SearchResults:
        """Visibility, filters and facet counts on the snapshot's bitsets; the text engine
        gives the matches (and scores them only where the reader may look); in hybrid mode the
        snapshot's vectors give the semantic hits among the documents the reader may see
        (search/backends/hybrid.py), fused with the matches; snippets for the page's hits only.
        When no word matches and the words the reader may see offer a respelling, the
        respelling's results come back, with ``suggestion`` set (the semantic half still reads
        the words as typed, ``meant``: the model reads misspelt and foreign words well); else,
        when nothing at all was found, the documents matching most words (``partial``,
        search.query.some_words)."""
        parsed, text = parse(query.text), self._text(collection)
        filters = collection.clean_filters(query.filters)
        per_page, page = paging(query)
        after = query.after if query.sort == "date" else None
        if after is not None:
            page = 1  # a walk's page: the first after its key, found by the words alone
        vector = (
            None
            if after is not None
            else _query_vector_soon(collection, parsed, query.text if meant is None else meant)
        )
        embedded = (collection.name, embedding.MODEL_VERSION) if vector is not None else None
        with connections[self.alias].cursor() as cursor:
            view = self._snapshots.current(cursor, embedded)
            allowed = view.visible(query.scope)
            wanted = allowed
            for facet, codes in filters.items():
                wanted &= view.any_code(facet, codes)
            wanted_ids = None if wanted == view.everyone else view.ids[view.positions(wanted)]
            ranked = None
            if partial:
                matches = _most_words(text, cursor, parsed, wanted_ids)
            elif vector is None and parsed.clauses:  # lexical alone: SQL ranks the page's window
                window = page * per_page if query.sort == "relevance" else 0
                ranked = matches = text.ranked(cursor, parsed, wanted_ids, window)
            else:
                matches = text.scored(cursor, parsed, wanted_ids)
            asked = vector() if vector is not None else None  # embedded meanwhile, on another thread
            semantic, closeness = self._semantic(cursor, text, view, allowed, parsed, asked)
        scores = np.zeros(view.size)
        if matches is None:
            matched = view.everyone
        elif ranked is not None:
            matched = view.bits(view.locate(ranked.ids)[0])
            best = _positions_scored(view, ranked.best, scores)
        else:
            matched = view.bits(_positions_scored(view, matches, scores))
        shown, facets = snapshot.counts(view, (matched | semantic) & allowed, filters, collection.facet_names)
        found = view.positions(shown)
        if query.sort == "relevance" and ranked is not None:
            best = best[view.flags(shown)[best]]
            found = best[np.lexsort((best, -scores[best]))]  # best first, then newest: the window and before
        elif query.sort == "relevance" and matches is not None:
            if semantic:
                scores = _fused(view, found, scores, view.flags(matched), view.flags(semantic), closeness)
            found = found[np.lexsort((found, -scores[found]))]  # best first, then newest
        if after is not None:
            found = found[found >= self._walked(after)]
        total = shown.bit_count()
        lexical = bool(shown & matched)
        suggestion = self._suggest(parsed, view, allowed) if not lexical and not partial else None
        if suggestion and respell:
            # Nothing matched the words as typed: answer with the respelling (as Elasticsearch's
            # fuzzy second pass does), and say so through ``suggestion``; this page's snippets
            # are made only if the respelling finds nothing.
            respelt = self._search(collection, replace(query, text=suggestion), respell=False, meant=query.text)
            if respelt.total:
                return replace(respelt, suggestion=suggestion)
        chosen = found[(page - 1) * per_page : page * per_page]
        if ranked is not None and query.sort != "relevance" and len(chosen):
            with connections[self.alias].cursor() as cursor:  # the page's scores, as with relevance
                _positions_scored(view, text.scores_of(cursor, parsed, view.ids[chosen].tolist()), scores)
        hits = self._page(text, view, chosen, scores, (matched, semantic), any_word(parsed) if partial else parsed)
        results = SearchResults(
            total=total, hits=hits, facets=facets, engine=self.name, suggestion=suggestion, partial=partial and lexical
        )
        if total == 0 and respell and not partial and some_words(parsed):
            some = self._search(collection, query, respell=False, meant=meant, partial=True)
            return some if some.partial else results
        return results

    def _walked(self, after: tuple[datetime, int]) -> int:
        """How many live documents come at or before ``after`` (publication, id) in the snapshot's
        order (``snapshot.NEWEST_FIRST``): the first position a walk by date reads next."""
        published, last = after
        documents = SearchDocument.objects.using(self.alias).filter(live=True)
        if published is None:  # the unpublished come last, by id
            return documents.filter(Q(published_at__isnull=False) | Q(id__gte=last)).count()
        return documents.filter(Q(published_at__gt=published) | Q(published_at=published, id__gte=last)).count()

    def _page(
        self,
        text,
        view: snapshot.Snapshot,
        chosen: np.ndarray,
        scores: np.ndarray,
        sides: tuple[int, int],
        parsed: ParsedQuery,
    ) -> list[Hit]:
        """The hits at the positions ``chosen``, with their snippets; ``sides``: the lexical
        matches and the semantic hits (bits). A hit found by meaning only has no word to mark:
        its description's opening, not a search of its body for words it lacks (the page
        shows its closest sentence instead, search/hits.py)."""
        matched, semantic = sides
        lexical = [int(view.ids[p]) for p in chosen if (matched >> int(p)) & 1]
        snippets = self._highlights(text, lexical, parsed)
        if len(lexical) < len(chosen):
            others = [int(view.ids[p]) for p in chosen if not (matched >> int(p)) & 1]
            snippets.update(self._highlights(text, others, ParsedQuery(())))
        return [
            Hit(
                id=int(view.ids[p]),
                title=view.titles[p],
                score=round(float(scores[p]), 6),
                highlight=snippets.get(int(view.ids[p]), ""),
                matched_by=hybrid.matched_by(bool((matched >> int(p)) & 1), bool((semantic >> int(p)) & 1)),
            )
            for p in chosen
        ]

    def _semantic(
        self, cursor, text, view: snapshot.Snapshot, allowed: int, parsed: ParsedQuery, asked: np.ndarray | None
    ) -> tuple[int, np.ndarray | None]:
        """The semantic hits (bits) and every document's cosine with the query: only documents
        the reader may see (``allowed``) that have a vector and hold no excluded word."""
        if asked is None or view.vectors is None or view.has_vector is None or not view.has_vector.any():
            return 0, None
        if view.vectors.codes.shape[1] != len(asked):  # stored by another model: until search_reindex
            return 0, None
        cosines = similarities(view.vectors, asked)
        eligible = view.flags(allowed) & view.has_vector & (cosines >= hybrid.SIMILARITY_FLOOR)
        closeness = hybrid.without_language_share(cosines, asked, *_language_shares(view))
        if parsed.excluded and eligible.any():
            holders = text.scored(cursor, ParsedQuery((Clause(parsed.excluded),)), view.ids[:0]) or []
            positions, _known = view.locate(np.array([row[0] for row in holders], dtype=np.int64))
            eligible[positions] = False
        candidates = np.flatnonzero(eligible)
        if len(candidates) > hybrid.SEMANTIC_LIMIT:
            candidates = candidates[np.argpartition(-closeness[candidates], hybrid.SEMANTIC_LIMIT - 1)]
            candidates = candidates[: hybrid.SEMANTIC_LIMIT]
        return (view.bits(candidates) if len(candidates) else 0), closeness

    def _highlights(self, text, ids: list[int], parsed: ParsedQuery) -> dict[int, str]:
        """The snippets of ``ids``: without words to mark, the openings made at index time (the
        text table is read only for rows written before they were); else the text engine's."""
        if not ids:
            return {}
        with connections[self.alias].cursor() as cursor:
            if parsed.positive_terms:
                return text.highlights(cursor, ids, parsed)
            cursor.execute(f"SELECT id, opening FROM {DOCUMENTS} WHERE id IN ({placeholders(ids)})", list(ids))
            openings = {row[0]: row[1] for row in cursor.fetchall() if row[1] is not None}
            missing = [document_id for document_id in ids if document_id not in openings]
            return {**openings, **(text.highlights(cursor, missing, parsed) if missing else {})}

    def _suggest(self, parsed: ParsedQuery, view: snapshot.Snapshot, allowed: int) -> str | None:
        """A respelling from the words of the titles the reader may see (``allowed``), so nothing
        leaks: each clause's words as typed (``typed_terms``: the other spellings the parser added
        come back when the respelling is parsed; they were asked for as words of their own, all of
        which the respelling then needed), OR-ed as typed, and the exclusions kept ("iskolák
        -Budapest" is not answered by "iskolakban" with the practices in Budapest)."""
        asked = [[t.words[0] for t in typed_terms(clause.terms) if not t.is_phrase] for clause in parsed.clauses]
        if not any(asked):
            return None
        vocabulary = {word for word, bits in view.title_words.items() if bits & allowed}
        changed = {word: _closest(fold(word), vocabulary) for words in asked for word in words}
        if all(new is None for new in changed.values()):
            return None
        clauses = [" OR ".join(dict.fromkeys(changed[word] or fold(word) for word in words)) for words in asked]
        left_out = [
            '-"' + " ".join(term.words) + '"' if term.is_phrase else "-" + term.words[0]
            for term in typed_terms(parsed.excluded)
        ]
        return " ".join(filter(None, [*clauses, *left_out]))

    def similar(self, collection: Collection, document_id: int, *, scope: ReaderScope, limit: int = 5) -> list[Hit]:
        """Shared themes (2 points each) and audiences (1 each), plus up to 3 points of text
        overlap: the source's title and description words OR-ed, ranked by the engine. Both
        among the documents the reader may see, on the snapshot (as ``search``)."""
        if self._grouped(collection):
            return []
        with connections[self.alias].cursor() as cursor:
            view = self._snapshots.current(cursor)
            found, _known = view.locate(np.array([document_id], dtype=np.int64))
            allowed = view.visible(scope)
            if not len(found) or not (allowed >> int(found[0])) & 1:
                return []
            others = allowed & ~(1 << int(found[0]))
            scores = snapshot.shared_taxonomy(view, int(found[0]), others, limit=SIMILAR_CANDIDATES)
            neighbours = self._text_neighbours(self._text(collection), cursor, view, document_id, others)
            for candidate, text_score in neighbours.items():
                scores[candidate] = scores.get(candidate, 0.0) + text_score
        best = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[:limit]
        positions, _known = view.locate(np.array([candidate for candidate, _score in best], dtype=np.int64))
        return [
            Hit(id=candidate, title=view.titles[p], score=round(score, 6))
            for (candidate, score), p in zip(best, positions, strict=True)
        ]

    def _text_neighbours(
        self, text, cursor, view: snapshot.Snapshot, document_id: int, others: int
    ) -> dict[int, float]:
        """The ``SIMILAR_CANDIDATES`` best matches of the source's words among ``others``
        (ranked in SQL), scored up to 3 relative to the best."""
        parsed = any_of(text.source_text(cursor, document_id))
        ranked = text.ranked(cursor, parsed, view.ids[view.positions(others)], SIMILAR_CANDIDATES)
        if ranked is None or not ranked.best:
            return {}
        scores = np.zeros(view.size)
        positions = _positions_scored(view, ranked.best, scores)
        positions = positions[view.flags(others)[positions]]
        ids, found = view.ids[positions], scores[positions]
        order = np.lexsort((-ids, -found))[:SIMILAR_CANDIDATES]  # best first, then highest id
        top = float(found[order].max()) if len(order) else 0.0
        top = top or 1.0
        return {int(ids[i]): 3.0 * float(found[i]) / top for i in order}

    def autocomplete(self, collection: Collection, prefix: str, *, scope: ReaderScope, limit: int = 8) -> list[str]:
        if self._grouped(collection):
            return []
        folded = " ".join(fold(word) for word in words(prefix))
        if not folded:
            return []
        return [row[0] for row in self._rows(sql.completions(folded, scope, limit=limit))]


def _positions_scored(view: snapshot.Snapshot, rows: list[tuple[int, float]], scores: np.ndarray) -> np.ndarray:
    """The snapshot's positions of the (id, score) ``rows`` it holds, their scores set in ``scores``."""
    if not rows:
        return np.empty(0, dtype=np.int64)
    pairs = np.fromiter(chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows)).reshape(-1, 2)
    positions, known = view.locate(pairs[:, 0].astype(np.int64))
    scores[positions] = pairs[known, 1]
    return positions


def _most_words(text, cursor, parsed: ParsedQuery, wanted: np.ndarray | None) -> list[tuple[int, float]]:
    """(id, score) of the documents matching any clause of ``some_words``: the number of
    clauses matched, plus their summed engine score scaled below 1 (more words first, then
    the engine's ranking)."""
    counts: dict[int, int] = {}
    sums: dict[int, float] = {}
    for part in some_words(parsed):
        for document_id, score in text.scored(cursor, part, wanted) or ():
            counts[document_id] = counts.get(document_id, 0) + 1
            sums[document_id] = sums.get(document_id, 0.0) + float(score)
    top = max(sums.values(), default=0.0) * 1.001 or 1.0
    return [(document_id, count + max(sums[document_id], 0.0) / top) for document_id, count in counts.items()]


_SHARES: dict[int, tuple[Any, tuple[np.ndarray, np.ndarray]]] = {}  # id(vectors) -> (vectors, shares)
_SHARES_LOCK = threading.Lock()


def _language_shares(view: snapshot.Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """The snapshot's rows' languages and each language's share of the vectors
    (hybrid.language_shares), computed once per loaded matrix (a snapshot reload makes a new one)."""
    vectors = view.vectors
    with _SHARES_LOCK:
        kept = _SHARES.get(id(vectors))
    if kept is not None and kept[0] is vectors:
        return kept[1]
    assert vectors is not None and view.has_vector is not None
    languages = {code: view.flags(bits) & view.has_vector for code, bits in view.facets.get("language", {}).items()}
    shares = hybrid.language_shares(vectors, languages, measured=view.flags(view.public))
    with _SHARES_LOCK:
        if len(_SHARES) >= 4:  # the current matrices of a process's collections; older ones go
            _SHARES.clear()
        _SHARES[id(vectors)] = (vectors, shares)
    return shares


def _query_vector_soon(collection: Collection, parsed: ParsedQuery, text: str) -> Callable[[], Any] | None:
    """In hybrid mode (words to look for, vectors stored, model loaded), the query's vector
    computed on another thread while the lexical search runs: the function that waits for it."""
    if not parsed.positive_terms or not store.embeds(collection) or not embedding.is_loaded():
        return None
    return store.query_vector_soon(hybrid.semantic_text(text))


def _fused(
    view: snapshot.Snapshot,
    found: np.ndarray,
    scores: np.ndarray,
    lexical: np.ndarray,
    semantic: np.ndarray,
    closeness: np.ndarray | None,
) -> np.ndarray:
    """Reciprocal rank fusion of the lexical ranking (``scores``) and the semantic one
    (``closeness``) of the documents ``found`` (shown: visible, filtered), as fused scores."""
    fused = np.zeros(view.size)
    lexical_found = found[lexical[found]]
    lexical_found = lexical_found[np.lexsort((lexical_found, -scores[lexical_found]))]
    fused[lexical_found] += hybrid.LEXICAL_WEIGHT / (hybrid.RRF_K + np.arange(1, len(lexical_found) + 1))
    if closeness is not None:
        semantic_found = found[semantic[found]]
        semantic_found = semantic_found[np.lexsort((semantic_found, -closeness[semantic_found]))]
        fused[semantic_found] += hybrid.SEMANTIC_WEIGHT / (hybrid.RRF_K + np.arange(1, len(semantic_found) + 1))
    return fused


def batched(items: Iterable[Any], size: int) -> Iterable[tuple[Any, ...]]:
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def _newest_per_id(documents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    newest: dict[int, dict[str, Any]] = {}
    for document in documents:
        if document["id"] not in newest or newest[document["id"]]["version"] < document["version"]:
            newest[document["id"]] = document
    return list(newest.values())


def _closest(word: str, vocabulary: set[str]) -> str | None:
    if word in vocabulary or len(word) < 3:
        return None
    found = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
    return found[0] if found else None


def _document_row(document: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": document["version"],
        "live": True,
        "title": document.get("title", "")[:300],
        "title_folded": " ".join(fold(word) for word in words(document.get("title", "")))[:300],
        "language": (document.get("language") or [""])[0],
        "published_at": document.get("published_at"),
        "visibility": document.get("visibility", ""),
        "organisation_id": document.get("organisation_id"),
        "opening": highlight.snippet(highlight.clean(document.get("description") or ""), set()),
    }


def _facet_rows(document: dict[str, Any], facets: dict[str, str]) -> list[SearchFacet]:
    return [
        SearchFacet(document_id=document["id"], facet=facet, code=str(code))
        for facet, key in facets.items()
        for code in dict.fromkeys(document.get(key) or [])
        if code not in (None, "")
    ]
