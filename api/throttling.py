"""Request rates: per client address for anonymous requests, per user (all their tokens and
their session together) and per token. Rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``,
set through environment variables (README, "Configuration"). Over the rate: 429 with Retry-After.

Counted in the database, one row per client and one statement a request
(``count_request``), so every web process shares the counts and a request costs the same
however many its client made. The window slides: the requests of the current period of the
rate, plus those of the period before weighted by how much of it still lies within one
period of now (the estimate of a sliding log such as DRF's own, without keeping every
request's time). Refused requests are not counted, as with DRF's throttles.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken, RequestCount

_table = RequestCount._meta.db_table
# The counts the row held, read as of the current period: the SET expressions of an upsert
# see the row as it was, on SQLite and PostgreSQL alike.
_PREVIOUS = (
    f"(CASE WHEN {_table}.period = %s THEN {_table}.previous WHEN {_table}.period = %s THEN {_table}.hits ELSE 0 END)"
)
_CURRENT = f"(CASE WHEN {_table}.period = %s THEN {_table}.hits ELSE 0 END)"
# previous × (what of its period is within reach) + current + 1 ≤ limit, in whole milliseconds
# (exact: no rounding decides a request at the limit)
_ALLOWS = f"({_PREVIOUS} * CAST(%s AS BIGINT) + ({_CURRENT} + 1) * CAST(%s AS BIGINT) <= CAST(%s AS BIGINT))"
_COUNT_SQL = (
    f'INSERT INTO {_table} ("key", period, hits, previous, allowed, expires) VALUES (%s, %s, %s, 0, %s, %s) '
    f'ON CONFLICT ("key") DO UPDATE SET '
    f"previous = {_PREVIOUS}, "
    f"hits = {_CURRENT} + (CASE WHEN {_ALLOWS} THEN 1 ELSE 0 END), "
    f"allowed = {_ALLOWS}, "
    f"period = %s, expires = %s "
    f"RETURNING hits, previous, allowed"
)


@dataclass(frozen=True)
class Count:
    hits: int  # requests allowed in the current period, this one included if allowed
    previous: int  # requests allowed in the period before
    allowed: bool


def count_request(key: str, *, limit: int, duration: int, now: float) -> Count:
    """Count a request of ``key`` against ``limit`` requests a ``duration`` (seconds) at
    ``now`` (seconds since the epoch), if the sliding estimate leaves room for it: one
    statement, atomic on both databases."""
    span = duration * 1000
    now_ms = int(now * 1000)
    period, elapsed = divmod(now_ms, span)
    expires = (period + 2) * duration
    first_allowed = limit >= 1
    previous = [period, period - 1]  # _PREVIOUS's parameters
    current = [period]
    allows = [*previous, span - elapsed, *current, span, limit * span]
    params: list[str | int | bool] = [key, period, int(first_allowed), first_allowed, expires]
    params += [*previous, *current, *allows, *allows, period, expires]
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, params)
        hits, previous_hits, allowed = cursor.fetchone()
    return Count(hits=hits, previous=previous_hits, allowed=bool(allowed))


def seconds_to_wait(count: Count, *, limit: int, duration: int, now: float) -> int:
    """How long until a request of a refused client fits the estimate again, if it sends none
    meanwhile (the Retry-After of the 429): at most a period and a fraction of one (1/limit)."""
    span = duration * 1000
    elapsed = int(now * 1000) % span
    room = limit - count.hits - 1  # what the previous period's weighted requests may still use
    if room >= 0:
        # within this period, once enough of the previous one has slid out of reach
        at = span - room * span // count.previous if count.previous else elapsed
    else:
        # in the next period, once enough of this one has slid out of reach
        at = span + max(0, span - (limit - 1) * span // count.hits)
    return max(1, -(-(at - elapsed) // 1000))  # whole seconds, rounded up


class _SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from the settings at each request (so a changed setting applies at once),
    and counts in the database (``count_request``)."""

    num_requests: int  # parsed from the rate by SimpleRateThrottle.__init__
    duration: int

    def get_rate(self) -> str | None:
        # The stubs type the rates as numbers; DRF's are strings such as "600/minute".
        rates: Mapping[Any, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        self.count = count_request(self.key, limit=self.num_requests, duration=self.duration, now=self.now)
        return self.count.allowed

    def wait(self) -> float | None:
        return seconds_to_wait(self.count, limit=self.num_requests, duration=self.duration, now=self.now)


class AnonymousThrottle(_SettingsRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserThrottle(_SettingsRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class TokenThrottle(_SettingsRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.uid}


class ImportThrottle(_SettingsRateThrottle):
    """Reading documents is expensive: a separate, lower rate per user."""

    scope = "import"

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
