"""A per-process memory in front of a shared cache, for entries whose key decides their value.

What the portal keeps of pages (portal/caching.py: anonymous readers' pages and API answers,
what a page shows per reader scope) is stored under keys that hold the version tokens read
on this very request (the content token, the engines' token): a change made by any process
replaces a token, so the next request of every process asks for another key. An entry is
never written twice under one key with another value, and so a copy of it held in one
process's memory can never hide a change made in another process.

``StringMemoryCache`` is each process's memory for HTML fragments (settings ``fragments``): Django's
memory cache without the pickle round trip for strings.

``LocalFirstCache`` reads its own memory first, then the shared cache named by ``LOCATION``,
and keeps what it read for what is left of the shared entry's lifetime (stored beside the
value), so an entry lives no longer in any process than in the shared cache. Only for such
entries: never for counts, versions or anything replaced under the same key (the rate
counts, the badge's counts and version stay in the ``default`` cache).
"""

import pickle
import time
from collections import OrderedDict
from threading import Lock
from typing import TYPE_CHECKING, Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.safestring import SafeString

_MISSING = object()
_STRINGS = (str, SafeString)  # kept as they are: nothing can change a string once made


class StringMemoryCache(LocMemCache):
    """``LocMemCache``, but a string (``str``, ``SafeString``: what the fragments are) is kept as it is.

    ``LocMemCache`` pickles every value it keeps and unpickles every value it reads, so that a caller
    changing an object it read cannot change what is kept. A string cannot be changed: for the HTML
    fragments of the chrome, the result cards and the thread's posts that round trip bought nothing
    and cost, with the check of each key against memcached's rules, about 25 µs a lookup (two dozen a
    search page, fifty a thread page). Any other value (a dictionary of labels) is pickled as before.
    ``get_many`` takes the lock once for all its keys. The keys are the portal's own (hashes, the
    template fragments' names) and this cache is never memcached: they are not checked against its rules.
    """

    # LocMemCache's own parts, which django-stubs does not declare
    _lock: Lock
    _cache: OrderedDict[str, Any]
    if TYPE_CHECKING:

        def _has_expired(self, key: str) -> bool: ...
        def _set(self, key: str, value: Any, timeout: float | None = ...) -> None: ...
        def _delete(self, key: str) -> bool: ...

    def _stored(self, value):
        return value if type(value) in _STRINGS else pickle.dumps(value, self.pickle_protocol)

    @staticmethod
    def _value(stored):
        return stored if type(stored) in _STRINGS else pickle.loads(stored)  # written by this process only

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key, stored = self.make_key(key, version=version), self._stored(value)
        with self._lock:
            if self._has_expired(key):
                self._set(key, stored, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return self._value(stored)

    def get_many(self, keys, version=None) -> dict:
        found = {}
        with self._lock:
            for key in keys:
                made = self.make_key(key, version=version)
                if self._has_expired(made):
                    self._delete(made)
                    continue
                found[key] = self._cache[made]
                self._cache.move_to_end(made, last=False)
        return {key: self._value(stored) for key, stored in found.items()}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key, stored = self.make_key(key, version=version), self._stored(value)
        with self._lock:
            self._set(key, stored, timeout)


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
