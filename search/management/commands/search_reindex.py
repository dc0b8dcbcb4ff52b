"""Rebuild search indexes from the database, through SearchBackend.rebuild."""

from django.core.management.base import BaseCommand, CommandError
from django.core.exceptions import ImproperlyConfigured

from search.backends import engine, engine_names
from search.backends.base import SearchUnavailable
from search.sync import all_documents, all_post_documents, snapshot_version


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes (practices and network posts) of every configured engine "
        "(or of --engine NAME) from the database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--engine", help="Only this engine (a name in SEARCH_BACKENDS).")

    def handle(self, *args, engine: str | None = None, **options) -> None:
        names = [engine] if engine else engine_names()
        for name in names:
            self._rebuild(name)

    def _rebuild(self, name: str) -> None:
        try:
            backend = engine(name)
            version = snapshot_version()
            count = backend.rebuild(all_documents(version))
            posts = backend.rebuild_posts(all_post_documents(version))
        except (ImproperlyConfigured, SearchUnavailable) as error:
            raise CommandError(f"{name}: {error}") from error
        self.stdout.write(f"{name}: {count} practices indexed, {posts} network posts indexed")
