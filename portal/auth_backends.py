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
once per process, database and thread (``_prepared``): composing it through the ORM cost about 0.7 ms
of CPU on every signed-in page, four times the query itself.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connections, router
from django.db.models import FilteredRelation, Q
from django.db.models.query import get_related_populators

from portal.models import Membership, User

# A user id no account has: it stands for the one compiled into the prepared SQL.
_ANY_USER = -4_201_937


def _users_with_membership():
    approved = FilteredRelation("memberships", condition=Q(memberships__state=Membership.State.APPROVED))
    return User._default_manager.annotate(approved_membership=approved).select_related(
        "approved_membership__organisation__type"  # type: ignore[misc]  # django-stubs does not see FilteredRelation aliases
    )


def _prepared(alias: str):
    """The query's SQL, its parameters and Django's compiler (what turns rows into objects),
    compiled once per connection (each thread has its own) with ``_ANY_USER`` in the user's place."""
    connection = connections[alias]
    prepared = connection.__dict__.get("_portal_reader_query")
    if prepared is None:
        compiler = _users_with_membership().filter(pk=_ANY_USER).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if list(params).count(_ANY_USER) != 1:  # the user id must be the one parameter it replaces
            raise RuntimeError("the reader's query no longer names the user once")
        prepared = connection.__dict__["_portal_reader_query"] = (compiler, sql, tuple(params))
    return prepared


def user_with_membership(user_id) -> User | None:
    """The user ``user_id`` with ``membership`` already read (None: no such user)."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    alias = router.db_for_read(User)
    compiler, sql, params = _prepared(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, tuple(user_id if value == _ANY_USER else value for value in params))
        rows = cursor.fetchmany(1)
    user = next(_objects(compiler, alias, rows), None)
    if user is None:
        return None
    user.__dict__["membership"] = getattr(user, "approved_membership", None)  # the cached property's value
    return user


def _objects(compiler, alias: str, rows):
    """Model instances from ``rows`` as Django's ModelIterable makes them (select_related included)."""
    klass_info, select = compiler.klass_info, compiler.select
    first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    names = [column[0].target.attname for column in select[first:last]]
    populators = get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]  # the stubs follow Django 6 (fetch_mode); 5.2 takes three
    for row in compiler.results_iter(results=[rows]):
        user = klass_info["model"].from_db(alias, names, row[first:last])
        for populator in populators:
            populator.populate(row, user)
        yield user


class _OneQueryUser:
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]  # both bases define it


class ModelBackend(_OneQueryUser, DjangoModelBackend):
    """Django's backend (passwords, permissions); the reader read with their membership."""


class AuthenticationBackend(_OneQueryUser, AllauthBackend):
    """allauth's backend (email login); the reader read with their membership."""
