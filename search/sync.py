"""Keeping search engines in step with practices.

Two paths (docs/SEARCH.md, "Keeping the index in sync"):

- Engines whose index lives in the portal's database (``database``) are written
  by ``apply_in_transaction``, which ``search.outbox.practice_changed`` calls in
  the very transaction that changes the practice: the index commits or rolls
  back with it, and a reader never sees a published practice missing from search.
- Engines elsewhere (Elasticsearch) are fed by ``manage.py search_worker``
  (search/worker.py) from the outbox rows.

Every write carries the outbox row's id as the document version.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Max, QuerySet

from network.indexing import is_indexable as post_is_indexable
from network.indexing import post_document
from network.models import Post
from practices.indexing import is_indexable, practice_document
from practices.models import Practice
from search.backends import local_engines
from search.models import OutboxEntry


def indexable_practices() -> QuerySet[Practice]:
    return (
        Practice.objects.filter(status=Practice.Status.PUBLISHED, revision_of__isnull=True)
        .select_related("organisation", "organisation__type")
        .prefetch_related("key_themes", "target_audiences")
        .order_by("pk")
    )


def practices_by_id(ids: Iterable[int]) -> dict[int, Practice]:
    queryset = Practice.objects.select_related("organisation", "organisation__type").prefetch_related(
        "key_themes", "target_audiences"
    )
    return queryset.in_bulk(list(ids))


def apply_in_transaction(practice: Practice, entry: OutboxEntry) -> None:
    """Write ``practice``'s change into every in-database engine, at version ``entry.pk``."""
    engines = local_engines()
    if not engines:
        return
    document = practice_document(practice, version=entry.pk) if entry.action == OutboxEntry.Action.INDEX else None
    for backend in engines:
        if document is None:
            backend.delete(practice.pk, entry.pk)
        else:
            backend.index([document])


def apply_post_in_transaction(post: Post, entry: OutboxEntry) -> None:
    """Write a network post into every in-database engine, at version ``entry.pk``."""
    engines = local_engines()
    if engines:
        document = post_document(post, version=entry.pk)
        for backend in engines:
            backend.index_posts([document])


def delete_post_in_transaction(post_id: int, entry: OutboxEntry) -> None:
    for backend in local_engines():
        backend.delete_post(post_id, entry.pk)


def posts_by_id(ids: Iterable[int]) -> dict[int, Post]:
    return Post.objects.select_related("thread", "thread__network").in_bulk(list(ids))


def indexable_posts() -> QuerySet[Post]:
    return (
        Post.objects.filter(state=Post.State.VISIBLE, thread__network__is_case_room=False)
        .select_related("thread", "thread__network")
        .order_by("pk")
    )


def all_post_documents(version: int) -> Iterator[dict[str, Any]]:
    for post in indexable_posts().iterator(chunk_size=200):
        if post_is_indexable(post):
            yield post_document(post, version=version)


def snapshot_version() -> int:
    """The version of a rebuild: every outbox row up to it is already in the database we read."""
    return OutboxEntry.objects.aggregate(top=Max("id"))["top"] or 0


def all_documents(version: int) -> Iterator[dict[str, Any]]:
    for practice in indexable_practices().iterator(chunk_size=200):
        if is_indexable(practice):
            yield practice_document(practice, version=version)
