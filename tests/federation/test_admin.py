"""The federation admin: our identity card without the private key, peers with their copies,
suspended through the service, receipts exported as evidence; outsiders and visitors kept out."""

import datetime
import json
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from federation import keys
from federation.models import Delivery, Peer, PullState, ReceivedReceipt
from federation.pull import peer_pull
from practices.models import Practice
from tests.conftest import make_user, with_totp
from tests.federation.items import practice_item

QUERIES_OF_THE_NOTICES_LIST = 7  # for one notice as for four: no query per row


@pytest.fixture
def admin_client(db) -> Client:
    client = Client()
    client.force_login(with_totp(make_user("root@portal.example", is_staff=True, is_superuser=True)))
    return client


def test_the_identity_card_never_shows_the_private_key(admin_client):
    key = keys.current_key()
    page = admin_client.get(reverse("admin:federation_instancekey_change", args=[key.pk])).content.decode()
    assert key.fingerprint in page and keys.own_key_id(key) in page
    assert "PRIVATE KEY" not in page and key.private_key.splitlines()[1] not in page


def test_peers_are_suspended_through_the_service(admin_client, fake_peer):
    peer = fake_peer.register()
    response = admin_client.post(
        reverse("admin:federation_peer_changelist"), {"action": "suspend", "_selected_action": [peer.pk]}
    )
    assert response.status_code == 302
    assert Peer.objects.get(pk=peer.pk).state == Peer.State.SUSPENDED
    assert admin_client.post(reverse("admin:federation_peer_changelist"), {"name": "x"}).status_code == 200
    assert Peer.objects.get(pk=peer.pk).name == peer.name


def test_receipts_export_as_signed_evidence(admin_client, fake_peer):
    peer = fake_peer.register()
    receipt = ReceivedReceipt.objects.create(
        peer=peer,
        practice_uuid="1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        event=3,
        applied_at="2026-01-01T00:00Z",
        jws="a.b.c",
    )
    response = admin_client.post(
        reverse("admin:federation_receivedreceipt_changelist"), {"action": "export", "_selected_action": [receipt.pk]}
    )
    [row] = json.loads(response.content)
    assert row["jws"] == "a.b.c" and row["peer"] == peer.base_url


@pytest.mark.parametrize("persona", ["outsider_client", "moderator_client", "client"])
def test_only_site_administrators_see_the_federation_admin(request, persona, fake_peer):
    fake_peer.register()
    response = request.getfixturevalue(persona).get(reverse("admin:federation_peer_changelist"))
    assert response.status_code == 302 and fake_peer.base_url.encode() not in response.content


def test_removing_a_peer_asks_for_confirmation_first(admin_client, fake_peer):
    peer = fake_peer.register()
    url = reverse("admin:federation_peer_changelist")
    asked = admin_client.post(url, {"action": "remove", "_selected_action": [peer.pk]})
    assert asked.status_code == 200 and b"Yes, remove them" in asked.content and peer.base_url.encode() in asked.content
    assert Peer.objects.get(pk=peer.pk).state == Peer.State.ACTIVE
    done = admin_client.post(url, {"action": "remove", "_selected_action": [peer.pk], "confirm": "yes"})
    assert done.status_code == 302 and Peer.objects.get(pk=peer.pk).state == Peer.State.REMOVED


def test_a_peer_page_shows_its_pull_state_and_key_expiry(admin_client, fake_peer):
    peer = fake_peer.register()
    PullState.objects.create(peer=peer, cursor=3, latest=10, last_error="timed out after 10 s")
    page = admin_client.get(reverse("admin:federation_peer_change", args=[peer.pk])).content.decode()
    assert "timed out after 10 s" in page and "&quot;lag&quot;: 7" in page


def test_pull_now_pulls_and_reports_a_failing_peer(admin_client, fake_origin):
    fake_origin.publish(practice_item(base_url=fake_origin.peer.base_url, title="Family counselling Ardent"))
    url = reverse("admin:federation_peer_changelist")
    selected = {"action": "pull_now", "_selected_action": [fake_origin.registered.pk]}
    response = admin_client.post(url, selected, follow=True)
    assert "1 items applied, 0 tombstones." in response.content.decode()
    assert Practice.objects.filter(title="Family counselling Ardent").count() == 1
    fake_origin.down = True
    response = admin_client.post(url, selected, follow=True)
    assert "is down" in response.content.decode()
    assert PullState.objects.get(peer=fake_origin.registered).failures == 1


def test_a_withdrawal_notice_is_re_sent_on_demand(admin_client, fake_origin):
    peer = fake_origin.registered  # its inbox is not served: the notice stays pending
    delivery = Delivery.objects.create(
        peer=peer, kind=Delivery.Kind.WITHDRAW, practice_uuid=uuid.uuid4(), event=4, next_attempt_at=timezone.now()
    )
    url = reverse("admin:federation_delivery_changelist")
    assert str(delivery.practice_uuid) in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"action": "resend", "_selected_action": [delivery.pk]}, follow=True)
    assert "0 delivered, 1 to retry." in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_error and delivery.next_attempt_at > timezone.now()


@pytest.mark.parametrize("persona", ["outsider_client", "moderator_client", "client"])
def test_only_site_administrators_see_withdrawal_notices(request, persona, fake_peer):
    peer = fake_peer.register()
    Delivery.objects.create(
        peer=peer, kind=Delivery.Kind.WITHDRAW, practice_uuid=uuid.uuid4(), next_attempt_at=timezone.now()
    )
    response = request.getfixturevalue(persona).get(reverse("admin:federation_delivery_changelist"))
    assert response.status_code == 302 and fake_peer.base_url.encode() not in response.content


@pytest.mark.parametrize("notices", [1, 4])
def test_the_notices_list_costs_the_same_queries_whatever_its_length(
    admin_client, fake_peer, notices, django_assert_num_queries
):
    peer = fake_peer.register()
    for event in range(notices):
        Delivery.objects.create(
            peer=peer,
            kind=Delivery.Kind.WITHDRAW,
            practice_uuid=uuid.uuid4(),
            event=event,
            next_attempt_at=timezone.now(),
        )
    with django_assert_num_queries(QUERIES_OF_THE_NOTICES_LIST):
        assert admin_client.get(reverse("admin:federation_delivery_changelist")).status_code == 200


def test_the_peer_list_shows_each_peers_clock_offset_and_warns_near_the_limit(admin_client, fake_origin):
    fake_origin.clock_shift = datetime.timedelta(seconds=45)
    peer_pull(peer=fake_origin.registered)  # a signed answer: the offset is measured
    page = admin_client.get(reverse("admin:federation_peer_changelist")).content.decode()
    assert re.search(r"\+4[4-6] s \(nearing the 60 s limit\)", page), "no clock offset in the peer list"
    fake_origin.clock_shift = datetime.timedelta(0)
    peer_pull(peer=fake_origin.registered)
    page = admin_client.get(reverse("admin:federation_peer_changelist")).content.decode()
    assert re.search(r"[+-][01] s<", page) and "nearing" not in page
