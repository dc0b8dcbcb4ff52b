"""Full text on SQLite: FTS5 with Snowball stems computed in Python.

The FTS5 table ``search_fts`` (migration search/0002) holds every text field of
the declaration twice: the original, UNINDEXED, for snippets; and ``<field>_s``,
one stem per word in the document's language (search/analysis.py), which is what
MATCH searches and bm25 ranks, with the declaration's boosts as column weights.

A query word becomes the OR of its stems in every indexed language, so a word
always finds itself whatever the document's language, and finds its inflections
in documents of its own language. Snippets: the query's stems are found in the
stored stem columns (``StemMarker``); stem i is word i of the original, so the marks
are carried over to the original text, which is then escaped (search/highlight.py).
A search sorted by relevance gets the ids of every match and only its page's window
ranked (``SqliteText.ranked``).
"""

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any, cast

import numpy as np

from search import compounds, highlight
from search.analysis import STEMMERS, stem, stemmed_text, words
from search.backends.database.sql import DOCUMENTS, Ranked, Sql, beyond, placeholders
from search.query import ParsedQuery, Term

TABLE = "search_fts"
# Snippets come from the narrative, never from the taxonomy or organisation labels (English
# and French label lists would fill a hit's snippet, whatever the page's language).
SNIPPET_FIELDS: tuple[str, ...] = ("description", "body")
# The parts of compounds and the words written in parts written whole (search/compounds.py): a hit
# found through them shows the compound, or the word in parts, where the narrative writes it.
COMPOUNDS = "compounds"
# Is this rowid worth ranking? Byte rowid + 1 of a blob made for the query (``wanted_flags``): a
# byte read costs SQLite less than calling a Python function for every match.
WANTED = "substr(%s, rowid + 1, 1) = x'01'"


def _quoted(stems: Sequence[str]) -> str:
    return '"' + " ".join(stems).replace('"', '""') + '"'


def term_phrases(term: Term) -> set[tuple[str, ...]]:
    """The term's stems in each language (one tuple per distinct spelling)."""
    # "" too: a word of a practice in a language not stemmed (Catalan, Polish, none) is indexed
    # folded only, and finds only itself
    return {tuple(stem(word, language) for word in term.words) for language in (*STEMMERS, "")}


def term_expression(term: Term) -> str:
    """The phrase of the term's stems in each language, OR-ed (duplicates removed)."""
    return "(" + " OR ".join(sorted(_quoted(stems) for stems in term_phrases(term))) + ")"


def match_expression(parsed: ParsedQuery) -> tuple[str, str]:
    """The FTS5 expressions of the positive part and of the excluded part ("" when absent)."""
    clauses = ["(" + " OR ".join(term_expression(term) for term in clause.terms) + ")" for clause in parsed.clauses]
    excluded = " OR ".join(term_expression(term) for term in parsed.excluded)
    return " AND ".join(clauses), excluded


class SqliteText:
    """The FTS5 table of a faceted collection; its columns follow the collection's text fields
    (search/migrations/0002), ranked with their boosts."""

    vendor = "sqlite"

    def __init__(self, text_fields):
        self.fields: tuple[str, ...] = tuple(field.name for field in text_fields)
        weights = ", ".join(["0"] * len(self.fields) + [str(field.boost) for field in text_fields])
        self.score = f"-bm25({TABLE}, {weights})"

    def write(self, cursor, document: dict[str, Any]) -> None:
        self.delete(cursor, document["id"])
        language = document.get("language", [""])[0] if document.get("language") else ""
        originals = [highlight.clean(document.get(name) or "") for name in self.fields]
        stems = [stemmed_text(text, language) for text in originals]
        columns = ", ".join(["rowid", *self.fields, *(name + "_s" for name in self.fields)])
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
            return Sql(f"SELECT rowid AS id, {self.score} AS score FROM {TABLE} WHERE {TABLE} MATCH %s", (expression,))
        if excluded:
            return Sql(
                f"SELECT id, 0.0 AS score FROM {DOCUMENTS} WHERE id NOT IN "
                f"(SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)",
                (excluded,),
            )
        return None

    def scored(self, cursor, parsed: ParsedQuery, wanted: np.ndarray | None) -> list[tuple[int, float]] | None:
        """(id, score) of every match; None when the query has no text.

        bm25 is computed only for the ids in ``wanted`` (the documents the reader may see
        that pass the filters; None: every match), the other matches score 0: they are
        counted, never shown. Ranking every match cost more than the rest of a search.
        """
        positive, _excluded = match_expression(parsed)
        if not positive:
            matched = self.matched(parsed)
            if matched is None:
                return None
            cursor.execute(matched.text, matched.params)
            return cursor.fetchall()
        expression = cast(Sql, self.matched(parsed)).params[0]  # a positive expression matches
        if wanted is None:
            cursor.execute(f"SELECT rowid, {self.score} FROM {TABLE} WHERE {TABLE} MATCH %s", [expression])
        else:
            score = f"CASE WHEN {WANTED} THEN {self.score} ELSE 0.0 END"
            cursor.execute(
                f"SELECT rowid, {score} FROM {TABLE} WHERE {TABLE} MATCH %s", [wanted_flags(wanted), expression]
            )
        return cursor.fetchall()

    def ranked(self, cursor, parsed: ParsedQuery, wanted: np.ndarray | None, window: int) -> Ranked | None:
        """The ids of every match, and (id, score) of the ``window`` best of them among
        ``wanted`` (None: every match), with every match tied with the last of those; None when
        the query has no words to look for (``scored`` answers that). ``window`` 0: the ids
        alone (a page sorted by date).

        One statement: the ids as one string (a row per match cost more than matching them),
        then the window ranked in SQL, bm25 only for the wanted matches. Only when the window's
        edge falls among equal scores, a second one reads all of those, for the date to decide."""
        positive, excluded = match_expression(parsed)
        if not positive:
            return None
        expression = f"({positive}) NOT ({excluded})" if excluded else positive
        params: list[str | bytes] = [expression]
        where = f"{TABLE} MATCH %s"
        every = f"SELECT NULL, NULL, group_concat(rowid) FROM {TABLE} WHERE {where}"
        if window <= 0:
            cursor.execute(every, [expression])
            return Ranked.of(cursor.fetchall(), window)
        if wanted is not None:
            where, params = f"{where} AND {WANTED}", [*params, wanted_flags(wanted)]
        best = f"SELECT rowid, {self.score} AS score, NULL FROM {TABLE} WHERE {where} ORDER BY score DESC LIMIT %s"
        cursor.execute(f"{every} UNION ALL SELECT * FROM ({best})", [expression, *params, beyond(window)])
        ranked = Ranked.of(cursor.fetchall(), window)
        if ranked.tied is not None:
            cursor.execute(
                f"SELECT rowid, {self.score} FROM {TABLE} WHERE {where} AND {self.score} >= %s", [*params, ranked.tied]
            )
            ranked = replace(ranked, best=cursor.fetchall(), tied=None)
        return ranked

    def scores_of(self, cursor, parsed: ParsedQuery, ids: Sequence[int]) -> list[tuple[int, float]]:
        """(id, score) of the matches among ``ids`` (a page sorted by date shows its hits' scores).
        The ids are picked as the wanted ones are: ``rowid IN (...)`` made FTS5 match again for
        each rowid, three times the cost of reading all the matches."""
        positive, excluded = match_expression(parsed)
        if not positive or not ids:
            return []
        expression = f"({positive}) NOT ({excluded})" if excluded else positive
        cursor.execute(
            f"SELECT rowid, {self.score} FROM {TABLE} WHERE {TABLE} MATCH %s AND {WANTED}",
            [expression, wanted_flags(np.asarray(ids, dtype=np.int64))],
        )
        return cursor.fetchall()

    def highlights(self, cursor, ids: Sequence[int], parsed: ParsedQuery) -> dict[int, str]:
        """Snippets of the first narrative column (description, body) with a match, else the
        description's opening.

        The matching stems are found in Python in the stored stem columns (stem i is word
        i of the original), which costs a fraction of FTS5's highlight() on long bodies.
        """
        marker = StemMarker(parsed)
        if not marker.marks_anything():  # a list without words: the description's opening alone
            cursor.execute(
                f"SELECT rowid, {SNIPPET_FIELDS[0]} FROM {TABLE} WHERE rowid IN ({placeholders(ids)})", list(ids)
            )
            return {rowid: highlight.snippet(text or "", set()) for rowid, text in cursor.fetchall()}
        fields = [*SNIPPET_FIELDS, *([COMPOUNDS] if COMPOUNDS in self.fields else [])]
        columns = ", ".join([*fields, *(name + "_s" for name in fields)])
        cursor.execute(f"SELECT rowid, {columns} FROM {TABLE} WHERE rowid IN ({placeholders(ids)})", list(ids))
        found, count = {}, len(SNIPPET_FIELDS)
        for rowid, *texts in cursor.fetchall():
            originals, stems = texts[: len(fields)], texts[len(fields) :]
            through = marker.compound_words(originals[count], stems[count]) if len(fields) > count else frozenset()
            found[rowid] = marker.best_snippet(originals[:count], stems[:count], through)
        return found

    def source_text(self, cursor, document_id: int) -> str:
        cursor.execute(f"SELECT title, description FROM {TABLE} WHERE rowid = %s", [document_id])
        row = cursor.fetchone()
        return " ".join(row) if row else ""


def wanted_flags(wanted: np.ndarray) -> bytes:
    """The blob ``WANTED`` reads: one byte per rowid up to the highest of ``wanted``, 1 for those."""
    if not len(wanted):
        return b""
    flags = np.zeros(int(wanted.max()) + 1, dtype=np.uint8)
    flags[wanted] = 1
    return flags.tobytes()


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


class StemMarker:
    """Which words of a stem column the query's positive terms match: each stem of a single
    word wherever it occurs, the stems of a phrase only side by side (as FTS5 matches them)."""

    def __init__(self, parsed: ParsedQuery):
        phrases = {stems for term in parsed.positive_terms for stems in term_phrases(term)}
        self.single = {stems[0] for stems in phrases if len(stems) == 1}
        self.phrases = [stems for stems in phrases if len(stems) > 1]

    def marks_anything(self) -> bool:
        return bool(self.single or self.phrases)

    def positions(self, stems: list[str]) -> set[int]:
        """The positions of the words the query marks among a stem column's ``stems``."""
        found = {index for index, word in enumerate(stems) if word in self.single}
        for phrase in self.phrases:
            width = len(phrase)
            for index, word in enumerate(stems):
                if word == phrase[0] and tuple(stems[index : index + width]) == phrase:
                    found.update(range(index, index + width))
        return found

    def compound_words(self, original: str | None, stems_text: str | None) -> frozenset[str]:
        """The words of a document's ``compounds`` field (its compounds' parts, its words written
        in parts written whole: search/compounds.py) the query matches, in lower case."""
        if not stems_text:
            return frozenset()
        found = self.positions(stems_text.split(" "))
        return frozenset(word.casefold() for index, word in enumerate(words(original or "")) if index in found)

    def best_snippet(
        self, originals: Sequence[str], stem_columns: Sequence[str], through: AbstractSet[str] = frozenset()
    ) -> str:
        """The snippet of the first column with a match, else the description's opening. A stem
        column holds a stem per word of its original: their number is the original's. ``through``:
        the words of the ``compounds`` field the query matched (``compound_words``), marked where
        the column writes them (a compound holding a part, a word written in parts)."""
        for original, stems_text in zip(originals, stem_columns, strict=True):
            if not stems_text:
                continue
            stems = stems_text.split(" ")
            found = self.positions(stems) | compounds.holders(original or "", through)
            if found:
                return highlight.snippet(original or "", found, count=len(stems))
        return highlight.snippet(originals[0] or "", set())
