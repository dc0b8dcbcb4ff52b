"""Errors as RFC 9457 problem details (``application/problem+json``).

    {"type": "about:blank", "title": "Not Found", "status": 404,
     "detail": "No such practice.", "instance": "/api/v1/practices/7/", "code": "not_found"}

``type`` is ``about:blank`` when the HTTP status says everything, otherwise a
``urn:pve-portal:problem:…`` name listed in docs/API.md. Validation errors add
``errors``: one entry per invalid field, ``{"field", "detail", "code"}``.
Services raise Django's ``ValidationError`` and ``PermissionDenied``; they become
400 and 403 here, so views need not translate them.
"""

from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

PROBLEM_CONTENT_TYPE = "application/problem+json"
URN = "urn:pve-portal:problem:"


class ContentTooLarge(exceptions.APIException):
    """The body is over ``DATA_UPLOAD_MAX_MEMORY_SIZE``: Django refuses to read it."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "content_too_large"


class Conflict(exceptions.APIException):
    """The request is valid but the resource is not in a state that allows it (e.g. not in review)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource is not in a state that allows this."
    default_code = "conflict"


def _titles() -> dict[str, tuple[str, str]]:
    """DRF error code -> (problem type, title). Types other than about:blank are named in docs/API.md."""
    return {
        "invalid": (URN + "validation-error", _("Your request is not valid.")),
        "parse_error": (URN + "malformed-request", _("Your request could not be read.")),
        "not_authenticated": (URN + "not-authenticated", _("Authentication is required.")),
        "authentication_failed": (URN + "authentication-failed", _("Authentication failed.")),
        "permission_denied": (URN + "forbidden", _("You may not do this.")),
        "throttled": (URN + "rate-limited", _("Too many requests.")),
        "conflict": (URN + "conflict", _("Not possible in the current state.")),
    }


def as_api_exception(exc: Exception) -> Exception:
    """Django's exceptions (raised by services and access functions) as DRF's."""
    if isinstance(exc, Http404):
        # Its message is the access function's, in English ("No such practice."): the API's own
        # words, in the request's language, and the same for what is hidden as for what is absent.
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(_validation_detail(exc))
    # Raised while the body is read (over the size limit, too many fields): Django would answer its
    # HTML 400 page. Other suspicious operations are not the request's body: left to Django.
    if isinstance(exc, RequestDataTooBig):
        return ContentTooLarge(_("The request body is too large."))
    if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return exceptions.ParseError(_("The request has too many fields or files."))
    return exc


def _validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {_field_name(name): messages for name, messages in exc.message_dict.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def _field_name(name: str) -> str:
    return api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name


def field_errors(detail: Any, prefix: str = "") -> list[dict[str, Any]]:
    """DRF's nested error detail as a flat list: one entry per message, with its field path."""
    if isinstance(detail, dict):
        return [entry for key, value in detail.items() for entry in field_errors(value, _join(prefix, str(key)))]
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [_entry(prefix, item) for item in detail]
        return [entry for index, item in enumerate(detail) for entry in field_errors(item, _join(prefix, str(index)))]
    return [_entry(prefix, detail)]


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _entry(field: str, message: Any) -> dict[str, Any]:
    non_field = field in ("", api_settings.NON_FIELD_ERRORS_KEY)
    return {"field": None if non_field else field, "detail": str(message), "code": getattr(message, "code", "invalid")}


def problem(exc: exceptions.APIException, request) -> dict[str, Any]:
    code = exc.get_codes() if not isinstance(exc, exceptions.ValidationError) else "invalid"
    code = code if isinstance(code, str) else "invalid"
    status_code = exc.status_code
    problem_type, title = _titles().get(code, ("about:blank", _http_title(status_code)))
    body: dict[str, Any] = {"type": problem_type, "title": title, "status": status_code}
    if isinstance(exc, exceptions.ValidationError):
        body["errors"] = field_errors(exc.detail)
        body["detail"] = body["errors"][0]["detail"] if len(body["errors"]) == 1 else _("Correct the fields listed.")
    else:
        body["detail"] = str(exc.detail)
    body["instance"] = request.get_full_path() if request is not None else ""
    body["code"] = code
    return body


def _http_titles() -> dict[int, str]:
    """The titles of about:blank problems: RFC 9110's phrases, in the request's language (RFC 9457
    lets them be localised)."""
    return {
        404: _("Not Found"),
        405: _("Method Not Allowed"),
        406: _("Not Acceptable"),
        413: _("Content Too Large"),
        415: _("Unsupported Media Type"),
    }


def _http_title(status_code: int) -> str:
    from http import HTTPStatus

    if status_code in (titles := _http_titles()):
        return titles[status_code]
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return str(status_code)


def problem_details_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every API error as a problem details document."""
    exc = as_api_exception(exc)
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    auth_header, wait = getattr(exc, "auth_header", None), getattr(exc, "wait", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    if wait:
        headers["Retry-After"] = str(int(wait))
    set_rollback()
    request = context.get("request")
    return Response(problem(exc, request), status=exc.status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)
