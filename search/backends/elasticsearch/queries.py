"""Request bodies for the Elasticsearch engine, built with elasticsearch-dsl.

- Visibility (``visible``) is a filter in every request: hits, totals, aggregations,
  highlights (they come from hits), completions (contexts) and more-like-this. It also leaves
  out the documents the scope withholds (``Withheld``: a change the outbox worker has not
  applied yet), so that no count or suggestion reads them in a state older than the database's.
- The query language is ``search.query.parse`` translated clause by clause: each word must
  match (AND) exactly through any analyzer; a word the index lacks (the term suggester of the
  first pass says so) is also matched fuzzily (fuzziness AUTO) on the folded title,
  description and taxonomy at a lower weight, in a second pass, so exact matches rank
  first. Phrases are phrase ``multi_match``; OR groups ``should``; exclusions ``must_not``
  (exact only).
- No dead ends: when nothing has every clause, ``partial_query`` asks for any clause of
  ``search.query.some_words``, each matched clause worth ``CLAUSE_WEIGHT`` plus its score,
  so documents matching more words rank first, then by the engine's score.
- Facets: OR within a facet, AND across facets. The facet filters go in ``post_filter``
  and each facet's aggregation is filtered by the *other* facets, so the counts of a
  facet with a selected value still show its alternatives.
"""

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
from elasticsearch_dsl import A, Q, Search
from elasticsearch_dsl.query import Query

from portal.access import ReaderScope
from search import compounds
from search.analysis import STOP_WORDS
from search.backends import hybrid
from search.backends.base import SearchQuery
from search.backends.elasticsearch.mapping import (
    COMPLETION_CONTEXT,
    EVERYONE_CONTEXT,
    FOLDED,
    MULTI_FIELDS,
    MULTI_LANGUAGES,
    OWN_LANGUAGES,
    SOURCE_FIELDS,
    fold_accents,
    own_language_field,
    stems_field,
)
from search.collections import Collection, TextField
from search.highlight import clean, snippet
from search.query import ParsedQuery, Term, some_words, typed_terms

FUZZY_WEIGHT = 0.3  # a fuzzy match is worth less than an exact one
CLAUSE_WEIGHT = 10_000.0  # above any one clause's score: the count of words matched ranks first
FACET_SIZE = 200  # more codes than any taxonomy holds
HIGHLIGHT_FIELDS = ("description", "body")  # in order of preference
NARRATIVE = ("description", "body")  # where a compound found through ``compounds`` is marked
COMPOUNDS = "compounds"  # highlighted to say which of its words a hit was found through
MARKED = re.compile(r"<mark>(.*?)</mark>")
FRAGMENT_SIZE = 180
MAX_WINDOW = 10_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MISSING_LAST = -(2**63)  # the sort value of a document without publication, newest first (missing: _last)
KNN_CANDIDATES = 200  # HNSW candidates per shard: recall of the nearest 50 close to exact
SIMILAR_FIELDS = ["title", "description", "taxonomy", "body"]  # folded: the same words in any language


def analysed_fields(name: str) -> list[str]:
    """A text field under every analysis it has (see mapping)."""
    multi = [f"{stems_field(name)}.{code}" for code in MULTI_LANGUAGES] if name in MULTI_FIELDS else []
    folded = [FOLDED[name]] if name in FOLDED else []
    return [name, *multi, *(own_language_field(name, code) for code in OWN_LANGUAGES.get(name, ())), *folded]


@cache
def _exact_fields(text_fields: tuple[TextField, ...]) -> tuple[str, ...]:
    return tuple(f"{name}^{field.boost:g}" for field in text_fields for name in analysed_fields(field.name))


def exact_fields(text_fields: tuple[TextField, ...]) -> list[str]:
    """Every text field of the collection under every analysis, with the declared boosts."""
    return list(_exact_fields(text_fields))


def fuzzy_fields() -> list[str]:
    """Typos are matched in ``spell`` (title, description and taxonomy, folded): fuzzy
    matching over the body's much larger vocabulary cost four times as much."""
    return ["spell"]


@dataclass(frozen=True)
class Withheld(ReaderScope):
    """A reader's scope and the documents no read of theirs may count now (``withheld``): those
    with a change the outbox worker has not applied yet (search.outbox.pending), which the
    engine may still hold as they were before it (docs/SEARCH.md, "Between a change and the
    worker")."""

    withheld: frozenset[int] = frozenset()


def withholding(scope: ReaderScope, ids: frozenset[int]) -> Withheld:
    return Withheld(
        members=scope.members, organisation_id=scope.organisation_id, everything=scope.everything, withheld=ids
    )


def withheld_ids(scope: ReaderScope) -> frozenset[int]:
    return scope.withheld if isinstance(scope, Withheld) else frozenset()


def not_withheld(ids: frozenset[int]) -> list[Query]:
    """The filter leaving out ``ids`` (none: no filter)."""
    return [Q("bool", must_not=[Q("ids", values=[str(each) for each in sorted(ids)])])] if ids else []


def visible(scope: ReaderScope) -> Query:
    """The ReaderScope as a filter: the one place this engine applies visibility (and leaves
    out the documents a ``Withheld`` scope withholds)."""
    live = Q("bool", filter=[Q("term", tombstone=False), *not_withheld(withheld_ids(scope))])
    if scope.everything:
        return live
    allowed = [Q("term", visibility="public")]
    if scope.members:
        allowed.append(Q("term", visibility="members"))
    if scope.organisation_id is not None:
        own = [Q("term", visibility="organisation"), Q("term", organisation_id=scope.organisation_id)]
        allowed.append(Q("bool", filter=own))
    return Q("bool", filter=[live, Q("bool", should=allowed, minimum_should_match=1)])


def completion_contexts(scope: ReaderScope) -> list[str]:
    """The completion contexts a reader may see (see mapping.access_contexts)."""
    if scope.everything:
        return [EVERYONE_CONTEXT]
    contexts = ["public"]
    if scope.members:
        contexts.append("members")
    if scope.organisation_id is not None:
        contexts.append(f"org:{scope.organisation_id}")
    return contexts


# --- the query language -------------------------------------------------------------


def _text(term: Term) -> str:
    return " ".join(term.words)


def _folded_text(term: Term) -> str:
    """The term as the exact fields read it: stems are indexed without accents (mapping)."""
    return fold_accents(_text(term))


def exact_term(term: Term, fields: tuple[TextField, ...]) -> Query:
    if term.is_phrase:
        return Q("multi_match", query=_folded_text(term), fields=exact_fields(fields), type="phrase")
    return Q("multi_match", query=_folded_text(term), fields=exact_fields(fields), type="best_fields", tie_breaker=0.3)


def any_of(options: list[Query]) -> Query:
    return Q("bool", should=options, minimum_should_match=1)


def term_query(term: Term, typos: frozenset[str], fields: tuple[TextField, ...]) -> Query:
    """Exact (through every analyzer), or fuzzy too for a word the index lacks (``typos``)."""
    if term.is_phrase or term.words[0] not in typos:
        return exact_term(term, fields)
    fuzzy = Q(
        "multi_match",
        query=_text(term),
        fields=fuzzy_fields(),
        fuzziness="AUTO",
        prefix_length=1,
        max_expansions=20,
        boost=FUZZY_WEIGHT,
    )
    return any_of([exact_term(term, fields), fuzzy])


def text_query(parsed: ParsedQuery, fields: tuple[TextField, ...], typos: frozenset[str] = frozenset()) -> Query | None:
    if parsed.is_empty:
        return None
    must = []
    for clause in parsed.clauses:
        alternatives = [term_query(term, typos, fields) for term in clause.terms]
        must.append(alternatives[0] if len(alternatives) == 1 else any_of(alternatives))
    return Q("bool", must=must or [Q("match_all")], must_not=[exact_term(term, fields) for term in parsed.excluded])


def strict_query(parsed: ParsedQuery, fields: tuple[TextField, ...]) -> Query | None:
    """The same query without fuzziness: checks that a spelling suggestion finds something."""
    if parsed.is_empty:
        return None
    must = [any_of([exact_term(term, fields) for term in clause.terms]) for clause in parsed.clauses]
    return Q("bool", must=must, must_not=[exact_term(term, fields) for term in parsed.excluded])


def partial_query(parsed: ParsedQuery, fields: tuple[TextField, ...]) -> Query | None:
    """Documents matching any clause of ``some_words`` (exclusions kept), scored
    ``CLAUSE_WEIGHT`` per clause matched plus the clauses' own scores; None when the query
    has no such answer."""
    parts = some_words(parsed)
    if not parts:
        return None
    should = []
    for part in parts:
        clause = any_of([exact_term(term, fields) for term in part.positive_terms])
        should += [clause, Q("constant_score", filter=clause, boost=CLAUSE_WEIGHT)]
    excluded = [exact_term(term, fields) for term in parsed.excluded]
    return Q("bool", should=should, minimum_should_match=1, must_not=excluded)


# --- facets ---------------------------------------------------------------------------


def facet_filter(keys, filters: dict[str, list[str]], *, leave_out: str | None = None) -> Query:
    """``keys``: facet name -> document key (the collection's facets)."""
    parts = [Q("terms", **{keys[facet]: codes}) for facet, codes in filters.items() if facet != leave_out]
    return Q("bool", filter=parts)


def add_facets(search: Search, filters: dict[str, list[str]], keys) -> Search:
    """A facet with a selected code is counted under the *other* facets' filters; the
    others all share one bucket under every filter (the same set as the hits)."""
    shared = search.aggs.bucket("filtered", "filter", filter=facet_filter(keys, filters)) if filters else search.aggs
    for facet, key in keys.items():
        counts = A("terms", field=key, size=FACET_SIZE)
        if facet in filters:
            search.aggs.bucket(facet, "filter", filter=facet_filter(keys, filters, leave_out=facet)).bucket(
                "codes", counts
            )
        else:
            shared.bucket(facet, counts)
    if filters:
        search = search.post_filter(facet_filter(keys, filters))
    return search


def read_facets(aggregations: dict[str, Any], facet_names: tuple[str, ...]) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {}
    shared = aggregations.get("filtered", aggregations)
    for facet in facet_names:
        found = aggregations[facet]["codes"] if "codes" in aggregations.get(facet, {}) else shared.get(facet, {})
        buckets = found.get("buckets", [])
        counts = {str(bucket.get("key_as_string", bucket["key"])): bucket["doc_count"] for bucket in buckets}
        facets[facet] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return facets


# --- the requests ---------------------------------------------------------------------


def search_body(
    collection: Collection,
    query: SearchQuery,
    parsed: ParsedQuery,
    typos: frozenset[str] | None = None,
    *,
    partial: bool = False,
    facets: bool = True,
    highlights: bool = True,
) -> dict[str, Any]:
    """The search of ``collection``; ``typos`` None: the first pass, which also asks which
    words the index lacks (the term suggester); else the second pass, fuzzy for those words.
    ``partial``: the documents matching most words (``partial_query``), no suggester.
    ``facets`` False: the facet filters apply, their counts are left to another search (the
    hybrid search counts the union, ``union_counts_body``). ``highlights`` False: no snippets
    (a hybrid search reads a window of lexical hits larger than its page and asks for the
    snippets of the page's hits only, ``highlights_body``)."""
    per_page, page = max(1, min(query.per_page, 100)), max(1, query.page)
    start = min((page - 1) * per_page, MAX_WINDOW)
    if partial:
        matched, typos = partial_query(parsed, collection.text_fields), frozenset()
    else:
        matched = text_query(parsed, collection.text_fields, typos or frozenset())
    search = Search().query(Q("bool", must=[matched] if matched else [], filter=[visible(query.scope)]))
    filters = collection.clean_filters(query.filters)
    if facets:
        search = add_facets(search, filters, collection.facets)
    elif filters:
        search = search.post_filter(facet_filter(collection.facets, filters))
    search = search.sort(*ordering(query.sort))
    if matched is not None and highlights:
        search = with_highlights(search, parsed)
    asked = suggestion_words(parsed)
    if asked and typos is None:  # a dictionary look-up per word: corrections only for words the index lacks
        search = search.suggest("spelling", asked, term=term_suggester())
    walk = walked_after(query)
    if walk is not None:  # the first page after the key: ES reads from it (totals and counts unchanged)
        start, search = 0, search.extra(search_after=walk)
    search = search.source(SOURCE_FIELDS).extra(
        from_=start, size=min(per_page, MAX_WINDOW - start), track_total_hits=True, track_scores=query.sort == "date"
    )
    return search.to_dict()


def walked_after(query: SearchQuery) -> list[int] | None:
    """The sort values (``ordering("date")``: publication in epoch milliseconds, id) a walk by
    date reads after (``SearchQuery.after``), or None. A document with no publication is not
    in the index, so a key without one reads nothing more."""
    if query.sort != "date" or query.after is None:
        return None
    published, last = query.after
    if published is None:
        return [_MISSING_LAST, last]
    return [(published - EPOCH) // timedelta(milliseconds=1), last]


def ordering(sort: str) -> list[Any]:
    """The order of hits: by relevance (``_score``) or by date, then newest, then highest id.
    Each hit's sort values end with its publication (epoch milliseconds) and its id, so a
    search that reads no stored field (``ids_only``) still says which documents it found."""
    newest: list[Any] = [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": "desc"}]
    return newest if sort == "date" else ["_score", *newest]


def ids_only(body: dict[str, Any]) -> dict[str, Any]:
    """``body`` answering with each hit's sort values only (``ordering``): no stored field and
    no ``_source`` is read, which was half of a hybrid search's lexical window (70 hits)."""
    body = {key: value for key, value in body.items() if key != "_source"}
    body["stored_fields"] = "_none_"
    return body


def marking(search: Search, words: Query, *, fragment_size: int = FRAGMENT_SIZE, **options: Any) -> Search:
    """``search`` marking ``words`` with ``<mark>`` in one fragment of each hit, HTML-escaped."""
    return search.highlight_options(
        pre_tags=["<mark>"],
        post_tags=["</mark>"],
        encoder="html",
        fragment_size=fragment_size,
        number_of_fragments=1,
        highlight_query=words.to_dict(),
        **options,
    )


def with_highlights(search: Search, parsed: ParsedQuery) -> Search:
    """``search`` marking the words of ``parsed`` in one fragment of each hit, and saying which
    words of its ``compounds`` field a hit was found through (``compound_words``)."""
    search = marking(search, highlight_query(parsed))
    # The description: one pass over its term vectors marks the matches of all its analyses
    # (its opening stands in when only the title matched). The body: its exact words, from the
    # offsets in its postings (see mapping.BODY_STORAGE). ``compounds``: whole, from its term
    # vectors, only when it matched (no opening).
    return (
        search.highlight(
            "description",
            type="fvh",
            matched_fields=analysed_fields("description"),
            no_match_size=FRAGMENT_SIZE,
        )
        .highlight("body", type="unified")
        .highlight(COMPOUNDS, type="fvh", matched_fields=analysed_fields(COMPOUNDS), number_of_fragments=0)
    )


def without_compound_marks(body: dict[str, Any]) -> dict[str, Any]:
    """``body`` for an index built before ``compounds`` kept term vectors (mapping version 4 and
    older: the fast vector highlighter refuses such a field): its snippets as before."""
    fields = body.get("highlight", {}).get("fields", {})
    if COMPOUNDS not in fields:
        return body
    highlight = {**body["highlight"], "fields": {name: value for name, value in fields.items() if name != COMPOUNDS}}
    return {**body, "highlight": highlight}


def compound_words(highlight: dict[str, list[str]]) -> frozenset[str]:
    """The words of a hit's ``compounds`` field (its compounds' parts, its words written in parts
    written whole: search/compounds.py) that the query matched, in lower case, from its highlight."""
    return frozenset(
        html.unescape(word).casefold() for fragment in highlight.get(COMPOUNDS, []) for word in MARKED.findall(fragment)
    )


def texts_body(ids: list[int]) -> dict[str, Any]:
    """The description and body of the documents ``ids``, found already by a search that applied
    the reader's visibility (``compound_snippet``)."""
    query = Q("bool", filter=[Q("ids", values=[str(each) for each in ids]), Q("term", tombstone=False)])
    return Search().query(query).source(list(NARRATIVE)).extra(size=len(ids)).to_dict()


def compound_snippet(texts: dict[str, Any], words: frozenset[str]) -> str:
    """The snippet of the first of the description and the body that writes one of ``words`` (of
    the ``compounds`` field: ``compound_words``) as a compound holding it or as the parts it joins,
    those marked (search.compounds.holders, as the database engine marks them); "" when neither does."""
    for name in NARRATIVE:
        text = clean(texts.get(name) or "")
        found = compounds.holders(text, words)
        if found:
            return snippet(text, found)
    return ""


def highlights_body(ids: list[int], scope: ReaderScope, parsed: ParsedQuery) -> dict[str, Any]:
    """The titles and snippets of the documents ``ids`` (those the reader may see): what a
    hybrid page still lacks of a hit found by its words (``page_body``, ``both_body``)."""
    query = Q("bool", filter=[Q("ids", values=[str(each) for each in ids]), visible(scope)])
    search = with_highlights(Search().query(query), parsed)
    return search.source(SOURCE_FIELDS).extra(size=len(ids)).to_dict()


# Where a long text is highlighted (a practice's body, a post's text), the highlighter reads the
# field as written, folded by ``asciifolding`` only: a word found through the folded copies, after
# an elided article ("l’engagement", one token there) or with a Greek accent ("νέων"), is no token
# of it. Those tokens are asked for by name (``written_forms``), for marking only: exact terms,
# a few per word, looked up in the hit's own postings.
# The elisions before a noun or a verb's infinitive: each is one more term every hit's postings are
# searched for (written_terms), so not those before a pronoun or a conjugated verb ("c'est",
# "j'ai", "m'", "t'", "jusqu'à", "lorsqu'il").
ELIDED_ARTICLES = (
    "l d s n qu"  # French
    " dell all dall nell sull un"  # Italian
).split()
_GREEK_TONOS = dict(zip("αεηιουω", "άέήίόύώ", strict=True))
_VOWEL_START = re.compile(r"^[aeiouyh]", re.IGNORECASE)


def written_forms(word: str) -> list[str]:
    """The tokens ``word`` (as typed) may be in a text analysed by the folding analyzer only (a
    standard tokenizer, lower case, ``asciifolding``) where its folded copy holds it: after an
    elided article ("l'engagement", the typographic apostrophe folds to "'"), with a Greek
    accent on one of its vowels, or a final sigma ("νέων", "εξτρεμισμός")."""
    folded = fold_accents(word).lower()
    if not folded.isalpha():
        return []
    if any("\u0370" <= c <= "\u03ff" for c in folded):
        plain = folded[:-1] + "ς" if folded.endswith("σ") else folded
        accented = [plain[:i] + _GREEK_TONOS[c] + plain[i + 1 :] for i, c in enumerate(plain) if c in _GREEK_TONOS]
        return [form for form in dict.fromkeys([folded, plain, *accented]) if form != word.lower()]
    if _VOWEL_START.match(folded):
        return [f"{article}'{folded}" for article in ELIDED_ARTICLES]
    return []


def written_terms(field: str, parsed: ParsedQuery) -> list[Query]:
    """``term`` queries for the ``written_forms`` of the words of ``parsed`` in ``field`` (one each:
    the unified highlighter reads a ``terms`` query as a multi-term query, analysing each hit's text
    again, which took twice as long)."""
    forms = sorted({form for term in parsed.positive_terms for word in term.words for form in written_forms(word)})
    return [Q("term", **{field: form}) for form in forms]


def highlight_query(parsed: ParsedQuery) -> Query:
    """The words to mark: exact and stemmed matches, not fuzzy ones (highlighting fuzzy
    queries costs milliseconds a hit), and the body's tokens found through its folded copy."""
    fields = ["body", *analysed_fields("description"), *analysed_fields(COMPOUNDS)]
    kind = {True: {"type": "phrase"}, False: {}}
    return Q(
        "bool",
        should=[
            *(
                Q("multi_match", query=_folded_text(term), fields=fields, **kind[term.is_phrase])
                for term in parsed.positive_terms
            ),
            *written_terms("body", parsed),
        ],
    )


# A mark the highlighter put on an elided article and its word ("<mark>l’engagement</mark>"): the
# article is left unmarked, as the database engines mark it.
_MARKED_ARTICLE = re.compile("<mark>((?:" + "|".join(ELIDED_ARTICLES) + r")(?:'|’|&#x27;|&#39;))(?=\w)", re.IGNORECASE)


def article_unmarked(fragment: str) -> str:
    return _MARKED_ARTICLE.sub(r"\1<mark>", fragment)


def best_highlight(highlight: dict[str, list[str]]) -> str:
    """The fragment with the most marks, the description first on a tie."""
    best, best_marks = highlight.get("description", [""])[0], 0
    for field in HIGHLIGHT_FIELDS:
        for fragment in highlight.get(field, []):
            marks = fragment.count("<mark>")
            if marks > best_marks:
                best, best_marks = fragment, marks
    return article_unmarked(best)


def suggestion_words(parsed: ParsedQuery) -> str:
    """The words a spelling suggestion may correct: the query's single words as typed, not the
    alternatives the parser added (another spelling, a town's other names, an acronym's long
    forms: ``typed_terms``, as the database engine's respelling), which the index may lack
    without the query holding a typo ("Debrecen" asks for "Józsa" too)."""
    typed = (term for clause in parsed.clauses for term in typed_terms(clause.terms))
    return " ".join(term.words[0] for term in typed if not term.is_phrase)


def spelling_body(asked: str) -> dict[str, Any]:
    """The term suggester alone (``term_suggester``): which of the words ``asked`` the index
    lacks and their respellings; no document is searched."""
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"match_none": {}},
        "suggest": {"spelling": {"text": asked, "term": term_suggester()}},
    }


def term_suggester() -> dict[str, Any]:
    """Respellings, from the folded words of titles, descriptions and taxonomy labels, of the
    query words that are not among them."""
    return {"field": "spell", "suggest_mode": "missing", "size": 1, "min_word_length": 4, "prefix_length": 1}


def unknown_words(suggestions: list[dict[str, Any]], asked: str) -> frozenset[str]:
    """The query words (as typed) that the index lacks and could be respelt: to match fuzzily.
    Entries are mapped back to words by their offsets in ``asked``."""
    return frozenset(
        asked[entry["offset"] : entry["offset"] + entry["length"]] for entry in suggestions if entry.get("options")
    )


def respelling(suggestions: list[dict[str, Any]]) -> str | None:
    """The query's words with each unknown one replaced by its best respelling; None when
    the suggester knew every word."""
    words, changed = [], False
    for entry in suggestions:
        # a word is never respelled as a stop word, which the respelling's search then drops:
        # "cómo" as Portuguese "com" made "¿Cómo acompañan los educadores…" a respelling without it
        options = [
            option
            for option in entry.get("options", [])
            if option["text"] not in STOP_WORDS or entry["text"] in STOP_WORDS
        ]
        words.append(options[0]["text"] if options else entry["text"])
        changed = changed or bool(options)
    return " ".join(words) if changed else None


def count_body(matched: Query, scope: ReaderScope) -> dict[str, Any]:
    """Whether any document the reader may see matches (counting stops at the first)."""
    return {"size": 0, "track_total_hits": 1, "query": Q("bool", must=[matched], filter=[visible(scope)]).to_dict()}


def visible_ids_body(document_id: int, scope: ReaderScope) -> dict[str, Any]:
    return {"size": 0, "query": Q("bool", filter=[Q("ids", values=[str(document_id)]), visible(scope)]).to_dict()}


def similar_body(index: str, document_id: int, scope: ReaderScope, limit: int) -> dict[str, Any]:
    like = Q(
        "more_like_this",
        fields=SIMILAR_FIELDS,
        like=[{"_index": index, "_id": str(document_id)}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=40,
        minimum_should_match="30%",
        stop_words=sorted(STOP_WORDS),
    )
    query = Q("bool", must=[like], filter=[visible(scope)], must_not=[Q("ids", values=[str(document_id)])])
    return Search().query(query).source(SOURCE_FIELDS).extra(size=limit).to_dict()


def completion_body(prefix: str, scope: ReaderScope, limit: int) -> dict[str, Any]:
    completion = {
        "field": "suggest",
        "size": limit * 4,
        "contexts": {COMPLETION_CONTEXT: completion_contexts(scope)},
    }
    folded = fold_accents(prefix)  # as the completion inputs are (mapping._completion_inputs)
    return {"_source": SOURCE_FIELDS, "suggest": {"titles": {"prefix": folded, "completion": completion}}}


# --- hybrid search (search/backends/hybrid.py) ---------------------------------------------


def as_json(vector: Any) -> list[float]:
    """A query vector as a request carries it, to six decimals: a float32 written in full
    takes up to 17 characters, so this is less than half the bytes (the semantic side
    repeats the vector in its three searches), and moves a cosine by less than 1e-5."""
    return np.asarray(vector, dtype=np.float64).round(6).tolist()


def knn_clause(vector: list[float], scope: ReaderScope, parsed: ParsedQuery, fields: tuple[TextField, ...]) -> dict:
    """The semantic half: the ``SEMANTIC_LIMIT`` nearest documents at a cosine of at least
    ``SIMILARITY_FLOOR``, with the reader's visibility (and the exclusions) INSIDE the kNN
    search, so that HNSW only ever returns documents the reader may see."""
    allowed = Q("bool", filter=[visible(scope)], must_not=[exact_term(term, fields) for term in parsed.excluded])
    return nearest(vector, allowed)


def nearest(vector: list[float], allowed: Query) -> dict[str, Any]:
    """A kNN search of the ``embedding`` field for the ``SEMANTIC_LIMIT`` nearest documents at a
    cosine of at least ``SIMILARITY_FLOOR``, ``allowed`` applied inside it (never a post-filter)."""
    return {
        "field": "embedding",
        "query_vector": vector,
        "k": hybrid.SEMANTIC_LIMIT,
        "num_candidates": KNN_CANDIDATES,
        "similarity": hybrid.SIMILARITY_FLOOR,
        "filter": allowed.to_dict(),
    }


def semantic_body(collection: Collection, query: SearchQuery, knn: dict) -> dict[str, Any]:
    """The semantic hits the page may show: the kNN hits under the facet filters, nearest first."""
    body: dict[str, Any] = {"knn": knn, "size": hybrid.SEMANTIC_LIMIT, "_source": SOURCE_FIELDS}
    body["sort"] = ordering("relevance")  # nearest first; the sort values as the lexical window's
    filters = collection.clean_filters(query.filters)
    if filters:
        body["post_filter"] = facet_filter(collection.facets, filters).to_dict()
    return body


def lexical_match(
    collection: Collection, parsed: ParsedQuery, typos: frozenset[str], *, partial: bool = False
) -> Query | None:
    """What the lexical side matches: every word (fuzzily for ``typos``), or with ``partial``
    the documents matching most of them (``partial_query``)."""
    if partial:
        return partial_query(parsed, collection.text_fields)
    return text_query(parsed, collection.text_fields, typos)


def page_body(collection: Collection, query: SearchQuery, parsed: ParsedQuery, typos: frozenset[str]) -> dict:
    """The lexical hits of the page's own ranks, with titles and snippets: sent with the
    lexical window (``ids_only``), before the query's vector is ready. On a hybrid page a hit
    found by its words alone is ranked no lower than here; one found by both sides may be
    (``both_body``)."""
    body = search_body(collection, query, parsed, typos, facets=False)
    body["track_total_hits"] = False
    return body


def both_body(
    collection: Collection,
    query: SearchQuery,
    parsed: ParsedQuery,
    typos: frozenset[str],
    knn: dict,
    shown: Sequence[int] = (),
) -> dict[str, Any]:
    """The kNN hits that the words match too (``lexical_match``), under the facet filters,
    nearest first, with titles and snippets: a hit found by both sides may reach the page from
    far down the lexical list. Sent with the kNN search. ``shown``: hits whose snippets the
    lexical side has brought already (``page_body``), left out."""
    matched = lexical_match(collection, parsed, typos)
    facets = facet_filter(collection.facets, collection.clean_filters(query.filters))
    already = [Q("ids", values=[str(each) for each in shown])] if shown else []
    narrowed = Q("bool", filter=[part for part in (matched, facets) if part is not None], must_not=already)
    search = with_highlights(Search().post_filter(narrowed), parsed)
    size = min(max(1, query.page) * max(1, min(query.per_page, 100)), hybrid.SEMANTIC_LIMIT)
    body = search.source(SOURCE_FIELDS).extra(size=size).to_dict()
    body["knn"] = knn
    return body


def union_counts_body(
    collection: Collection,
    query: SearchQuery,
    parsed: ParsedQuery,
    typos: frozenset[str],
    knn: dict,
    *,
    partial: bool = False,
) -> dict[str, Any]:
    """Total and facet counts of (lexical matches ∪ semantic hits), both visible to the reader:
    a ``query`` and a ``knn`` in one search are a union, and aggregations count it.
    ``partial``: the lexical side is ``partial_query`` (no document had every word)."""
    matched = lexical_match(collection, parsed, typos, partial=partial)
    search = Search().query(Q("bool", must=[matched] if matched else [], filter=[visible(query.scope)]))
    search = add_facets(search, collection.clean_filters(query.filters), collection.facets)
    body = search.extra(size=0, track_total_hits=True).to_dict()
    body["knn"] = knn
    return body
