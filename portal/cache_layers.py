"""A per-process memory in front of a shared cache, for entries whose key decides their value.

What the portal keeps of pages (portal/caching.py: anonymous readers' pages and API answers,
what a page shows per reader scope) is stored under keys that hold the version tokens read
on this very request (the content token, the engines' token): a change made by any process
replaces a token, so the next request of every process asks for another key. An entry is
never written twice under one key with another value, and so a copy of it held in one
process's memory can never hide a change made in another process.

``LocalFirstCache`` reads its own memory first, then the shared cache named by ``LOCATION``,
and keeps what it read for what is left of the shared entry's lifetime (stored beside the
value), so an entry lives no longer in any process than in the shared cache. Only for such
entries: never for counts, versions or anything replaced under the same key (the rate
counts, the badge's counts and version stay in the ``default`` cache).
"""

import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class LocalFirstCache(BaseCache):
    """``OPTIONS``: ``LOCAL_MAX_ENTRIES`` (default 300), what each process keeps in memory (0: nothing)."""

    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)
        self._shared_alias = location
        entries = params.get("OPTIONS", {}).get("LOCAL_MAX_ENTRIES", 300)
        self._local = LocMemCache(f"local-first:{location}", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": entries}})
        self._keeps = entries > 0

    @property
    def shared(self) -> BaseCache:
        return caches[self._shared_alias]

    def get(self, key, default=None, version=None):
        value = self._local.get(key, _MISSING, version=version) if self._keeps else _MISSING
        if value is not _MISSING:
            return value
        stored = self.shared.get(key, _MISSING, version=version)
        if not (isinstance(stored, tuple) and len(stored) == 2):
            return default
        deadline, value = stored
        left = None if deadline is None else deadline - time.time()
        if self._keeps and (left is None or left > 0):
            self._local.set(key, value, left, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        deadline = self.get_backend_timeout(timeout)  # the moment it expires (None: never)
        self.shared.set(key, (deadline, value), timeout, version=version)
        if self._keeps:
            self._local.set(key, value, None if deadline is None else deadline - time.time(), version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        deadline = self.get_backend_timeout(timeout)
        return self.shared.add(key, (deadline, value), timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return False  # a lifetime stored beside the value is not extended

    def delete(self, key, version=None) -> bool:
        """From the shared cache and this process; other processes keep their copy until it expires."""
        self._local.delete(key, version=version)
        return self.shared.delete(key, version=version)

    def has_key(self, key, version=None) -> bool:
        return self.get(key, _MISSING, version=version) is not _MISSING

    def clear(self) -> None:
        self._local.clear()
        self.shared.clear()
