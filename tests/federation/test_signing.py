"""RFC 9421 signatures: what a request and a response must carry, and what is refused."""

import datetime
import json

import pytest
import requests
from django.conf import settings
from django.http import JsonResponse
from django.test import RequestFactory

from federation import keys, signing
from federation.models import Peer


def _django_request(prepared: requests.PreparedRequest):
    """The prepared request as our view would receive it."""
    factory = RequestFactory()
    path = prepared.url.removeprefix(settings.PORTAL_URL)
    headers = {k: v for k, v in prepared.headers.items() if k.lower() != "content-type"}
    return factory.generic(
        prepared.method,
        path,
        data=prepared.body or b"",
        content_type=prepared.headers.get("Content-Type", ""),
        headers=headers,
    )


def test_a_registered_peers_signed_request_is_accepted_once(fake_peer):
    peer = fake_peer.register()
    prepared = fake_peer.signed("POST", "/federation/receipts", body=b'{"receipt": "x"}')
    caller = signing.verify_request(_django_request(prepared))
    assert caller.peer == peer and caller.key_id == fake_peer.key.key_id
    with pytest.raises(signing.SignatureRefused, match="replayed"):
        signing.verify_request(_django_request(prepared))


@pytest.mark.parametrize(
    "tamper, reason",
    [
        (lambda p: setattr(p, "body", b'{"receipt": "y"}'), "digest"),
        (lambda p: setattr(p, "url", p.url + "?cursor=9"), "does not match"),
        (lambda p: setattr(p, "method", "PUT"), "does not match"),
        (lambda p: p.headers.pop("Signature"), "Signature"),
    ],
    ids=["body", "target", "method", "no-signature"],
)
def test_a_tampered_request_is_refused(fake_peer, tamper, reason):
    fake_peer.register()
    prepared = fake_peer.signed("POST", "/federation/receipts", body=b'{"receipt": "x"}')
    tamper(prepared)
    with pytest.raises(signing.SignatureRefused, match=rf"(?i){reason}"):
        signing.verify_request(_django_request(prepared))


@pytest.mark.parametrize("minutes", [-10, 10])
def test_a_request_signed_ten_minutes_off_is_refused(fake_peer, minutes):
    fake_peer.register()
    created = datetime.datetime.now() + datetime.timedelta(minutes=minutes)
    prepared = fake_peer.signed("GET", "/federation/feed?cursor=0", created=created)
    with pytest.raises(signing.SignatureRefused, match="ahead of our clock" if minutes > 0 else "behind our clock"):
        signing.verify_request(_django_request(prepared))
    offset = Peer.objects.get(base_url=fake_peer.base_url).clock_offset
    assert offset is not None and abs(offset - minutes * 60) < 5  # the offset is recorded, refused or not


def test_a_request_whose_signature_has_expired_is_refused(fake_peer):
    fake_peer.register()
    prepared = requests.Request("GET", settings.PORTAL_URL + "/federation/feed").prepare()
    auth = signing._Auth(
        signature_algorithm=signing.ALGORITHM,
        key_resolver=signing._FixedKey(fake_peer.key.private),
        key_id=fake_peer.key.key_id,
        covered_component_ids=("@method", "@target-uri"),
        label=signing.LABEL,
        tag=signing.TAG,
        use_nonce=True,
        expires_in=datetime.timedelta(seconds=-120),  # created now, expired two minutes ago
    )
    with pytest.raises(signing.SignatureRefused, match="expired"):
        signing.verify_request(_django_request(auth(prepared)))


def test_a_request_thirty_seconds_off_is_accepted(fake_peer):
    fake_peer.register()
    created = datetime.datetime.now() - datetime.timedelta(seconds=30)
    signing.verify_request(_django_request(fake_peer.signed("GET", "/federation/feed", created=created)))
    assert -35 < Peer.objects.get(base_url=fake_peer.base_url).clock_offset < -25


def test_an_unregistered_or_suspended_peer_is_refused(fake_peer):
    prepared = fake_peer.signed("GET", "/federation/manifest")
    with pytest.raises(signing.SignatureRefused, match="unknown peer"):
        signing.verify_request(_django_request(prepared))
    fake_peer.register().__class__.objects.update(state=Peer.State.SUSPENDED)
    with pytest.raises(signing.SignatureRefused, match="suspended"):
        signing.verify_request(_django_request(fake_peer.signed("GET", "/federation/manifest")))


def test_the_target_uri_is_rebuilt_from_portal_url_never_from_host(fake_peer):
    """A request signed for another host, delivered to us with that Host header, is refused."""
    fake_peer.register()
    prepared = requests.Request("GET", "http://evil.example/federation/feed").prepare()
    signing.sign_prepared(prepared, key_id=fake_peer.key.key_id, private_key=fake_peer.key.private)
    headers = dict(prepared.headers.items())
    request = RequestFactory().get("/federation/feed", headers=headers, HTTP_HOST="evil.example")
    with pytest.raises(signing.SignatureRefused, match="does not match"):
        signing.verify_request(request)


def test_our_response_verifies_for_the_request_it_answers_only(db, monkeypatch):
    """Loopback: we are our own peer, so the client checks our response signature."""
    ours = keys.current_key()
    me = Peer.objects.create(name="me", base_url=settings.PORTAL_URL, fingerprint=ours.fingerprint)
    monkeypatch.setattr(keys, "fetch_instance", lambda url: keys.instance_document().model_dump(mode="json"))
    prepared = requests.Request("GET", settings.PORTAL_URL + "/federation/feed").prepare()
    signing.sign_prepared(prepared, key_id=keys.own_key_id(ours), private_key=keys.private_key_of(ours))
    answer = signing.sign_response(_django_request(prepared), JsonResponse({"items": []}))

    def as_received(content: bytes, request: requests.PreparedRequest) -> requests.Response:
        response = requests.Response()
        response.status_code = answer.status_code
        response.headers = requests.structures.CaseInsensitiveDict(answer.headers.items())
        response._content = content
        response.request = request
        return response

    signing.verify_response(me, as_received(answer.content, prepared))
    with pytest.raises(signing.SignatureRefused, match=r"(?i)digest"):
        signing.verify_response(me, as_received(json.dumps({"items": [1]}).encode(), prepared))
    other = requests.Request("GET", settings.PORTAL_URL + "/federation/feed").prepare()
    signing.sign_prepared(other, key_id=keys.own_key_id(ours), private_key=keys.private_key_of(ours))
    with pytest.raises(signing.SignatureRefused):
        signing.verify_response(me, as_received(answer.content, other))
