"""The federation admin: our identity card without the private key, peers with their copies,
suspended through the service, receipts exported as evidence; outsiders and visitors kept out."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from federation import keys
from federation.models import Peer, ReceivedReceipt
from tests.conftest import make_user, with_totp


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
