"""Download a practice as a filled-in RAN Collection template; moderators
download a search result as a .zip of templates (docs/EXPORT.md)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.decorators import moderator_required
from practices import rules
from practices.exporter import ExportedTemplate, export_practice, template_language
from practices.exporter.archive import SELECTION_MAX, SelectionTooLarge, search_selection, zip_stream
from practices.selectors import practice_for_user


def attachment(exported: ExportedTemplate) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = exported.content_disposition
    response["Cache-Control"] = "private, no-store"  # may hold contact details
    return response


@require_GET
def practice_template_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The practice as a template (``fmt``: docx or md); 404 for what the reader may not see."""
    practice = practice_for_user(user=request.user, pk=pk)
    language = template_language(practice, request.GET.get("language"))
    show_contact = rules.can_see_contact(request.user, practice)
    exported = export_practice(practice, fmt=fmt, language=language, show_contact=show_contact)
    return attachment(exported)


@require_GET
@moderator_required
def selection_export_view(request: HttpRequest) -> HttpResponseBase:
    """The search page's current result (its query and filters) as a streamed .zip of templates."""
    requested = request.GET.get("format")
    fmt = requested if requested is not None and requested in ("docx", "md") else "docx"
    try:
        practices = search_selection(user=request.user, params=request.GET)
    except SelectionTooLarge as error:
        message = _("This search has %(count)d results; export at most %(limit)d at a time. Narrow the search.")
        messages.error(request, message % {"count": error.count, "limit": SELECTION_MAX})
        return _back_to_search(request)
    if not practices:
        messages.info(request, _("This search finds no practice to export."))
        return _back_to_search(request)
    stream = zip_stream(practices, user=request.user, fmt=fmt, language=request.GET.get("language"))
    response = StreamingHttpResponse(stream, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ran-templates-{len(practices)}.zip"'
    response["Cache-Control"] = "private, no-store"
    response["X-Practice-Count"] = str(len(practices))
    return response


def _back_to_search(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('search:search')}?{request.GET.urlencode()}")
