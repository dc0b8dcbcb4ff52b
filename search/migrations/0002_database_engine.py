"""The ``database`` search engine: documents and facet rows, then the vendor's full-text structure.

SQLite: an FTS5 table whose rowid is the document id. The original text columns are
stored UNINDEXED (for snippets); the ``*_s`` columns hold one Snowball stem per word
(search/analysis.py) and are what MATCH searches. PostgreSQL: a table with a
weighted tsvector (per-language configuration plus 'simple') and a GIN index.
Neither has a foreign key to the document table (so a test flush can truncate it):
the engine deletes their rows itself, and every read joins the live documents.
The column names follow TEXT_FIELDS in practices/indexing.py: a new text field
there needs a migration here.
"""

import django.db.models.deletion
from django.db import migrations, models

from search.migrations._vendor import RunSQLOn

SQLITE_FTS = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title UNINDEXED, description UNINDEXED, taxonomy UNINDEXED, organisation UNINDEXED, body UNINDEXED,
    title_s, description_s, taxonomy_s, organisation_s, body_s,
    tokenize = 'unicode61 remove_diacritics 0'
)
"""
SQLITE_VOCABULARY = "CREATE VIRTUAL TABLE search_fts_vocabulary USING fts5vocab(search_fts, row)"

POSTGRES_TEXT = """
CREATE TABLE search_pgtext (
    document_id bigint PRIMARY KEY,
    config regconfig NOT NULL,
    title text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    taxonomy text NOT NULL DEFAULT '',
    organisation text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    vector tsvector NOT NULL
)
"""
POSTGRES_INDEX = "CREATE INDEX search_pgtext_vector ON search_pgtext USING gin (vector)"


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='practice')),
                ('version', models.BigIntegerField(verbose_name='version')),
                ('live', models.BooleanField(default=True, verbose_name='live')),
                ('title', models.CharField(blank=True, max_length=300, verbose_name='title')),
                ('title_folded', models.CharField(blank=True, max_length=300, verbose_name='title for completion')),
                ('language', models.CharField(blank=True, max_length=5, verbose_name='language')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                ('visibility', models.CharField(blank=True, max_length=20, verbose_name='visibility')),
                ('organisation_id', models.BigIntegerField(blank=True, null=True, verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'search document',
                'verbose_name_plural': 'search documents',
                'indexes': [models.Index(fields=['live', 'visibility', 'organisation_id'], name='search_doc_visibility')],
            },
        ),
        migrations.CreateModel(
            name='SearchFacet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('facet', models.CharField(max_length=30, verbose_name='facet')),
                ('code', models.CharField(max_length=100, verbose_name='code')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='facets', to='search.searchdocument')),
            ],
            options={
                'verbose_name': 'search facet value',
                'verbose_name_plural': 'search facet values',
                'indexes': [models.Index(fields=['facet', 'code'], name='search_facet_code')],
                'constraints': [models.UniqueConstraint(fields=('document', 'facet', 'code'), name='search_facet_once')],
            },
        ),
        RunSQLOn("sqlite", [SQLITE_FTS, SQLITE_VOCABULARY], ["DROP TABLE search_fts_vocabulary", "DROP TABLE search_fts"]),
        RunSQLOn("postgresql", [POSTGRES_TEXT, POSTGRES_INDEX], ["DROP TABLE search_pgtext"]),
    ]
