"""``page_engine``: the search page and the API on each engine in turn, through the HTTP
client (import the fixture into a test module)."""

import pytest

from search.backends import reset_engines
from tests.search.conftest import ENGINES, _database_engine, _elasticsearch_engine


@pytest.fixture(params=ENGINES)
def page_engine(request, db, settings):
    """The engine the page and the API use (no fallback engine: it would hide a failure)."""
    settings.PAGE_CACHE_SECONDS = 0
    if request.param == "elasticsearch":
        engine = _elasticsearch_engine(request)
        settings.SEARCH_BACKENDS = {
            "elasticsearch": {"ENGINE": "search.backends.elasticsearch.ElasticsearchSearchBackend", **engine.options}
        }
        settings.SEARCH_BACKEND = "elasticsearch"
    else:
        engine = _database_engine(request.param)
        settings.SEARCH_BACKENDS = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
        settings.SEARCH_BACKEND = "database"
    reset_engines()
    yield engine
    reset_engines()
