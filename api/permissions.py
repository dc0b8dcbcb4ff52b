"""Cross-cutting rules of the API, as DRF permission classes composed with ``&`` and ``|``.

They ask the same access functions as the web (``portal.access``, ``practices.rules``,
``network.access``); the objects themselves are fetched through the access functions
(``practice_for_user``, ``thread_for_member``…), which answer 404 to anyone who may not
read them.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from api.models import ApiToken
from portal.access import holds_moderator_role, lacks_required_second_factor
from practices import rules

__all__ = [
    "CanContribute",
    "HasSecondFactor",
    "IsAuthenticated",
    "ModeratorsOnly",
    "NetworkUsersOnly",
    "ReadOnly",
    "TokenScopeAllowsMethod",
]


class TokenScopeAllowsMethod(BasePermission):
    """A read-only token may only read (GET, HEAD, OPTIONS)."""

    message = _("This token is read-only. Create a read-write token to make changes.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        return request.method in SAFE_METHODS or not token.is_read_only


class ReadOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS


class CanContribute(BasePermission):
    message = _("Your membership of an organisation must be approved before you write a practice.")

    def has_permission(self, request, view) -> bool:
        return rules.can_contribute(request.user)


class ModeratorsOnly(BasePermission):
    """Moderation answers 404 to every signed-in non-moderator, as the moderation pages do
    (compose it after IsAuthenticated: anonymous requests get 401, which reveals nothing)."""

    def has_permission(self, request, view) -> bool:
        if not holds_moderator_role(request.user):
            raise NotFound
        return True


class HasSecondFactor(BasePermission):
    """Moderators and administrators must have a second factor (the web's ``mfa_required``)."""

    message = _("Set up two-factor authentication in your account first: your role requires it.")

    def has_permission(self, request, view) -> bool:
        return not lacks_required_second_factor(request.user)


class NetworkUsersOnly(BasePermission):
    """Networks are for verified members and moderators: to any other signed-in user every
    network endpoint answers 404 before any lookup, as the network pages do."""

    def has_permission(self, request, view) -> bool:
        from network.access import may_use_networks

        if not may_use_networks(request.user):
            raise NotFound
        return True
