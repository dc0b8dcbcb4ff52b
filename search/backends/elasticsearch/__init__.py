"""The ``elasticsearch`` search engine: see backend.py (the engine and its reads), indices.py
(each collection's index: writes and rebuilds), mapping.py (the index's declaration),
queries.py (the requests), posts.py (network posts), and docs/SEARCH.md, "Elasticsearch engine"."""

from search.backends.elasticsearch.backend import ElasticsearchSearchBackend

__all__ = ["ElasticsearchSearchBackend"]
