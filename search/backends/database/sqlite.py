"""Full text on SQLite: FTS5 with Snowball stems computed in Python.

The FTS5 table ``search_fts`` (migration search/0002) holds every text field of
the declaration twice: the original, UNINDEXED, for snippets; and ``<field>_s``,
one stem per word in the document's language (search/analysis.py), which is what
MATCH searches and bm25 ranks, with the declaration's boosts as column weights.

A query word becomes the OR of its stems in every indexed language, so a word
always finds itself whatever the document's language, and finds its inflections
in documents of its own language. Snippets: FTS5's ``highlight()`` marks the
matching stems; stem i is word i of the original, so the marks are carried over
to the original text, which is then escaped (search/highlight.py).
"""

from collections.abc import Sequence
from typing import Any

from practices.indexing import TEXT_FIELDS
from search import highlight
from search.analysis import STEMMERS, stem, stemmed_text
from search.backends.database.sql import DOCUMENTS, Sql, placeholders
from search.query import ParsedQuery, Term

TABLE = "search_fts"
FIELDS: tuple[str, ...] = tuple(field.name for field in TEXT_FIELDS)
SNIPPET_FIELDS: tuple[str, ...] = ("description", "body", "taxonomy", "organisation")
WEIGHTS = ", ".join(["0"] * len(FIELDS) + [str(field.boost) for field in TEXT_FIELDS])
SCORE = f"-bm25({TABLE}, {WEIGHTS})"


def _quoted(stems: Sequence[str]) -> str:
    return '"' + " ".join(stems).replace('"', '""') + '"'


def term_expression(term: Term) -> str:
    """The phrase of the term's stems in each language, OR-ed (duplicates removed)."""
    phrases = sorted({_quoted([stem(word, language) for word in term.words]) for language in STEMMERS})
    return "(" + " OR ".join(phrases) + ")"


def match_expression(parsed: ParsedQuery) -> tuple[str, str]:
    """The FTS5 expressions of the positive part and of the excluded part ("" when absent)."""
    clauses = ["(" + " OR ".join(term_expression(term) for term in clause.terms) + ")" for clause in parsed.clauses]
    excluded = " OR ".join(term_expression(term) for term in parsed.excluded)
    return " AND ".join(clauses), excluded


class SqliteText:
    vendor = "sqlite"

    def write(self, cursor, document: dict[str, Any]) -> None:
        self.delete(cursor, document["id"])
        language = document.get("language", [""])[0] if document.get("language") else ""
        originals = [highlight.clean(document.get(name) or "") for name in FIELDS]
        stems = [stemmed_text(text, language) for text in originals]
        columns = ", ".join(["rowid", *FIELDS, *(name + "_s" for name in FIELDS)])
        values = [document["id"], *originals, *stems]
        cursor.execute(f"INSERT INTO {TABLE} ({columns}) VALUES ({placeholders(values)})", values)

    def delete(self, cursor, document_id: int) -> None:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [document_id])

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {TABLE}")

    def matched(self, parsed: ParsedQuery) -> Sql | None:
        """SELECT id, score of the matching documents; None when the query has no text."""
        positive, excluded = match_expression(parsed)
        if positive:
            expression = f"({positive}) NOT ({excluded})" if excluded else positive
            return Sql(f"SELECT rowid AS id, {SCORE} AS score FROM {TABLE} WHERE {TABLE} MATCH %s", (expression,))
        if excluded:
            return Sql(
                f"SELECT id, 0.0 AS score FROM {DOCUMENTS} WHERE id NOT IN "
                f"(SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)",
                (excluded,),
            )
        return None

    def highlights(self, cursor, ids: Sequence[int], parsed: ParsedQuery) -> dict[int, str]:
        positive, _excluded = match_expression(parsed)
        marks = ", ".join(
            f"highlight({TABLE}, {len(FIELDS) + FIELDS.index(name)}, '{highlight.START}', '{highlight.END}')"
            for name in SNIPPET_FIELDS
        )
        originals = ", ".join(SNIPPET_FIELDS)
        if positive:
            sql = f"SELECT rowid, {originals}, {marks} FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({placeholders(ids)})"
            cursor.execute(sql, [positive, *ids])
        else:
            sql = f"SELECT rowid, {originals} FROM {TABLE} WHERE rowid IN ({placeholders(ids)})"
            cursor.execute(sql, list(ids))
        return {row[0]: _best_snippet(row[1 : 1 + len(SNIPPET_FIELDS)], row[1 + len(SNIPPET_FIELDS) :]) for row in cursor.fetchall()}

    def source_text(self, cursor, document_id: int) -> str:
        cursor.execute(f"SELECT title, description FROM {TABLE} WHERE rowid = %s", [document_id])
        row = cursor.fetchone()
        return " ".join(row) if row else ""


def marked_positions(marked: str) -> set[int]:
    """Positions of the tokens FTS5's highlight() marked in a stemmed column."""
    positions: set[int] = set()
    index, inside, current = 0, False, False
    for char in marked:
        if char == highlight.START:
            inside = True
        elif char == highlight.END:
            inside = False
        elif char == " ":
            index, current = index + 1, False
        elif inside and not current:
            positions.add(index)
            current = True
    return positions


def _best_snippet(originals: Sequence[str], marked_columns: Sequence[str]) -> str:
    """The snippet of the first column with a match (description, body, taxonomy, organisation)."""
    positions = [marked_positions(marked or "") for marked in marked_columns]
    best = next((i for i, found in enumerate(positions) if found), 0)
    return highlight.snippet(originals[best], positions[best] if positions else set())
