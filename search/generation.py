"""The tokens that change with every change of published content, for HTTP caching and kept results.

The ``database`` engine's index lives in the application's database and is written in
the same transaction as every change of an indexed practice or post (search/outbox.py);
each such write replaces this token (search/backends/database/snapshot.py). Pages that
depend only on published content use it as their validator (portal/caching.py).

Search results kept per reader scope (``RESULTS_TOKENS``) also depend on what an engine
outside the database (Elasticsearch) holds, which the outbox worker writes after the
transaction: the worker replaces a second token, held in the shared cache, after each
write (``engines_changed``), so results kept before it are never served again.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from search.backends import applies_in_transaction, engine
from search.backends.database.snapshot import bump, read_token

ENGINES_KEY = "search:engines-generation"


def content_token() -> int | None:
    """The current generation (one small query); None before any has been recorded."""
    with connection.cursor() as cursor:
        return read_token(cursor)


def content_changed() -> None:
    """Published content changed outside the indexes (a taxonomy's labels, which pages show):
    a new content token, in the writing transaction, so that nothing kept under the former one
    is served again. Nothing to do before any generation has been recorded (nothing is kept)."""
    with connection.cursor() as cursor:
        if read_token(cursor) is not None:
            bump(cursor)


def engines_changed() -> None:
    """An engine outside the database was written (the outbox worker): results kept go."""
    cache.set(ENGINES_KEY, secrets.token_hex(8), None)


def engines_token() -> str:
    """With the default engine outside the database, the worker's token (a new one, never used
    before, when the cache lost it); "" for the ``database`` engine, whose results change
    with ``content_token`` alone. Results kept depend on both."""
    if applies_in_transaction(engine(settings.SEARCH_BACKEND)):
        return ""
    token = cache.get(ENGINES_KEY)
    if token is None:
        cache.add(ENGINES_KEY, secrets.token_hex(8), None)
        token = cache.get(ENGINES_KEY, "")
    return token


RESULTS_TOKENS = (content_token, engines_token)  # what search results kept per scope depend on
# Pages and API answers kept for anonymous readers that show an engine's results use both too:
# a write commits (content token) before the outbox worker has put it into Elasticsearch
# (engines token), and a page kept in between must go once the worker has.
