"""How a service's refusal reaches the person: one message, the same on every page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def show_refusal(request: HttpRequest, error: Exception) -> None:
    """A service's ``ValidationError`` or ``PermissionDenied``, shown as an error message."""
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error) or _("You may not do this.")
    messages.error(request, text)
