"""The inbox (an origin's signed notices) and the worker's deliveries with retries."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from federation import deliveries
from federation.models import Delivery, LedgerEntry, PullState
from federation.worker import worker_cycle
from practices.models import Practice
from tests.federation.fakes import send_through_client
from tests.federation.items import practice_item
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _notice(origin, kind: str, **fields) -> bytes:
    body = {"type": kind, "origin": origin.peer.base_url, "sent_at": timezone.now().isoformat(), **fields}
    return json.dumps(body).encode()


def _post(client, origin, body: bytes, signer=None):
    prepared = (signer or origin.peer).signed("POST", "/federation/inbox", body=body)
    return send_through_client(client, prepared)


def _pulled_copy(origin, client=None) -> dict:
    from federation.pull import peer_pull

    item = origin.publish(practice_item(base_url=origin.peer.base_url))
    peer_pull(peer=origin.registered)
    return item


def test_a_withdraw_notice_purges_the_copy_at_once_and_the_worker_posts_the_receipt(client, fake_origin):
    item = _pulled_copy(fake_origin)
    response = _post(client, fake_origin, _notice(fake_origin, "withdraw", uuid=item["uuid"], event=9))
    assert response.status_code == 202
    assert Practice.objects.get(origin_uuid=item["uuid"]).status == Practice.Status.WITHDRAWN
    worker_cycle()
    assert [(r["item"], r["event"]) for r in fake_origin.receipts] == [(item["uuid"], 9)]


def test_a_changed_notice_schedules_a_pull_the_worker_makes(client, fake_origin):
    _pulled_copy(fake_origin)
    fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url, title="A newer practice"))
    PullState.objects.filter(peer=fake_origin.registered).update(next_pull_at=timezone.now() + timedelta(hours=1))
    assert _post(client, fake_origin, _notice(fake_origin, "changed")).status_code == 202
    worker_cycle()
    assert Practice.objects.filter(title="A newer practice", origin_uuid__isnull=False).exists()


def test_revoke_all_drops_every_copy_of_that_origin(client, fake_origin):
    _pulled_copy(fake_origin)
    assert _post(client, fake_origin, _notice(fake_origin, "revoke-all")).status_code == 202
    assert not Practice.objects.filter(origin_uuid__isnull=False, status="published").exists()


def test_the_inbox_refuses_unsigned_forged_and_malformed_notices(client, fake_origin):
    item = _pulled_copy(fake_origin)
    unsigned = client.post("/federation/inbox", _notice(fake_origin, "revoke-all"), content_type="application/json")
    assert unsigned.status_code == 401
    from tests.federation.fakes import FakePeer

    stranger = FakePeer(base_url="https://stranger.example.net", name="Stranger")
    assert _post(client, fake_origin, _notice(fake_origin, "revoke-all"), signer=stranger).status_code == 401
    assert _post(client, fake_origin, b'{"type": "withdraw", "extra": 1}').status_code == 400
    other = json.dumps({"type": "revoke-all", "origin": "https://elsewhere.example", "sent_at": "2026-01-01T00:00:00Z"})
    assert _post(client, fake_origin, other.encode()).status_code == 400
    assert Practice.objects.get(origin_uuid=item["uuid"]).status == Practice.Status.PUBLISHED


def test_retries_wait_10_s_30_s_1_min_2_min_then_5_min():
    waits = [deliveries.retry_delay(n).total_seconds() for n in range(1, 8)]
    assert waits == [10, 30, 60, 120, 300, 300, 300]


def test_an_origin_pushes_withdraw_to_every_holder_until_its_receipt_arrives(fake_origin, contributor, settings):
    settings.FEDERATION_SHARE_DELAY = 0
    practice = make_practice(author=contributor, publish=True)
    peer = fake_origin.registered
    LedgerEntry.objects.create(peer=peer, practice=practice, practice_uuid=practice.uuid, last_served_at=timezone.now())
    assert deliveries.withdrawals_schedule() == 0  # still shared
    Practice.objects.filter(pk=practice.pk).update(status="withdrawn", withdrawn_at=timezone.now())
    fake_origin.down = True
    assert deliveries.withdrawals_schedule() == 1
    assert deliveries.withdrawals_schedule() == 0  # owed once
    worker_cycle()
    notice = Delivery.objects.get(kind="withdraw")
    assert (notice.attempts, notice.delivered_at) == (1, None)
    assert 9 <= (notice.next_attempt_at - timezone.now()).total_seconds() <= 10
    peer.receipts.create(practice_uuid=practice.uuid, event=notice.event, applied_at=timezone.now(), jws="x")
    Delivery.objects.filter(pk=notice.pk).update(next_attempt_at=timezone.now())
    worker_cycle()
    notice.refresh_from_db()
    assert notice.delivered_at is not None and notice.attempts == 1


def test_status_reports_each_peer_as_json(fake_origin, capsys):
    _pulled_copy(fake_origin)
    call_command("federation_status", "--json")
    [peer] = json.loads(capsys.readouterr().out)["peers"]
    assert (peer["name"], peer["cursor"], peer["lag"], peer["copies_held"]) == (fake_origin.registered.name, 1, 0, 1)


def test_the_worker_checks_manifest_and_reports_holdings_once_a_day(fake_origin):
    kept, dropped = (fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url)) for _ in range(2))
    worker_cycle()  # first pull, then the day's check
    assert sorted(fake_origin.holdings[-1]) == sorted([kept["uuid"], dropped["uuid"]])
    fake_origin.events = [e for e in fake_origin.events if e["uuid"] != dropped["uuid"]]  # no longer listed
    worker_cycle()
    assert len(fake_origin.holdings) == 1  # not again the same day
    PullState.objects.update(last_check_at=timezone.now() - timedelta(days=2))
    worker_cycle()
    copies = dict(Practice.objects.filter(origin_uuid__isnull=False).values_list("origin_uuid", "status"))
    assert {str(k): v for k, v in copies.items()} == {kept["uuid"]: "published", dropped["uuid"]: "withdrawn"}
    assert fake_origin.holdings[-1] == [kept["uuid"]]
