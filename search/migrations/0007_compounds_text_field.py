"""The ``compounds`` text field (practices/indexing.py: the parts of a practice's compounds,
search/compounds.py) in the database engine's text tables.

SQLite: an FTS5 table takes no new column, so ``search_fts`` is made again with ``compounds``
(UNINDEXED) and ``compounds_s`` after the columns of 0002 (bm25's weights follow the columns'
order: every original, then every stem column, in the declaration's order) and its rows copied,
their compounds empty. PostgreSQL: a column. Both hold the parts after ``manage.py
search_reindex`` (docs/SEARCH.md, "Compounds"); until then a practice is found as before.
"""

from django.db import migrations

from search.migrations._vendor import RunSQLOn

OLD = ["title", "description", "taxonomy", "organisation", "body"]
NEW = [*OLD, "compounds"]


def _fts(name: str, fields: list[str]) -> str:
    originals = ", ".join(f"{field} UNINDEXED" for field in fields)
    stems = ", ".join(f"{field}_s" for field in fields)
    return f"CREATE VIRTUAL TABLE {name} USING fts5({originals}, {stems}, tokenize = 'unicode61 remove_diacritics 0')"


def _columns(fields: list[str]) -> str:
    return ", ".join(["rowid", *fields, *(f"{field}_s" for field in fields)])


def _rebuilt(fields: list[str], kept: list[str]) -> list[str]:
    """search_fts made again with ``fields``, holding the rows' ``kept`` fields (others empty)."""
    values = ", ".join(
        ["rowid", *(f if f in kept else "''" for f in fields), *(f"{f}_s" if f in kept else "''" for f in fields)]
    )
    return [
        _fts("search_fts_next", fields),
        f"INSERT INTO search_fts_next ({_columns(fields)}) SELECT {values} FROM search_fts",
        "DROP TABLE search_fts_vocabulary",
        "DROP TABLE search_fts",
        "ALTER TABLE search_fts_next RENAME TO search_fts",
        "CREATE VIRTUAL TABLE search_fts_vocabulary USING fts5vocab(search_fts, row)",
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_embedding_index_with_document"),
    ]

    operations = [
        RunSQLOn("sqlite", _rebuilt(NEW, OLD), _rebuilt(OLD, OLD)),
        RunSQLOn(
            "postgresql",
            ["ALTER TABLE search_pgtext ADD COLUMN compounds text NOT NULL DEFAULT ''"],
            ["ALTER TABLE search_pgtext DROP COLUMN compounds"],
        ),
    ]
