"""Full text on PostgreSQL: a weighted tsvector per document, a GIN index, ts_rank_cd, ts_headline.

``search_pgtext`` (migration search/0002) keeps the original text and a vector
built, for each field of the declaration, from the document language's text
search configuration (english, french, german, norwegian...) plus the ``simple``
configuration over the accent-folded words and over their folded Snowball stems (as the
SQLite engine stems: search/analysis.py), weighted A-D as declared. The folded stems let a
word meet its stem in another language whatever the accents (French "extrême" and English
"extremism" share "extrem"; PostgreSQL's own French stem keeps the accent: "extrêm").

A query word (or phrase) becomes ``websearch_to_tsquery`` in every configuration
OR-ed together, so it finds itself in any document and its inflections in its
own language; the query tree (search/query.py) combines them with && || !!.
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from search import highlight
from search.analysis import STEMMERS, fold, stem, stemmed_text, words
from search.backends.database.sql import DOCUMENTS, Ranked, Sql, beyond, join, placeholders
from search.backends.database.sqlite import COMPOUNDS, StemMarker
from search.query import ParsedQuery, Term

TABLE = "search_pgtext"
SNIPPET_FIELDS: tuple[str, ...] = ("description", "body")  # the narrative, never the labels
# The text search configurations PostgreSQL has built in (13 to 17) whose names are Snowball's: a
# stemmed language without one (Polish, Czech, Estonian: PostgreSQL ships no stemmer for them) is
# read in ``simple``, its Snowball stems still in the vector (``_vector``: stemmed_text).
BUILT_IN_CONFIGS = frozenset(
    "danish dutch english finnish french german greek hungarian irish italian lithuanian norwegian portuguese"
    " romanian spanish swedish".split()
)
CONFIGS: dict[str, str] = {code: name for code, name in STEMMERS.items() if name in BUILT_IN_CONFIGS}
LANGUAGE_OF: dict[str, str] = {config: language for language, config in CONFIGS.items()}
# One passage (not fragments, which drop trailing punctuation). The parser drops HTML-like tags.
HEADLINE = f'StartSel="{highlight.START}", StopSel="{highlight.END}", MaxWords=35, MinWords=15'
# A text no longer than a snippet is shown whole, its matches marked: PostgreSQL's cover of a
# query that also holds lexemes the text lacks (another language's stem of the word: Hungarian
# "kar" for "Karin") may start a six-word post mid-sentence, short words at its edges dropped.
HEADLINE_WHOLE = f'StartSel="{highlight.START}", StopSel="{highlight.END}", HighlightAll=true'
SNIPPET_WORDS = 35  # HEADLINE's MaxWords


def headline_sql(config: str, column: str) -> str:
    """SQL for the snippet of ``column`` read in ``config`` for the query ``q.query``: the whole
    text when it fits in a snippet, else PostgreSQL's best cover. Takes two parameters, in
    this order: HEADLINE_WHOLE, HEADLINE (``HEADLINES``)."""
    return (
        f"CASE WHEN array_length(regexp_split_to_array(btrim({column}), '\\s+'), 1) <= {SNIPPET_WORDS} "
        f"THEN ts_headline({config}, {column}, q.query, %s) ELSE ts_headline({config}, {column}, q.query, %s) END"
    )


HEADLINES = (HEADLINE_WHOLE, HEADLINE)


def _rank_weights(text_fields) -> str:
    """ts_rank_cd's {D,C,B,A} weights: each class's highest boost, relative to the highest."""
    top = max(field.boost for field in text_fields)
    by_class = {weight: max((f.boost for f in text_fields if f.weight == weight), default=0.1) for weight in "DCBA"}
    return "{" + ",".join(f"{by_class[w] / top:.3f}" for w in "DCBA") + "}"


def config_for(language: str) -> str:
    return CONFIGS.get(language, "simple")


def folded(text: str) -> str:
    return " ".join(fold(word) for word in words(text))


def term_stems(term: Term) -> set[tuple[str, ...]]:
    """The term's folded stems in each language (one tuple per distinct spelling)."""
    # "" too: a word of a practice in a language not stemmed (Catalan, Polish, none) is indexed
    # folded only, and finds only itself
    return {tuple(stem(word, language) for word in term.words) for language in (*STEMMERS, "")}


def term_query(term: Term) -> Sql:
    text = " ".join(term.words)
    text = f'"{text}"' if term.is_phrase else text
    parts = [Sql("websearch_to_tsquery(%s::regconfig, %s)", (config, text)) for config in sorted(set(CONFIGS.values()))]
    simple = folded(text)
    spellings = {simple} | {" ".join(stems) for stems in term_stems(term)}
    for spelling in sorted(spellings):
        parts.append(
            Sql("websearch_to_tsquery('simple'::regconfig, %s)", (f'"{spelling}"' if term.is_phrase else spelling,))
        )
    return Sql("(") + join(parts, " || ") + Sql(")")


def tsquery(parsed: ParsedQuery) -> Sql | None:
    if not parsed.clauses:
        return None
    clauses = [Sql("(") + join([term_query(t) for t in clause.terms], " || ") + Sql(")") for clause in parsed.clauses]
    return join(clauses, " && ")


def excluded_query(parsed: ParsedQuery) -> Sql | None:
    if not parsed.excluded:
        return None
    return join([term_query(term) for term in parsed.excluded], " || ")


def _vector(language: str, document: dict[str, Any], text_fields) -> Sql:
    config = config_for(language)
    parts = []
    for field in text_fields:
        text = highlight.clean(document.get(field.name) or "")
        parts.append(
            Sql(
                f"setweight(to_tsvector(%s::regconfig, %s) || to_tsvector('simple'::regconfig, %s)"
                f" || to_tsvector('simple'::regconfig, %s), '{field.weight}')",
                (config, text, folded(document.get(field.name) or ""), stemmed_text(text, language)),
            )
        )
    return join(parts, " || ")


class PostgresText:
    """The tsvector table of a faceted collection; its columns follow the collection's text
    fields (search/migrations/0002), weighted by their classes."""

    vendor = "postgresql"

    def __init__(self, text_fields):
        self.text_fields = tuple(text_fields)
        self.fields: tuple[str, ...] = tuple(field.name for field in text_fields)
        self.rank_weights = _rank_weights(self.text_fields)

    def write(self, cursor, document: dict[str, Any]) -> None:
        self.delete(cursor, document["id"])
        language = document["language"][0] if document.get("language") else ""
        texts = [highlight.clean(document.get(name) or "") for name in self.fields]
        head = Sql(
            f"INSERT INTO {TABLE} (document_id, config, {', '.join(self.fields)}, vector) "
            f"VALUES (%s, %s::regconfig, {placeholders(texts)}, ",
            (document["id"], config_for(language), *texts),
        )
        statement = head + _vector(language, document, self.text_fields) + Sql(")")
        cursor.execute(statement.text, statement.params)

    def delete(self, cursor, document_id: int) -> None:
        cursor.execute(f"DELETE FROM {TABLE} WHERE document_id = %s", [document_id])

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {TABLE}")

    def matched(self, parsed: ParsedQuery) -> Sql | None:
        positive, excluded = tsquery(parsed), excluded_query(parsed)
        if positive is not None:
            head = Sql(
                f"SELECT t.document_id AS id, ts_rank_cd('{self.rank_weights}'::float4[], t.vector, q.query) AS score "
                f"FROM {TABLE} t, (SELECT "
            )
            sql = head + positive + Sql(" AS query) q WHERE t.vector @@ q.query")
            return sql + Sql(" AND NOT t.vector @@ (") + excluded + Sql(")") if excluded else sql
        if excluded is not None:
            head = Sql(
                f"SELECT id, 0.0 AS score FROM {DOCUMENTS}"
                f" WHERE id NOT IN (SELECT document_id FROM {TABLE} WHERE vector @@ ("
            )
            return head + excluded + Sql("))")
        return None

    def scored(self, cursor, parsed: ParsedQuery, wanted: np.ndarray | None) -> list[tuple[int, float]] | None:
        """(id, score) of every match; None when the query has no text (``wanted`` is unused:
        ts_rank_cd ranks every match)."""
        matched = self.matched(parsed)
        if matched is None:
            return None
        cursor.execute(matched.text, matched.params)
        return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def _matching(self, parsed: ParsedQuery) -> Sql | None:
        """FROM ... WHERE: the documents matching the positive part and not the excluded one."""
        positive, excluded = tsquery(parsed), excluded_query(parsed)
        if positive is None:
            return None
        source = Sql(f" FROM {TABLE} t, (SELECT ") + positive + Sql(" AS query) q WHERE t.vector @@ q.query")
        return source + Sql(" AND NOT t.vector @@ (") + excluded + Sql(")") if excluded else source

    def ranked(self, cursor, parsed: ParsedQuery, wanted: np.ndarray | None, window: int) -> Ranked | None:
        """The ids of every match, and (id, score) of the ``window`` best of them among
        ``wanted`` (None: every match), with every match tied with the last of those; None when
        the query has no words to look for. As sqlite.SqliteText.ranked: one statement,
        ts_rank_cd only for the wanted matches, only the window comes back."""
        source = self._matching(parsed)
        if source is None:
            return None
        every = Sql("SELECT NULL::bigint, NULL::float4, string_agg(t.document_id::text, ',')") + source
        if window <= 0:
            cursor.execute(every.text, every.params)
            return Ranked.of(cursor.fetchall(), window)
        if wanted is not None:
            source += Sql(" AND t.document_id = ANY(%s)", (wanted.tolist(),))
        rank = f"ts_rank_cd('{self.rank_weights}'::float4[], t.vector, q.query)"  # real, read as by scored()
        best = Sql(f"(SELECT t.document_id, {rank} AS score, NULL") + source
        statement = every + Sql(" UNION ALL ") + best + Sql(" ORDER BY score DESC LIMIT %s)", (beyond(window),))
        cursor.execute(statement.text, statement.params)
        ranked = Ranked.of(cursor.fetchall(), window)
        if ranked.tied is not None:
            tied = Sql(f"SELECT t.document_id, {rank}") + source + Sql(f" AND {rank} >= %s::float4", (ranked.tied,))
            cursor.execute(tied.text, tied.params)
            ranked = replace(ranked, best=[(row[0], float(row[1])) for row in cursor.fetchall()], tied=None)
        return ranked

    def scores_of(self, cursor, parsed: ParsedQuery, ids: Sequence[int]) -> list[tuple[int, float]]:
        """(id, score) of the matches among ``ids`` (a page sorted by date shows its hits' scores)."""
        source = self._matching(parsed)
        if source is None or not ids:
            return []
        rank = f"ts_rank_cd('{self.rank_weights}'::float4[], t.vector, q.query)"
        sql = Sql(f"SELECT t.document_id, {rank}") + source + Sql(" AND t.document_id = ANY(%s)", (list(ids),))
        cursor.execute(sql.text, sql.params)
        return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def highlights(self, cursor, ids: Sequence[int], parsed: ParsedQuery) -> dict[int, str]:
        positive = tsquery(parsed)
        if positive is None:
            cursor.execute(
                f"SELECT document_id, description FROM {TABLE} WHERE document_id IN ({placeholders(ids)})", list(ids)
            )
            return {row[0]: highlight.snippet(row[1], set()) for row in cursor.fetchall()}
        headlines = ", ".join(headline_sql("t.config", f"t.{name}") for name in SNIPPET_FIELDS)
        through_compounds = COMPOUNDS in self.fields
        read = (*SNIPPET_FIELDS, COMPOUNDS) if through_compounds else SNIPPET_FIELDS
        originals = ", ".join(f"t.{name}" for name in read)
        sql = (
            Sql(
                f"SELECT t.document_id, t.config::text, d.language, {headlines}, {originals}"
                f" FROM {TABLE} t LEFT JOIN {DOCUMENTS} d ON d.id = t.document_id, (SELECT ",
                HEADLINES * len(SNIPPET_FIELDS),
            )
            + positive
            + Sql(f" AS query) q WHERE t.document_id IN ({placeholders(ids)})", tuple(ids))
        )
        cursor.execute(sql.text, sql.params)
        count, marker, found = len(SNIPPET_FIELDS), StemMarker(parsed), {}
        for document_id, config, written_in, *texts in cursor.fetchall():
            headlines_of, originals_of = texts[:count], texts[count : 2 * count]
            found[document_id] = _best_headline(headlines_of)
            if highlight.START in "".join(text or "" for text in headlines_of):
                continue
            # ts_headline reads the text in its language's configuration, with its accents: a word
            # matched through its folded form or stem ("desengagement", "Tromso"), or through the
            # compounds field (a compound's part, a word written in parts written whole), is marked
            # as SQLite marks it, in the stems of the original (search/analysis.py)
            # (the document's own language: a language read in ``simple`` has its Snowball stems)
            language = written_in or LANGUAGE_OF.get(config.removeprefix("pg_catalog."), "")
            compounds = texts[-1] if through_compounds else ""
            through = marker.compound_words(compounds, stemmed_text(compounds or "", language))
            stems = [stemmed_text(text or "", language) for text in originals_of]
            snippet = marker.best_snippet(originals_of, stems, through)
            if "<mark>" in snippet:
                found[document_id] = snippet
        return found

    def source_text(self, cursor, document_id: int) -> str:
        cursor.execute(f"SELECT title, description FROM {TABLE} WHERE document_id = %s", [document_id])
        row = cursor.fetchone()
        return " ".join(row) if row else ""


def _best_headline(headlines: Sequence[str]) -> str:
    """The first headline with a match (description, body), else the description's."""
    best = next((text for text in headlines if text and highlight.START in text), headlines[0])
    return highlight.render(best or "")
