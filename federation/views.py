"""The origin's endpoints under /federation/: JSON, for registered peers only (every request
signed, every answer signed), except our identity document. See docs/FEDERATION.md."""

from collections.abc import Callable
from functools import wraps
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from http_message_signatures.exceptions import HTTPMessageSignaturesException
from pydantic import BaseModel, ValidationError

from federation import keys, services, signing
from federation.models import Peer
from federation.schema import MAX_PAGE_ITEMS, Holdings, ReceiptAccepted, ReceiptSubmission, Refusal, Tombstone

MAX_PAGE = MAX_PAGE_ITEMS


def _json(message: BaseModel, status: int = 200) -> HttpResponse:
    return HttpResponse(message.model_dump_json(), status=status, content_type="application/json")


def _refusal(reason: str, status: int) -> HttpResponse:
    return _json(Refusal(error=reason), status=status)


def _signed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Sign the answer; a request without a usable signature gets an unsigned refusal. No cache
    may store it: it is this peer's (members-only practices its agreement covers), and the request
    carries neither a cookie nor an Authorization header that would keep a shared cache from
    serving it again to an unsigned request."""
    patch_cache_control(response, private=True, no_store=True)
    try:
        return signing.sign_response(request, response)
    except HTTPMessageSignaturesException:
        return response


def peer_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Verify the request's signature (401 saying why), hand the view the calling peer, sign the answer."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            caller = signing.verify_request(request)
        except signing.SignatureRefused as exc:
            return _signed(request, _refusal(str(exc), 401))
        return _signed(request, view(request, caller.peer, *args, **kwargs))

    return wrapper


@require_GET
def instance(request: HttpRequest) -> HttpResponse:
    """Who we are: address, signing key, the whole key chain. Public: keys prove themselves."""
    return _json(keys.instance_document())


def _cursor(request: HttpRequest, name: str, default: int, ceiling: int | None = None) -> int:
    raw = request.GET.get(name, str(default))
    if not raw.isdigit():
        raise ValueError(f"{name} must be a non-negative integer")
    return min(int(raw), ceiling) if ceiling else int(raw)


@require_GET
@peer_endpoint
def feed(request: HttpRequest, peer: Peer) -> HttpResponse:
    try:
        cursor = _cursor(request, "cursor", 0)
        limit = _cursor(request, "limit", services.PAGE_SIZE, MAX_PAGE) or services.PAGE_SIZE
    except ValueError as exc:
        return _refusal(str(exc), 400)
    return _json(services.feed_serve(peer=peer, cursor=cursor, limit=limit))


@require_GET
@peer_endpoint
def manifest(request: HttpRequest, peer: Peer) -> HttpResponse:
    return _json(services.manifest_serve(peer=peer))


@require_GET
@peer_endpoint
def item(request: HttpRequest, peer: Peer, uuid: UUID) -> HttpResponse:
    entry = services.item_serve(peer=peer, uuid=uuid)
    if entry is None:
        return _refusal("no such practice is shared with you", 404)
    return _json(entry, status=410 if isinstance(entry, Tombstone) else 200)


@require_http_methods(["POST"])
@peer_endpoint
def receipts(request: HttpRequest, peer: Peer) -> HttpResponse:
    try:
        submission = ReceiptSubmission.model_validate_json(request.body)
    except ValidationError as exc:
        return _refusal(f"malformed receipt submission: {exc.errors()[0]['msg']}", 400)
    try:
        receipt = services.receipt_record(peer=peer, token=submission.receipt)
    except services.ReceiptRefused as exc:
        return _refusal(str(exc), 400)
    answer = ReceiptAccepted(item=receipt.practice_uuid, event=receipt.event, received_at=receipt.received_at)
    return _json(answer, status=201)


@require_http_methods(["POST"])
@peer_endpoint
def holdings(request: HttpRequest, peer: Peer) -> HttpResponse:
    try:
        report = Holdings.model_validate_json(request.body)
    except ValidationError as exc:
        return _refusal(f"malformed holdings report: {exc.errors()[0]['msg']}", 400)
    return _json(services.holdings_check(peer=peer, held=set(report.items)))
