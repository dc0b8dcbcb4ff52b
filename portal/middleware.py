"""A database that cannot be reached (restarting, failing over) answers 503 with Retry-After,
not a 500: clients and load balancers retry, and nothing was written."""

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def api_problem(request: HttpRequest, *, status: int, title: str, detail: str, code: str) -> JsonResponse:
    """A problem document (RFC 9457) in the shape the API's own errors have (api/exceptions.py),
    for the errors the API's views never see: the database gone, a failure of the portal."""
    return JsonResponse(
        {
            "type": "about:blank",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": request.get_full_path(),
            "code": code,
        },
        status=status,
        content_type="application/problem+json",
    )


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        message = _("The portal cannot reach its database for a moment. Please try again in a few seconds.")
        if is_api(request):
            response: HttpResponse = api_problem(
                request, status=503, title=_("Service Unavailable"), detail=message, code="database_unavailable"
            )
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
