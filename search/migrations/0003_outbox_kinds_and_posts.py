"""Network posts in the search layer: outbox rows name their kind, and the ``database``
engine gets a post collection of its own.

SQLite: an FTS5 table (rowid = post id) with the original title and text UNINDEXED
and one Snowball stem per word in ``*_s`` (as search_fts). PostgreSQL: a weighted
tsvector table with a GIN index (as search_pgtext). No foreign keys, as in 0002.
"""

from django.db import migrations, models

from search.migrations._vendor import RunSQLOn

SQLITE_FTS = """
CREATE VIRTUAL TABLE search_post_fts USING fts5(
    title UNINDEXED, text UNINDEXED, title_s, text_s,
    tokenize = 'unicode61 remove_diacritics 0'
)
"""

POSTGRES_TEXT = """
CREATE TABLE search_pgpost (
    post_id bigint PRIMARY KEY,
    config regconfig NOT NULL,
    title text NOT NULL DEFAULT '',
    text text NOT NULL DEFAULT '',
    vector tsvector NOT NULL
)
"""
POSTGRES_INDEX = "CREATE INDEX search_pgpost_vector ON search_pgpost USING gin (vector)"


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_database_engine"),
    ]

    operations = [
        migrations.RenameField(model_name="outboxentry", old_name="practice_id", new_name="document_id"),
        migrations.AlterField(
            model_name="outboxentry",
            name="document_id",
            field=models.PositiveBigIntegerField(db_index=True, verbose_name="document"),
        ),
        migrations.AddField(
            model_name="outboxentry",
            name="kind",
            field=models.CharField(
                choices=[("practice", "Practice"), ("post", "Network post")],
                default="practice",
                max_length=10,
                verbose_name="kind",
            ),
        ),
        migrations.CreateModel(
            name="SearchPost",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="post")),
                ("version", models.BigIntegerField(verbose_name="version")),
                ("live", models.BooleanField(default=True, verbose_name="live")),
                ("network_id", models.BigIntegerField(blank=True, null=True, verbose_name="network")),
                ("thread_id", models.BigIntegerField(blank=True, null=True, verbose_name="thread")),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="thread title")),
                ("created_at", models.DateTimeField(blank=True, null=True, verbose_name="written")),
            ],
            options={
                "verbose_name": "search post",
                "verbose_name_plural": "search posts",
                "indexes": [models.Index(fields=["network_id", "live"], name="search_post_network")],
            },
        ),
        RunSQLOn("sqlite", SQLITE_FTS, "DROP TABLE search_post_fts"),
        RunSQLOn("postgresql", [POSTGRES_TEXT, POSTGRES_INDEX], "DROP TABLE search_pgpost"),
    ]
