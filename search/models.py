from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEntry(models.Model):
    """A change that a search engine must apply, written in the same transaction as the change.

    The row's id is the document version: it only grows, so an engine that
    receives writes out of order or twice keeps the newest. ``kind`` says which
    collection the document belongs to (a practice, a network post).
    """

    class Action(models.TextChoices):
        INDEX = "index", _("Index")
        DELETE = "delete", _("Delete")

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        POST = "post", _("Network post")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRACTICE)
    document_id = models.PositiveBigIntegerField(_("document"), db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # The engine answered and refused this document (a bulk item's error), the others written:
    # retried with the backoff, its document left out of reads meanwhile, but not counted as the
    # worker falling behind (search.outbox.pending's ``oldest``).
    refused = models.BooleanField(_("refused by the engine"), default=False)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("search outbox entry")
        verbose_name_plural = _("search outbox")
        # The rows waiting for the worker, alone: every Elasticsearch read leaves out their
        # documents (search.outbox.pending), read from this index only, however many rows
        # were processed before.
        indexes = [
            models.Index(
                fields=["kind", "created_at", "document_id"],
                condition=models.Q(processed_at__isnull=True),
                name="search_outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.kind} {self.document_id} (v{self.pk})"


class SearchDocument(models.Model):
    """A practice as the ``database`` search engine holds it (one row per practice ever indexed).

    The engine's full-text structures (an FTS5 table on SQLite, a tsvector table
    on PostgreSQL, see search/migrations/0002) hang off this row. A deleted
    document stays as a tombstone (``live`` false) carrying its version, so a
    late, older write cannot bring it back.
    """

    id = models.BigIntegerField(_("practice"), primary_key=True)
    version = models.BigIntegerField(_("version"))
    live = models.BooleanField(_("live"), default=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    title_folded = models.CharField(_("title for completion"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=20, blank=True)
    organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True)
    # The description's opening as a list without words shows it (safe HTML: search.highlight),
    # made when the document is written; NULL for a row written before the column existed (its
    # opening is then made from the text table at each read, until the next search_reindex).
    opening = models.TextField(_("opening"), null=True, blank=True)  # noqa: DJ001 - NULL: not made yet, "": empty

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["live", "visibility", "organisation_id"], name="search_doc_visibility")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class SearchFacet(models.Model):
    """One facet code of a document: filters and facet counts are SQL over these rows."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(_("facet"), max_length=30)
    code = models.CharField(_("code"), max_length=100)

    class Meta:
        verbose_name = _("search facet value")
        verbose_name_plural = _("search facet values")
        constraints = [models.UniqueConstraint(fields=["document", "facet", "code"], name="search_facet_once")]
        # document last: the database engine's snapshot reads each code's documents from the
        # index alone (search/backends/database/snapshot.py), and filters use its prefix
        indexes = [models.Index(fields=["facet", "code", "document"], name="search_facet_code_doc")]

    def __str__(self) -> str:
        return f"{self.facet}={self.code}"


class SearchPost(models.Model):
    """A network post as the ``database`` search engine holds it, apart from practices.

    Its full-text row lives in ``search_post_fts`` (SQLite) or ``search_pgpost``
    (PostgreSQL), see search/migrations/0003. Deleted posts stay as tombstones
    (``live`` false) carrying their version, like SearchDocument. Every read filters
    on ``network_id`` (the reader's networks) before anything else.
    """

    id = models.BigIntegerField(_("post"), primary_key=True)
    version = models.BigIntegerField(_("version"))
    live = models.BooleanField(_("live"), default=True)
    network_id = models.BigIntegerField(_("network"), null=True, blank=True)
    thread_id = models.BigIntegerField(_("thread"), null=True, blank=True)
    title = models.CharField(_("thread title"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written"), null=True, blank=True)

    class Meta:
        verbose_name = _("search post")
        verbose_name_plural = _("search posts")
        indexes = [models.Index(fields=["network_id", "live"], name="search_post_network")]

    def __str__(self) -> str:
        return f"post {self.pk} (v{self.version})"


class SearchGeneration(models.Model):
    """One row: a random token the ``database`` engine replaces in every write's transaction.

    Each process keeps the engine's documents, visibility and facets in memory
    (search/backends/database/snapshot.py) and reloads them when the token differs from
    the one they were loaded under, so a write in any process is seen by the next search.
    Random rather than a counter: a rolled-back write's token never comes back.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.BigIntegerField(_("token"))

    class Meta:
        verbose_name = _("search index generation")
        verbose_name_plural = _("search index generations")

    def __str__(self) -> str:
        return f"generation {self.token}"


class SearchEmbedding(models.Model):
    """A document's vectors for the semantic half of hybrid search (docs/SEARCH.md, "Across
    languages"), computed by the outbox worker and ``search_reindex``, never in a request.

    ``vector``: the pooled vector of the collection's embedded fields, int8 codes (one byte a
    dimension) with ``scale`` (``row ≈ codes * scale``). ``sentences`` and
    ``sentence_vectors``/``sentence_scales``: the description's sentences and their vectors
    (the same quantisation, one row each), for the best-matching sentence of a semantic hit.
    ``model_version`` says which model made them (a different one: re-embedded by
    ``search_reindex``); ``text_hash`` of which text (a changed text: the row is deleted in the
    writing transaction, so no sentence outlives the text it came from).
    """

    collection = models.CharField(_("collection"), max_length=40)
    document_id = models.BigIntegerField(_("document"))
    model_version = models.CharField(_("model version"), max_length=120)
    text_hash = models.CharField(_("text hash"), max_length=64)
    vector = models.BinaryField(_("vector"))
    scale = models.FloatField(_("scale"))
    sentences = models.JSONField(_("sentences"), default=list, blank=True)
    sentence_vectors = models.BinaryField(_("sentence vectors"), blank=True, default=b"")
    sentence_scales = models.BinaryField(_("sentence scales"), blank=True, default=b"")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search embedding")
        verbose_name_plural = _("search embeddings")
        constraints = [
            models.UniqueConstraint(fields=["collection", "document_id"], name="search_embedding_once"),
        ]
        # The document id last: a page's rows (collection, model, ids) are found through it alone.
        # SQLite's planner, without statistics, took a (collection, model_version) index for them,
        # which every row of the collection matches, and read all their vectors (17 ms at 10,000).
        indexes = [
            models.Index(fields=["collection", "model_version", "document_id"], name="search_embedding_model_doc")
        ]

    def __str__(self) -> str:
        return f"{self.collection} {self.document_id} ({self.model_version})"
