"""Authentication backends that load a signed-in reader and their approved membership in one query.

Every signed-in request reads the session, then the user, then (for the header, the access
rules, the reader's scope) their approved membership with its organisation: one query more
than needed. These backends, Django's and allauth's with ``get_user`` replaced, read the
user joined with the approved membership, its organisation and the organisation's type,
and set ``User.membership`` (a cached property, portal/models.py) from that same row. At
most one membership is approved per user (the ``one_live_membership_per_user`` constraint),
so the join never repeats the user.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import FilteredRelation, Q

from portal.models import Membership, User


def user_with_membership(user_id) -> User | None:
    """The user ``user_id`` with ``membership`` already read (None: no such user)."""
    approved = FilteredRelation("memberships", condition=Q(memberships__state=Membership.State.APPROVED))
    user = (
        User._default_manager.annotate(approved_membership=approved)
        .select_related("approved_membership__organisation__type")  # type: ignore[misc]  # django-stubs does not see FilteredRelation aliases
        .filter(pk=user_id)
        .first()
    )
    if user is None:
        return None
    membership = getattr(user, "approved_membership", None)
    user.__dict__["membership"] = membership  # the cached property's value, as User.membership reads it
    return user


class _OneQueryUser:
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]  # both bases define it


class ModelBackend(_OneQueryUser, DjangoModelBackend):
    """Django's backend (passwords, permissions); the reader read with their membership."""


class AuthenticationBackend(_OneQueryUser, AllauthBackend):
    """allauth's backend (email login); the reader read with their membership."""
