"""The Elasticsearch index: analysis settings, mapping, and the source of each document.

The index of a faceted collection (practices). Every full-text field the collection
declares (``Collection.text_fields``) is indexed through
``portal_folding`` (standard tokenizer, lower case, ASCII folding: no stemming). Stems:

- ``title``, ``description`` and ``taxonomy`` (the theme and audience labels, English and
  French) are short: their accent-folded copies ``<field>_stems`` (not indexed themselves)
  have multi-fields ``.en`` / ``.fr`` / ``.no`` / ``.de`` that analyse every practice's text
  in those four languages (``MULTI_LANGUAGES``);
- every text is also stemmed in the practice's own language, into ``<field>_<language>``
  (``OWN_LANGUAGES``): ``body`` (long: stemmed once, in its own language only, a smaller index
  and faster indexing than four multi-fields, docs/SEARCH.md) and the parts of its compounds
  (``compounds``: search/compounds.py) in each practice language it has an analyzer for
  (``LANGUAGES``: those the database engine stems, search.analysis.STEMMERS, but Polish, and
  Bulgarian and Latvian, which only Elasticsearch stems),
  ``title`` and ``description`` in those the multi-fields lack (an Italian title's "operatori"
  is found by "operatore"), folded too.

Stems carry no accents (as the database engines' folded Snowball stems): the text is folded
before the language analyzers read it (``fold_accents``, one character for one, so that
offsets still point into the original text for the highlighter), and so is every query
(queries.py), so "education" finds "éducation" through the French stem and the reverse.
The language analyzers cannot fold their own stems: the analysis plugin of the development
and CI node registers the analyzers but no stemmer filter to rebuild them with.

A query word is analysed by each of these fields' analyzers, so "familles" finds "famille"
in any title through ``.fr``, and in the body of French practices through ``body_fr``.
The organisation's name, type and country are names: folded only.
``spell`` gathers the folded title, description and taxonomy for fuzzy matching and the
spelling suggester.

Tombstones (withdrawn practices) are documents too, with ``tombstone: true`` and nothing
else: they hold the external version of the deletion so that an older write replayed
later is refused. Every read filters them out.
"""

import unicodedata
from functools import cache
from typing import Any

from elasticsearch_dsl import Boolean, Completion, Date, DenseVector, Index, Integer, Keyword, Long, Mapping, Text

from search.analysis import STEMMERS
from search.collections import Collection
from search.embedding import DEFAULT_MODEL
from search.embedding.models import MODELS

DEFAULT_SPEC = MODELS[DEFAULT_MODEL][0]

# The practice languages the database engines stem but this index does not yet (none in mapping
# version 9): a language added to search.analysis.STEMMERS whose analyzer the analysis plugin of the
# nodes (scripts/elasticsearch/analysis-plugin) does not register yet is listed here, folded
# (``body_folded``, the folded copies of title and description), not stemmed, until every node has
# restarted with it (a new mapping version): docs/SEARCH.md, "Which engine stems which language".
NOT_YET_STEMMED: tuple[str, ...] = ()
# The stemmed practice languages Elasticsearch has no analyzer for: Polish wants the analysis-stempel
# plugin, which the official image lacks (and this project's nodes: the mapping must be the same
# everywhere). Its practices are folded here, stemmed by the database engines (Snowball).
NO_ANALYZER: tuple[str, ...] = ("pl",)
# Practice languages Elasticsearch stems with its built-in analyzers (Lucene's light stemmers) that
# the database engines only fold (Snowball has no stemmer for them): search.analysis.FOLDED_ONLY.
ANALYZED_HERE_ONLY: dict[str, str] = {"bg": "bulgarian", "lv": "latvian"}
# Practice language -> Elasticsearch language analyzer: the languages the database engine stems,
# whose Snowball names are Elasticsearch's analyzer names, but those above, and Bulgarian and Latvian.
LANGUAGES: dict[str, str] = {
    **{code: name for code, name in STEMMERS.items() if code not in NOT_YET_STEMMED and code not in NO_ANALYZER},
    **ANALYZED_HERE_ONLY,
}
MULTI_LANGUAGES = ("en", "fr", "no", "de")  # the multi-fields of title and description
# Bumped when the analysis or the fields change: the index's ``_meta`` says which it was
# built with; ``search_reindex`` builds a new index with this one (docs/SEARCH.md).
# 4: the compounds' parts (``compounds``, search/compounds.py), stemmed in the practice's language;
# 5: title and description in the practice's own language too (those the multi-fields lack), and
# term vectors on ``compounds`` (the highlighter reads which of its words a hit was found through)
# 6: Greek accents and final sigma folded, apostrophes split words in the folded copies
# (fold_accents), the body of a practice in a language not stemmed folded too (``body_folded``),
# network posts' titles stemmed in every practice language (posts.py)
# 7: the completion inputs folded (fold_accents): a Greek title is completed whatever the accents typed
# 8: Portuguese, Greek, Hungarian and Romanian stemmed (their analyzers in the plugin)
# 9: Czech, Bulgarian, Lithuanian, Latvian, Estonian and Irish stemmed (their analyzers in the plugin)
MAPPING_VERSION = 9  # 2: stems folded (fold_accents); 3: the copies left out of _source (unstored)
COMPOUND_MARKS_VERSION = 5  # since which ``compounds`` keeps term vectors (an older index is searched without)
MULTI_FIELDS = ("title", "description", "taxonomy")
_ELSEWHERE = tuple(code for code in LANGUAGES if code not in MULTI_LANGUAGES)
# Field -> the languages in which it is stemmed in the practice's own language only:
# ``<field>_<language>``. The taxonomy's labels are English and French whatever the practice's
# language: its multi-fields stem them.
OWN_LANGUAGES: dict[str, tuple[str, ...]] = {
    "title": _ELSEWHERE,
    "description": _ELSEWHERE,
    "body": tuple(LANGUAGES),
    "compounds": tuple(LANGUAGES),
}
# The folded copy of the body of a practice in a language none of ``LANGUAGES`` stems (Polish,
# Slovak, Slovenian, Croatian, Maltese), which has no ``body_<language>``: folded only, so
# "wiezniow" finds "więźniów" there too.
FOLDED = {"body": "body_folded"}
SPELLED = ("title", "description", "taxonomy")  # copied into "spell"
FOLDING = "portal_folding"
COMPLETION_CONTEXT = "access"
EVERYONE_CONTEXT = "all"

# Fields returned in hits: nothing else of the source travels back.
SOURCE_FIELDS = ["title", "published_at"]

ANALYSIS: dict[str, Any] = {
    "analyzer": {
        FOLDING: {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
        **{f"portal_{code}": {"type": language} for code, language in LANGUAGES.items()},
    }
}

# How the highlighter reads the highlighted fields without analysing them again: the
# description and ``compounds`` keep term vectors in every analysis (the fast vector highlighter
# marks their stems too; ``compounds``, short, says which of its words a hit was found through);
# the long body keeps offsets in its folded postings (the unified highlighter marks its exact
# words): term vectors on the body doubled the index.
VECTORS = {"term_vector": "with_positions_offsets"}
VECTOR_FIELDS = ("description", "compounds")
BODY_STORAGE = {"index_options": "offsets"}


def _storage(name: str) -> dict[str, str]:
    return VECTORS if name in VECTOR_FIELDS else BODY_STORAGE if name == "body" else {}


def _text_field(name: str) -> Text:
    storage = _storage(name)
    options: dict[str, Any] = {"analyzer": FOLDING, **storage}
    if name in SPELLED:
        options["copy_to"] = "spell"
    return Text(**options)


def _stems_field(name: str) -> Text:
    """The folded copy of a short field: not indexed itself, analysed by its multi-fields."""
    storage = VECTORS if name in VECTOR_FIELDS else {}
    languages = {code: Text(analyzer=f"portal_{code}", **storage) for code in MULTI_LANGUAGES}
    return Text(index=False, fields=languages)


def own_language_field(name: str, code: str) -> str:
    return f"{name}_{code}"


def stems_field(name: str) -> str:
    return f"{name}_stems"


_UNFOLDED = {"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ħ": "h", "Ħ": "H", "ı": "i", "ς": "σ"}
# Apostrophes, straight and typographic (U+2019, the modifier letter U+02BC): the standard tokenizer
# keeps "l’engagement" one word, which only the French and Italian analyzers take apart; the
# database engine splits words there (search.analysis.words), and so do the folded copies.
APOSTROPHES = "'’ʼ"
# Latin letters, then Greek and its extended (polytonic) block: "ά" -> "α", "Ἀ" -> "Α"
_ACCENTED = (*range(0x00C0, 0x0250), *range(0x0386, 0x03D0), *range(0x1F00, 0x2000))


def _base_letter(char: str) -> str | None:
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]) and base.isalpha():
        return base if base.isascii() or unicodedata.name(base, "").startswith("GREEK") else None
    return None


@cache
def _folding_table() -> dict[int, str]:
    """Each accented Latin or Greek letter to its letter without accent, the final sigma to σ
    (as the database engine's casefold), an apostrophe to a space: one character for one (æ, œ
    and ß stay: they fold to two letters, which would move every offset after them)."""
    table = {ord(char): plain for char, plain in _UNFOLDED.items()}
    table |= {ord(char): " " for char in APOSTROPHES}
    for code in _ACCENTED:
        if (base := _base_letter(chr(code))) is not None:
            table[code] = base
    return table


def fold_accents(text: str) -> str:
    """``text`` without the accents of Latin and Greek letters, its apostrophes spaces, as long as
    ``text``: "Éducation" -> "Education", "νέων" -> "νεων", "l’école" -> "l ecole"."""
    return text.translate(_folding_table())


def unstored(collection: Collection) -> list[str]:
    """What ``source`` adds to a document for indexing only, left out of the ``_source`` that
    Elasticsearch keeps: the folded copies, the completion inputs and the vector (8 KB of JSON
    a practice). Every hit read decompresses its ``_source``: this halved it (docs/PERFORMANCE.md)."""
    names = [stems_field(name) for name in MULTI_FIELDS]
    names += [own_language_field(name, code) for name, codes in OWN_LANGUAGES.items() for code in codes]
    names += list(FOLDED.values())
    return [*names, "suggest", *(["embedding"] if collection.embedded_fields else [])]


def mapping(collection: Collection) -> Mapping:
    m = Mapping()
    m.meta("dynamic", False)  # keys the declaration adds later are kept in _source, not indexed
    m.meta("_meta", {"mapping_version": MAPPING_VERSION})
    m.meta("_source", {"excludes": unstored(collection)})
    m.field("id", Long())
    m.field("tombstone", Boolean())
    for field in collection.text_fields:
        m.field(field.name, _text_field(field.name))
        if field.name in MULTI_FIELDS:
            m.field(stems_field(field.name), _stems_field(field.name))
    for name, codes in OWN_LANGUAGES.items():
        storage = VECTORS if name in VECTOR_FIELDS else {}
        for code in codes:
            m.field(own_language_field(name, code), Text(analyzer=f"portal_{code}", **storage))
    for folded in FOLDED.values():
        m.field(folded, Text(analyzer=FOLDING))
    m.field("spell", Text(analyzer=FOLDING))
    m.field(
        "suggest",
        Completion(
            analyzer=FOLDING,
            preserve_separators=True,
            max_input_length=100,
            contexts=[{"name": COMPLETION_CONTEXT, "type": "category"}],
        ),
    )
    for key in dict.fromkeys(collection.facets.values()):
        m.field(key, Keyword(eager_global_ordinals=True))  # facet counts right after a refresh
    m.field("visibility", Keyword())
    m.field("organisation_id", Long())
    m.field("start_year", Integer())
    m.field("published_at", Date())
    if collection.embedded_fields:  # hybrid search: the document's vector (search/embedding/store.py)
        m.field("embedding", DenseVector(**vector_field()))
    return m


def vector_field() -> dict[str, Any]:
    """The vector of a faceted document: HNSW, cosine, the model's dimensions. int8 HNSW
    (``int8_hnsw``) quarters the graph's memory; the vectors are int8 at rest anyway."""
    return {
        "dims": DEFAULT_SPEC.dimensions,
        "index": True,
        "similarity": "cosine",
        "index_options": {"type": "int8_hnsw", "m": 16, "ef_construction": 100},
    }


def index_body(collection: Collection, *, shards: int, replicas: int, refresh_interval: str = "1s") -> dict[str, Any]:
    index = Index("unused")
    index.settings(
        number_of_shards=shards,
        number_of_replicas=replicas,
        refresh_interval=refresh_interval,
        analysis=ANALYSIS,
        max_result_window=10_000,
    )
    index.mapping(mapping(collection))
    return index.to_dict()


def access_contexts(document: dict[str, Any]) -> list[str]:
    """The completion contexts of a live document: who may be offered its title."""
    visibility = document.get("visibility")
    if visibility == "public":
        own = "public"
    elif visibility == "members":
        own = "members"
    elif visibility == "organisation" and document.get("organisation_id") is not None:
        own = f"org:{document['organisation_id']}"
    else:
        own = "nobody"
    return [EVERYONE_CONTEXT, own]


MAX_TAILS = 4  # each completion input costs indexing time


def _completion_inputs(title: str) -> list[dict[str, Any]]:
    """The whole title, and the title from each later word of four letters or more on (so
    "prison" offers "Mentoring after prison"), the whole title weighing more; folded as the
    prefix typed is (``fold_accents``: the completion's analyzer folds Latin letters only, so
    "προλ" completes "Πρόληψη")."""
    folded = fold_accents(title)
    words = folded.split()
    tails = [" ".join(words[i:]) for i in range(1, len(words)) if len(words[i]) > 3][:MAX_TAILS]
    entries = [{"input": [folded[:100]], "weight": 10}]
    if tails:
        entries.append({"input": [tail[:100] for tail in tails], "weight": 5})
    return entries


def source(document: dict[str, Any]) -> dict[str, Any]:
    """The Elasticsearch source of a search document (as the collection's ``build`` makes it)."""
    body = {key: value for key, value in document.items() if key != "version"}
    body["tombstone"] = False
    for name in MULTI_FIELDS:
        if document.get(name):
            body[stems_field(name)] = _folded(document[name])
    language = next(iter(document.get("language") or []), None)
    for name, codes in OWN_LANGUAGES.items():
        if language in codes:
            body[own_language_field(name, language)] = _folded(document.get(name, ""))
    for name, folded in FOLDED.items():
        if language not in OWN_LANGUAGES[name] and document.get(name):
            body[folded] = _folded(document[name])
    title = (document.get("title") or "").strip()
    if title:
        contexts = {COMPLETION_CONTEXT: access_contexts(document)}
        body["suggest"] = [{**entry, "contexts": contexts} for entry in _completion_inputs(title)]
    return body


def tombstone(document_id: int) -> dict[str, Any]:
    return {"id": document_id, "tombstone": True}


def _folded(value: Any) -> Any:
    """A text, or a list of texts (the taxonomy labels), without accents."""
    if isinstance(value, str):
        return fold_accents(value)
    if isinstance(value, list):
        return [_folded(each) for each in value]
    return value
