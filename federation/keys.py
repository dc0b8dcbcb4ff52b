"""Ed25519 keys: ours (created on first use, rotated by ``federation_keys rotate``) and our
peers' (learnt from their ``/federation/instance`` and trusted only when chained to the
fingerprint their operator confirmed). See docs/FEDERATION.md, "Identity and keys".
"""

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from federation.models import InstanceKey, Peer
from federation.schema import Instance, PublicKey

# A replaced key still verifies for this long (peers may hold requests or caches signed with it).
OLD_KEY_LIFETIME = timedelta(days=7)
INSTANCE_PATH = "/federation/instance"
FETCH_TIMEOUT = 10  # seconds
# An unknown key id refetches a peer's keys at most this often.
REFETCH_INTERVAL = timedelta(seconds=30)


class UntrustedKey(Exception):
    """A key could not be trusted; the message says why."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def fingerprint_of(public_raw: bytes) -> str:
    """SHA-256 of the raw 32-byte public key, in lowercase hex: what operators compare."""
    return hashlib.sha256(public_raw).hexdigest()


def key_id_for(base_url: str, fingerprint: str) -> str:
    return f"{base_url.rstrip('/')}{INSTANCE_PATH}#{fingerprint}"


def split_key_id(key_id: str) -> tuple[str, str]:
    """(base URL, fingerprint) of a key id, or raise UntrustedKey."""
    base, sep, fingerprint = key_id.partition(f"{INSTANCE_PATH}#")
    if not sep or not base or not fingerprint:
        raise UntrustedKey(f"malformed key id {key_id!r}")
    return base, fingerprint


def public_raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def load_public(b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(b64url_decode(b64))


# Our keys ----------------------------------------------------------------------------------


def own_key_id(key: InstanceKey) -> str:
    return key_id_for(settings.PORTAL_URL, key.fingerprint)


def private_key_of(key: InstanceKey) -> Ed25519PrivateKey:
    loaded = serialization.load_pem_private_key(key.private_key.encode("ascii"), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise UntrustedKey("the stored instance key is not an Ed25519 key")
    return loaded


def _new_key(generation: int, predecessor: InstanceKey | None) -> InstanceKey:
    private = Ed25519PrivateKey.generate()
    raw = public_raw(private.public_key())
    key = InstanceKey(
        generation=generation,
        fingerprint=fingerprint_of(raw),
        public_key=b64url(raw),
        private_key=private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode("ascii"),
    )
    if predecessor is not None:
        key.endorsement = endorsement_for(key, predecessor)
    key.save()
    return key


def endorsement_for(key: InstanceKey, predecessor: InstanceKey) -> str:
    """A JWS by ``predecessor`` naming ``key``: what lets a peer that trusts the one trust the other."""
    claims = {
        "iss": settings.PORTAL_URL,
        "sub": own_key_id(key),
        "fingerprint": key.fingerprint,
        "public_key": key.public_key,
        "iat": int(timezone.now().timestamp()),
    }
    return jwt.encode(claims, private_key_of(predecessor), algorithm="EdDSA", headers={"kid": own_key_id(predecessor)})


def current_key() -> InstanceKey:
    """The key we sign with: the newest, created on first use (each instance has its own,
    even one started from a copy of another's migrated database)."""
    key = InstanceKey.objects.order_by("-generation").first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return _new_key(1, None)
    except IntegrityError:  # another process created it first
        return InstanceKey.objects.order_by("-generation").get(generation=1)


@transaction.atomic
def keys_rotate() -> InstanceKey:
    """A new signing key endorsed by the current one, which stays valid OLD_KEY_LIFETIME more."""
    previous = current_key()
    previous = InstanceKey.objects.select_for_update().get(pk=previous.pk)
    key = _new_key(previous.generation + 1, previous)
    InstanceKey.objects.filter(pk=previous.pk).update(valid_until=timezone.now() + OLD_KEY_LIFETIME)
    return key


def published_keys() -> list[InstanceKey]:
    """Every key of the chain, oldest first (expired ones too: a peer needs them to follow the chain)."""
    current_key()
    return list(InstanceKey.objects.order_by("generation"))


def is_valid(valid_until: datetime | None, now: datetime | None = None) -> bool:
    return valid_until is None or valid_until > (now or timezone.now())


# Our peers' keys ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedKey:
    key_id: str
    fingerprint: str
    public_key: str
    endorsement: str
    valid_until: datetime | None


def _listed(document: dict) -> list[ListedKey]:
    listed = []
    for entry in document.get("keys", []):
        valid_until = entry.get("valid_until")
        listed.append(
            ListedKey(
                key_id=entry["key_id"],
                fingerprint=entry["fingerprint"],
                public_key=entry["public_key"],
                endorsement=entry.get("endorsement") or "",
                valid_until=parse_datetime(valid_until) if valid_until else None,
            )
        )
    return listed


def _self_consistent(base_url: str, key: ListedKey) -> bool:
    try:
        raw = b64url_decode(key.public_key)
    except ValueError:
        return False
    return (
        len(raw) == 32
        and fingerprint_of(raw) == key.fingerprint
        and key.key_id == key_id_for(base_url, key.fingerprint)
    )


def _endorsed_by(key: ListedKey, trusted: dict[str, ListedKey]) -> bool:
    """Whether a JWS by one of the ``trusted`` keys names exactly this key."""
    try:
        kid = jwt.get_unverified_header(key.endorsement).get("kid", "")
    except jwt.PyJWTError:
        return False
    signer = next((t for t in trusted.values() if t.key_id == kid), None)
    if signer is None:
        return False
    try:
        claims = jwt.decode(key.endorsement, load_public(signer.public_key), algorithms=["EdDSA"])
    except (jwt.PyJWTError, ValueError):
        return False
    return claims.get("fingerprint") == key.fingerprint and claims.get("public_key") == key.public_key


def chained_keys(base_url: str, pinned: set[str], document: dict) -> list[ListedKey]:
    """The keys of ``document`` that are the pinned ones or endorsed, link by link, by them."""
    listed = [key for key in _listed(document) if _self_consistent(base_url, key)]
    trusted = {key.fingerprint: key for key in listed if key.fingerprint in pinned}
    grew = True
    while grew:
        grew = False
        for key in listed:
            if key.fingerprint not in trusted and key.endorsement and _endorsed_by(key, trusted):
                trusted[key.fingerprint] = key
                grew = True
    return list(trusted.values())


def fetch_instance(base_url: str) -> dict:
    """A peer's identity document (unsigned: its keys prove themselves through the chain)."""
    response = requests.get(f"{base_url.rstrip('/')}{INSTANCE_PATH}", timeout=FETCH_TIMEOUT)
    response.raise_for_status()
    return response.json()


def fingerprint_check(base_url: str, fingerprint: str) -> bool | None:
    """Whether the instance at ``base_url`` lists a key with ``fingerprint``; None when it
    cannot be reached (it may not be running yet)."""
    try:
        document = fetch_instance(base_url)
    except (requests.RequestException, ValueError):
        return None
    return bool(chained_keys(base_url, {fingerprint}, document))


def peer_keys_refresh(*, peer: Peer) -> list[dict]:
    """Fetch the peer's keys and keep those chained to what we already trust."""
    document = fetch_instance(peer.base_url)
    if document.get("url", "").rstrip("/") != peer.base_url.rstrip("/"):
        raise UntrustedKey(f"{peer.base_url} describes itself as {document.get('url')!r}")
    pinned = {peer.fingerprint, *(key["fingerprint"] for key in peer.keys)}
    trusted = chained_keys(peer.base_url, pinned, document)
    if not trusted:
        raise UntrustedKey(f"{peer.base_url} lists no key chained to the pinned fingerprint {peer.fingerprint}")
    peer.keys = [
        {
            "key_id": key.key_id,
            "fingerprint": key.fingerprint,
            "public_key": key.public_key,
            "valid_until": key.valid_until.isoformat() if key.valid_until else None,
        }
        for key in trusted
    ]
    peer.keys_fetched_at = timezone.now()
    Peer.objects.filter(pk=peer.pk).update(keys=peer.keys, keys_fetched_at=peer.keys_fetched_at)
    return peer.keys


def _known(peer: Peer, key_id: str) -> Ed25519PublicKey | None:
    now = timezone.now()
    for key in peer.keys:
        valid_until = parse_datetime(key["valid_until"]) if key.get("valid_until") else None
        if key["key_id"] == key_id and is_valid(valid_until, now):
            return load_public(key["public_key"])
    return None


def peer_public_key(peer: Peer, key_id: str, *, rate_limited: bool = True) -> Ed25519PublicKey:
    """The peer's valid key named ``key_id``; an unknown id triggers one refetch of its keys (at
    most every REFETCH_INTERVAL when ``rate_limited``: a request from anyone may name any key)."""
    key = _known(peer, key_id)
    if key is not None:
        return key
    recently = peer.keys_fetched_at is not None and timezone.now() - peer.keys_fetched_at < REFETCH_INTERVAL
    if rate_limited and recently and peer.keys:
        raise UntrustedKey(f"unknown key {key_id}")
    try:
        peer_keys_refresh(peer=peer)
    except (requests.RequestException, ValueError) as exc:
        raise UntrustedKey(f"could not fetch the keys of {peer.base_url}: {exc}") from exc
    key = _known(peer, key_id)
    if key is None:
        raise UntrustedKey(f"unknown key {key_id}: not chained to the pinned fingerprint")
    return key


def instance_document() -> Instance:
    """What GET /federation/instance serves: our address, the signing key and the whole chain."""
    chain = published_keys()
    current = chain[-1]
    return Instance(
        url=settings.PORTAL_URL,
        name=settings.PORTAL_NAME,
        key_id=own_key_id(current),
        fingerprint=current.fingerprint,
        keys=[
            PublicKey(
                key_id=own_key_id(key),
                fingerprint=key.fingerprint,
                public_key=key.public_key,
                created_at=key.created_at,
                valid_until=key.valid_until,
                endorsement=key.endorsement,
            )
            for key in chain
        ],
    )
