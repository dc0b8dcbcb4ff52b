"""Pulling an origin's feed, in-process against a fake origin that signs its answers."""

import datetime
import json
import re
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from federation import deliveries
from federation.models import Delivery, PullState, SkippedItem
from federation.pull import PullFailed, peer_pull
from practices.models import Practice
from tests.federation.items import practice_item

pytestmark = pytest.mark.django_db


def _item(origin, **changes):
    return practice_item(base_url=origin.peer.base_url, **changes)


def _copies(origin):
    return Practice.objects.filter(origin_portal=origin.peer.base_url)


def test_a_pull_stores_every_page_and_a_second_pull_duplicates_nothing(fake_origin):
    items = [_item(fake_origin, title=f"Practice {n}") for n in range(5)]
    for item in items:
        fake_origin.publish(item)
    report = peer_pull(peer=fake_origin.registered)
    assert (report.pages, report.applied) == (3, 5)
    assert sorted(_copies(fake_origin).values_list("title", flat=True)) == [f"Practice {n}" for n in range(5)]
    assert PullState.objects.get(peer=fake_origin.registered).cursor == 5
    peer_pull(peer=fake_origin.registered)
    assert _copies(fake_origin).count() == 5


def test_an_edit_replaces_the_copy(fake_origin):
    item = fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    fake_origin.publish(_item(fake_origin, uuid=item["uuid"], version=2, title="Family counselling, revised"))
    peer_pull(peer=fake_origin.registered)
    assert list(_copies(fake_origin).values_list("title", flat=True)) == ["Family counselling, revised"]


def test_a_tombstone_purges_the_copy_and_the_receipt_reaches_the_origin(fake_origin):
    item = fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    tombstone = fake_origin.withdraw(item["uuid"])
    peer_pull(peer=fake_origin.registered)
    copy = _copies(fake_origin).get()
    assert copy.status == Practice.Status.WITHDRAWN and copy.title == ""
    [receipt] = fake_origin.receipts
    assert (receipt["item"], receipt["event"]) == (item["uuid"], tombstone["event"])
    assert receipt["aud"] == fake_origin.peer.base_url
    assert Delivery.objects.get(kind="receipt").delivered_at is not None


def test_a_malformed_item_is_skipped_recorded_and_the_rest_applied(fake_origin):
    good = _item(fake_origin)
    fake_origin.add_raw({"type": "practice", "uuid": "not-a-uuid", "title": "Broken"})
    fake_origin.add_raw({**_item(fake_origin).model_dump(mode="json"), "contact": "leaked@example.org"})
    fake_origin.publish(good)
    report = peer_pull(peer=fake_origin.registered)
    assert (report.applied, report.skipped) == (1, 2)
    assert list(_copies(fake_origin).values_list("origin_uuid", flat=True)) == [good.uuid]
    assert SkippedItem.objects.count() == 2
    assert "leaked@example.org" not in str(list(Practice.objects.values()))


def test_a_new_feed_id_forces_a_full_resync_that_drops_what_the_origin_no_longer_lists(fake_origin):
    kept, lost = fake_origin.publish(_item(fake_origin)), fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    fake_origin.feed_id = "00000000-0000-4000-8000-000000000001"  # restored from a backup
    fake_origin.events = [e for e in fake_origin.events if e["uuid"] == kept["uuid"]]
    fake_origin.events[0]["event"] = 1
    report = peer_pull(peer=fake_origin.registered)
    assert report.resynced
    states = dict(_copies(fake_origin).values_list("origin_uuid", "status"))
    assert {str(k): v for k, v in states.items()} == {kept["uuid"]: "published", lost["uuid"]: "withdrawn"}


def test_a_cursor_past_the_origins_latest_forces_a_full_resync(fake_origin):
    for _ in range(3):
        fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    fake_origin.events = fake_origin.events[:1]  # same feed, older backup
    assert peer_pull(peer=fake_origin.registered).resynced
    assert _copies(fake_origin).filter(status="published").count() == 1


def test_a_failing_origin_backs_off_and_its_cursor_stays(fake_origin):
    fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    fake_origin.down = True
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    state = PullState.objects.get(peer=fake_origin.registered)
    assert (state.cursor, state.failures) == (1, 1) and "down" in state.last_error
    first_wait = state.next_pull_at - state.last_attempt_at
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    state.refresh_from_db()
    assert state.next_pull_at - state.last_attempt_at > first_wait
    fake_origin.down = False
    peer_pull(peer=fake_origin.registered)
    state.refresh_from_db()
    assert (state.failures, state.last_error) == (0, "")


def test_a_response_signed_by_another_key_is_refused(fake_origin):
    from tests.federation.fakes import FakeKey

    fake_origin.publish(_item(fake_origin))
    fake_origin.peer.chain[-1] = FakeKey(fake_origin.peer.base_url)  # not the pinned key, not endorsed
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    assert not _copies(fake_origin).exists()


def test_members_level_items_are_refused_unless_the_agreement_accepts_them(fake_origin):
    fake_origin.registered.accept_levels = ["public"]
    fake_origin.registered.save()
    fake_origin.publish(_item(fake_origin, visibility="members"))
    fake_origin.publish(_item(fake_origin, visibility="public"))
    peer_pull(peer=fake_origin.registered)
    assert list(_copies(fake_origin).values_list("visibility", flat=True)) == ["public"]


def test_the_pull_command_names_an_unknown_peer(fake_origin):
    with pytest.raises(CommandError, match="No active peer"):
        call_command("federation_pull", "--peer", "nobody")
    fake_origin.publish(_item(fake_origin))
    call_command("federation_pull", "--peer", fake_origin.registered.name, "--full")
    assert _copies(fake_origin).count() == 1
    fake_origin.publish(_item(fake_origin, title="Second practice"))
    out = StringIO()
    call_command("federation_pull", stdout=out)  # every active peer, as docs/FEDERATION.md runs it
    assert _copies(fake_origin).count() == 2 and fake_origin.registered.name in out.getvalue()


def test_a_pull_cut_off_mid_way_keeps_each_whole_page_and_goes_on_from_there(fake_origin):
    for n in range(5):
        fake_origin.publish(_item(fake_origin, title=f"Practice {n}"))
    fake_origin.pages_left = 1
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    assert PullState.objects.get(peer=fake_origin.registered).cursor == 2
    assert sorted(_copies(fake_origin).values_list("title", flat=True)) == ["Practice 0", "Practice 1"]
    fake_origin.pages_left, fake_origin.down = None, False
    assert peer_pull(peer=fake_origin.registered).applied == 3
    assert _copies(fake_origin).count() == 5


def test_a_page_read_while_another_pull_moved_the_cursor_is_not_applied_twice(fake_origin, monkeypatch):
    from federation import pull

    for n in range(3):
        fake_origin.publish(_item(fake_origin, title=f"Practice {n}"))
    original = pull.fetch_json
    moved = []

    def fetch_then_race(peer, path):
        data = original(peer, path)
        if not moved and "cursor=0" in path:  # another pull applies the same page meanwhile
            moved.append(True)
            PullState.objects.filter(peer=peer).update(cursor=2)
        return data

    monkeypatch.setattr(pull, "fetch_json", fetch_then_race)
    report = peer_pull(peer=fake_origin.registered)
    assert report.applied == 1  # only the third practice: the first page was left to the other pull
    assert PullState.objects.get(peer=fake_origin.registered).cursor == 3


def test_an_origin_that_no_longer_knows_this_portal_leaves_no_copy_here(fake_origin):
    fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    fake_origin.refusal = "unknown peer http://127.0.0.1:8000"
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    assert not _copies(fake_origin).filter(status="published").exists()
    assert PullState.objects.get(peer=fake_origin.registered).cursor == 0  # all again if it re-registers us
    fake_origin.refusal = ""
    peer_pull(peer=fake_origin.registered)
    assert _copies(fake_origin).filter(status="published").count() == 1


def test_an_unsigned_unknown_peer_refusal_keeps_the_copies(fake_origin):
    """Only the origin's own signed word drops its copies: an unsigned 401 saying "unknown
    peer" (from anyone between the two portals) is a failed pull, nothing more."""
    fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    fake_origin.refusal, fake_origin.refusal_unsigned = "unknown peer http://127.0.0.1:8000", True
    with pytest.raises(PullFailed, match="unsigned answer"):
        peer_pull(peer=fake_origin.registered)
    assert _copies(fake_origin).filter(status="published").count() == 1
    assert PullState.objects.get(peer=fake_origin.registered).cursor > 0


def test_a_refusal_for_another_reason_keeps_the_copies(fake_origin):
    fake_origin.publish(_item(fake_origin))
    peer_pull(peer=fake_origin.registered)
    fake_origin.refusal = "the signature may live 300 seconds at most"
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    assert _copies(fake_origin).filter(status="published").count() == 1


# The peer's clock ---------------------------------------------------------------------------------


def _status(origin) -> dict:
    return json.loads(_run("federation_status", "--json"))["peers"][0]


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_an_answer_signed_ten_minutes_off_is_refused_applies_nothing_and_shows_the_offset(fake_origin):
    fake_origin.publish(_item(fake_origin))
    fake_origin.clock_shift = datetime.timedelta(minutes=10)
    with pytest.raises(PullFailed, match="ahead of our clock"):
        peer_pull(peer=fake_origin.registered)
    assert not _copies(fake_origin).exists()
    status = _status(fake_origin)
    assert 595 <= status["clock_offset"] <= 601 and "beyond the 60 s limit" in status["clock_warning"]
    assert "ahead of our clock" in status["last_error"] and status["cursor"] == 0
    fake_origin.clock_shift = datetime.timedelta(seconds=-40)  # within the limit, but near it
    peer_pull(peer=fake_origin.registered)
    assert _copies(fake_origin).count() == 1
    status = _status(fake_origin)
    assert -42 <= status["clock_offset"] <= -39 and "nearing the 60 s limit" in status["clock_warning"]


def test_a_signed_refusal_still_tells_the_peers_clock(fake_origin):
    fake_origin.clock_shift = datetime.timedelta(minutes=-10)
    fake_origin.refusal = "the request was signed 600 s ahead of our clock"
    with pytest.raises(PullFailed, match="ahead of our clock"):
        peer_pull(peer=fake_origin.registered)
    assert -601 <= _status(fake_origin)["clock_offset"] <= -599


def test_federation_status_in_text_says_lag_last_error_clock_and_receipts_owed(fake_origin):
    for number in range(3):
        fake_origin.publish(_item(fake_origin, title=f"Practice {number}"))
    fake_origin.pages_left = 1  # it goes down after the first page: 1 event behind
    with pytest.raises(PullFailed):
        peer_pull(peer=fake_origin.registered)
    deliveries.receipt_owed(peer=fake_origin.registered, uuid=uuid.uuid4(), event=9, applied_at=timezone.now())
    text = _run("federation_status")
    name, url = fake_origin.registered.name, fake_origin.registered.base_url
    assert f"{name} ({url}, active)" in text
    assert "cursor 2 of 3, lag 1 events" in text
    assert re.search(r"last error: \S+ .*\(1 failures in a row\)", text), text
    assert re.search(r"clock offset: [+-][01] s", text), text
    assert "copies: 2 held of its practices" in text
    assert "owed: 1 receipts to it" in text
