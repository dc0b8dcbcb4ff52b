"""Federation between real instances: three portals (A the origin, B and C its peers), each its
own gunicorn process, database, key and PORTAL_URL, driven only by HTTP and ``manage.py``.

The databases are of the kind the suite runs on: SQLite files copied from one migrated file,
or, when DATABASE_URL is PostgreSQL, databases created with ``CREATE DATABASE … TEMPLATE``.
The tests of this module share the three instances and run in order (a story: publish, pull,
withdraw with C down, C back, removal)."""

import os
import re
import time

import pytest

from tests.federation.instances import Databases, Instance

pytestmark = pytest.mark.django_db(transaction=False)

TITLE = "Harbour mentoring Zephyrine"
CONTACT_CANARY = "canary-contact-5d1e@example.org"
DRAFT_CANARY = "Draft canary Quillwort"


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture(scope="module")
def portals(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("instances")
    databases = Databases(workdir, postgres_url=_postgres_url())
    databases.prepare()
    instances = {name: Instance(name, databases, workdir) for name in ("A", "B", "C")}
    try:
        for instance in instances.values():
            instance.start()
        a, b, c = instances["A"], instances["B"], instances["C"]
        a.peer_with(b)
        a.peer_with(c)
        b.peer_with(a)
        c.peer_with(a)
        yield instances
    finally:
        for instance in instances.values():
            instance.stop()
        databases.drop_all()


def _found(instance: Instance, words: str) -> int:
    """How many results the instance's search page lists for ``words``, read over HTTP."""
    page = instance.get("/search/", q=words)
    assert page.status_code == 200
    return page.text.count(f">{TITLE}<")


def _copy_url(instance: Instance) -> str:
    page = instance.get("/search/", q=TITLE).text
    match = re.search(r'href="(/practices/\d+/)[^"]*"[^>]*>' + TITLE, page)
    assert match, "no link to the copy on the search page"
    return match.group(1)


def _status(instance: Instance, peer: str) -> dict:
    peers = instance.manage_json("federation_status", "--json")["peers"]
    return next(p for p in peers if p["name"] == peer)


def test_a_practice_published_on_a_is_found_on_b_after_a_pull(portals):
    a, b = portals["A"], portals["B"]
    a.publish(TITLE, contact=CONTACT_CANARY)
    a.publish(DRAFT_CANARY, publish=False)
    assert _found(b, TITLE) == 0
    b.manage("federation_pull", "--peer", "A")
    assert _found(b, TITLE) == 1
    page = b.get(_copy_url(b))
    assert page.status_code == 200 and "Shared by" in page.text and a.url in page.text
    b.manage("federation_pull", "--peer", "A")
    assert _found(b, TITLE) == 1  # pulled twice: one copy


def test_contact_details_and_drafts_never_reach_a_peer(portals):
    b = portals["B"]
    page = b.get(_copy_url(b)).text
    assert CONTACT_CANARY not in page
    assert b.get("/search/", q="Quillwort").text.count(DRAFT_CANARY) == 0
    feed = b.manage("federation_status", "--json")
    assert CONTACT_CANARY not in feed and DRAFT_CANARY not in feed


def test_a_withdrawal_reaches_b_at_once_and_c_once_it_is_back(portals):
    a, b, c = portals["A"], portals["B"], portals["C"]
    c.manage("federation_pull", "--peer", "A")
    assert _found(c, TITLE) == 1
    copy_on_b = _copy_url(b)
    c.stop()
    number = re.search(r"/practices/(\d+)/", a.get("/search/", q=TITLE).text).group(1)  # type: ignore[union-attr]
    a.manage("practice_withdraw", number, "--reason", "Superseded by a newer programme")
    started = time.monotonic()
    a.manage("federation_worker", "--once")  # pushes withdraw to B (delivered) and C (down: retried)
    assert b.get(copy_on_b).status_code == 404 and _found(b, TITLE) == 0
    b.manage("federation_worker", "--once")  # posts B's receipt to A
    assert time.monotonic() - started < 30
    assert _status(a, "B")["receipts_received"] == 1
    status_c = _status(a, "C")
    assert status_c["receipts_received"] == 0 and status_c["pending_deliveries"] >= 1
    c.start()
    assert _found(c, TITLE) == 1  # what C held while down
    c.manage("federation_pull", "--peer", "A")  # a pull applies the tombstone and posts the receipt
    assert _found(c, TITLE) == 0
    assert _status(a, "C")["receipts_received"] == 1
    a.manage("federation_worker", "--once")  # the pending notice is answered: nothing left to push
    status = _status(a, "C")
    assert status["pending_deliveries"] == 0, status["pending"]


def test_a_removed_peer_is_told_to_drop_every_copy(portals):
    a, c = portals["A"], portals["C"]
    a.publish(TITLE + " again")
    c.manage("federation_pull", "--peer", "A")
    assert c.get("/search/", q="Zephyrine again").text.count("Shared by") == 1
    a.manage("federation_peer", "remove", "C")
    a.manage("federation_worker", "--once")  # revoke-all
    assert c.get("/search/", q="Zephyrine again").text.count("Shared by") == 0
    status = _status(a, "C")
    assert status["pending_deliveries"] == 0, status["pending"]
