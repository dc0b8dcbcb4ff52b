"""The ``elasticsearch`` search engine (Elasticsearch 8, elasticsearch-py 8 and elasticsearch-dsl).

Options (``settings.SEARCH_BACKENDS["elasticsearch"]``):

    URL             one URL or several, comma-separated (default settings.ELASTICSEARCH_URL)
    INDEX           the alias searches read, and the prefix of its indices (default portal-practices)
    SEARCH_TIMEOUT  seconds a read may take before SearchUnavailable (default 2)
    WRITE_TIMEOUT   seconds a write or a rebuild step may take (default 30)
    SHARDS, REPLICAS  of each new index (default 1 and 1)
    REFRESH         refresh after each write, so it is searchable when index() returns (default True)
    BULK_SIZE       documents per bulk request (default 500)
    WITHHELD_LIMIT  documents with a change the outbox worker has not applied that a read may
                    leave out; past it the engine is too far behind (default 1000)
    BEHIND_SECONDS  age of the oldest such change past which the engine is too far behind
                    (default 60)

Every read leaves out the documents of its collection with a change the outbox worker has not
applied yet (search.outbox.pending: one indexed query), since the engine may hold them as
they were before it: a practice withdrawn or narrowed, a post removed, a text rewritten. Its
hits, totals, facet counts, spelling suggestions, completions and similar practices then
count nothing the database has taken back. Past WITHHELD_LIMIT documents or BEHIND_SECONDS
(the worker is down or failing) a read raises ``SearchUnavailable``, so the ``database``
engine answers, marked degraded (docs/SEARCH.md, "Between a change and the worker").

Each collection's index (its alias, mapping, writes and rebuilds) is a ``CollectionIndex``
(indices.py); this module reads them: the searches of a faceted collection (lexical, hybrid,
the spelling suggestion), similar practices, title completion, and the searches of a grouped
one (network posts).
"""

import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.serializer import OrjsonSerializer

from portal.access import ReaderScope
from search import embedding, outbox
from search.backends import FALLBACK, hybrid
from search.backends import engine as search_engine
from search.backends.base import (
    Hit,
    MatchedBy,
    PostQuery,
    PostResults,
    SearchBackend,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    SimilarHits,
    no_posts,
)
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import posts, queries
from search.backends.elasticsearch.indices import CollectionIndex
from search.collections import Collection, Layout, registered
from search.embedding import store
from search.query import parse, some_words

# Only what a search result needs travels back.
RESULT_PARTS = [
    "took",
    "hits.total",
    "hits.hits._id",
    "hits.hits._score",
    "hits.hits._source",
    "hits.hits.highlight",
    "aggregations",
    "suggest",
    "responses",
    "error",
]


def _window(query: SearchQuery) -> int:
    """Lexical hits read for a hybrid page: its end, plus the semantic hits that may come first."""
    return min(max(1, query.page) * max(1, min(query.per_page, 100)) + hybrid.SEMANTIC_LIMIT, 10_000)


def _found_id(hit: dict[str, Any]) -> int:
    """A hit's document id: its ``_id``, or the last of its sort values (``queries.ids_only``)."""
    return int(hit["_id"]) if "_id" in hit else int(hit["sort"][-1])


def _newest(hit: dict[str, Any]) -> tuple[int, int]:
    """(publication in epoch milliseconds, id) of a hit, from its sort values (``queries.ordering``)."""
    return int(hit["sort"][-2]), int(hit["sort"][-1])


def _fused_page(
    query: SearchQuery, lexical: list[dict[str, Any]], semantic: list[dict[str, Any]], marked: dict[int, dict[str, Any]]
) -> tuple[list[Hit], list[int]]:
    """The page of the fused list: by relevance, reciprocal rank fusion of both lists (ties:
    newest); by date, the union newest first. A hit found by its words takes its title and
    snippet from ``marked`` (id -> a hit carrying them); one found by meaning only its title
    from the kNN hit. Also returns the hits found by their words that ``marked`` lacks."""
    per_page, page = max(1, min(query.per_page, 100)), max(1, query.page)
    newest = {_found_id(hit): _newest(hit) for hit in (*semantic, *lexical)}
    lexical_ids = [_found_id(hit) for hit in lexical]
    nearest = {_found_id(hit): hit for hit in semantic}
    order = hybrid.fused_order(lexical_ids, list(nearest), newest=newest.__getitem__, sort=query.sort)
    in_lexical, hits, missing = set(lexical_ids), [], []
    for key, score in order[(page - 1) * per_page : page * per_page]:
        by_words = key in in_lexical
        shown = marked.get(key, {}) if by_words else {}
        if by_words and not shown:
            missing.append(key)
        title = (shown or nearest.get(key, {})).get("_source", {}).get("title", "")
        highlight = queries.best_highlight(shown.get("highlight", {})) if shown else ""
        matched_by = hybrid.matched_by(by_words, key in nearest)
        hits.append(Hit(id=key, title=title, score=round(score, 6), highlight=highlight, matched_by=matched_by))
    return hits, missing


class ElasticsearchSearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, options: dict[str, Any] | None = None):
        options = {key.upper(): value for key, value in (options or {}).items()}
        self.options = options
        urls = options.get("URL") or settings.ELASTICSEARCH_URL
        self.urls = [url.strip() for url in urls.split(",") if url.strip()] if isinstance(urls, str) else list(urls)
        self.alias = options.get("INDEX", "portal-practices")
        self.search_timeout = float(options.get("SEARCH_TIMEOUT", 2))
        self.write_timeout = float(options.get("WRITE_TIMEOUT", 30))
        self.shards = int(options.get("SHARDS", 1))
        self.replicas = int(options.get("REPLICAS", 1))
        refresh = options.get("REFRESH", True)
        if isinstance(refresh, str):
            refresh = refresh.strip().lower() in ("1", "true", "yes", "on")
        self.refresh_writes = bool(refresh)
        self.bulk_size = int(options.get("BULK_SIZE", 500))
        self.withheld_limit = int(options.get("WITHHELD_LIMIT", 1000))
        self.behind = timedelta(seconds=float(options.get("BEHIND_SECONDS", 60)))
        self._client: Elasticsearch | None = None
        self._client_pid: int | None = None
        self._reader: tuple[Elasticsearch, Elasticsearch] | None = None
        self._indexes: dict[str, CollectionIndex] = {}

    def index_of(self, collection: Collection) -> "CollectionIndex":
        """The index machinery of ``collection``, on this engine's client."""
        if collection.name not in self._indexes:
            self._indexes[collection.name] = CollectionIndex(self, collection)
        return self._indexes[collection.name]

    # --- the client: built on first use, once per process ------------------------------

    @property
    def client(self) -> Elasticsearch:
        if self._client is None or self._client_pid != os.getpid():
            self._client = Elasticsearch(
                self.urls,
                request_timeout=self.write_timeout,
                max_retries=2,
                retry_on_timeout=True,
                serializer=OrjsonSerializer(),  # JSON in and out: a tenth of the client's time per search
            )
            self._client_pid = os.getpid()
        return self._client

    @property
    def reader(self) -> Elasticsearch:
        """Short timeout; no retry but on another node after a refused connection. Made once
        per client (0.13 ms a call, and a hybrid search makes four requests)."""
        client = self.client
        if self._reader is None or self._reader[0] is not client:
            options = client.options(
                request_timeout=self.search_timeout,
                max_retries=len(self.urls) - 1,
                retry_on_timeout=False,
                retry_on_status=(),
            )
            self._reader = (client, options)
        return self._reader[1]

    # --- the interface: each collection in its own index -------------------------------

    def index(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> None:
        self.index_of(collection).index(documents)

    def delete(self, collection: Collection, document_id: int, version: int) -> None:
        self.index_of(collection).delete(document_id, version)

    def rebuild(self, collection: Collection, documents: Iterable[dict[str, Any]]) -> int:
        return self.index_of(collection).rebuild(documents)

    def document_ids(self, collection: Collection) -> dict[int, int]:
        return self.index_of(collection).document_ids()

    def _every_index(self) -> list["CollectionIndex"]:
        for collection in registered():
            self.index_of(collection)
        return list(self._indexes.values())

    def refresh(self) -> None:
        """Make every write so far searchable now (tests; writes refresh already unless REFRESH=False)."""
        for index in self._every_index():
            index.refresh()

    def drop(self) -> None:
        """Delete every index of this engine (tests and tear-downs)."""
        for index in self._every_index():
            index.drop()

    def search(self, collection: Collection, query):
        if collection.layout == Layout.GROUPED:
            return self._search_posts(collection, query)
        return self._search(collection, replace(query, scope=self._withholding(collection, query.scope)))

    def withheld(self, collection: Collection) -> frozenset[int]:
        """The documents of ``collection`` that a read leaves out now: those with a change the
        outbox worker has not applied (``outbox.pending``). ``SearchUnavailable`` when the
        worker is too far behind for that (more than ``withheld_limit`` documents, or a change
        waiting for more than ``behind``): the ``database`` engine, always current, answers."""
        waiting = outbox.pending(collection, limit=self.withheld_limit)
        if waiting.more:
            raise SearchUnavailable(f"Elasticsearch is more than {self.withheld_limit} changes behind the outbox")
        if waiting.oldest is not None and timezone.now() - waiting.oldest > self.behind:
            raise SearchUnavailable(f"Elasticsearch has a change waiting since {waiting.oldest.isoformat()}")
        return waiting.ids

    def _withholding(self, collection: Collection, scope: ReaderScope) -> queries.Withheld:
        return queries.withholding(scope, self.withheld(collection))

    # --- reading a faceted collection ------------------------------------------------------

    def _search(self, collection: Collection, query: SearchQuery) -> SearchResults:
        """One request; two when a word is unknown to the index: the second matches it
        fuzzily and checks the spelling suggestion in the same round trip. In hybrid mode
        (search/backends/hybrid.py) the lexical and the semantic requests go out side by side
        (``_hybrid``)."""
        parsed = parse(query.text)
        walked = query.sort == "date" and query.after is not None  # a walk by date: its words alone
        if not walked and self._hybrid_ready(collection, parsed):
            return self._hybrid(collection, query, parsed)
        return self._lexical_search(collection, query, parsed)

    def _lexical_search(self, collection: Collection, query: SearchQuery, parsed) -> SearchResults:
        response, suggestion, _typos = self._lexical(collection, query, parsed)
        if response is None:
            return self._nothing(collection)
        results = self._answer(collection, response, suggestion)
        if results.total or suggestion or not some_words(parsed):
            return results
        # A dead end: the documents matching most of the words.
        some = self._some_words(collection, query, parsed)
        if some is None:
            return results
        return self._answer(collection, some, None, partial=True)

    def _nothing(self, collection: Collection) -> SearchResults:
        return SearchResults(total=0, hits=[], facets={facet: {} for facet in collection.facets}, engine=self.name)

    def _answer(
        self, collection: Collection, response: dict[str, Any], suggestion: str | None, *, partial: bool = False
    ) -> SearchResults:
        found = response["hits"].get("hits", [])
        hits = self._compounds_marked(collection, [self._hit(hit) for hit in found], found)
        total = response["hits"]["total"]["value"]
        facets = queries.read_facets(response.get("aggregations", {}), collection.facet_names)
        return SearchResults(
            total=total, hits=hits, facets=facets, engine=self.name, suggestion=suggestion, partial=partial
        )

    def _some_words(self, collection: Collection, query: SearchQuery, parsed) -> dict[str, Any] | None:
        """No document has every word: the response of those matching most of them
        (queries.partial_query); None when none does."""
        index = self.index_of(collection)
        body = index.fitted(queries.search_body(collection, query, parsed, partial=True))
        response = index._read("search", lambda es: es.search(index=index.alias, filter_path=RESULT_PARTS, **body))
        if response is None or not response["hits"]["total"]["value"]:
            return None
        return response

    @staticmethod
    def _hit(hit: dict[str, Any], matched_by: MatchedBy = "lexical", score: float | None = None) -> Hit:
        return Hit(
            id=int(hit["_id"]),
            title=hit["_source"].get("title", ""),
            score=round(float(hit.get("_score") or 0.0) if score is None else score, 6),
            highlight=queries.best_highlight(hit.get("highlight", {})),
            matched_by=matched_by,
        )

    def _lexical(
        self, collection: Collection, query: SearchQuery, parsed
    ) -> tuple[dict[str, Any] | None, str | None, frozenset[str]]:
        """The lexical search: (response, spelling suggestion, words matched fuzzily)."""
        index = self.index_of(collection)
        body = index.fitted(queries.search_body(collection, query, parsed))
        response = index._read("search", lambda es: es.search(index=index.alias, filter_path=RESULT_PARTS, **body))
        if response is None:
            return None, None, frozenset()
        typos, respelt, typed = self._typos(collection, query, parsed, response)
        if not typos:
            return response, None, typos
        again = queries.search_body(collection, query, parsed, typos)
        response, *counted = self._msearch(
            collection, [again, *self._checks(collection, query, parsed, respelt, typed)]
        )
        return response, self._suggested(respelt, typed, counted), typos

    @staticmethod
    def _typos(
        collection: Collection, query: SearchQuery, parsed, response: dict[str, Any]
    ) -> tuple[frozenset[str], str | None, int | None]:
        """What a first pass's suggester says: (the words the index lacks, their respelling,
        the count of the words as typed when the first pass's total is that count)."""
        spelling = response.get("suggest", {}).get("spelling", [])
        typos = queries.unknown_words(spelling, queries.suggestion_words(parsed))
        if not typos:
            return typos, None, None
        # Without facet filters, the first pass's total is the count of the words as typed.
        typed = None if collection.clean_filters(query.filters) else response["hits"]["total"]["value"]
        return typos, queries.respelling(spelling), typed

    def _hybrid_ready(self, collection: Collection, parsed) -> bool:
        """Hybrid mode: words to look for, the model loaded, an index whose mapping has the
        vectors (before ``search_reindex``, lexical only)."""
        if not parsed.positive_terms or not store.embeds(collection) or not embedding.is_loaded():
            return False
        return self.index_of(collection).has_vectors()

    def _msearch(self, collection: Collection, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The responses of ``bodies``, searched in one round trip."""
        index = self.index_of(collection)
        searches: list[dict[str, Any]] = []
        for body in bodies:
            searches += [{"index": index.alias}, index.fitted(body)]
        answer = index._read("search", lambda es: es.msearch(searches=searches, filter_path=RESULT_PARTS))
        responses = (answer or {}).get("responses", [])
        for part in responses:
            if "error" in part:
                raise SearchUnavailable(f"Elasticsearch could not search: {part['error']}")
        if len(responses) != len(bodies):
            raise SearchUnavailable("Elasticsearch answered a search only in part")
        return responses

    def _without_language_share(
        self, collection: Collection, hits: list[dict[str, Any]], vector: np.ndarray
    ) -> list[dict[str, Any]]:
        """The kNN hits (nearest first) in the order of their cosine less their language's share
        of the query (hybrid.language_shares), as the database engine ranks them and with its
        shares (``DatabaseSearchBackend.language_shares_of``: current with every committed
        change, where this index follows the outbox); ties keep the kNN order. A document the
        database engine does not hold keeps its cosine."""
        if len(hits) < 2:
            return hits
        database = search_engine(FALLBACK)
        measured = database.language_shares_of(collection) if isinstance(database, DatabaseSearchBackend) else None
        if measured is None:
            return hits
        view, of_row, shares = measured
        if shares.shape[1] != len(vector):
            return hits
        offsets = shares @ np.asarray(vector, dtype=np.float32)
        ids = np.array([_found_id(hit) for hit in hits], dtype=np.int64)
        positions, known = view.locate(ids)
        offset = np.zeros(len(hits), dtype=np.float32)
        offset[known] = offsets[of_row[positions]]

        def ranked(index: int) -> float:
            hit = hits[index]
            score = hit.get("_score")
            if score is None:  # sorted: the score is the first sort value (queries.ordering)
                score = (hit.get("sort") or [0.0])[0]
            cosine = 2.0 * float(score or 0.0) - 1.0  # kNN's cosine score is (1 + cos) / 2
            return cosine - float(offset[index])

        return [hits[index] for index in sorted(range(len(hits)), key=ranked, reverse=True)]

    def _hybrid(self, collection: Collection, query: SearchQuery, parsed) -> SearchResults:
        """The query's vector is computed on another thread from the start. Meanwhile the
        words the index lacks are looked up (``_spelling``, a small request), then the lexical
        side goes out on the other thread: its window (the page's end plus the semantic hits
        that may come first, ids only) and the page's own lexical ranks with titles and
        snippets, fuzzy for a word the index lacks (with the counts that decide whether to
        suggest its respelling). As soon as the vector is ready, the semantic side: the kNN
        hits (the reader's visibility inside the kNN filter), those the words match too (with
        their snippets) and the union's total and facet counts. The page from the reciprocal
        rank fusion of both lists (or by date). A dead end costs one more round trip (the
        documents matching most words), and so does a page hit found by its words whose
        snippet neither side brought (``_completed``)."""
        meant = store.query_vector_soon(hybrid.semantic_text(query.text))
        typos, respelt = self._spelling(collection, parsed)
        window = replace(query, page=1, per_page=_window(query))
        words = self._words_bodies(collection, query, window, parsed, typos)
        words += self._checks(collection, query, parsed, respelt, None) if typos else []
        knn = queries.knn_clause([], query.scope, parsed, collection.text_fields)
        meaning = self._meaning_bodies(collection, query, parsed, typos, knn)
        by_words = store.beside(lambda: self._msearch(collection, words))
        vector = meant()
        if vector is None:  # the model failed: lexical only
            return self._lexical_search(collection, query, parsed)
        knn["query_vector"] = queries.as_json(vector)  # the same clause in every search of the side
        if by_words.done() and by_words.exception() is None:  # back already: its page needs no second snippets
            shown = [_found_id(hit) for hit in by_words.result()[1]["hits"].get("hits", [])]
            meaning[1] = queries.both_body(collection, query, parsed, typos, knn, shown)
        semantic, both, counts = self._msearch(collection, meaning)
        semantic["hits"]["hits"] = self._without_language_share(collection, semantic["hits"].get("hits", []), vector)
        lexical, page, *counted = by_words.result()
        suggestion = self._suggested(respelt, None, counted) if typos else None
        marked = {_found_id(hit): hit for response in (page, both) for hit in response["hits"].get("hits", [])}
        hits, missing = _fused_page(query, lexical["hits"].get("hits", []), semantic["hits"].get("hits", []), marked)
        partial = False
        if not counts["hits"]["total"]["value"] and not suggestion and some_words(parsed):
            # Nothing at all (no semantic hit either): the documents matching most words.
            some = self._some_words_page(collection, query, window, parsed, knn, semantic["hits"].get("hits", []))
            if some is not None:
                counts, hits, missing, partial = *some, True
        facets = queries.read_facets(counts.get("aggregations", {}), collection.facet_names)
        return SearchResults(
            total=counts["hits"]["total"]["value"],
            hits=self._completed(collection, query, parsed, hits, missing, marked),
            facets=facets,
            engine=self.name,
            suggestion=suggestion,
            partial=partial,
        )

    def _spelling(self, collection: Collection, parsed) -> tuple[frozenset[str], str | None]:
        """The query words the index lacks (to match fuzzily) and the query respelt, from the
        term suggester alone (a dictionary look-up, no search): known before the searches are
        sent, so a misspelt query costs no second pass."""
        asked = queries.suggestion_words(parsed)
        if not asked:
            return frozenset(), None
        index = self.index_of(collection)
        body = queries.spelling_body(asked)
        response = index._read("search", lambda es: es.search(index=index.alias, filter_path=["suggest"], **body))
        spelling = (response or {}).get("suggest", {}).get("spelling", [])
        typos = queries.unknown_words(spelling, asked)
        return typos, queries.respelling(spelling) if typos else None

    @staticmethod
    def _words_bodies(
        collection: Collection, query: SearchQuery, window: SearchQuery, parsed, typos: frozenset[str]
    ) -> list[dict[str, Any]]:
        """The lexical side of a hybrid page: its window, ids only (no facet counts, no
        snippets: ``window`` may pass 100 hits), and the page's own ranks with titles and
        snippets; fuzzy for ``typos``."""
        body = queries.search_body(collection, window, parsed, typos, facets=False, highlights=False)
        body["size"] = min(max(1, window.per_page), queries.MAX_WINDOW)
        return [queries.ids_only(body), queries.page_body(collection, query, parsed, typos)]

    @staticmethod
    def _meaning_bodies(
        collection: Collection, query: SearchQuery, parsed, typos: frozenset[str], knn: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """The semantic side of a hybrid page, on the ``knn`` clause (its vector set when ready):
        the kNN hits, those the words match too (titles and snippets), the union's counts."""
        return [
            queries.semantic_body(collection, query, knn),
            queries.both_body(collection, query, parsed, typos, knn),
            queries.union_counts_body(collection, query, parsed, typos, knn),
        ]

    def _some_words_page(
        self,
        collection: Collection,
        query: SearchQuery,
        window: SearchQuery,
        parsed,
        knn: dict[str, Any],
        semantic: list[dict[str, Any]],
    ) -> tuple[dict[str, Any], list[Hit], list[int]] | None:
        """No document has every word and none is near enough in meaning: the counts and page
        of the documents matching most words (None when none does)."""
        body = queries.search_body(collection, window, parsed, partial=True, facets=False, highlights=False)
        body["size"] = min(max(1, window.per_page), queries.MAX_WINDOW)
        counts_body = queries.union_counts_body(collection, query, parsed, frozenset(), knn, partial=True)
        some, counts = self._msearch(collection, [queries.ids_only(body), counts_body])
        if not counts["hits"]["total"]["value"]:
            return None
        return counts, *_fused_page(query, some["hits"].get("hits", []), semantic, {})

    def _completed(
        self,
        collection: Collection,
        query: SearchQuery,
        parsed,
        hits: list[Hit],
        missing: list[int],
        marked: dict[int, dict[str, Any]],
    ) -> list[Hit]:
        """``hits`` with the titles and snippets of those found by their words that the page's
        requests did not bring (``missing``): one more request, for them only. ``marked``: the
        hits (id -> a hit carrying its highlights) the page's requests brought."""
        if not missing:
            return self._compounds_marked(collection, hits, list(marked.values()))
        (response,) = self._msearch(collection, [queries.highlights_body(missing, query.scope, parsed)])
        found = {int(hit["_id"]): hit for hit in response["hits"].get("hits", [])}
        hits = [
            replace(
                hit,
                title=found[hit.id].get("_source", {}).get("title", ""),
                highlight=queries.best_highlight(found[hit.id].get("highlight", {})),
            )
            if hit.id in found
            else hit
            for hit in hits
        ]
        return self._compounds_marked(collection, hits, [*marked.values(), *found.values()])

    def _compounds_marked(self, collection: Collection, hits: list[Hit], found: list[dict[str, Any]]) -> list[Hit]:
        """``hits`` whose snippet marks nothing but which were found through their ``compounds``
        field (a compound's part, a word written in parts written whole: search/compounds.py)
        with a snippet marking the compound, or the word in parts, where the description (else
        the body) writes it, as the database engine marks it. ``found``: the hits as the engine
        answered them, with their highlights (``queries.compound_words``). Their texts cost one
        more request, only when some hit needs them."""
        through = {int(hit["_id"]): queries.compound_words(hit.get("highlight", {})) for hit in found if "_id" in hit}
        wanted = {hit.id: through[hit.id] for hit in hits if through.get(hit.id) and "<mark>" not in hit.highlight}
        if not wanted:
            return hits
        (response,) = self._msearch(collection, [queries.texts_body(list(wanted))])
        snippets = {}
        for hit in response["hits"].get("hits", []):
            key = int(hit["_id"])
            snippet = queries.compound_snippet(hit.get("_source", {}), wanted[key])
            if snippet:
                snippets[key] = snippet
        return [replace(hit, highlight=snippets[hit.id]) if hit.id in snippets else hit for hit in hits]

    @staticmethod
    def _checks(
        collection: Collection, query: SearchQuery, parsed, respelt: str | None, typed: int | None
    ) -> list[dict[str, Any]]:
        """Whether to suggest the respelling: only when the words as typed match nothing the
        reader may see and the respelling does (the suggester reads every document's words:
        these two counts keep the words of hidden practices hidden). The searches counting
        both, the first only when ``typed`` (its count) is not known already."""
        fields = collection.text_fields
        checks = [queries.strict_query(parsed, fields), queries.strict_query(parse(respelt or ""), fields)]
        if typed is not None:
            checks = checks[1:]
        if None in checks:
            return []
        return [queries.count_body(check, query.scope) for check in checks if check is not None]

    @staticmethod
    def _suggested(respelt: str | None, typed: int | None, counted: list[dict[str, Any]]) -> str | None:
        """The respelling to suggest, from the responses of ``_checks``."""
        totals = [part["hits"]["total"]["value"] for part in counted]
        if typed is not None and totals:
            totals = [typed, *totals]
        return respelt if len(totals) == 2 and totals[0] == 0 and totals[1] > 0 else None

    def similar(self, collection: Collection, document_id: int, *, scope: ReaderScope, limit: int = 5) -> list[Hit]:
        """More-like-this over the visible practices, never the practice itself nor one whose
        change waits for the worker; nothing when the reader may not see the practice."""
        if collection.layout != Layout.FACETED:
            return []
        others = self._withholding(collection, scope)
        # The practice itself is asked about as the engine holds it, even when its own change waits
        # (its page re-reads it through the access rule; an edit must not empty its list, which the
        # page keeps for SIMILAR_PRACTICES_SECONDS); the others that wait are left out.
        itself = queries.withholding(scope, others.withheld - {document_id})
        index = self.index_of(collection)
        searches = [
            {"index": index.alias},
            queries.visible_ids_body(document_id, itself),
            {"index": index.alias},
            queries.similar_body(index.alias, document_id, others, limit),
        ]
        response = index._read("find similar practices", lambda es: es.msearch(searches=searches))
        if response is None:
            return []
        source, found = response["responses"]
        for part in (source, found):
            if "error" in part:
                if part["error"].get("type") == "index_not_found_exception":
                    return []
                raise SearchUnavailable(f"Elasticsearch could not find similar practices: {part['error']}")
        if source["hits"]["total"]["value"] == 0:
            return []
        return SimilarHits(
            (
                Hit(
                    id=int(hit["_id"]),
                    title=hit["_source"].get("title", ""),
                    score=round(float(hit["_score"] or 0.0), 6),
                )
                for hit in found["hits"]["hits"]
            ),
            # Others left out while their change waits: this list lacks them for a moment only.
            degraded=bool(itself.withheld),
        )

    def autocomplete(self, collection: Collection, prefix: str, *, scope: ReaderScope, limit: int = 8) -> list[str]:
        prefix = " ".join(prefix.split())[:100]
        if not prefix or limit < 1 or collection.layout != Layout.FACETED:
            return []
        withheld = {str(each) for each in self.withheld(collection)}  # completion filters on contexts alone
        index = self.index_of(collection)
        body = queries.completion_body(prefix, scope, limit)
        response = index._read("complete", lambda es: es.search(index=index.alias, **body))
        titles: dict[str, None] = {}
        for option in (response or {}).get("suggest", {}).get("titles", [{}])[0].get("options", []):
            title = option.get("_source", {}).get("title")
            if title and option.get("_id") not in withheld:
                titles.setdefault(title)
        return list(titles)[:limit]

    # --- reading a grouped collection ------------------------------------------------------

    def _search_posts(self, collection: Collection, query: PostQuery) -> PostResults:
        parsed = parse(query.text)
        if not parsed.clauses or not query.network_ids:
            return no_posts(self.name)
        withheld = self.withheld(collection)
        index = self.index_of(collection)
        vector = self._post_vector(collection, parsed, query.text)
        if vector is not None:
            return self._hybrid_posts(collection, query, parsed, vector, withheld)
        body = posts.search_body(query, parsed, withheld=withheld)
        response = index._read("search the network posts", lambda es: es.search(index=index.alias, **body))
        if response is None:
            return no_posts(self.name)
        return PostResults(total=response["hits"]["total"]["value"], hits=posts.read_hits(response), engine=self.name)

    def _post_vector(self, collection: Collection, parsed, text: str) -> list[float] | None:
        """As ``_query_vector``, for a post search."""
        if not parsed.positive_terms or not store.embeds(collection):
            return None
        vector = store.query_vector(hybrid.semantic_text(text))
        if vector is None or not self.index_of(collection).has_vectors():
            return None
        return queries.as_json(vector)

    def _hybrid_posts(
        self, collection: Collection, query: PostQuery, parsed, vector: list[float], withheld: frozenset[int]
    ) -> PostResults:
        """One round trip: the lexical matches down to the page's window, the kNN hits (the
        reader's networks inside the kNN filter) and the union's total; the page fused."""
        window = max(1, query.page) * max(1, min(query.per_page, 100)) + hybrid.SEMANTIC_LIMIT
        knn = posts.knn_clause(vector, query.network_ids, parsed, withheld)
        bodies = [
            posts.search_body(query, parsed, window=window, withheld=withheld),
            posts.semantic_body(knn),
            posts.union_count_body(query, parsed, knn, withheld),
        ]
        lexical, semantic, counts = self._msearch(collection, bodies)
        hits = posts.fused_page(query, lexical["hits"].get("hits", []), semantic["hits"].get("hits", []))
        return PostResults(total=counts["hits"]["total"]["value"], hits=hits, engine=self.name)
