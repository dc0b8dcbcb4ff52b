"""Authentication backends that load a signed-in reader and their approved membership in one query.

Every signed-in request reads the session, then the user, then (for the header, the access
rules, the reader's scope) their approved membership with its organisation: one query more
than needed. These backends, Django's and allauth's with ``get_user`` replaced, read the
user joined with the approved membership, its organisation and the organisation's type,
and set ``User.membership`` (a cached property, portal/models.py) from that same row. At
most one membership is approved per user (the ``one_live_membership_per_user`` constraint),
so the join never repeats the user.

The query is read from the database on every request (a removed member, an ended membership,
a deactivated account show on the next one, whatever wrote them), but its SQL is compiled
once per connection (``portal.prepared.PreparedQuery``): composing it through the ORM cost about 0.7 ms
of CPU on every signed-in page, four times the query itself.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import FilteredRelation, Q

from portal.models import Membership, User
from portal.prepared import PreparedQuery


def _users_with_membership(user_id: int):
    approved = FilteredRelation("memberships", condition=Q(memberships__state=Membership.State.APPROVED))
    return (
        User._default_manager.filter(pk=user_id)
        .annotate(approved_membership=approved)
        .select_related(
            "approved_membership__organisation__type"  # type: ignore[misc]  # django-stubs does not see FilteredRelation aliases
        )
    )


# Its SQL compiled once per connection (portal/prepared.py), with a user id no account has.
_READER = PreparedQuery("reader_with_membership", User, _users_with_membership, user_id=-4_201_937)


def user_with_membership(user_id) -> User | None:
    """The user ``user_id`` with ``membership`` already read (None: no such user)."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    user = next(iter(_READER.objects(user_id=user_id)), None)
    if user is None:
        return None
    user.__dict__["membership"] = getattr(user, "approved_membership", None)  # the cached property's value
    return user


class _OneQueryUser:
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]  # both bases define it


class ModelBackend(_OneQueryUser, DjangoModelBackend):
    """Django's backend (passwords, permissions); the reader read with their membership."""


class AuthenticationBackend(_OneQueryUser, AllauthBackend):
    """allauth's backend (email login); the reader read with their membership."""
