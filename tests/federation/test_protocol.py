"""The origin's side of the protocol, in process: a fake peer with its own key calls
/federation/* through the Django test client (see docs/FEDERATION.md)."""

import datetime
import json
import uuid

import jwt
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from federation import keys, services, signing
from federation.models import FeedEvent, LedgerEntry, Peer, ReceivedReceipt
from network import services as network_services
from network.models import Network
from practices import services as practice_services
from practices.models import Practice
from tests.federation.fakes import ClientAdapter, FakeKey, FakePeer, send_through_client
from tests.practices.factories import make_practice

CANARY = "CANARY-7f3a9"


@pytest.fixture(autouse=True)
def _no_share_delay(settings):
    settings.FEDERATION_SHARE_DELAY = 0


@pytest.fixture
def peer(fake_peer) -> Peer:
    return fake_peer.register(share=("public", "members"))


def call(fake: FakePeer, method: str, path: str, *, body: bytes | None = None, created=None):
    return send_through_client(Client(), fake.signed(method, path, body=body, created=created))


def feed(fake: FakePeer, cursor: int = 0) -> dict:
    response = call(fake, "GET", f"/federation/feed?cursor={cursor}")
    assert response.status_code == 200, response.content
    return response.json()


def uuids(page: dict, kind: str = "practice") -> set[str]:
    return {item["uuid"] for item in page["items"] if item["type"] == kind}


def test_a_peer_pulls_a_published_practice_with_its_template_fields(peer, fake_peer, contributor):
    practice = make_practice(author=contributor, publish=True, deliverables="A handbook.")
    page = feed(fake_peer)
    [item] = page["items"]
    assert item["uuid"] == str(practice.uuid)
    assert item["title"] == practice.title and item["deliverables"] == "A handbook."
    assert item["key_themes"] == ["exit-strategies", "prison-probation"]
    assert item["organisation"]["name"] == contributor.organisation.name
    assert item["version"] == 1 and item["visibility"] == "public"
    assert page["next_cursor"] == page["latest"] >= item["event"]
    assert LedgerEntry.objects.filter(peer=peer, practice_uuid=practice.uuid).exists()


@pytest.fixture
def canaries(contributor, moderator):
    """Every kind of content that must never travel, each carrying the canary."""
    make_practice(author=contributor, publish=True, contact=f"{CANARY} desk@ravnstad.example")
    make_practice(author=contributor, title=f"Draft {CANARY}")
    make_practice(author=contributor, publish=True, title=f"Own {CANARY}", visibility="organisation")
    edited = make_practice(author=contributor, publish=True, title="Shared")
    revision = practice_services.practice_start_revision(practice=edited, editor=contributor)
    Practice.objects.filter(pk=revision.pk).update(title=f"Edit {CANARY}")
    network = network_services.network_create(
        actor=moderator, name="Exit work", purpose="Cases.", policy=Network.Policy.INVITATION
    )
    network_services.network_member_add(network=network, user=contributor, actor=moderator)
    network_services.thread_create(network=network, actor=contributor, title=f"Case {CANARY}", body=CANARY)
    return edited


def test_canaries_never_appear_in_any_byte_served(peer, fake_peer, canaries):
    served = [call(fake_peer, "GET", "/federation/feed?cursor=0"), call(fake_peer, "GET", "/federation/manifest")]
    served += [call(fake_peer, "GET", f"/federation/items/{p.uuid}") for p in Practice.objects.all()]
    for response in served:
        assert CANARY.encode() not in response.content
        assert b"desk@ravnstad" not in response.content
    assert uuids(json.loads(served[0].content)) == {
        str(p.uuid) for p in Practice.objects.filter(visibility="public", status="published", revision_of=None)
    }


def test_members_practices_reach_only_peers_whose_agreement_covers_them(db, fake_peer, contributor):
    public_only = fake_peer.register(share=("public",))
    members = make_practice(author=contributor, publish=True, visibility="members")
    public = make_practice(author=contributor, publish=True)
    assert uuids(feed(fake_peer)) == {str(public.uuid)}
    services.peer_set_agreement(peer=public_only, share_levels=["public", "members"], accept_levels=[])
    assert uuids(feed(fake_peer)) == {str(public.uuid), str(members.uuid)}


def test_a_peer_widened_while_suspended_gets_the_wider_share_once_resumed(db, fake_peer, contributor):
    peer = fake_peer.register(share=("public",))
    members = make_practice(author=contributor, publish=True, visibility="members")
    cursor = feed(fake_peer)["next_cursor"]
    services.peer_set_state(peer=peer, state=Peer.State.SUSPENDED)
    services.peer_set_agreement(peer=peer, share_levels=["public", "members"], accept_levels=[])
    services.peer_set_state(peer=Peer.objects.get(pk=peer.pk), state=Peer.State.ACTIVE)
    assert uuids(feed(fake_peer, cursor)) == {str(members.uuid)}


def test_narrowing_an_agreement_tombstones_what_the_peer_may_no_longer_hold(peer, fake_peer, contributor):
    members = make_practice(author=contributor, publish=True, visibility="members")
    cursor = feed(fake_peer)["next_cursor"]
    services.peer_set_agreement(peer=peer, share_levels=["public"], accept_levels=[])
    page = feed(fake_peer, cursor)
    assert uuids(page, "tombstone") == {str(members.uuid)} and not uuids(page)
    assert call(fake_peer, "GET", f"/federation/items/{members.uuid}").status_code == 410


def test_a_withdrawal_is_a_tombstone_for_holders_only(peer, fake_peer, contributor, moderator):
    practice = make_practice(author=contributor, publish=True)
    cursor = feed(fake_peer)["next_cursor"]
    other = FakePeer(base_url="https://late.example.org", name="Late")
    fake_peer.documents[other.base_url] = other.document
    other.register()
    practice_services.practice_withdraw(practice=practice, actor=moderator, reason="Outdated")
    [tombstone] = feed(fake_peer, cursor)["items"]
    assert tombstone["type"] == "tombstone" and tombstone["uuid"] == str(practice.uuid)
    assert feed(other)["items"] == []  # it never held a copy: not even the uuid travels
    assert call(other, "GET", f"/federation/items/{practice.uuid}").status_code == 404
    notices = services.selectors.notices_owed(peer)
    assert [(n.type, n.uuid) for n in notices] == [("withdraw", practice.uuid)]


def test_narrowing_a_practices_visibility_withdraws_it_from_peers(peer, fake_peer, contributor):
    practice = make_practice(author=contributor, publish=True)
    cursor = feed(fake_peer)["next_cursor"]
    practice_services.practice_set_visibility(practice=practice, actor=contributor, visibility="organisation")
    assert uuids(feed(fake_peer, cursor), "tombstone") == {str(practice.uuid)}


def test_a_new_publication_waits_the_share_delay_and_leaves_no_copy_if_withdrawn_sooner(
    peer, fake_peer, contributor, moderator, settings
):
    settings.FEDERATION_SHARE_DELAY = 900
    kept = make_practice(author=contributor, publish=True)
    gone = make_practice(author=contributor, publish=True, title="Gone soon")
    assert feed(fake_peer)["items"] == []
    practice_services.practice_withdraw(practice=gone, actor=moderator, reason="Mistake")
    Practice.objects.update(published_at=timezone.now() - datetime.timedelta(minutes=16))
    services.feed_release_due(now=timezone.now() + datetime.timedelta(minutes=16))
    page = feed(fake_peer)
    assert [item["uuid"] for item in page["items"]] == [str(kept.uuid)]
    assert call(fake_peer, "GET", f"/federation/items/{gone.uuid}").status_code == 404


def test_the_same_practice_is_served_once_per_page_in_its_latest_state(peer, fake_peer, contributor, moderator):
    practice = make_practice(author=contributor, publish=True)
    practice_services.practice_set_evidence_level(practice=practice, moderator=moderator, level="peer_reviewed")
    [item] = feed(fake_peer)["items"]
    assert item["evidence_level"] == "peer_reviewed"


def test_a_peer_behind_the_feed_is_due_a_changed_notice(peer, fake_peer, contributor):
    make_practice(author=contributor, publish=True)
    assert list(services.selectors.peers_behind()) == [peer]
    feed(fake_peer)
    assert list(services.selectors.peers_behind()) == []
    make_practice(author=contributor, publish=True, title="Another")
    assert list(services.selectors.peers_behind()) == [peer]


def test_a_cursor_past_latest_is_visible_to_the_peer_for_a_full_resync(peer, fake_peer, contributor):
    make_practice(author=contributor, publish=True)
    first = feed(fake_peer)
    page = feed(fake_peer, first["latest"] + 50)
    assert page["items"] == [] and page["latest"] < page["next_cursor"]
    assert page["feed_id"] == first["feed_id"]


def test_the_feed_page_costs_the_same_queries_whatever_its_size(
    peer, fake_peer, contributor, django_assert_num_queries
):
    for number in range(2):
        make_practice(author=contributor, publish=True, title=f"Practice {number}")
    cursor = feed(fake_peer)["next_cursor"]
    for number in range(5):
        make_practice(author=contributor, publish=True, title=f"Later practice {number}")
    # the peer (1), its nonce (4: expired ones purged, savepoint, insert, release), its clock
    # offset (1), due releases (1), the feed (1), events (1), practices with their 2 taxonomies
    # (3), the ledger (1), latest (1), where the peer's read ended (1), our signing key (1)
    with django_assert_num_queries(16):
        assert len(feed(fake_peer, cursor)["items"]) == 5


# Signatures: what the endpoints refuse -----------------------------------------------------------


def test_an_unsigned_request_is_refused_with_a_reason(peer):
    response = Client().get("/federation/feed")
    assert response.status_code == 401
    assert "Signature-Input" in response.json()["error"]


@pytest.mark.parametrize("persona", ["client", "outsider_client", "moderator_client"])
def test_no_session_opens_the_feed_only_a_peers_signature_does(request, peer, contributor, persona):
    practice = make_practice(author=contributor, publish=True)
    for path in ("/federation/feed", "/federation/manifest", f"/federation/items/{practice.uuid}"):
        response = request.getfixturevalue(persona).get(path)
        assert response.status_code == 401 and str(practice.uuid).encode() not in response.content


def test_a_key_outside_the_peers_chain_is_refused(peer, fake_peer):
    fake_peer.chain.append(FakeKey(fake_peer.base_url))  # signs with it, never lists it
    listed = fake_peer.document
    fake_peer.documents[fake_peer.base_url] = lambda: {**listed(), "keys": [k.listed() for k in fake_peer.chain[:-1]]}
    response = call(fake_peer, "GET", "/federation/manifest")
    assert response.status_code == 401 and "unknown key" in response.json()["error"]


def test_a_tampered_body_is_refused(peer, fake_peer):
    prepared = fake_peer.signed("POST", "/federation/receipts", body=b'{"receipt": "a"}')
    prepared.body = b'{"receipt": "b"}'
    response = send_through_client(Client(), prepared)
    assert response.status_code == 401 and "digest" in response.json()["error"].lower()


def test_a_replayed_request_is_refused(peer, fake_peer):
    prepared = fake_peer.signed("GET", "/federation/manifest")
    assert send_through_client(Client(), prepared).status_code == 200
    response = send_through_client(Client(), prepared)
    assert response.status_code == 401 and "replayed" in response.json()["error"]


@pytest.mark.parametrize("minutes", [-10, 10])
def test_a_clock_ten_minutes_off_is_refused(peer, fake_peer, minutes):
    created = datetime.datetime.now() + datetime.timedelta(minutes=minutes)
    response = call(fake_peer, "GET", "/federation/manifest", created=created)
    assert response.status_code == 401


def test_an_unknown_instance_and_a_removed_peer_are_refused(peer, fake_peer):
    stranger = FakePeer(base_url="https://stranger.example.org")
    response = call(stranger, "GET", "/federation/feed")
    assert response.status_code == 401 and "unknown peer" in response.json()["error"]
    services.peer_remove(peer=peer)
    response = call(fake_peer, "GET", "/federation/feed")
    assert response.status_code == 401 and "removed" in response.json()["error"]
    assert Peer.objects.get(pk=peer.pk).revoke_pending


def test_a_rotated_key_is_accepted_and_a_forged_rotation_refused(peer, fake_peer):
    assert call(fake_peer, "GET", "/federation/manifest").status_code == 200
    fake_peer.rotate()
    Peer.objects.filter(pk=peer.pk).update(keys_fetched_at=None)
    assert call(fake_peer, "GET", "/federation/manifest").status_code == 200
    forger = FakePeer(base_url=fake_peer.base_url)
    fake_peer.rotate(endorsed_by=forger.key)
    Peer.objects.filter(pk=peer.pk).update(keys_fetched_at=None)
    response = call(fake_peer, "GET", "/federation/manifest")
    assert response.status_code == 401 and "not chained" in response.json()["error"]


# Receipts ---------------------------------------------------------------------------------------


def _receipt(fake: FakePeer, item, *, event: int = 1, aud: str | None = None) -> bytes:
    claims = {"iss": fake.base_url, "aud": aud or settings.PORTAL_URL, "item": str(item), "event": event}
    claims |= {"applied_at": int(timezone.now().timestamp()), "iat": int(timezone.now().timestamp())}
    token = jwt.encode(claims, fake.key.private, algorithm="EdDSA", headers={"kid": fake.key.key_id})
    return json.dumps({"receipt": token}).encode()


def test_a_receipt_for_a_served_copy_is_verified_and_kept_verbatim(peer, fake_peer, contributor, moderator):
    practice = make_practice(author=contributor, publish=True)
    feed(fake_peer)
    practice_services.practice_withdraw(practice=practice, actor=moderator, reason="Outdated")
    event = FeedEvent.objects.filter(practice=practice).latest("id").pk
    body = _receipt(fake_peer, practice.uuid, event=event)
    response = call(fake_peer, "POST", "/federation/receipts", body=body)
    assert response.status_code == 201, response.content
    assert ReceivedReceipt.objects.get(peer=peer).jws == json.loads(body)["receipt"]
    assert services.selectors.notices_owed(peer) == []
    again = call(fake_peer, "POST", "/federation/receipts", body=body)  # a retry after a lost answer
    assert again.status_code == 201 and ReceivedReceipt.objects.count() == 1


@pytest.mark.parametrize("case", ["other-audience", "never-served", "malformed"])
def test_a_bad_receipt_is_refused_and_nothing_kept(peer, fake_peer, contributor, case):
    practice = make_practice(author=contributor, publish=True)
    feed(fake_peer)
    body = {
        "other-audience": _receipt(fake_peer, practice.uuid, aud="https://elsewhere.example"),
        "never-served": _receipt(fake_peer, uuid.uuid4()),
        "malformed": b'{"receipt": "x", "extra": 1}',
    }[case]
    response = call(fake_peer, "POST", "/federation/receipts", body=body)
    assert response.status_code == 400 and response.json()["error"]
    assert not ReceivedReceipt.objects.exists()


def test_a_holdings_report_is_checked_against_the_ledger(peer, fake_peer, contributor, moderator):
    kept, withdrawn, dropped = (make_practice(author=contributor, publish=True, title=t) for t in "ABC")
    feed(fake_peer)
    practice_services.practice_withdraw(practice=withdrawn, actor=moderator, reason="Outdated")
    stray = uuid.uuid4()
    report = {"items": [str(kept.uuid), str(withdrawn.uuid), str(stray)]}
    response = call(fake_peer, "POST", "/federation/holdings", body=json.dumps(report).encode())
    assert response.status_code == 200, response.content
    assert response.json() == {"held": 3, "drop": sorted([str(withdrawn.uuid), str(stray)]), "unknown": [str(stray)]}
    ledger = dict(LedgerEntry.objects.values_list("practice_uuid", "tombstoned_at"))
    assert ledger[dropped.uuid] is not None and ledger[kept.uuid] is None


# The client: signed_request against our own endpoints ------------------------------------------


def test_signed_request_verifies_the_answer_end_to_end(db, contributor, monkeypatch):
    """We are our own peer: the request is signed by our key, the answer verified against it."""
    ours = keys.current_key()
    me = Peer.objects.create(
        name="me", base_url=settings.PORTAL_URL, fingerprint=ours.fingerprint, share_levels=["public"]
    )
    monkeypatch.setattr(keys, "fetch_instance", lambda url: keys.instance_document().model_dump(mode="json"))
    session = signing.requests.Session()
    session.mount(settings.PORTAL_URL, ClientAdapter(Client()))
    monkeypatch.setattr(signing, "_session", lambda: session)
    practice = make_practice(author=contributor, publish=True)
    response = signing.signed_request(me, "GET", f"{settings.PORTAL_URL}/federation/feed?cursor=0")
    assert uuids(response.json()) == {str(practice.uuid)}
    Peer.objects.filter(pk=me.pk).update(state=Peer.State.SUSPENDED)
    with pytest.raises(signing.SignatureRefused):
        signing.signed_request(me, "GET", f"{settings.PORTAL_URL}/federation/manifest")


def test_the_instance_document_is_public_and_names_the_signing_key(db):
    response = Client().get("/federation/instance")
    assert response.status_code == 200
    document = response.json()
    assert document["key_id"] == keys.own_key_id(keys.current_key())
    assert "private" not in response.content.decode().lower()


def test_a_practice_that_does_not_fit_the_schema_is_left_out_and_the_rest_served(peer, fake_peer, contributor):
    odd = make_practice(author=contributor, publish=True, title="Odd")
    fine = make_practice(author=contributor, publish=True, title="Fine")
    Practice.objects.filter(pk=odd.pk).update(start_year=1800)  # past the model's validators
    assert uuids(feed(fake_peer)) == {str(fine.uuid)}
    assert call(fake_peer, "GET", f"/federation/items/{odd.uuid}").status_code == 404
