"""Cross-cutting rules for views: compose them as decorators."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from portal.access import is_moderator, needs_mfa


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


def mfa_required(view):
    """Moderators and administrators must have a second factor before privileged pages open."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.PORTAL_REQUIRE_MFA and needs_mfa(request.user) and not has_mfa(request.user):
            messages.warning(
                request, _("Set up two-factor authentication first: your role requires it to open this page.")
            )
            return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper


def moderator_required(view):
    """Only moderators; everyone else gets 404, so the page is not revealed. Implies MFA."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_moderator(request.user):
            raise Http404
        return mfa_required(view)(request, *args, **kwargs)

    return wrapper
