"""A fake remote peer (its own Ed25519 key, its own identity document) and a requests
transport that answers through the Django test client: remote peers are the one thing the
protocol tests stand in for (no network, no second process)."""

import datetime
from io import BytesIO
from urllib.parse import urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.test import Client
from requests.adapters import BaseAdapter
from urllib3.response import HTTPResponse

from federation import keys
from federation.models import Peer
from federation.signing import sign_prepared


class FakeKey:
    def __init__(self, base_url: str):
        self.private = Ed25519PrivateKey.generate()
        self.raw = keys.public_raw(self.private.public_key())
        self.fingerprint = keys.fingerprint_of(self.raw)
        self.key_id = keys.key_id_for(base_url, self.fingerprint)
        self.public_key = keys.b64url(self.raw)
        self.created_at = datetime.datetime.now(datetime.UTC)
        self.valid_until: datetime.datetime | None = None
        self.endorsement = ""

    def listed(self) -> dict:
        return {
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "public_key": self.public_key,
            "created_at": self.created_at.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "endorsement": self.endorsement,
        }


class FakePeer:
    """Another instance at ``base_url``: signs requests with its key, serves its identity."""

    def __init__(self, base_url: str = "https://peer.example.org", name: str = "Peer"):
        self.base_url = base_url
        self.name = name
        self.chain = [FakeKey(base_url)]

    @property
    def key(self) -> FakeKey:
        return self.chain[-1]

    def rotate(self, *, endorsed_by: FakeKey | None = None) -> FakeKey:
        """A new key endorsed by ``endorsed_by`` (the current key unless a forger's)."""
        signer = endorsed_by or self.key
        new = FakeKey(self.base_url)
        claims = {"iss": self.base_url, "sub": new.key_id, "fingerprint": new.fingerprint}
        claims |= {"public_key": new.public_key, "iat": int(new.created_at.timestamp())}
        new.endorsement = jwt.encode(claims, signer.private, algorithm="EdDSA", headers={"kid": signer.key_id})
        self.chain.append(new)
        return new

    def document(self) -> dict:
        return {
            "url": self.base_url,
            "name": self.name,
            "key_id": self.key.key_id,
            "fingerprint": self.key.fingerprint,
            "keys": [key.listed() for key in self.chain],
        }

    def register(self, *, share=("public", "members"), accept=("public",)) -> Peer:
        return Peer.objects.create(
            name=self.name,
            base_url=self.base_url,
            fingerprint=self.chain[0].fingerprint,
            share_levels=list(share),
            accept_levels=list(accept),
        )

    def signed(
        self, method: str, path: str, *, body: bytes | None = None, created: datetime.datetime | None = None
    ) -> requests.PreparedRequest:
        """A request to our portal signed with this peer's current key."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        prepared = requests.Request(method, settings.PORTAL_URL + path, data=body, headers=headers).prepare()
        return sign_prepared(prepared, key_id=self.key.key_id, private_key=self.key.private, created=created)


def send_through_client(client: Client, prepared: requests.PreparedRequest):
    """Hand a prepared (signed) request to the Django test client, headers and body as they are."""
    parts = urlsplit(prepared.url or "")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {name: value for name, value in prepared.headers.items() if name.lower() != "content-type"}
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode()
    content_type = prepared.headers.get("Content-Type", "application/octet-stream")
    return client.generic(prepared.method or "GET", path, data=body, content_type=content_type, headers=headers)


class ClientAdapter(BaseAdapter):
    """A requests transport that answers from our own portal through the Django test client."""

    def __init__(self, client: Client):
        super().__init__()
        self.client = client

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        answer = send_through_client(self.client, request)
        raw = HTTPResponse(
            body=BytesIO(answer.content),
            headers=dict(answer.headers.items()),
            status=answer.status_code,
            preload_content=False,
        )
        response = requests.Response()
        response.status_code = answer.status_code
        response.headers = requests.structures.CaseInsensitiveDict(answer.headers.items())
        response.raw = raw
        response._content = answer.content
        response.request = request
        response.url = request.url
        return response

    def close(self):
        pass
