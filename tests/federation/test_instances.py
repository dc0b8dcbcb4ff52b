"""Federation between real instances: three portals (A the origin, B and C its peers), each its
own gunicorn process, database, key and PORTAL_URL, driven only by HTTP and ``manage.py``.
A's PORTAL_URL is a recording proxy (tests/federation/proxy.py): every byte B and C exchange
with A passes through it, and it tampers, replays and drops when a test tells it to.
A shares public and members-level practices with C, public ones only with B.

The databases are of the kind the suite runs on: SQLite files copied from one migrated file,
or, when DATABASE_URL is PostgreSQL, databases created with ``CREATE DATABASE … TEMPLATE``.
The tests of this module share the three instances and run in order (a story: publish, pull,
withdraw with C down, C back, removal). Peers of their own (Elasticsearch, a skewed clock) and
the looping workers are tests/federation/test_instances_peers.py."""

import re
import time

import pytest
import requests

from tests.federation.instances import Instance, number, peer_status, shared, start_portals
from tests.federation.proxy import Exchange, Message

pytestmark = pytest.mark.django_db(transaction=False)

TITLE = "Harbour mentoring Zephyrine"
CONTACT_CANARY = "canary-contact-5d1e@example.org"
DRAFT_CANARY = "Draft canary Quillwort"
ORGANISATION_CANARY = "Organisation canary Bryophyte"
MEMBERS_CANARY = "Members canary Lichenwort"
CASE_ROOM_CANARY = "case-room canary Saxifrage"
TAMPERED = "Coastal dialogue Vetiver"
WHILE_DOWN = "Harbour sports Orrisroot"

RESTRICTED_AND_CASE_ROOM = """
from datetime import timedelta
from django.utils import timezone
from network.models import Network, Post, Thread
from portal.models import User
from practices.models import Practice
from practices.services import practice_publish_trusted
for title, visibility in %r:
    Practice.objects.filter(title=title).update(visibility=visibility)
    practice_publish_trusted(practice=Practice.objects.get(title=title), check=False)
user = User.objects.create_user(email="caseworker@example.org", password="a long enough password 1")
room = Network.objects.create(name="Case R", purpose="One situation", is_case_room=True,
    access_ends_on=timezone.localdate() + timedelta(days=60), retention_days=30)
now = timezone.now()
thread = Thread.objects.create(network=room, title="Notes", author=user, created_at=now, last_post_at=now)
Post.objects.create(thread=thread, author=user, body=%r, created_at=now)
"""

PULLS = """
from federation.models import Peer
from federation.pull import PullFailed, peer_pull
for _ in range(%d):
    try:
        peer_pull(peer=Peer.objects.get(name="A"))
        print("PULL applied")
    except PullFailed as exc:
        print("PULL failed:", str(exc).replace("\\n", " "))
"""

SKEWED_REQUESTS = """
import datetime, requests
from django.utils import timezone
from federation import keys, signing
key = keys.current_key()
for minutes in (0, -10, 10):
    prepared = requests.Request("GET", %r, headers={"Accept": "application/json"}).prepare()
    signing.sign_prepared(prepared, key_id=keys.own_key_id(key), private_key=keys.private_key_of(key),
                          created=timezone.now() + datetime.timedelta(minutes=minutes))
    answer = requests.Session().send(prepared, timeout=30)
    print("SKEW", minutes, answer.status_code, answer.json().get("error", "") or "-")
"""


@pytest.fixture(scope="module")
def portals(tmp_path_factory):
    both = "public,members"
    shares = {("A", "B"): "public", ("A", "C"): both, ("B", "A"): both, ("C", "A"): both}
    with start_portals(tmp_path_factory.mktemp("instances"), ("A", "B", "C"), shares) as portals:
        yield portals


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


def _signed_by(exchange: Exchange, instance: Instance) -> bool:
    return f"{instance.url}/federation/instance#" in exchange.request.header("Signature-Input")


def _on_feed(change):
    """A proxy rule: ``change`` the answer to the next feed request."""
    return lambda exchange: change(exchange) if "/federation/feed" in exchange.request.head else None


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


def test_what_is_not_shared_never_crosses_the_wire(portals):
    a, b, c = portals["A"], portals["B"], portals["C"]
    restricted = ((ORGANISATION_CANARY, "organisation"), (MEMBERS_CANARY, "members"))
    a.publish(*(title for title, _ in restricted), publish=False)
    a.shell(RESTRICTED_AND_CASE_ROOM % (restricted, CASE_ROOM_CANARY))
    b.manage("federation_pull", "--peer", "A")
    c.manage("federation_pull", "--peer", "A")
    seen = a.proxy.seen()
    assert TITLE.encode() in seen  # the proxy saw the practices shared
    assert MEMBERS_CANARY.encode() in a.proxy.seen(by=f"{c.url}/federation/instance#")  # C's agreement has members
    for canary in (CONTACT_CANARY, DRAFT_CANARY, ORGANISATION_CANARY, CASE_ROOM_CANARY):
        assert canary.encode() not in seen, canary
    assert MEMBERS_CANARY.encode() not in a.proxy.seen(by=f"{b.url}/federation/instance#")  # B's is public only


def _tampered_body(exchange: Exchange) -> Message:
    answer = exchange.response
    assert answer is not None and b"Vetiver" in answer.body
    return Message(answer.head, answer.headers, answer.body.replace(b"Vetiver", b"Vetivex"))


def _tampered_header(exchange: Exchange) -> Message:
    answer = exchange.response
    assert answer is not None
    return Message(
        answer.head, [(k, "text/plain" if k.lower() == "content-type" else v) for k, v in answer.headers], answer.body
    )


def _tampered_signature(exchange: Exchange) -> Message:
    answer = exchange.response
    assert answer is not None
    signature = answer.header("Signature")
    flipped = signature[:12] + ("A" if signature[12] != "A" else "B") + signature[13:]
    return Message(
        answer.head, [(k, flipped if k.lower() == "signature" else v) for k, v in answer.headers], answer.body
    )


def test_b_refuses_tampered_replayed_or_lost_answers_and_misses_nothing(portals):
    a, b = portals["A"], portals["B"]
    earlier = [e.response for e in a.proxy.exchanges if _signed_by(e, b) and "/federation/feed" in e.request.head]
    a.publish(TAMPERED)
    tampers = {
        "body": _tampered_body,
        "content-type": _tampered_header,
        "signature": _tampered_signature,
        "replayed answer": lambda exchange: earlier[-1],
        "dropped": lambda exchange: False,
    }
    a.proxy.on_response.extend(_on_feed(tamper) for tamper in tampers.values())  # one per pull, in order
    pulls = [line for line in b.shell(PULLS % len(tampers)).splitlines() if line.startswith("PULL")]
    assert not a.proxy.on_response, "the proxy did not act on every pull"
    for what, pull in zip(tampers, pulls, strict=True):
        assert pull.startswith("PULL failed"), (what, pull)
        assert what == "dropped" or "valid signature" in pull, (what, pull)
    assert shared(b, "Vetiver") == 0  # nothing of a refused answer was applied
    b.manage("federation_pull", "--peer", "A")  # the line is clean again: nothing was missed
    page = b.get("/search/", q="Vetiver").text
    assert page.count("Shared by") == 1 and "Vetivex" not in page


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
    assert peer_status(a, "B")["receipts_received"] == 1
    status_c = peer_status(a, "C")
    assert status_c["receipts_received"] == 0 and status_c["pending_deliveries"] >= 1
    c.start()
    assert _found(c, TITLE) == 1  # what C held while down
    c.manage("federation_pull", "--peer", "A")  # a pull applies the tombstone and posts the receipt
    assert _found(c, TITLE) == 0
    assert peer_status(a, "C")["receipts_received"] == 1
    a.manage("federation_worker", "--once")  # the pending notice is answered: nothing left to push
    status = peer_status(a, "C")
    assert status["pending_deliveries"] == 0, status["pending"]


def _resend(a: Instance, request: Message, body: bytes | None = None, **headers: str) -> requests.Response:
    sent = {k: v for k, v in request.headers if k.lower() not in ("content-length", "host")}
    sent.update(headers)
    return requests.request(
        request.head.split(" ")[0], a.url + request.head.split(" ")[1], headers=sent,
        data=request.body if body is None else body, timeout=30,
    )  # fmt: skip


def test_a_refuses_tampered_or_replayed_requests(portals):
    a, b = portals["A"], portals["B"]
    receipts = [e.request for e in a.proxy.exchanges if _signed_by(e, b) and "/federation/receipts" in e.request.head]
    assert receipts, "B posted no receipt through the proxy"
    posted = receipts[-1]
    tampered = posted.body[:-3] + (b"A" if posted.body[-3:-2] != b"A" else b"B") + posted.body[-2:]  # one byte
    assert len(tampered) == len(posted.body) and tampered != posted.body
    refusals = {
        "body": _resend(a, posted, body=tampered),
        "digest header": _resend(a, posted, **{"Content-Digest": "sha-256=:" + "A" * 43 + "=:"}),
        "replayed": _resend(a, posted),  # refused as a replay, or as too old on a slow machine
    }
    for what, answer in refusals.items():
        assert answer.status_code == 401, (what, answer.status_code, answer.text)
        assert answer.json()["error"], what
    # A request signed a moment ago and sent again is refused for its nonce (the receipt above
    # may be older than the signature's window by now, and be refused for its age instead).
    b.manage("federation_pull", "--peer", "A")
    feed = next(
        e.request for e in reversed(a.proxy.exchanges) if _signed_by(e, b) and "/federation/feed" in e.request.head
    )
    replayed = _resend(a, feed)
    assert replayed.status_code == 401 and "replay" in replayed.json()["error"], replayed.text


def test_a_refuses_requests_signed_ten_minutes_off(portals):
    a, b = portals["A"], portals["B"]
    lines = [line.split(" ", 3) for line in b.shell(SKEWED_REQUESTS % f"{a.url}/federation/manifest").splitlines()]
    answers = {int(minutes): (int(status), error) for _, minutes, status, error in (x for x in lines if x[0] == "SKEW")}
    assert answers[0][0] == 200  # the same request, on time, is accepted
    for minutes in (-10, 10):
        status, error = answers[minutes]
        assert status == 401 and error != "-", (minutes, status, error)


def test_b_down_while_a_changes_misses_nothing(portals):
    a, b = portals["A"], portals["B"]
    b.stop()
    a.publish(WHILE_DOWN)
    a.manage("practice_withdraw", number(a, "Vetiver"), "--reason", "Replaced by a regional programme")
    a.manage("federation_worker", "--once")  # B is down: its notice waits
    b.start()
    assert shared(b, "Vetiver") == 1 and shared(b, "Orrisroot") == 0
    b.manage("federation_pull", "--peer", "A")
    assert shared(b, "Vetiver") == 0 and shared(b, "Orrisroot") == 1


def test_a_restored_origin_is_resynced_from_zero_without_duplicates(portals):
    a, b = portals["A"], portals["B"]
    a.manage("federation_feed", "restart")
    out = b.manage("federation_pull", "--peer", "A")
    assert "full resync" in out
    assert shared(b, "Orrisroot") == 1 and shared(b, "Vetiver") == 0


def test_a_removed_peer_is_told_to_drop_every_copy(portals):
    a, c = portals["A"], portals["C"]
    a.publish(TITLE + " again")
    c.manage("federation_pull", "--peer", "A")
    assert c.get("/search/", q="Zephyrine again").text.count("Shared by") == 1
    a.manage("federation_peer", "remove", "C")
    a.manage("federation_worker", "--once")  # revoke-all
    assert c.get("/search/", q="Zephyrine again").text.count("Shared by") == 0
    status = peer_status(a, "C")
    assert status["pending_deliveries"] == 0, status["pending"]
