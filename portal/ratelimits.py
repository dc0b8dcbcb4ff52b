"""Rates on actions that could be abused from a signed-in account (sending invitations,
reporting posts), counted per user with django-ratelimit in the default cache.

The cache must be shared by every web process for a rate to hold across them
(``DJANGO_CACHE=database`` in production; docs/OPERATIONS.md). Rates are read from the
settings on each request, so a changed setting applies at once.
"""

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def over_rate(request: HttpRequest, *, group: str, rate: str) -> bool:
    """Count this attempt against ``request.user``'s ``rate`` (e.g. ``"30/h"``) for ``group``;
    True when it goes over, and the action must not run."""
    return is_ratelimited(request, group=group, key="user", rate=rate, increment=True)
