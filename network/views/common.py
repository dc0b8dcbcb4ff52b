"""What the network views share: the gate every network page passes, a service's refusal
as a message, and a network page's navigation."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import render

from network import access, selectors
from portal.refusals import show_refusal


def networks_only(view):
    """Only verified members and moderators reach network pages; to anyone else every
    private URL answers the same 404 (with a way to log in), before any lookup."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.may_use_networks(request.user):
            return render(request, "404.html", status=404)
        return view(request, *args, **kwargs)

    return wrapper


def _attempt(request: HttpRequest, success: str, action, **kwargs) -> bool:
    """Run a service; its refusal becomes an error message, its success ``success``."""
    try:
        action(**kwargs)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
        return False
    if success:
        messages.success(request, success)
    return True


def _form_status(form, limited: bool = False) -> int:
    """429 when a rate refused the action, 400 for other form errors."""
    if limited:
        return 429
    return 400 if form.errors else 200


def _network_context(request: HttpRequest, network, **extra) -> dict:
    """What every page of a network shows in its navigation."""
    moderates = access.can_moderate(request.user, network)
    queue = selectors.queue_counts(network=network) if moderates else None
    return {"network": network, "moderates": moderates, "queue": queue, **extra}
