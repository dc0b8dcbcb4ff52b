"""Copies of practices other portals share with this one: the only writes to them.

A copy is a ``Practice`` row marked with its origin (``origin_portal``, ``origin_uuid``,
``origin_url``): read-only to every practice service (``practices.services.refuses_copies``),
replaced only by a newer version from its origin, purged by a tombstone. Its Markdown goes
through the portal's own sanitiser when the row is saved (``Practice.save`` cooks it), and
who may read it is decided by the one reading rule (``practices.selectors``) from its
visibility: only public and members-level practices are ever accepted.
"""

import re
import uuid as uuid_module
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from federation.signing import SKEW
from portal.models import Organisation, OrganisationType
from practices.indexing import practice_changed
from practices.models import KeyTheme, Practice, TargetAudience
from practices.template_fields import NARRATIVE_ATTRIBUTES

Visibility = Practice.Visibility
# The only readerships a copy may have: organisation-only practices never leave their portal.
SHAREABLE = frozenset({Visibility.PUBLIC.value, Visibility.MEMBERS.value})
# Plain (non-Markdown) attributes an item carries, as the model names them.
PLAIN_ATTRIBUTES = (
    "title",
    "language",
    "country",
    "start_year",
    "end_year",
    "last_update_year",
    "evidence_level",
    "peer_reviewed",
    "visibility",
)
# What a tombstone empties: every content attribute of the row.
PURGED_TEXT = ("title", "description", *NARRATIVE_ATTRIBUTES, "contact", "change_summary", "withdrawal_reason")
# Control characters, NUL included, but the tab and line breaks: invisible on a page, refused by
# PostgreSQL (NUL) and by XML documents; removed from every text a copy holds.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ORGANISATION_NAME_MAX = 200  # portal.Organisation.name


def plain_text(text: str) -> str:
    """``text`` without control characters (tab and line breaks kept)."""
    return CONTROL.sub("", text)


@dataclass(frozen=True)
class Origin:
    """The portal a copy comes from, as this portal knows it (a registered peer)."""

    portal: str  # its base URL
    name: str
    accepts: frozenset[str] = SHAREABLE

    @property
    def host(self) -> str:
        return urlsplit(self.portal).netloc or self.portal


def copies_of(origin: Origin) -> QuerySet[Practice]:
    return Practice.objects.filter(origin_portal=origin.portal, origin_uuid__isnull=False)


def _held(origin: Origin, uuid: uuid_module.UUID) -> Practice | None:
    """The copy of ``uuid`` from ``origin``, locked for this transaction."""
    return copies_of(origin).select_for_update().filter(origin_uuid=uuid).first()


def _organisation(origin: Origin, name: str, type_code: str, country: str) -> Organisation:
    """The organisation a copy is shown under: named after the origin's, marked with the
    origin's host, so that it is never one of this portal's own organisations."""
    label = _organisation_label(origin, name)
    organisation = Organisation.objects.filter(name=label).first()
    if organisation is None:
        org_type = OrganisationType.objects.filter(code=type_code).first()
        org_type = org_type or OrganisationType.objects.get(code="other")
        return Organisation.objects.create(name=label, type=org_type, country=country, verified=False)
    if organisation.memberships.exists() or organisation.practices.filter(origin_uuid__isnull=True).exists():
        raise ValidationError(f"The organisation name {label!r} belongs to this portal.")
    return organisation


def _organisation_label(origin: Origin, name: str) -> str:
    """The origin's organisation name marked with its host, which a long name never pushes out:
    the name is shortened (…) to leave room for it."""
    suffix = f" ({origin.host})"
    name = " ".join(plain_text(name).split())
    room = ORGANISATION_NAME_MAX - len(suffix)
    if len(name) > room:
        name = name[: room - 1].rstrip() + "…"
    return name + suffix


def _attributes(item: Any) -> dict[str, Any]:
    """The model's attributes from a shared practice item (federation.schema.PracticeItem)."""
    attributes = {name: getattr(item, name) for name in PLAIN_ATTRIBUTES}
    attributes["country"] = attributes["country"] or ""
    attributes.update({name: getattr(item, name, "") or "" for name in NARRATIVE_ATTRIBUTES})
    return {name: plain_text(value) if isinstance(value, str) else value for name, value in attributes.items()}


def _check_dates(item: Any) -> None:
    """A copy dated later than our clock (beyond the clocks' allowed difference) would sit at the
    top of every list by date: refused."""
    latest = timezone.now() + SKEW
    for name in ("updated_at", "published_at"):
        if getattr(item, name) > latest:
            raise ValidationError(f"{name} {getattr(item, name).isoformat()} is in the future.")


def _check_identity(origin: Origin, uuid: uuid_module.UUID) -> None:
    """An origin shares its own practices only: not one of this portal's, nor one another peer
    already shares with us (copies are never shared on)."""
    if Practice.objects.filter(uuid=uuid, origin_uuid__isnull=True).exists():
        raise ValidationError(f"The item {uuid} names a practice of this portal, not one of {origin.host}.")
    held = Practice.objects.filter(origin_uuid=uuid).exclude(origin_portal=origin.portal).first()
    if held is not None:
        raise ValidationError(f"The item {uuid} is a practice shared by {held.origin_portal}, not by {origin.host}.")


def _original_url(origin: Origin, url: str) -> str:
    """The original's address, only on the origin's own host (a copy never links elsewhere)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != origin.host:
        raise ValidationError(f"The original's address {url!r} is not on {origin.host}.")
    return url


def _fill(copy: Practice, origin: Origin, item: Any) -> None:
    for name, value in _attributes(item).items():
        setattr(copy, name, value)
    copy.contact, copy.author, copy.revision_of = "", None, None
    copy.organisation = _organisation(origin, item.organisation.name, item.organisation.type, item.country)
    copy.status, copy.withdrawn_at, copy.withdrawal_reason = Practice.Status.PUBLISHED, None, ""
    copy.published_at = item.published_at or item.updated_at
    copy.origin_name, copy.origin_url = origin.name, _original_url(origin, item.url)
    copy.origin_version, copy.origin_updated_at = item.version, item.updated_at
    copy.full_clean(exclude=["organisation", "author", "key_themes", "target_audiences", "revision_of"])


def _newer(item: Any, copy: Practice) -> bool:
    """Only a newer published version (or a later state of the same version) replaces a copy."""
    if copy.origin_updated_at is None:
        return True
    return (item.version, item.updated_at) > (copy.origin_version, copy.origin_updated_at)


@transaction.atomic
def copy_apply(*, origin: Origin, item: Any) -> Practice | None:
    """Store or replace the copy of a shared practice; an older or equal version changes nothing.

    A readership this portal does not accept from ``origin`` (or organisation-only) is a
    withdrawal of any copy held. Raises ``ValidationError`` for an item the portal cannot
    hold (unknown language, years out of range...), leaving the copy held as it was."""
    if item.visibility not in SHAREABLE or item.visibility not in origin.accepts:
        return copy_withdraw(origin=origin, uuid=item.uuid, withdrawn_at=item.updated_at)
    copy = _held(origin, item.uuid)
    if copy is not None and not _newer(item, copy):
        return copy
    _check_identity(origin, item.uuid)
    _check_dates(item)
    copy = copy or Practice(origin_portal=origin.portal, origin_uuid=item.uuid)
    with transaction.atomic():  # a half-filled copy never stays: the savepoint rolls back on error
        _fill(copy, origin, item)
        copy.save()
        copy.key_themes.set(KeyTheme.objects.filter(code__in=item.key_themes))
        copy.target_audiences.set(TargetAudience.objects.filter(code__in=item.target_audiences))
        practice_changed(copy)
    return copy


def _purge(copy: Practice, withdrawn_at: datetime) -> None:
    for name in PURGED_TEXT:
        setattr(copy, name, "")
    copy.country = ""  # type: ignore[assignment]  # django-countries accepts a code
    copy.origin_url, copy.published_at = "", None
    # The origin is the truth: should it share the practice again, whatever it then serves is held.
    copy.origin_version, copy.origin_updated_at = 0, None
    copy.start_year = copy.end_year = copy.last_update_year = None
    copy.import_warnings = []
    copy.status, copy.withdrawn_at = Practice.Status.WITHDRAWN, withdrawn_at
    copy.save()
    copy.key_themes.clear()
    copy.target_audiences.clear()


@transaction.atomic
def copy_withdraw(*, origin: Origin, uuid: uuid_module.UUID, withdrawn_at: datetime) -> Practice | None:
    """Apply a tombstone: the copy's content is purged, only (origin, uuid, withdrawn_at) stay,
    and it leaves the search index (the database engine at once, Elasticsearch through the
    outbox). None when no copy was held."""
    copy = _held(origin, uuid)
    if copy is None:
        return None
    if copy.status != Practice.Status.WITHDRAWN:
        _purge(copy, withdrawn_at)
        practice_changed(copy)
    return copy


@transaction.atomic
def copies_drop(*, origin: Origin, withdrawn_at: datetime) -> int:
    """Purge every copy of ``origin`` (a ``revoke-all`` notice, or a peer removed here)."""
    dropped = 0
    for uuid in copies_of(origin).exclude(status=Practice.Status.WITHDRAWN).values_list("origin_uuid", flat=True):
        if uuid is not None:  # copies_of() holds only rows with an origin uuid
            copy_withdraw(origin=origin, uuid=uuid, withdrawn_at=withdrawn_at)
            dropped += 1
    return dropped


def unknown_codes(item: Any) -> list[str]:
    """The taxonomy codes of ``item`` this portal does not know: a copy is kept without them (its
    organisation under the type "other"), and the operator is told which."""
    lists = ((KeyTheme, item.key_themes), (TargetAudience, item.target_audiences))
    unknown = []
    for model, codes in (*lists, (OrganisationType, [item.organisation.type])):
        known = set(model.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown += [f"{model._meta.verbose_name} {code!r}" for code in codes if code not in known]
    return unknown
