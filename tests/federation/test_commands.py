"""The operator's commands, as docs/FEDERATION.md runs them."""

import json

import pytest
import requests
from django.core.management import CommandError, call_command

from federation import keys
from federation.models import FeedEvent, Peer
from federation.services import current_feed
from practices.models import Practice
from tests.federation.fakes import FakePeer
from tests.practices.factories import make_practice

FINGERPRINT = "ab" * 32


@pytest.fixture(autouse=True)
def _peers_unreachable(monkeypatch):
    """No network in tests: an instance is unreachable unless a test serves its document."""

    def unreachable(base_url: str) -> dict:
        raise requests.ConnectionError(f"{base_url} unreachable")

    monkeypatch.setattr(keys, "fetch_instance", unreachable)


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_federation_identity_prints_what_a_peer_pins(db, settings):
    identity = json.loads(run("federation_identity", "--json"))
    key = keys.current_key()
    assert identity == {"url": settings.PORTAL_URL, "key_id": keys.own_key_id(key), "fingerprint": key.fingerprint}
    assert key.fingerprint in run("federation_identity")


def test_federation_peer_add_list_set_and_remove(db):
    run("federation_peer", "add", "https://hub.example.eu/", "--fingerprint", FINGERPRINT.upper(), "--share", "public")
    [row] = json.loads(run("federation_peer", "list", "--json"))
    assert row["url"] == "https://hub.example.eu" and row["fingerprint"] == FINGERPRINT
    assert row["share"] == ["public"] and row["accept"] == ["public"] and row["state"] == "active"
    run("federation_peer", "set", "hub.example.eu", "--share", "members,public", "--accept", "public,members")
    assert Peer.objects.get().share_levels == ["public", "members"]
    assert Peer.objects.get().accept_levels == ["public", "members"]
    run("federation_peer", "suspend", "hub.example.eu")
    assert Peer.objects.get().state == Peer.State.SUSPENDED and "suspended" in run("federation_peer", "list")
    run("federation_peer", "resume", "hub.example.eu")
    assert Peer.objects.get().state == Peer.State.ACTIVE
    run("federation_peer", "remove", "https://hub.example.eu")
    peer = Peer.objects.get()
    assert peer.state == Peer.State.REMOVED and peer.revoke_pending
    run("federation_peer", "add", "https://hub.example.eu", "--fingerprint", FINGERPRINT, "--share", "public")
    assert Peer.objects.get().state == Peer.State.ACTIVE  # the same row, its ledger kept


@pytest.mark.parametrize(
    "args, message",
    [
        (("ftp://hub.example.eu", "--fingerprint", FINGERPRINT, "--share", "public"), "PORTAL_URL"),
        (("https://hub.example.eu", "--fingerprint", "abc", "--share", "public"), "64 hexadecimal"),
        (("https://hub.example.eu", "--fingerprint", FINGERPRINT, "--share", "organisation"), "Unknown levels"),
    ],
)
def test_federation_peer_add_refuses_bad_input_and_saves_nothing(db, args, message):
    with pytest.raises(CommandError, match=message):
        run("federation_peer", "add", *args)
    assert not Peer.objects.exists()


def test_federation_peer_add_refuses_a_peer_twice(db):
    run("federation_peer", "add", "https://hub.example.eu", "--fingerprint", FINGERPRINT, "--share", "public")
    with pytest.raises(CommandError, match="already registered"):
        run("federation_peer", "add", "https://hub.example.eu", "--fingerprint", FINGERPRINT, "--share", "public")


def test_federation_peer_add_checks_the_fingerprint_when_the_peer_answers(db, monkeypatch):
    other = FakePeer(base_url="https://hub.example.eu")
    monkeypatch.setattr(keys, "fetch_instance", lambda url: other.document())
    with pytest.raises(CommandError, match="does not list a key"):
        run("federation_peer", "add", other.base_url, "--fingerprint", FINGERPRINT, "--share", "public")
    assert not Peer.objects.exists()
    run("federation_peer", "add", other.base_url, "--fingerprint", other.key.fingerprint, "--share", "public")
    assert Peer.objects.get().fingerprint == other.key.fingerprint


def test_practice_withdraw_takes_a_practice_off_at_once_and_feeds_the_withdrawal(contributor, settings):
    settings.FEDERATION_SHARE_DELAY = 0
    practice = make_practice(author=contributor, publish=True)
    events = FeedEvent.objects.filter(practice=practice).count()
    out = run("practice_withdraw", str(practice.uuid), "--reason", "Identifies a family")
    practice.refresh_from_db()
    assert practice.status == Practice.Status.WITHDRAWN and practice.withdrawal_reason == "Identifies a family"
    assert str(practice.uuid) in out
    assert FeedEvent.objects.filter(practice=practice).count() == events + 1
    with pytest.raises(CommandError, match="Only a published practice"):
        run("practice_withdraw", str(practice.pk), "--reason", "again")
    with pytest.raises(CommandError, match="No practice 999999"):
        run("practice_withdraw", "999999", "--reason", "x")


def test_federation_feed_restart_gives_peers_a_new_feed_id(db):
    before = current_feed().feed_id
    out = run("federation_feed", "restart")
    assert current_feed().feed_id != before and str(current_feed().feed_id) in out
