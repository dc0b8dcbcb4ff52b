"""A fake origin for the peer side's in-process tests: serves crafted feed pages, a manifest
and items, signed with its own key as a real origin signs its responses; records the
receipts posted to it. A requests transport, mounted for its base URL only."""

import datetime
import json
import uuid as uuid_module
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from http_message_signatures import HTTPMessageSigner
from http_message_signatures.structures import CaseInsensitiveDict
from requests.adapters import BaseAdapter
from urllib3.response import HTTPResponse

from federation.signing import ALGORITHM, LABEL, LIFETIME, RESPONSE_COMPONENTS, TAG, _FixedKey, _Request, _Response
from tests.federation.fakes import FakePeer


class FakeOrigin(BaseAdapter):
    def __init__(self, peer: FakePeer, page_size: int = 2):
        super().__init__()
        self.peer = peer
        self.feed_id = str(uuid_module.uuid4())
        self.events: list[dict] = []  # feed entries, their "event" numbered 1..n
        self.manifest: list[dict] | None = None  # None: what the feed's newest states say
        self.receipts: list[dict] = []
        self.notices: list[dict] = []
        self.holdings: list[list[str]] = []
        self.page_size = page_size
        self.down = False
        self.refusal: str = ""  # a signed 401 with this error instead of every answer
        self.refusal_unsigned = False  # that 401 without a signature (as someone between us would send it)
        self.pages_left: int | None = None  # feed pages served before it goes down (None: no limit)
        self.requests: list[str] = []
        self.clock_shift = datetime.timedelta(0)  # its clock minus ours

    # What the origin publishes ---------------------------------------------------------------

    def publish(self, item) -> dict:
        entry = json.loads(item.model_copy(update={"event": len(self.events) + 1}).model_dump_json())
        self.events.append(entry)
        return entry

    def add_raw(self, entry: dict) -> None:
        self.events.append({**entry, "event": len(self.events) + 1})

    def withdraw(self, uuid) -> dict:
        at = datetime.datetime.now(datetime.UTC).isoformat()
        entry = {"type": "tombstone", "event": len(self.events) + 1, "uuid": str(uuid), "withdrawn_at": at}
        self.events.append(entry)
        return entry

    # Answers -------------------------------------------------------------------------------

    def _feed(self, cursor: int) -> dict:
        page = [e for e in self.events if e["event"] > cursor][: self.page_size]
        next_cursor = page[-1]["event"] if page else cursor
        return {"feed_id": self.feed_id, "items": page, "next_cursor": next_cursor, "latest": len(self.events)}

    def _current(self) -> dict[str, dict]:
        state: dict[str, dict] = {}
        for entry in self.events:
            state[entry.get("uuid", "")] = entry
        return {uuid: e for uuid, e in state.items() if e.get("type") == "practice"}

    def _manifest(self) -> dict:
        items = self.manifest
        if items is None:
            items = [
                {"uuid": e["uuid"], "version": e["version"], "updated_at": e["updated_at"]}
                for e in self._current().values()
            ]
        return {"feed_id": self.feed_id, "latest": len(self.events), "items": items}

    def _answer(self, request) -> tuple[int, dict]:
        parts = urlsplit(request.url)
        if parts.path == "/federation/feed":
            return 200, self._feed(int(parse_qs(parts.query).get("cursor", ["0"])[0]))
        if parts.path == "/federation/manifest":
            return 200, self._manifest()
        if parts.path.startswith("/federation/items/"):
            entry = self._current().get(parts.path.rsplit("/", 1)[-1])
            return (200, entry) if entry else (404, {"error": "no such item"})
        if parts.path == "/federation/holdings" and request.method == "POST":
            held = json.loads(request.body)["items"]
            self.holdings.append(held)
            current = self._current()
            return 200, {"held": len(held), "drop": [u for u in held if u not in current], "unknown": []}
        if parts.path == "/federation/receipts" and request.method == "POST":
            token = json.loads(request.body)["receipt"]
            self.receipts.append(jwt.decode(token, options={"verify_signature": False}))
            return 201, {"status": "stored"}
        return 404, {"error": "not found"}

    def _signed(self, request, status: int, body: bytes) -> requests.Response:
        headers = CaseInsensitiveDict({"Content-Type": "application/json"})
        now = datetime.datetime.now(datetime.UTC) + self.clock_shift
        signer = HTTPMessageSigner(signature_algorithm=ALGORITHM, key_resolver=_FixedKey(self.peer.key.private))
        asked = _Request(method=request.method, url=request.url, headers=CaseInsensitiveDict(request.headers))
        signer.sign(
            _Response(status_code=status, headers=headers, request=asked),
            key_id=self.peer.key.key_id,
            created=now,
            expires=now + LIFETIME,
            label=LABEL,
            tag=TAG,
            covered_component_ids=RESPONSE_COMPONENTS[:2] + RESPONSE_COMPONENTS[3:],
            body=body,
        )
        response = requests.Response()
        response.status_code = status
        response.headers = requests.structures.CaseInsensitiveDict(headers.items())
        response.raw = HTTPResponse(body=BytesIO(body), status=status, preload_content=False)
        response._content = body
        response.request = request
        response.url = request.url
        return response

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        self.requests.append(f"{request.method} {request.url}")
        if self.pages_left is not None and "/federation/feed" in request.url:
            self.down, self.pages_left = self.pages_left <= 0, self.pages_left - 1
        if self.down:
            raise requests.ConnectionError(f"{self.peer.base_url} is down")
        if "Signature" not in request.headers:
            return self._signed(request, 401, b'{"error": "unsigned"}')
        if self.refusal:
            refused = self._signed(request, 401, json.dumps({"error": self.refusal}).encode())
            if self.refusal_unsigned:
                for name in ("Signature", "Signature-Input"):
                    refused.headers.pop(name, None)
            return refused
        status, data = self._answer(request)
        return self._signed(request, status, json.dumps(data).encode())

    def close(self):
        pass
