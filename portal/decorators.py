"""Cross-cutting rules for views: compose them as decorators.

The rules themselves live in ``portal.access``; these only turn them into answers
(404, or a redirect to set up a second factor).
"""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from portal.access import holds_moderator_role, lacks_required_second_factor


def mfa_required(view):
    """Moderators and administrators must have a second factor before privileged pages open
    (without one, ``portal.access`` grants their role no power anyway: this sends them to set it up)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if lacks_required_second_factor(request.user):
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
        if not holds_moderator_role(request.user):
            raise Http404
        return mfa_required(view)(request, *args, **kwargs)

    return wrapper
