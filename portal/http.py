"""Request types for views (read by type checkers only)."""

from django.http import HttpRequest

from portal.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request a `login_required` view receives: its user is signed in.

    Annotate such a view's `request` with it so that `request.user` is a `User` and
    can be handed to services without a check the decorator already made.
    """

    user: User
