"""Search test builders: practices made straight through the ORM, indexed into any engine.

Practices are created with the ORM (not the workflow services, which other tests
cover) so each test decides exactly what an engine receives and at which version.
The ``database`` engine is also written by ``practices.indexing.practice_changed``;
``publish`` goes through it, as the workflow does.
"""

import itertools

from django.db import transaction
from django.utils import timezone

from network.indexing import COLLECTION as POSTS
from portal.models import Organisation
from practices.indexing import COLLECTION as PRACTICES
from practices.indexing import practice_changed, practice_document
from practices.models import KeyTheme, Practice, TargetAudience
from search.backends import applies_in_transaction
from search.backends.base import Hit, PostMatch, PostResults, SearchBackend, SearchResults, SearchUnavailable
from search.collections import Layout
from search.models import OutboxEntry

_versions = itertools.count(1_000_000)


def next_version() -> int:
    return next(_versions)


def make_practice(
    title: str,
    *,
    organisation: Organisation,
    description: str = "A practice to prevent violent extremism.",
    visibility: str = "public",
    themes: tuple[str, ...] = (),
    audiences: tuple[str, ...] = (),
    language: str = "en",
    country: str = "",
    status: str = Practice.Status.PUBLISHED,
    **fields,
) -> Practice:
    practice = Practice.objects.create(
        title=title,
        description=description,
        organisation=organisation,
        visibility=visibility,
        language=language,
        country=country or organisation.country,
        status=status,
        published_at=timezone.now() if status == Practice.Status.PUBLISHED else None,
        **fields,
    )
    practice.key_themes.set(KeyTheme.objects.filter(code__in=themes))
    practice.target_audiences.set(TargetAudience.objects.filter(code__in=audiences))
    return practice


def document(practice: Practice, version: int | None = None) -> dict:
    practice = Practice.objects.select_related("organisation__type").get(pk=practice.pk)
    return practice_document(practice, version=version or next_version())


def index(backend: SearchBackend, *practices: Practice, version: int | None = None) -> None:
    """Write ``practices`` into ``backend`` as the outbox worker does, their rows then marked
    processed (an engine outside the database leaves out documents whose rows still wait:
    search.outbox.pending)."""
    backend.index(PRACTICES, [document(practice, version) for practice in practices])
    refresh(backend)
    if practices and not applies_in_transaction(backend):
        written(*practices)


def written(*practices: Practice) -> None:
    """The outbox rows of ``practices`` (all waiting rows of practices when none is named) marked
    processed, as the worker marks them once an engine holds the documents: a test that fills an
    engine outside the database itself (``rebuild``) says so, or that engine leaves them out
    (search.outbox.pending)."""
    waiting = OutboxEntry.objects.filter(kind=PRACTICES.kind, processed_at__isnull=True)
    if practices:
        waiting = waiting.filter(document_id__in=[practice.pk for practice in practices])
    waiting.update(processed_at=timezone.now())


def refresh(backend: SearchBackend) -> None:
    """Engines with near-real-time search (Elasticsearch) expose ``refresh``."""
    if hasattr(backend, "refresh"):
        backend.refresh()


def publish(practice: Practice) -> Practice:
    """Publish as the workflow does: the change and its outbox row in one transaction."""
    with transaction.atomic():
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = timezone.now()
        practice.save()
        practice_changed(practice)
    return practice


class RecordingEngine(SearchBackend):
    """A stand-in for a remote engine: keeps what it receives, per collection; ``down`` makes it unavailable."""

    name = "recording"

    def __init__(self, options: dict | None = None):
        self.collections: dict[str, dict[int, dict]] = {}
        self.down = False
        self.calls = 0

    @property
    def documents(self) -> dict[int, dict]:
        return self.collections.setdefault(PRACTICES.name, {})

    @property
    def posts(self) -> dict[int, dict]:
        return self.collections.setdefault(POSTS.name, {})

    def _check(self) -> None:
        self.calls += 1
        if self.down:
            raise SearchUnavailable("connection refused")

    def index(self, collection, documents) -> None:
        self._check()
        held = self.collections.setdefault(collection.name, {})
        for doc in documents:
            if doc["id"] not in held or held[doc["id"]]["version"] < doc["version"]:
                held[doc["id"]] = doc

    def delete(self, collection, document_id: int, version: int) -> None:
        self._check()
        self.collections.setdefault(collection.name, {}).pop(document_id, None)

    def search(self, collection, query):
        self._check()
        held = self.collections.get(collection.name, {}).values()
        if collection.layout == Layout.GROUPED:
            hits = [
                PostMatch(id=d["id"], thread_id=d["thread_id"], network_id=d["network_id"], title=d["title"], score=1.0)
                for d in held
                if d["network_id"] in query.network_ids
            ]
            return PostResults(total=len(hits), hits=hits, engine=self.name)
        found = [Hit(id=d["id"], title=d["title"], score=1.0) for d in held]
        return SearchResults(total=len(found), hits=found, facets={}, engine=self.name)

    def similar(self, collection, document_id, *, scope, limit=5):
        self._check()
        return []

    def autocomplete(self, collection, prefix, *, scope, limit=8):
        self._check()
        return []

    def rebuild(self, collection, documents) -> int:
        self._check()
        self.collections[collection.name] = {d["id"]: d for d in documents}
        return len(self.collections[collection.name])

    def document_ids(self, collection) -> dict[int, int]:
        return {i: d["version"] for i, d in self.collections.get(collection.name, {}).items()}


class UnavailableEngine(RecordingEngine):
    """An engine that is always down (Elasticsearch unreachable)."""

    name = "unavailable"

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        self.down = True


WITH_REMOTE_ENGINE = {
    "database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"},
    "remote": {"ENGINE": "tests.search.builders.RecordingEngine"},
}
WITH_UNAVAILABLE_DEFAULT = {
    "database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"},
    "elasticsearch": {"ENGINE": "tests.search.builders.UnavailableEngine"},
}


def make_published(title: str, **options) -> Practice:
    """A practice published through the outbox, so the database engine indexes it as in production."""
    return publish(make_practice(title, status=Practice.Status.DRAFT, **options))
