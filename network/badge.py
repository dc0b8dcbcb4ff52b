"""The header's unread badge, kept per reader (``kept_badge_count``).

Every signed-in page shows the badge; composing its query cost about 3 ms a page. The count is
kept in the default cache per reader, stamped with a version that every change able to alter
any reader's count replaces (``badge_changed``): a notification created or read, a post hidden,
shown or deleted, a network, network membership or invitation changed, an organisation
membership, organisation, user or e-mail address changed. The receivers below cover the saves
and deletions; the services that write in bulk (``bulk_create``, ``update``) call
``badge_changed`` themselves. A kept count is read with the version in one cache read and is
used only if it carries the current version, the current day (a case room's access ends on a
date) and was kept less than ``BADGE_SECONDS`` (``PORTAL_BADGE_SECONDS``) ago (an invitation expires by the clock).
The key holds the reader's id and the moment their account was created, so one reader's count
is never read for another."""

from uuid import uuid4

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from network.models import Invitation, Network, NetworkMembership, Notification, Post
from network.selectors import unread_badge_count
from portal.models import Membership, Organisation, User

VERSION_KEY = "network:badge:version"


def _bump() -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)


def badge_changed() -> None:
    """Every reader's kept count is stale: now, and again when the transaction commits (a count
    computed in between, from what was not yet committed, is then dropped too)."""
    _bump()
    transaction.on_commit(_bump)


def _reader_key(user: User) -> str:
    joined = user.date_joined.timestamp() if user.date_joined else 0
    return f"network:badge:{user.pk}:{joined}"


def kept_badge_count(*, user) -> int:
    """``selectors.unread_badge_count`` for ``user``, kept until anything it counts changes."""
    seconds = settings.BADGE_SECONDS
    if not seconds or not getattr(user, "is_authenticated", False):
        return unread_badge_count(user=user)
    key = _reader_key(user)
    kept = cache.get_many([VERSION_KEY, key])
    version = kept.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    today = timezone.localdate().isoformat()
    entry = kept.get(key)
    if entry is not None and entry[0] == version and entry[1] == today:
        return entry[2]
    count = unread_badge_count(user=user)
    cache.set(key, (version, today, count), seconds)
    return count


def badge_of(request) -> int:
    """The badge as a page's input (portal.caching.register_chrome_input): base.html shows it."""
    return kept_badge_count(user=request.user)


def _changed(sender, **kwargs) -> None:
    update_fields = kwargs.get("update_fields")
    if sender is User and update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in changes no count
    badge_changed()


for _model in (
    Notification,
    Post,
    Network,
    NetworkMembership,
    Invitation,
    Membership,
    Organisation,
    User,
    EmailAddress,
):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"network.badge.save.{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"network.badge.delete.{_model.__name__}")
