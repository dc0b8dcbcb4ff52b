"""``GET /api/v1/practices/{id}/template.docx`` and ``.md``: a practice as a filled-in
RAN Collection template, with the same access rules as the practice itself."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import TokenScopeAllowsMethod
from api.serializers import DeclaredFieldsCopied
from api.views import ID, MethodsFirst, validated_query
from practices import rules
from practices.exporter import EXPORT_FORMATS, TEMPLATE_LANGUAGES, export_practice, template_language
from practices.selectors import practice_for_user

__all__ = ["ID", "PracticeDocxTemplateView", "PracticeMarkdownTemplateView"]


class _TemplateRenderer(BaseRenderer):
    """Passes the exported file through; errors (problem details) are written as JSON."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data, accepted_media_type, renderer_context)


class DocxRenderer(_TemplateRenderer):
    media_type = EXPORT_FORMATS["docx"]
    format = "docx"


class MarkdownRenderer(_TemplateRenderer):
    media_type = "text/markdown"
    format = "md"


class TemplateQuerySerializer(DeclaredFieldsCopied):
    language = serializers.ChoiceField(
        choices=TEMPLATE_LANGUAGES,
        required=False,
        help_text=_("The template's language; by default the practice's language if it is en or fr, else en."),
    )


class _PracticeTemplateView(MethodsFirst, APIView):
    permission_classes = [TokenScopeAllowsMethod]
    fmt = "docx"
    query_actions = frozenset({"get"})

    def get(self, request, id: str):
        query = validated_query(request, TemplateQuerySerializer)
        practice = practice_for_user(user=request.user, pk=int(id))
        language = template_language(practice, query.validated_data.get("language"))
        exported = export_practice(
            practice, fmt=self.fmt, language=language, show_contact=rules.can_see_contact(request.user, practice)
        )
        response = Response(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = exported.content_disposition
        response["Cache-Control"] = "private, no-store"
        return response


def _schema(fmt: str, description: str | Promise):
    return extend_schema(
        operation_id=f"practices_template_{fmt}",
        tags=["practices"],
        summary=_("A practice as a filled-in RAN Collection template (.%(fmt)s)") % {"fmt": fmt},
        description=description,
        parameters=[
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The practice's id.")),
            TemplateQuerySerializer,
            OpenApiParameter(
                "Content-Disposition",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description=_(
                    'attachment; filename="ran-template-{id}-{title}-{language}.%(fmt)s", then '
                    "filename*=UTF-8''… (RFC 5987) when the title has letters beyond ASCII."
                )
                % {"fmt": fmt},
            ),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.BINARY if fmt == "docx" else OpenApiTypes.STR,
                description=_("The filled-in template, as a file to save."),
            )
        },
    )


_ACCESS = _(
    "The same access rules as the practice: 404 when it does not exist or you may not read it. "
    "Contact details only for readers who may see them; a redacted practice holds only its redactions. "
    "The portal's importer reads the file back into the same fields (docs/EXPORT.md)."
)


class PracticeDocxTemplateView(_PracticeTemplateView):
    """The practice as a Word document in the template's layout."""

    renderer_classes = [DocxRenderer]
    fmt = "docx"

    @_schema("docx", _ACCESS)
    def get(self, request, id: str):
        return super().get(request, id)


class PracticeMarkdownTemplateView(_PracticeTemplateView):
    """The practice as Markdown: the template as a two-column table."""

    renderer_classes = [MarkdownRenderer]
    fmt = "md"

    @_schema("md", _ACCESS)
    def get(self, request, id: str):
        return super().get(request, id)
