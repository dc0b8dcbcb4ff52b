"""Rebuild search indexes from the database, through SearchBackend.rebuild, collection by collection."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from search.backends import engine, engine_names
from search.backends.base import SearchUnavailable
from search.collections import registered
from search.sync import all_documents, snapshot_version


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes of every registered collection (practices, network posts) "
        "in every configured engine (or in --engine NAME) from the database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--engine", help="Only this engine (a name in SEARCH_BACKENDS).")

    def handle(self, *args, engine: str | None = None, **options) -> None:
        names = [engine] if engine else engine_names()
        for name in names:
            self._rebuild(name)

    def _rebuild(self, name: str) -> None:
        counts = []
        try:
            backend = engine(name)
            version = snapshot_version()
            for collection in registered():
                counts.append(
                    f"{backend.rebuild(collection, all_documents(collection, version))} {collection.name} indexed"
                )
        except (ImproperlyConfigured, SearchUnavailable) as error:
            raise CommandError(f"{name}: {error}") from error
        self.stdout.write(f"{name}: {', '.join(counts)}")
