"""Feed events commit in id order on PostgreSQL: a writer that took an id later waits for the
one before it (pg_advisory_xact_lock), so a peer's cursor never skips an event."""

import threading

import pytest
from django.db import connection, connections, transaction

from federation import services
from tests.practices.factories import make_practice


@pytest.mark.django_db(transaction=True)  # restores the migrated data after it: tests/conftest.py
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers itself; the advisory lock is PostgreSQL's"
)
def test_a_second_writer_waits_for_the_first_to_commit(contributor, settings):
    settings.FEDERATION_SHARE_DELAY = 0
    first, second = (make_practice(author=contributor, publish=True, title=t) for t in ("First", "Second"))
    holding, release, done = threading.Event(), threading.Event(), threading.Event()
    ids: dict[str, int] = {}

    def writer(name, practice, before_commit=None):
        try:
            with transaction.atomic():
                ids[name] = services.feed_event_append(practice=practice).pk
                if before_commit:
                    before_commit()
        finally:
            connections.close_all()

    def hold():
        holding.set()
        release.wait(10)

    a = threading.Thread(target=writer, args=("first", first, hold))
    a.start()
    holding.wait(10)
    b = threading.Thread(target=lambda: (writer("second", second), done.set()))
    b.start()
    assert not done.wait(0.5), "the second writer appended while the first had not committed"
    release.set()
    a.join(10)
    b.join(10)
    assert ids["first"] < ids["second"]
