"""POST /federation/inbox: an origin's signed notices (the alarm; pulling stays the truth).

- ``changed``: pull that origin at the worker's next loop;
- ``withdraw``: purge the copy now and owe the origin a receipt (posted by the worker's next
  loop, not while the origin waits for this answer);
- ``revoke-all``: purge every copy of that origin (it removed this portal as a peer).
"""

import json

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from pydantic import ValidationError as SchemaError

from federation import deliveries, schema
from federation.copies import copies_drop, copy_withdraw
from federation.models import Peer, PullState
from federation.pull import origin_of
from federation.signing import SignatureRefused, sign_response, verify_request


def _answer(request: HttpRequest, code: int, body: dict) -> JsonResponse:
    return sign_response(request, JsonResponse(body, status=code))  # type: ignore[return-value]


def notice_receive(*, peer: Peer, notice: schema.Notice) -> str:
    """Apply a notice from ``peer``; returns what was done."""
    origin = origin_of(peer)
    if notice.type == "changed":
        PullState.objects.update_or_create(peer=peer, defaults={"requested": True, "next_pull_at": timezone.now()})
        return "pull scheduled"
    if notice.type == "revoke-all":
        return f"{copies_drop(origin=origin, withdrawn_at=timezone.now())} copies dropped"
    if notice.uuid is None or notice.event is None:
        raise ValueError("a withdraw notice names the practice (uuid) and its event")
    applied_at = timezone.now()
    copy_withdraw(origin=origin, uuid=notice.uuid, withdrawn_at=notice.withdrawn_at or applied_at)
    deliveries.receipt_owed(peer=peer, uuid=notice.uuid, event=notice.event, applied_at=applied_at)
    return "withdrawn"


@csrf_exempt
@require_POST
def inbox(request: HttpRequest) -> JsonResponse:
    try:
        caller = verify_request(request)
    except SignatureRefused as exc:
        return JsonResponse({"error": str(exc)}, status=401)
    try:
        notice = schema.Notice.model_validate(json.loads(request.body))
    except (SchemaError, ValueError) as exc:
        return _answer(request, 400, {"error": f"malformed notice: {exc}"})
    if notice.origin.rstrip("/") != caller.peer.base_url.rstrip("/"):
        return _answer(request, 400, {"error": "the notice's origin is not the peer that signed it"})
    try:
        done = notice_receive(peer=caller.peer, notice=notice)
    except ValueError as exc:
        return _answer(request, 400, {"error": str(exc)})
    return _answer(request, 202, {"status": done})
