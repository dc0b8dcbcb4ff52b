"""How API requests authenticate: a personal token (``Authorization: Token pve_…``) or the
browser session (with its CSRF token, DRF's ``SessionAuthentication``)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from api.models import ApiToken

# Recording every use would write on every read; once in this interval is enough to tell stale tokens.
LAST_USED_PRECISION = timedelta(minutes=5)


class PersonalTokenAuthentication(TokenAuthentication):
    """knox's hashed-token check, remembering roughly when each token was last used."""

    def authenticate_credentials(self, token: bytes):
        try:
            token.decode("utf-8")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        user, auth_token = super().authenticate_credentials(token)
        _record_use(auth_token)
        return user, auth_token


def _record_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
