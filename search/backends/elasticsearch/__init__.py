"""The ``elasticsearch`` search engine: see backend.py (the engine), mapping.py (the index)
and queries.py (the requests), and docs/SEARCH.md, "Elasticsearch engine"."""

from search.backends.elasticsearch.backend import ElasticsearchSearchBackend

__all__ = ["ElasticsearchSearchBackend"]
