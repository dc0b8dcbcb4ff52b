"""Our keys (created once, rotated with an endorsement) and our peers' (trusted only when
chained to the pinned fingerprint)."""

import datetime

import pytest
from django.core.management import call_command

from federation import keys
from federation.models import InstanceKey


def test_each_instance_creates_its_key_once_and_signs_with_the_newest(db):
    first = keys.current_key()
    assert keys.current_key().pk == first.pk
    assert len(first.fingerprint) == 64
    assert first.fingerprint == keys.fingerprint_of(keys.b64url_decode(first.public_key))
    second = keys.keys_rotate()
    assert keys.current_key().pk == second.pk
    assert InstanceKey.objects.get(pk=first.pk).valid_until is not None
    assert second.valid_until is None


def test_a_peer_that_pinned_the_first_key_follows_the_rotation_chain(db):
    first = keys.current_key()
    keys.keys_rotate()
    third = keys.keys_rotate()
    document = keys.instance_document().model_dump(mode="json")
    trusted = keys.chained_keys(document["url"], {first.fingerprint}, document)
    assert {key.fingerprint for key in trusted} == set(InstanceKey.objects.values_list("fingerprint", flat=True))
    assert document["fingerprint"] == third.fingerprint


def test_a_key_endorsed_by_a_stranger_is_not_trusted(fake_peer):
    stranger = keys.fingerprint_of(b"x" * 32)
    forger = type(fake_peer)(base_url=fake_peer.base_url)
    fake_peer.rotate(endorsed_by=forger.key)
    document = fake_peer.document()
    trusted = keys.chained_keys(fake_peer.base_url, {fake_peer.chain[0].fingerprint}, document)
    assert [key.fingerprint for key in trusted] == [fake_peer.chain[0].fingerprint]
    assert keys.chained_keys(fake_peer.base_url, {stranger}, document) == []


def test_a_listed_key_whose_fingerprint_does_not_match_it_is_ignored(fake_peer):
    document = fake_peer.document()
    document["keys"][0]["public_key"] = keys.b64url(b"y" * 32)
    assert keys.chained_keys(fake_peer.base_url, {fake_peer.key.fingerprint}, document) == []


def test_an_unknown_key_id_refetches_once_and_accepts_a_chained_rotation(fake_peer):
    peer = fake_peer.register()
    assert keys.peer_public_key(peer, fake_peer.key.key_id) is not None
    new = fake_peer.rotate()
    peer.keys_fetched_at = None
    assert keys.peer_public_key(peer, new.key_id) is not None
    peer.refresh_from_db()
    assert new.fingerprint in {key["fingerprint"] for key in peer.keys}


def test_an_unknown_key_id_is_refused_when_the_refetch_does_not_chain_it(fake_peer):
    peer = fake_peer.register()
    forger = type(fake_peer)(base_url=fake_peer.base_url)
    forged = fake_peer.rotate(endorsed_by=forger.key)
    with pytest.raises(keys.UntrustedKey, match="not chained"):
        keys.peer_public_key(peer, forged.key_id)


def test_federation_keys_rotate_prints_the_new_fingerprint(db, capsys):
    keys.current_key()
    call_command("federation_keys", "rotate")
    assert keys.current_key().fingerprint in capsys.readouterr().out


def test_a_replaced_key_is_refused_once_its_seven_days_are_over(fake_peer):
    peer = fake_peer.register()
    old = fake_peer.key
    fake_peer.rotate()
    old.valid_until = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=7)
    assert keys.peer_public_key(peer, old.key_id) is not None
    old.valid_until = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    peer.keys_fetched_at = None
    keys.peer_keys_refresh(peer=peer)
    with pytest.raises(keys.UntrustedKey):
        keys.peer_public_key(peer, old.key_id)
