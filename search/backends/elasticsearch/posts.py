"""Network posts (a grouped collection) in the ``elasticsearch`` engine: an index of their own.

The index of a grouped collection. Network posts live under the alias ``<INDEX>-posts``
(indices ``<INDEX>-posts-v<microseconds>``), written and rebuilt exactly like the practice
index (external versions, tombstones, alias swap): a ``CollectionIndex`` (indices.py) with
this module's mapping.
Every read filters on ``network_id`` (the reader's networks) and ``tombstone: false``
before matching, so hits, the total and highlights come from those networks only. In hybrid
mode (the collection embedded, the index mapping ``embedding``) the same filter sits inside
the kNN query (``knn_clause``), and both rankings are fused by ``hybrid.fused_order``.

Analysis: the thread title is folded and stemmed in English, French, Norwegian and
German (multi-fields, as practice titles), and in the language guessed for the post when it is
another practice language (``title_<language>``: every language the database engine stems, since
mapping version 6); the text is folded, and stemmed once in the language guessed for the post
(``text_<language>``), as the practice body. Their folded copies (``title_folded``,
``text_folded``: ``mapping.fold_accents``, since mapping version 6) are searched with the folded
query, so a Greek word typed without its accents and a word after an elided article
("l’engagement") are found as on the database engine.
"""

from typing import Any

from elasticsearch_dsl import Boolean, Date, DenseVector, Index, Keyword, Long, Mapping, Q, Search, Text
from elasticsearch_dsl.query import Query

from search.backends import hybrid
from search.backends.base import MatchedBy, PostMatch, PostQuery
from search.backends.elasticsearch.mapping import (
    ANALYSIS,
    BODY_STORAGE,
    FOLDING,
    LANGUAGES,
    MAPPING_VERSION,
    MULTI_LANGUAGES,
    fold_accents,
    vector_field,
)
from search.backends.elasticsearch.queries import article_unmarked, marking, nearest, not_withheld, written_terms
from search.collections import Collection
from search.query import ParsedQuery, Term

TITLE_BOOST = 3.0
FRAGMENT_SIZE = 180
MAX_WINDOW = 10_000
SOURCE_FIELDS = ["title", "thread_id", "network_id", "created_at"]


# The languages the title's multi-fields lack: stemmed in the post's own language only
TITLE_LANGUAGES = tuple(code for code in LANGUAGES if code not in MULTI_LANGUAGES)


def text_field(code: str) -> str:
    return f"text_{code}"


def title_field(code: str) -> str:
    return f"title_{code}"


FOLDED_FIELDS = [f"title_folded^{TITLE_BOOST:g}", "text_folded"]


def exact_fields() -> list[str]:
    title = [f"title^{TITLE_BOOST:g}", *(f"title.{code}^{TITLE_BOOST:g}" for code in MULTI_LANGUAGES)]
    title += [f"{title_field(code)}^{TITLE_BOOST:g}" for code in TITLE_LANGUAGES]
    return [*title, "text", *(text_field(code) for code in LANGUAGES)]


# --- the index -------------------------------------------------------------------------


def mapping(collection: Collection | None = None) -> Mapping:
    m = Mapping()
    m.meta("dynamic", False)
    m.meta("_meta", {"mapping_version": MAPPING_VERSION})
    m.meta("_source", {"excludes": ["title_folded", "text_folded"]})  # for indexing only
    m.field("id", Long())
    m.field("tombstone", Boolean())
    m.field("network_id", Long())
    m.field("thread_id", Long())
    m.field("language", Keyword())
    m.field("created_at", Date())
    m.field("title", Text(analyzer=FOLDING, fields={code: Text(analyzer=f"portal_{code}") for code in MULTI_LANGUAGES}))
    for code in TITLE_LANGUAGES:
        m.field(title_field(code), Text(analyzer=f"portal_{code}"))
    m.field("text", Text(analyzer=FOLDING, **BODY_STORAGE))
    m.field("title_folded", Text(analyzer=FOLDING))
    m.field("text_folded", Text(analyzer=FOLDING))
    for code in LANGUAGES:
        m.field(text_field(code), Text(analyzer=f"portal_{code}"))
    if collection is not None and collection.embedded_fields:  # hybrid search: the post's vector
        m.field("embedding", DenseVector(**vector_field()))
    return m


def index_body(collection: Collection, *, shards: int, replicas: int, refresh_interval: str = "1s") -> dict[str, Any]:
    """The index of a grouped collection (the layout's mapping, with the vector when the
    collection is embedded)."""
    index = Index("unused")
    index.settings(
        number_of_shards=shards,
        number_of_replicas=replicas,
        refresh_interval=refresh_interval,
        analysis=ANALYSIS,
        max_result_window=MAX_WINDOW,
    )
    index.mapping(mapping(collection))
    return index.to_dict()


def source(document: dict[str, Any]) -> dict[str, Any]:
    """The Elasticsearch source of a post document (as the collection's ``build`` makes it)."""
    body = {key: value for key, value in document.items() if key != "version"}
    body["tombstone"] = False
    body["title_folded"] = fold_accents(document.get("title", ""))
    body["text_folded"] = fold_accents(document.get("text", ""))
    if document.get("language") in LANGUAGES:
        body[text_field(document["language"])] = document.get("text", "")
    if document.get("language") in TITLE_LANGUAGES:
        body[title_field(document["language"])] = document.get("title", "")
    return body


def tombstone(post_id: int) -> dict[str, Any]:
    return {"id": post_id, "tombstone": True}


# --- the requests ----------------------------------------------------------------------


def _exact(term: Term) -> Query:
    """The term through every analysis, and folded in the folded copies."""
    kind = {"type": "phrase"} if term.is_phrase else {"type": "best_fields", "tie_breaker": 0.3}
    text = " ".join(term.words)
    return Q(
        "bool",
        should=[
            Q("multi_match", query=text, fields=exact_fields(), **kind),
            Q("multi_match", query=fold_accents(text), fields=FOLDED_FIELDS, **kind),
        ],
        minimum_should_match=1,
    )


def text_query(parsed: ParsedQuery) -> Query:
    must = [
        Q("bool", should=[_exact(term) for term in clause.terms], minimum_should_match=1) for clause in parsed.clauses
    ]
    return Q("bool", must=must, must_not=[_exact(term) for term in parsed.excluded])


def readable(network_ids: frozenset[int], withheld: frozenset[int] = frozenset()) -> list[Query]:
    """The reader's networks as filters: the one place this engine limits post reads. It also
    leaves out the posts ``withheld`` (a change the outbox worker has not applied yet:
    search.outbox.pending), which the engine may hold as they were before it."""
    return [Q("term", tombstone=False), Q("terms", network_id=sorted(network_ids)), *not_withheld(withheld)]


def search_body(
    query: PostQuery, parsed: ParsedQuery, *, window: int | None = None, withheld: frozenset[int] = frozenset()
) -> dict[str, Any]:
    """A page of matches; ``window``: the first ``window`` matches instead (a hybrid page's)."""
    per_page, page = max(1, min(query.per_page, 100)), max(1, query.page)
    if window is not None:
        per_page, page = min(window, MAX_WINDOW), 1
    start = min((page - 1) * per_page, MAX_WINDOW)
    search = Search().query(Q("bool", must=[text_query(parsed)], filter=readable(query.network_ids, withheld)))
    newest = [{"created_at": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]
    search = search.sort(*newest) if query.sort == "date" else search.sort("_score", *newest)
    highlighted = Q(
        "bool",
        should=[
            Q("multi_match", query=" ".join(t.words), fields=["text"], **({"type": "phrase"} if t.is_phrase else {}))
            for t in parsed.positive_terms
        ]
        + written_terms("text", parsed),
    )
    search = marking(search, highlighted, fragment_size=FRAGMENT_SIZE, no_match_size=FRAGMENT_SIZE).highlight(
        "text", type="unified"
    )
    search = search.source(SOURCE_FIELDS).extra(
        from_=start, size=min(per_page, MAX_WINDOW - start), track_total_hits=True, track_scores=query.sort == "date"
    )
    return search.to_dict()


def knn_clause(
    vector: list[float], network_ids: frozenset[int], parsed: ParsedQuery, withheld: frozenset[int] = frozenset()
) -> dict[str, Any]:
    """The semantic half: the ``SEMANTIC_LIMIT`` nearest posts at a cosine of at least
    ``SIMILARITY_FLOOR``, with the reader's networks (and the exclusions) INSIDE the kNN
    search, so that HNSW only ever returns posts the reader may read."""
    allowed = Q("bool", filter=readable(network_ids, withheld), must_not=[_exact(term) for term in parsed.excluded])
    return nearest(vector, allowed)


def semantic_body(knn: dict[str, Any]) -> dict[str, Any]:
    return {"knn": knn, "size": hybrid.SEMANTIC_LIMIT, "_source": SOURCE_FIELDS}


def union_count_body(
    query: PostQuery, parsed: ParsedQuery, knn: dict[str, Any], withheld: frozenset[int] = frozenset()
) -> dict[str, Any]:
    """The total of (lexical matches ∪ semantic hits), both of the reader's networks: a
    ``query`` and a ``knn`` in one search are a union."""
    matched = Q("bool", must=[text_query(parsed)], filter=readable(query.network_ids, withheld))
    return {"query": matched.to_dict(), "knn": knn, "size": 0, "track_total_hits": True}


def match(hit: dict[str, Any], *, score: float | None = None, matched_by: MatchedBy = "lexical") -> PostMatch:
    return PostMatch(
        id=int(hit["_id"]),
        thread_id=int(hit["_source"].get("thread_id") or 0),
        network_id=int(hit["_source"].get("network_id") or 0),
        title=hit["_source"].get("title", ""),
        score=round(float(hit.get("_score") or 0.0) if score is None else score, 6),
        highlight=article_unmarked((hit.get("highlight", {}).get("text") or [""])[0]),
        matched_by=matched_by,
    )


def read_hits(response: dict[str, Any]) -> list[PostMatch]:
    return [match(hit) for hit in response["hits"].get("hits", [])]


def fused_page(query: PostQuery, lexical: list[dict[str, Any]], semantic: list[dict[str, Any]]) -> list[PostMatch]:
    """The page of the fused list (hybrid.fused_order); hits of both lists keep the lexical
    highlight, a semantic-only hit has none (its best sentence is shown by the caller)."""
    per_page, page = max(1, min(query.per_page, 100)), max(1, query.page)
    found = {int(hit["_id"]): hit for hit in semantic} | {int(hit["_id"]): hit for hit in lexical}
    lexical_ids, semantic_ids = [int(hit["_id"]) for hit in lexical], [int(hit["_id"]) for hit in semantic]

    def newest(pk: int) -> tuple[str, int]:
        return found[pk]["_source"].get("created_at") or "", pk

    order = hybrid.fused_order(lexical_ids, semantic_ids, newest=newest, sort=query.sort)
    in_lexical, in_semantic = set(lexical_ids), set(semantic_ids)
    return [
        match(found[pk], score=score, matched_by=hybrid.matched_by(pk in in_lexical, pk in in_semantic))
        for pk, score in order[(page - 1) * per_page : page * per_page]
    ]
