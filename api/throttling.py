"""Request rates: per client address for anonymous requests, per user (all their tokens and
their session together) and per token. Rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``,
set through environment variables (README, "Configuration"). Over the rate: 429 with Retry-After.
"""

from collections.abc import Mapping
from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class _SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from the settings at each request (so a changed setting applies at once)."""

    def get_rate(self) -> str | None:
        # The stubs type the rates as numbers; DRF's are strings such as "600/minute".
        rates: Mapping[Any, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope)


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
