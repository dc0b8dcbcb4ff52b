"""Issue 14, item 13: the anonymous API rate cannot be dodged with a spoofed X-Forwarded-For.

Proxy headers are trusted only as far as PORTAL_NUM_PROXIES (REST_FRAMEWORK["NUM_PROXIES"],
allauth's TRUSTED_PROXY_COUNT) says proxies stand in front of the portal.
"""

from django.urls import reverse
from rest_framework.test import APIClient


def _anonymous_rate(settings, rate: str, *, proxies: int | None = None) -> None:
    """The anonymous rate set to ``rate``; the number of proxies as configured unless given."""
    configured = {} if proxies is None else {"NUM_PROXIES": proxies}
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        **configured,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anonymous": rate},
    }


def test_without_a_proxy_a_spoofed_forwarded_for_does_not_reset_the_anonymous_rate(settings, db):
    _anonymous_rate(settings, "2/minute")
    statuses = [
        APIClient().get(reverse("api:theme-list"), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


def test_behind_one_proxy_only_the_address_the_proxy_saw_counts(settings, db):
    _anonymous_rate(settings, "2/minute", proxies=1)

    def get(forwarded_for: str) -> int:
        return APIClient().get(reverse("api:theme-list"), HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    # The client prepends made-up addresses; the proxy appends the one it saw (198.51.100.7).
    assert [get(f"203.0.113.{n}, 198.51.100.7") for n in range(3)] == [200, 200, 429]
    assert get("198.51.100.8") == 200  # another client behind the same proxy has its own count


def test_the_portal_trusts_no_proxy_unless_configured(settings):
    assert settings.PORTAL_NUM_PROXIES == 0
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
