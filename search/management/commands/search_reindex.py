"""Rebuild search indexes from the database, through SearchBackend.rebuild, collection by collection.

With SEARCH_EMBEDDINGS on, the documents' vectors come first (search/embedding/store.py):
exactly the documents whose stored vector is missing, of another model version or of another
text are embedded, in batches, with a progress bar; vectors of documents no longer indexed are
deleted. The engines are then rebuilt with them (Elasticsearch: a new index behind the alias,
so a mapping change such as the dense_vector field is taken up here).
"""

from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.backends import engine, engine_names
from search.backends.base import SearchUnavailable
from search.collections import Collection, registered
from search.embedding import store
from search.generation import engines_changed
from search.sync import all_documents, snapshot_version

ATTACH_BATCH = 200


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes of every registered collection (practices, network posts) "
        "in every configured engine (or in --engine NAME) from the database; embed first the "
        "documents whose vectors are missing or stale (SEARCH_EMBEDDINGS)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--engine", help="Only this engine (a name in SEARCH_BACKENDS).")
        parser.add_argument("--batch-size", type=int, default=32, help="Documents embedded at a time (default 32).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, engine: str | None = None, batch_size: int = 32, **options) -> None:
        version = snapshot_version()
        for collection in registered():
            self._embed(collection, version, batch_size, quiet=options.get("no_progress", False))
        names = [engine] if engine else engine_names()
        try:
            for name in names:
                self._rebuild(name, version)
        finally:  # even after a failure part-way: results kept from a rebuilt engine go (search/generation.py)
            engines_changed()

    def _embed(self, collection: Collection, version: int, batch_size: int, *, quiet: bool) -> None:
        if not store.embeds(collection):
            return
        if not store.load_model():
            raise CommandError(
                "The sentence-embedding model could not be loaded (SEARCH_EMBEDDINGS=false: lexical only)."
            )
        documents, embedded = all_documents(collection, version), 0
        ids: list[int] = []
        candidates = collection.candidates()
        total = candidates.count() if hasattr(candidates, "count") else None  # a queryset: one COUNT
        with tqdm(total=total, desc=f"embedding {collection.name}", unit="doc", disable=quiet) as bar:
            while chunk := list(islice(documents, batch_size)):
                embedded += store.refresh(collection, chunk, batch=batch_size)
                ids.extend(document["id"] for document in chunk)
                bar.update(len(chunk))
        pruned = store.prune(collection, ids)
        self.stdout.write(f"{collection.name}: {embedded} embedded, {len(ids) - embedded} up to date, {pruned} removed")

    def _rebuild(self, name: str, version: int) -> None:
        counts = []
        try:
            backend = engine(name)
            for collection in registered():
                documents = with_vectors(collection, all_documents(collection, version))
                counts.append(f"{backend.rebuild(collection, documents)} {collection.name} indexed")
        except (ImproperlyConfigured, SearchUnavailable) as error:
            raise CommandError(f"{name}: {error}") from error
        self.stdout.write(f"{name}: {', '.join(counts)}")


def with_vectors(collection: Collection, documents: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The documents with their stored vectors attached, read a batch at a time."""
    while batch := list(islice(documents, ATTACH_BATCH)):
        yield from store.attach(collection, batch)
