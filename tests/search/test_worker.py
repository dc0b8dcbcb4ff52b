"""Keeping engines in sync: the database engine inside the writing transaction, the
outbox worker for engines elsewhere, with retries, backoff, and nothing lost."""

import dataclasses
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from practices.indexing import COLLECTION as PRACTICES
from practices.indexing import practice_changed
from practices.models import Practice
from search.backends import engine, get_search_backend, reset_engines
from search.backends.base import PostQuery, SearchQuery
from search.collections import Collection, Layout, TextField, register, unregister
from search.models import OutboxEntry, SearchDocument
from search.worker import backoff, drain
from tests.search.builders import WITH_REMOTE_ENGINE, make_practice, publish

pytestmark = pytest.mark.usefixtures("database_only")


@pytest.fixture
def remote(settings):
    settings.SEARCH_BACKENDS = WITH_REMOTE_ENGINE
    reset_engines()
    yield engine("remote")
    reset_engines()


def found(text: str) -> set[str]:
    results = get_search_backend("database").search(PRACTICES, SearchQuery(text=text))
    return {hit.title for hit in results.hits}


def test_publishing_indexes_in_the_database_engine_within_the_same_transaction(home_organisation):
    draft = make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT)
    assert found("mentoring") == set()
    publish(draft)
    entry = OutboxEntry.objects.get(kind="practice", document_id=draft.pk)
    assert found("mentoring") == {"Mentoring after prison"}
    assert SearchDocument.objects.get(pk=draft.pk).version == entry.pk


def test_a_rolled_back_change_leaves_neither_outbox_row_nor_index_entry(home_organisation):
    draft = make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT)
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(draft)
        raise RuntimeError("the publishing transaction fails")
    assert not OutboxEntry.objects.exists()
    assert found("mentoring") == set()


def test_withdrawing_removes_the_practice_from_the_database_engine(home_organisation):
    practice = publish(
        make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT)
    )
    with transaction.atomic():
        practice.status = Practice.Status.WITHDRAWN
        practice.save()
        practice_changed(practice)
    assert found("mentoring") == set()
    assert (
        OutboxEntry.objects.filter(kind="practice", document_id=practice.pk).last().action == OutboxEntry.Action.DELETE
    )


def test_the_worker_drains_rows_in_order_into_remote_engines_with_the_newest_version(remote, home_organisation):
    practice = publish(make_practice("Mentoring", organisation=home_organisation, status=Practice.Status.DRAFT))
    with transaction.atomic():
        practice.title = "Mentoring after prison"
        practice.save()
        practice_changed(practice)
    report = drain()
    newest = OutboxEntry.objects.filter(kind="practice", document_id=practice.pk).order_by("id").last()
    assert report.processed == 2
    assert remote.documents[practice.pk]["title"] == "Mentoring after prison"
    assert remote.documents[practice.pk]["version"] == newest.pk
    assert not OutboxEntry.objects.filter(processed_at__isnull=True).exists()


def test_a_failing_engine_delays_rows_with_exponential_backoff_and_loses_nothing(remote, home_organisation):
    practice = publish(
        make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT)
    )
    remote.down = True
    before = timezone.now()
    assert drain().failed == 1
    entry = OutboxEntry.objects.get(kind="practice", document_id=practice.pk)
    assert (entry.attempts, entry.processed_at) == (1, None)
    assert "connection refused" in entry.last_error
    assert before + timedelta(seconds=5) <= entry.next_attempt_at <= timezone.now() + timedelta(seconds=5)
    assert drain().failed == 0  # not due yet: the engine is left alone

    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())
    drain()
    entry.refresh_from_db()
    assert entry.attempts == 2
    assert entry.next_attempt_at >= timezone.now() + timedelta(seconds=9)

    remote.down = False
    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())
    assert drain().processed == 1
    entry.refresh_from_db()
    assert entry.processed_at is not None and entry.last_error == ""
    assert remote.documents[practice.pk]["title"] == "Mentoring after prison"


def test_backoff_doubles_and_stops_at_an_hour():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert backoff(50) == timedelta(hours=1)


def test_draining_twice_writes_nothing_twice(remote, home_organisation):
    publish(make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT))
    drain()
    calls = remote.calls
    assert drain().processed == 0
    assert remote.calls == calls


def test_a_practice_withdrawn_before_the_worker_runs_is_deleted_remotely(remote, home_organisation):
    practice = publish(
        make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT)
    )
    drain()
    with transaction.atomic():
        practice.status = Practice.Status.WITHDRAWN
        practice.save()
        practice_changed(practice)
    drain()
    assert practice.pk not in remote.documents


def test_search_worker_once_drains_and_exits(remote, home_organisation, capsys):
    publish(make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT))
    call_command("search_worker", "--once")
    assert "processed 1" in capsys.readouterr().out
    assert not OutboxEntry.objects.filter(processed_at__isnull=True).exists()


def test_with_only_the_database_engine_the_worker_just_marks_rows_done(home_organisation):
    publish(make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT))
    assert drain().processed == 1


def test_search_reindex_rebuilds_every_engine_from_the_database(remote, home_organisation, capsys):
    publish(make_practice("Mentoring after prison", organisation=home_organisation, status=Practice.Status.DRAFT))
    make_practice("A draft", organisation=home_organisation, status=Practice.Status.DRAFT)
    SearchDocument.objects.all().delete()
    assert found("mentoring") == set()
    call_command("search_reindex")
    assert found("mentoring") == {"Mentoring after prison"}
    assert [doc["title"] for doc in remote.documents.values()] == ["Mentoring after prison"]
    assert "database: 1 practices indexed" in capsys.readouterr().out


# Network posts go through the same outbox


@pytest.fixture
def network_thread(moderator, contributor):
    from network import services
    from tests.network.conftest import add_member

    network = services.network_create(actor=moderator, name="Exit work", purpose="p", policy="invitation")
    add_member(network, contributor, moderator=moderator)
    return services.thread_create(network=network, actor=contributor, title="Family visits", body="First post.")


def test_posts_reach_a_remote_engine_through_the_outbox_and_leave_it_the_same_way(
    remote, network_thread, contributor, moderator
):
    from network import services

    post = services.post_create(thread=network_thread, actor=contributor, body="Visits resumed in March.")
    entry = OutboxEntry.objects.filter(kind="post", document_id=post.pk).get()
    assert entry.action == OutboxEntry.Action.INDEX and remote.posts == {}
    assert drain().processed >= 2  # the thread's first post and this one
    assert remote.posts[post.pk]["text"] == "Visits resumed in March." and remote.posts[post.pk]["version"] == entry.pk
    assert remote.posts[post.pk]["network_id"] == network_thread.network_id
    services.post_hide(post=post, actor=moderator)
    drain()
    assert post.pk not in remote.posts


def test_a_remote_engine_that_is_down_delays_post_changes_and_loses_none(remote, network_thread, contributor):
    from network import services

    remote.down = True
    post = services.post_create(thread=network_thread, actor=contributor, body="Written while the engine is down.")
    report = drain()
    assert report.failed and "connection refused" in report.error
    assert OutboxEntry.objects.filter(kind="post", document_id=post.pk, processed_at__isnull=True).exists()
    remote.down = False
    OutboxEntry.objects.update(next_attempt_at=None)
    drain()
    assert post.pk in remote.posts


def test_the_database_engine_holds_a_post_within_the_writing_transaction(network_thread, contributor):
    from network import services
    from search.models import SearchPost

    post = services.post_create(thread=network_thread, actor=contributor, body="Visits resumed in March.")
    entry = OutboxEntry.objects.get(kind="post", document_id=post.pk)
    assert SearchPost.objects.get(pk=post.pk).version == entry.pk


def test_a_third_collection_reaches_the_engines_through_the_registry_without_a_new_method(db, remote, capsys):
    """A collection registered the way the apps register theirs (federated copies, say) is
    drained by the worker and rebuilt by search_reindex; the engine needs nothing new."""
    notes = {
        1: SimpleNamespace(pk=1, text="Shared note from a peer", shown=True),
        2: SimpleNamespace(pk=2, text="Withdrawn note", shown=False),
    }
    collection = Collection(
        name="notes",
        kind="note",
        layout=Layout.GROUPED,
        text_fields=(TextField("text", "D", 1.0),),
        candidates=lambda: list(notes.values()),
        load=lambda ids: {pk: notes[pk] for pk in ids if pk in notes},
        is_indexable=lambda note: note.shown,
        scope=lambda user: frozenset({7}),
        build=lambda note, *, version: {
            "id": note.pk,
            "version": version,
            "network_id": 7,
            "thread_id": 70,
            "title": note.text,
            "text": note.text,
        },
    )
    register(collection)
    try:
        first, _second = OutboxEntry.objects.bulk_create(
            [OutboxEntry(kind="note", document_id=pk, action=OutboxEntry.Action.INDEX) for pk in (1, 2)]
        )
        assert drain(engines={"remote": remote}).processed == 2
        assert remote.document_ids(collection) == {1: first.pk}
        assert remote.document_ids(PRACTICES) == {}
        call_command("search_reindex", "--engine", "remote")
        assert "1 notes indexed" in capsys.readouterr().out
        assert [
            hit.id for hit in remote.search(collection, PostQuery(text="note", network_ids=frozenset({7}))).hits
        ] == [1]
    finally:
        unregister("notes")


def test_the_database_engine_refuses_a_second_collection_of_a_layout_rather_than_mixing_them(db):
    """Its faceted tables hold practices: a second faceted collection would share their ids
    and their readers, so it is refused until it has tables of its own."""
    copies = dataclasses.replace(PRACTICES, name="copies", kind="copy", index_suffix="-copies")
    register(copies)
    try:
        with pytest.raises(ImproperlyConfigured, match="tables for practices"):
            engine("database").index(copies, [])
        with pytest.raises(ImproperlyConfigured, match="tables for practices"):
            engine("database").search(copies, SearchQuery(text="exit"))
        assert engine("database").document_ids(PRACTICES) == {}
    finally:
        unregister("copies")
