"""Search test builders: practices made straight through the ORM, indexed into any engine.

Practices are created with the ORM (not the workflow services, which other tests
cover) so each test decides exactly what an engine receives and at which version.
The ``database`` engine is also written by ``search.outbox.practice_changed``;
``publish`` goes through it, as the workflow does.
"""

import itertools

import pytest
from django.db import transaction
from django.utils import timezone

from portal.models import Organisation
from practices.indexing import practice_document
from practices.models import KeyTheme, Practice, TargetAudience
from search.backends.base import SearchBackend
from search.outbox import practice_changed

_versions = itertools.count(1_000_000)


def next_version() -> int:
    return next(_versions)


def make_practice(
    title: str,
    *,
    organisation: Organisation,
    description: str = "A practice to prevent violent extremism.",
    visibility: str = "public",
    themes: tuple[str, ...] = (),
    audiences: tuple[str, ...] = (),
    language: str = "en",
    country: str = "",
    status: str = Practice.Status.PUBLISHED,
    **fields,
) -> Practice:
    practice = Practice.objects.create(
        title=title,
        description=description,
        organisation=organisation,
        visibility=visibility,
        language=language,
        country=country or organisation.country,
        status=status,
        published_at=timezone.now() if status == Practice.Status.PUBLISHED else None,
        **fields,
    )
    practice.key_themes.set(KeyTheme.objects.filter(code__in=themes))
    practice.target_audiences.set(TargetAudience.objects.filter(code__in=audiences))
    return practice


def document(practice: Practice, version: int | None = None) -> dict:
    practice = Practice.objects.select_related("organisation__type").get(pk=practice.pk)
    return practice_document(practice, version=version or next_version())


def index(backend: SearchBackend, *practices: Practice, version: int | None = None) -> None:
    backend.index([document(practice, version) for practice in practices])
    refresh(backend)


def refresh(backend: SearchBackend) -> None:
    """Engines with near-real-time search (Elasticsearch) expose ``refresh``."""
    if hasattr(backend, "refresh"):
        backend.refresh()


def publish(practice: Practice) -> Practice:
    """Publish as the workflow does: the change and its outbox row in one transaction."""
    with transaction.atomic():
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = timezone.now()
        practice.save()
        practice_changed(practice)
    return practice
