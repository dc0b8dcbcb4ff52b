"""RFC 9421 HTTP Message Signatures between instances (http-message-signatures, and
requests-http-signature as the client), Ed25519, tag ``pve-federation``, label ``pve``.

Requests cover ``@method``, ``@target-uri`` (rebuilt from PORTAL_URL on the receiving side,
never from Host), ``content-digest`` and ``date``, with ``created``, ``expires`` (+300 s) and a
nonce that is kept until it expires. Responses cover ``@status``, ``content-type``,
``content-digest`` and the request's method, target URI and signature, so a response answers
one request only. Clocks may differ by 60 s: every signature verified records the peer's clock
offset (``Peer.clock_offset``). See docs/FEDERATION.md, "Protocol".
"""

import datetime
import json as jsonlib
import logging
import time
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    algorithms,
)
from http_message_signatures.exceptions import HTTPMessageSignaturesException
from http_message_signatures.structures import CaseInsensitiveDict
from requests_http_signature import HTTPSignatureAuth
from urllib3.exceptions import HTTPError as TransportError

from federation import keys
from federation.models import InstanceKey, Nonce, Peer

logger = logging.getLogger(__name__)

TAG = "pve-federation"
LABEL = "pve"
SKEW = datetime.timedelta(seconds=60)
CLOCK_WARNING = SKEW / 2  # an offset beyond this is reported as nearing the limit
LIFETIME = datetime.timedelta(seconds=300)
TIMEOUT = 30  # seconds, connecting and each read
RESPONSE_DEADLINE = 120  # seconds for a whole answer: one that drips in slower is given up
MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # the largest answer read (a feed page of 500 long items fits)
REQUEST_COMPONENTS = ("@method", "@target-uri", "content-digest")
RESPONSE_COMPONENTS = (
    "@status",
    "content-type",
    "content-digest",
    '"@method";req',
    '"@target-uri";req',
    f'"signature";req;key="{LABEL}"',
)
ALGORITHM = algorithms.ED25519


class SignatureRefused(Exception):
    """A message whose signature we do not accept; the message says why (sent back with a 401)."""


class AnswerTooLarge(requests.RequestException):
    """The peer's answer was larger, or slower to arrive, than this portal reads."""


class RefusedByPeer(SignatureRefused):
    """The peer answered 401 (it does not accept our signature); ``reason`` is what it said and
    ``signed`` whether the peer's own signature on that answer verified (only then is the
    reason the peer's word, not that of whoever sits between us)."""

    def __init__(self, peer: Peer, reason: str, *, signed: bool = False):
        super().__init__(f"{peer.base_url} refused our request: {reason}" + ("" if signed else " (unsigned answer)"))
        self.reason = reason
        self.signed = signed


def now() -> datetime.datetime:
    """Our clock for signatures (shifted by FEDERATION_TEST_CLOCK_SHIFT in the tests of skew)."""
    return timezone.now() + datetime.timedelta(seconds=settings.FEDERATION_TEST_CLOCK_SHIFT)


class _Verifier(HTTPMessageVerifier):
    """Checks only that ``created`` is there: its distance to our clock is checked once the
    signature is verified (``_refuse_skew``, ``_refuse_expired``), so that the peer's clock offset is known and said."""

    max_clock_skew = SKEW

    def validate_created_and_expires(self, sig_input, max_age=None) -> None:
        if "created" not in sig_input.params:
            raise InvalidSignature('Signature is missing a required "created" parameter')
        for name in ("created", "expires"):
            if name in sig_input.params:
                self._parse_integer_timestamp(sig_input.params[name], field_name=name)


class _Auth(HTTPSignatureAuth):
    verifier_class = _Verifier


class _OwnKeys(HTTPSignatureKeyResolver):
    def __init__(self, key: InstanceKey):
        self.key = key

    def resolve_private_key(self, key_id: str):
        return keys.private_key_of(self.key)

    def resolve_public_key(self, key_id: str):
        raise InvalidSignature("we verify only our peers' signatures")


class _PeerKeys(HTTPSignatureKeyResolver):
    """Resolves a key id to a registered, active peer's key (remembering which peer it was)."""

    def __init__(self, peer: Peer | None = None, *, refetch_at_once: bool = False):
        self.peer = peer
        self.refetch_at_once = refetch_at_once

    def resolve_private_key(self, key_id: str):
        raise InvalidSignature("no private key for a peer")

    def resolve_public_key(self, key_id: str):
        try:
            base, _fingerprint = keys.split_key_id(key_id)
        except keys.UntrustedKey as exc:
            raise InvalidSignature(str(exc)) from exc
        if self.peer is None:
            self.peer = Peer.objects.filter(base_url=base).first()
        if self.peer is None or self.peer.base_url != base:
            raise InvalidSignature(f"unknown peer {base}")
        if not self.peer.is_active:
            raise InvalidSignature(f"peer {base} is {self.peer.state}")
        try:
            return keys.peer_public_key(self.peer, key_id, rate_limited=not self.refetch_at_once)
        except keys.UntrustedKey as exc:
            raise InvalidSignature(str(exc)) from exc


# Django's request and response as the messages the library signs and verifies.


@dataclass
class _Request:
    method: str
    url: str
    headers: Any


@dataclass
class _Response:
    status_code: int
    headers: Any
    request: _Request


def _as_message(request: HttpRequest) -> _Request:
    """The request as its sender signed it: the URL rebuilt from PORTAL_URL, never Host."""
    return _Request(
        method=(request.method or "GET").upper(),
        url=settings.PORTAL_URL + request.get_full_path(),
        headers=CaseInsensitiveDict(request.headers.items()),
    )


@dataclass(frozen=True)
class Caller:
    """A verified request: who sent it, with which key."""

    peer: Peer
    key_id: str


def _check_lifetime(parameters: dict) -> None:
    created, expires = parameters.get("created"), parameters.get("expires")
    if not isinstance(expires, int) or not isinstance(created, int):
        raise SignatureRefused("the signature needs created and expires")
    if expires - created > LIFETIME.total_seconds():
        raise SignatureRefused("the signature may live 300 seconds at most")
    if not parameters.get("nonce"):
        raise SignatureRefused("the signature needs a nonce")


def clock_note(offset: float | None) -> str:
    """How a peer's clock offset stands against the limit ('' when fine or unknown)."""
    if offset is None or abs(offset) < CLOCK_WARNING.total_seconds():
        return ""
    limit = {"limit": int(SKEW.total_seconds())}
    if abs(offset) > SKEW.total_seconds():
        return gettext("beyond the %(limit)d s limit: its signatures are refused") % limit
    return gettext("nearing the %(limit)d s limit") % limit


def _clock_offset(parameters: dict) -> float:
    """The signer's clock minus ours, in seconds, from the signature's ``created``."""
    created = datetime.datetime.fromtimestamp(int(parameters["created"]), tz=datetime.UTC)
    return round((created - now()).total_seconds(), 1)


def _record_clock(peer: Peer, offset: float) -> None:
    peer.clock_offset, peer.clock_measured_at = offset, timezone.now()
    Peer.objects.filter(pk=peer.pk).update(clock_offset=offset, clock_measured_at=peer.clock_measured_at)
    if clock_note(offset):
        logger.warning("%s's clock is %+.0f s from ours (%s)", peer.base_url, offset, clock_note(offset))


def _refuse_skew(peer: Peer, offset: float, what: str) -> None:
    if abs(offset) > SKEW.total_seconds():
        raise SignatureRefused(
            f"{what} was signed {abs(offset):.0f} s {'ahead of' if offset > 0 else 'behind'} our clock"
            f" (at most {SKEW.total_seconds():.0f} s allowed): check both clocks (NTP)"
        )


def _refuse_expired(parameters: dict) -> None:
    expires = parameters.get("expires")
    if isinstance(expires, int) and datetime.datetime.fromtimestamp(expires, tz=datetime.UTC) < now() - SKEW:
        raise SignatureRefused("the signature has expired")


def _remember_nonce(nonce: str, expires: int) -> None:
    """Keep the nonce until the signature expires (and the skew has passed); a second use is a replay."""
    now = timezone.now()
    Nonce.objects.filter(expires_at__lt=now - SKEW).delete()
    expires_at = datetime.datetime.fromtimestamp(expires, tz=datetime.UTC) + SKEW
    try:
        with transaction.atomic():
            Nonce.objects.create(value=nonce[:128], expires_at=expires_at)
    except IntegrityError as exc:
        raise SignatureRefused("replayed request: this nonce was already used") from exc


def verify_request(request: HttpRequest) -> Caller:
    """The registered, active peer that signed ``request``; SignatureRefused says why not."""
    resolver = _PeerKeys()
    verifier = _Verifier(signature_algorithm=ALGORITHM, key_resolver=resolver)
    try:
        result = verifier.verify(
            _as_message(request),
            max_age=datetime.timedelta(0),
            expect_tag=TAG,
            expect_label=LABEL,
            require_components=REQUEST_COMPONENTS,
            body=request.body,
        )[0]
    except (InvalidSignature, HTTPMessageSignaturesException) as exc:
        raise SignatureRefused(str(exc) or "the signature does not match the message") from exc
    parameters = result.parameters
    _check_lifetime(parameters)
    assert resolver.peer is not None  # resolved while verifying
    offset = _clock_offset(parameters)
    if abs(offset) > SKEW.total_seconds():  # (or an old request replayed: either way refused)
        _record_clock(resolver.peer, offset)
        _refuse_skew(resolver.peer, offset, "the request")
    _refuse_expired(parameters)
    _remember_nonce(str(parameters["nonce"]), int(parameters["expires"]))
    _record_clock(resolver.peer, offset)  # after the nonce: a replay does not count
    return Caller(peer=resolver.peer, key_id=str(parameters["keyid"]))


def sign_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Sign ``response`` as the answer to the signed ``request``."""
    key = keys.current_key()
    created = now()
    signer = HTTPMessageSigner(signature_algorithm=ALGORITHM, key_resolver=_OwnKeys(key))
    signer.sign(
        _Response(status_code=response.status_code, headers=response.headers, request=_as_message(request)),
        key_id=keys.own_key_id(key),
        created=created,
        expires=created + LIFETIME,
        label=LABEL,
        tag=TAG,
        covered_component_ids=RESPONSE_COMPONENTS[:2] + RESPONSE_COMPONENTS[3:],
        body=response.content,
    )
    return response


def sign_prepared(
    prepared: requests.PreparedRequest,
    *,
    key_id: str,
    private_key,
    created: datetime.datetime | None = None,
) -> requests.PreparedRequest:
    """Sign a prepared request with a nonce and a 300-second lifetime (``created`` for tests of skew)."""
    auth = _Auth(
        signature_algorithm=ALGORITHM,
        key_resolver=_FixedKey(private_key),
        key_id=key_id,
        covered_component_ids=("@method", "@target-uri"),
        label=LABEL,
        tag=TAG,
        use_nonce=True,
        expires_in=LIFETIME,
    )
    when = created or now()
    auth.get_created = lambda request: when  # type: ignore[method-assign]  # our clock (or a test's)
    return auth(prepared)


class _FixedKey(HTTPSignatureKeyResolver):
    def __init__(self, private_key):
        self.private_key = private_key

    def resolve_private_key(self, key_id: str):
        return self.private_key

    def resolve_public_key(self, key_id: str):
        raise InvalidSignature("signing only")


def verify_response(peer: Peer, response: requests.Response) -> None:
    """Raise SignatureRefused unless ``peer`` signed ``response`` as the answer to our request."""
    try:
        result = _Auth.verify(
            response,
            require_components=RESPONSE_COMPONENTS,
            signature_algorithm=ALGORITHM,
            # An answer to our own request: a key it names that we do not know yet (the peer rotated
            # its key since) is looked up at once, not after the 30 s that guard against floods of
            # requests naming unknown keys.
            key_resolver=_PeerKeys(peer, refetch_at_once=True),
            max_age=None,
            expect_tag=TAG,
            expect_label=LABEL,
        )
    except (InvalidSignature, HTTPMessageSignaturesException) as exc:
        raise SignatureRefused(f"{peer.base_url} answered without a valid signature: {exc}") from exc
    offset = _clock_offset(result.parameters)  # an answer to our fresh request: never a replay
    _record_clock(peer, offset)
    _refuse_skew(peer, offset, f"{peer.base_url}'s answer")
    _refuse_expired(result.parameters)


def _session() -> requests.Session:
    """The HTTP session requests go through (tests route it to a peer in the same process)."""
    return requests.Session()


def signed_request(peer: Peer, method: str, url: str, json: Any = None) -> requests.Response:
    """Send a signed request to ``peer`` and return its response once its signature is verified.

    Raises SignatureRefused (bad or missing response signature), RefusedByPeer (it answered
    401: unknown peer, bad signature...) and requests' exceptions (network). Other 4xx answers
    come back as responses, signed like any other.
    """
    if not url.startswith(peer.base_url.rstrip("/") + "/"):
        raise ValueError(f"{url} is not on {peer.base_url}")
    key = keys.current_key()
    headers = {"Accept": "application/json", "Accept-Encoding": "identity"}
    body = None
    if json is not None:
        body = jsonlib.dumps(json, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json"
    prepared = requests.Request(method.upper(), url, data=body, headers=headers).prepare()
    sign_prepared(prepared, key_id=keys.own_key_id(key), private_key=keys.private_key_of(key))
    with _session() as session:
        response = session.send(prepared, timeout=TIMEOUT, allow_redirects=False, stream=True)
        _read_bounded(response)
    if response.status_code == 401:  # signed or not: it does not accept us
        raise RefusedByPeer(peer, _reason(response), signed=_signed_refusal(peer, response))
    verify_response(peer, response)
    return response


def _read_bounded(response: requests.Response) -> None:
    """Read the answer's body, at most MAX_RESPONSE_BYTES and within RESPONSE_DEADLINE seconds
    (each read returns what has arrived, waiting TIMEOUT at most); AnswerTooLarge otherwise."""
    deadline, body = time.monotonic() + RESPONSE_DEADLINE, bytearray()
    try:
        while chunk := response.raw.read1(64 * 1024):
            body += chunk
            if len(body) > MAX_RESPONSE_BYTES:
                raise AnswerTooLarge(f"{response.url} answered more than {MAX_RESPONSE_BYTES} bytes: not read")
            if time.monotonic() > deadline:
                raise AnswerTooLarge(f"{response.url} took more than {RESPONSE_DEADLINE} s to answer: given up")
    except TransportError as exc:
        raise requests.ConnectionError(f"{response.url}: reading the answer failed: {exc}") from exc
    finally:
        response.close()
    response._content, response._content_consumed = bytes(body), True


def _signed_refusal(peer: Peer, response: requests.Response) -> bool:
    """Whether the peer signed its refusal (verify_response also records its clock offset)."""
    if "Signature" not in response.headers:
        return False
    try:
        verify_response(peer, response)
    except SignatureRefused:
        return False
    return True


def _reason(response: requests.Response) -> str:
    try:
        return str(response.json().get("error", ""))[:500]
    except ValueError:
        return response.text[:500]
