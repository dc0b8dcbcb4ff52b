"""Personal API tokens: django-rest-knox's hashed token, with a name, a scope and a public id.

Only the SHA-512 digest of a token is stored (knox); the token itself is shown once,
when it is created. ``token_key`` is knox's lookup prefix of the token.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        READ_WRITE = "read-write", _("Read and write")

    uid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. “Report script”."))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.READ)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key[:8]}…)"

    @property
    def is_read_only(self) -> bool:
        return self.scope != self.Scope.READ_WRITE

    @property
    def has_expired(self) -> bool:
        return self.expiry is not None and self.expiry <= timezone.now()


class RequestCount(models.Model):
    """How many requests one client (``key``: the throttle's scope and the address, user or
    token) made in the current period of its rate and in the one before: what the API's
    throttles count, one row per client, written by one statement a request
    (``api.throttling.count_request``). Rows whose ``expires`` has passed count nothing and
    are deleted by ``manage.py purge_request_counts``."""

    key = models.CharField(max_length=200, primary_key=True)
    period = models.BigIntegerField()  # the time since the epoch in whole periods of the rate
    hits = models.PositiveIntegerField()  # requests allowed in ``period``
    previous = models.PositiveIntegerField()  # requests allowed in the period before it
    allowed = models.BooleanField()  # whether the last request was
    expires = models.BigIntegerField(db_index=True)  # seconds since the epoch: the end of the next period

    class Meta:
        verbose_name = _("API request count")
        verbose_name_plural = _("API request counts")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
