"""Reads of personal API tokens: a user sees and revokes only their own."""

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from api.models import ApiToken
from portal.access import signed_in


def tokens_of(*, user) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (expired ones too, until they are cleaned up)."""
    if not signed_in(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created")


def token_for_owner(*, user, uid: UUID) -> ApiToken:
    """The token ``uid`` if it is ``user``'s; 404 otherwise."""
    token = tokens_of(user=user).filter(uid=uid).first()
    if token is None:
        raise Http404
    return token
