"""Fixtures of the search tests: one ``engine`` fixture parametrised over every engine.

- ``sqlite``: the database engine, when the test database is SQLite;
- ``postgres``: the database engine, when the test database is PostgreSQL
  (``DATABASE_URL=$(scripts/postgres.sh url)``);
- ``elasticsearch``: search/backends/elasticsearch.py against the node at
  ``ELASTICSEARCH_URL``, skipped (failed under REQUIRE_SERVICES=1) when absent.
"""

import importlib.util

import pytest
from django.db import connection

from portal.access import ReaderScope, reader_scope
from search.backends import reset_engines
from search.backends.database import DatabaseSearchBackend
from tests.conftest import require_service

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
