"""Fixtures of the search tests: one ``engine`` fixture parametrised over every engine.

- ``sqlite``: the database engine, when the test database is SQLite;
- ``postgres``: the database engine, when the test database is PostgreSQL
  (``DATABASE_URL=$(scripts/postgres.sh url)``);
- ``elasticsearch``: search/backends/elasticsearch.py against the node at
  ``ELASTICSEARCH_URL``, skipped (failed under REQUIRE_SERVICES=1) when absent.
"""

import hashlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from django.db import connection, transaction

from portal.access import ReaderScope, reader_scope
from practices.indexing import COLLECTION as PRACTICES
from search import embedding
from search.backends import reset_engines
from search.backends.database import DatabaseSearchBackend
from tests.conftest import require_service
from tests.search.builders import refresh
from tests.search.sweeps import SweepCorpus, make_sweep_corpus

try:  # the Elasticsearch engineer's fixtures: the shared node, an index per test
    from tests.search.conftest_es import es_backend, es_prefix, es_url  # noqa: F401
except ImportError:  # pragma: no cover - not written yet
    es_backend = None

ENGINES = ("sqlite", "postgres", "elasticsearch")
VENDOR_OF = {"sqlite": "sqlite", "postgres": "postgresql"}


def _database_engine(name: str) -> DatabaseSearchBackend:
    if connection.vendor != VENDOR_OF[name]:
        pytest.skip(f"the {name} engine runs when the test database is {name} (it is {connection.vendor})")
    return DatabaseSearchBackend()


def _elasticsearch_engine(request):
    require_service(
        importlib.util.find_spec("search.backends.elasticsearch") is not None,
        "search/backends/elasticsearch.py is not there yet",
    )
    require_service(es_backend is not None, "tests/search/conftest_es.py is not there yet")
    return request.getfixturevalue("es_backend")


def elasticsearch_beside_database(request, settings):
    """Elasticsearch answering the searches with the ``database`` engine beside it, as in production
    (settings.py: always configured, the fallback), every practice of the run's database written to
    it by the outbox worker. Returns the node's backend; the caller resets the engines when done."""
    from search.backends import reset_engines
    from search.models import OutboxEntry
    from search.worker import drain

    es = _elasticsearch_engine(request)
    settings.SEARCH_BACKENDS = {
        "database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"},
        "elasticsearch": {"ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend", **es.options},
    }
    settings.SEARCH_BACKEND = "elasticsearch"
    reset_engines()
    OutboxEntry.objects.update(processed_at=None, next_attempt_at=None)
    drain(engines={"elasticsearch": es})
    return es


@pytest.fixture(params=ENGINES)
def engine(request, db):
    if request.param == "elasticsearch":
        return _elasticsearch_engine(request)
    return _database_engine(request.param)


@pytest.fixture
def anonymous_scope() -> ReaderScope:
    return reader_scope(None)


@pytest.fixture
def home_scope(contributor) -> ReaderScope:
    return reader_scope(contributor)


@pytest.fixture
def outsider_scope(outsider) -> ReaderScope:
    return reader_scope(outsider)


@pytest.fixture
def database_only(settings):
    """Only the database engine, as default (the page, CLI and worker tests; the contract
    suite covers each engine). Keeps them valid when the run sets SEARCH_BACKEND=elasticsearch."""
    settings.SEARCH_BACKEND = "database"
    settings.SEARCH_BACKENDS = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
    reset_engines()
    yield
    reset_engines()


# --- the query sweeps' corpus (tests/search/sweeps.py), made once per test session ----------


@pytest.fixture(scope="session")
def sweep_corpus(django_db_setup, django_db_blocker) -> SweepCorpus:
    """The sweeps' rows and documents, made once for the session in a transaction rolled back at
    once: each module writes the rows again (``corpus``), nothing stays for other tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        made = make_sweep_corpus()
        transaction.set_rollback(True)
    return made


@pytest.fixture(scope="session")
def sweep_elasticsearch(request, sweep_corpus) -> dict:
    """The sweeps' corpus in an index of its own on the shared node, made once for the session;
    the engine's options (``SEARCH_BACKENDS``)."""
    require_service(es_backend is not None, "tests/search/conftest_es.py is not there yet")
    from tests.search.conftest_es import make_backend

    url = request.getfixturevalue("es_url")
    backend = make_backend(url, f"{request.getfixturevalue('es_prefix')}-sweeps", REPLICAS=0)
    backend.index(PRACTICES, sweep_corpus.documents)
    refresh(backend)
    request.addfinalizer(backend.drop)
    return backend.options


# --- hybrid search: the real model, its passage vectors cached on disk --------------------

CACHE = Path(__file__).resolve().parents[2] / ".cache" / "search-embeddings"


class CachedPassages:
    """``embedding.embed_chunks`` with every passage's vector kept on disk, keyed by the model
    version and the passage's text: the demo corpus is embedded once per machine, not per run
    (its ~50 practices cost ~25 s on two cores). Vectors are the model's own."""

    def __init__(self, compute):
        self.compute = compute
        self.path = CACHE / (hashlib.sha256(embedding.MODEL_VERSION.encode()).hexdigest()[:16] + ".npz")
        self.vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as stored:
                self.vectors = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        self.added = False

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    def __call__(self, pieces) -> np.ndarray:
        missing = [piece for piece in dict.fromkeys(pieces) if self.key(piece) not in self.vectors]
        if missing:
            for piece, vector in zip(missing, self.compute(missing), strict=True):
                self.vectors[self.key(piece)] = vector
            self.added = True
        return np.stack([self.vectors[self.key(piece)] for piece in pieces])

    def save(self) -> None:
        if self.added and self.vectors:
            CACHE.mkdir(parents=True, exist_ok=True)
            keys = list(self.vectors)
            np.savez(self.path, keys=np.array(keys), vectors=np.stack([self.vectors[k] for k in keys]))


@pytest.fixture(scope="session")
def embedding_model():
    """The real model, loaded once per test session, passages cached on disk."""
    embedding.load()
    cached = CachedPassages(embedding.embed_chunks)
    embedding.embed_chunks = cached  # type: ignore[assignment]  # the same signature, with a cache
    yield cached
    embedding.embed_chunks = cached.compute  # type: ignore[assignment]  # back to the model's own
    cached.save()


@pytest.fixture
def embeddings(settings, embedding_model):
    """Hybrid search on for this test (SEARCH_EMBEDDINGS is off in tests by default)."""
    settings.SEARCH_EMBEDDINGS = True
    yield embedding_model
