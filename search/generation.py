"""The token that changes with every change of published content, for HTTP caching.

The ``database`` engine's index lives in the application's database and is written in
the same transaction as every change of an indexed practice or post (search/outbox.py);
each such write replaces this token (search/backends/database/snapshot.py). Pages that
depend only on published content use it as their validator (portal/caching.py).
"""

from django.db import connection

from search.backends.database.snapshot import read_token


def content_token() -> int | None:
    """The current generation (one small query); None before any has been recorded."""
    with connection.cursor() as cursor:
        return read_token(cursor)
