"""Writes of personal API tokens. The token itself is returned once and never stored (knox keeps
its SHA-512 digest)."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from portal.access import signed_in
from portal.models import User

MAX_LIFETIME_DAYS = 365
MAX_LIVE_TOKENS = 20


def _end_of(day: date) -> datetime:
    """The first instant after ``day`` ends, in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _check_expiry(expires_on: date) -> None:
    today = timezone.localdate()
    if expires_on < today:
        raise ValidationError({"expires_on": _("Choose a day from today on.")})
    if expires_on > today + timedelta(days=MAX_LIFETIME_DAYS):
        raise ValidationError({"expires_on": _("A token lives at most a year.")})


@transaction.atomic
def api_token_create(*, user: User | AnonymousUser, name: str, scope: str, expires_on: date) -> tuple[ApiToken, str]:
    """A new token for ``user``, valid until the end of ``expires_on``. Returns it with its secret."""
    if not signed_in(user):
        raise PermissionDenied(_("Sign in to create a token."))
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Unknown scope.")})
    _check_expiry(expires_on)
    live = ApiToken.objects.select_for_update().filter(user=user, expiry__gt=timezone.now())
    if live.count() >= MAX_LIVE_TOKENS:
        raise ValidationError(_("You have %(count)s tokens: revoke one first.") % {"count": MAX_LIVE_TOKENS})
    lifetime = _end_of(expires_on) - timezone.now()
    return ApiToken.objects.create(user=user, expiry=lifetime, name=name.strip(), scope=scope)


@transaction.atomic
def api_tokens_revoke_all(*, user) -> int:
    """Delete every token of ``user`` (their password changed, or they left their organisation):
    scripts must be given a new token. Returns how many were revoked."""
    deleted, _by_model = ApiToken.objects.filter(user_id=user.pk).delete()
    return deleted


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> None:
    """Delete the token: requests with it fail at once."""
    if token.user_id != actor.pk:
        raise PermissionDenied(_("You may revoke only your own tokens."))
    token.delete()
