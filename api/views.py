"""The practices, taxonomies, organisations and "me" endpoints.

Thin viewsets: objects come from the access functions (``practice_for_user``,
``practices_visible_to``…), writes from the services, both shared with the web.
"""

import functools
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import TypeVar, cast

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api import examples
from api.models import ApiToken
from api.pagination import LongListCursorPagination, decode_search_cursor, decode_walk_cursor, search_page_links
from api.permissions import CanContribute, ReadOnly, TokenScopeAllowsMethod
from api.selectors import Term, featured_ids, practice_summaries, terms
from api.serializers import (
    DeclaredFieldsCopied,
    DocumentUploadSerializer,
    ImportedDraftSerializer,
    ImportQuerySerializer,
    KeyThemeSerializer,
    MeSerializer,
    OrganisationSerializer,
    OrganisationTypeSerializer,
    PracticeDetailSerializer,
    PracticeSearchQuerySerializer,
    PracticeSearchResultsSerializer,
    PracticeSummarySerializer,
    PracticeWriteSerializer,
    SubmitSerializer,
    TargetAudienceSerializer,
)
from api.throttling import ImportThrottle
from portal.access import approved_membership, display_name, is_moderator, reader_scope
from portal.caching import Token, keeps_for_scope, kept_for_scope, kept_part, mark_public, public_data
from portal.models import Organisation, OrganisationType
from portal.organisation_selectors import public_organisations
from portal.prepared import PreparedQuery
from practices import rules, services
from practices.importer import UnreadableDocument, Vocabulary, import_document
from practices.indexing import COLLECTION as PRACTICES
from practices.indexing import code_labels
from practices.models import KeyTheme, Practice, TargetAudience
from practices.selectors import (
    drafts_of,
    practice_for_editor,
    practice_for_user,
    practice_stamp_for_user,
    practices_visible_to,
    reading_key,
)
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from search.generation import RESULTS_TOKENS, content_token
from search.hits import with_best_sentences
from search.models import SearchDocument
from search.selectors import readable_hits

ID = r"[0-9]{1,18}"  # ids beyond a 64-bit integer are no ids: 404, never a database error


# 405 for a method the endpoint does not have, before authentication and access checks (which
# would otherwise answer 401 or 404 to it). A comment: the schema would show a docstring.
# Then, after authentication and access checks, the query string: an action that reads one names itself
# in ``query_actions`` and reads it with ``validated_query``; any other takes none but a list's cursor.
class MethodsFirst(APIView):
    query_actions: frozenset[str] = frozenset()

    def initial(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        action = getattr(self, "action", None) or method
        if action not in self.query_actions and action != "metadata":  # OPTIONS reads no parameter
            refuse_unexpected_query(request, _CURSOR if self._lists_pages(request, action) else ())

    def _lists_pages(self, request, action: str) -> bool:
        paginated = getattr(self, "pagination_class", None) is not None and hasattr(self, "paginate_queryset")
        return paginated and request.method in ("GET", "HEAD") and action not in ("retrieve", "get", "metadata")


class MeView(MethodsFirst, APIView):
    """The user the request is authenticated as, their organisation and role, and the token's scope."""

    permission_classes = [TokenScopeAllowsMethod, IsAuthenticated]

    @extend_schema(responses=MeSerializer, tags=["account"], summary=_("Who the request is authenticated as"))
    def get(self, request):
        user = request.user
        membership = approved_membership(user)
        token = request.auth if isinstance(request.auth, ApiToken) else None
        data = {
            "id": user.pk,
            "name": display_name(viewer=user, person=user),
            "pseudonym": user.pseudonym,
            "organisation": membership.organisation if membership else None,
            "role": membership.role if membership else None,
            "is_moderator": is_moderator(user),
            "token_scope": token.scope if token else None,
        }
        return Response(MeSerializer(data).data)


# Reference data --------------------------------------------------------------------------


class _TaxonomyViewSet(MethodsFirst, viewsets.ReadOnlyModelViewSet):
    permission_classes = [TokenScopeAllowsMethod, ReadOnly]
    pagination_class = LongListCursorPagination
    cursor_ordering = ("position", "code")
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,80}"

    def get_queryset(self) -> QuerySet:
        return super().get_queryset()


@extend_schema_view(list=extend_schema(tags=["taxonomies"]), retrieve=extend_schema(tags=["taxonomies"]))
class KeyThemeViewSet(_TaxonomyViewSet):
    """Key themes of the template (closed list; codes never change)."""

    queryset = KeyTheme.objects.all()
    serializer_class = KeyThemeSerializer


@extend_schema_view(list=extend_schema(tags=["taxonomies"]), retrieve=extend_schema(tags=["taxonomies"]))
class TargetAudienceViewSet(_TaxonomyViewSet):
    """Target audiences of the template."""

    queryset = TargetAudience.objects.all()
    serializer_class = TargetAudienceSerializer


@extend_schema_view(list=extend_schema(tags=["taxonomies"]), retrieve=extend_schema(tags=["taxonomies"]))
class OrganisationTypeViewSet(_TaxonomyViewSet):
    """Types of organisation."""

    queryset = OrganisationType.objects.all()
    serializer_class = OrganisationTypeSerializer


@extend_schema_view(list=extend_schema(tags=["organisations"]), retrieve=extend_schema(tags=["organisations"]))
class OrganisationViewSet(MethodsFirst, viewsets.ReadOnlyModelViewSet):
    """Verified organisations, public fields only (nothing about their members)."""

    permission_classes = [TokenScopeAllowsMethod, ReadOnly]
    serializer_class = OrganisationSerializer
    cursor_ordering = ("name",)
    lookup_value_regex = ID

    def get_queryset(self) -> QuerySet[Organisation]:
        return public_organisations()


# Practices -------------------------------------------------------------------------------


_Query = TypeVar("_Query", bound=DeclaredFieldsCopied)  # a query string's fields are copied cheaply on every request


# What any endpoint's query string may hold besides its own fields: DRF's format override (?format=json).
_ANY_ENDPOINT = frozenset(name for name in (api_settings.URL_FORMAT_OVERRIDE,) if name)


def validated_query(request, serializer_class: type[_Query]) -> _Query:
    """The query string, validated strictly: a value given twice is a list only where the serializer
    takes one, an empty value is a value (DRF's form handling would quietly drop it), and a parameter
    the endpoint does not take is refused, as a body's unknown field is (a misspelt filter, ``themes``
    or ``year``, or a ``page`` number, would otherwise look applied)."""
    params = request.query_params
    try:
        refuse_unexpected_query(request, _query_fields(serializer_class))
    except ValidationError as refused:
        unexpected = cast(dict, refused.detail)
    else:
        unexpected = {}
    data = {
        name: params.getlist(name) if is_list else params[name]
        for name, is_list in _query_fields(serializer_class)
        if name in params and name not in unexpected
    }
    serializer = serializer_class(data=data)
    if not serializer.is_valid() or unexpected:  # every invalid parameter in one answer
        raise ValidationError(dict(sorted({**serializer.errors, **unexpected}.items())))
    return serializer


_CURSOR = (("cursor", False),)


def refuse_unexpected_query(request, fields: Iterable[tuple[str, bool]]) -> None:
    """400 for a query parameter not among ``fields`` (name, takes a list) nor ``_ANY_ENDPOINT``, and for
    one that takes a single value given twice (``?sort=date&sort=relevance``: neither is quietly chosen)."""
    taken = dict(fields)
    params = request.query_params
    errors = {}
    for name in params:
        if name not in taken and name not in _ANY_ENDPOINT:
            errors[name] = [_("Unknown field.")]
        elif not taken.get(name) and len(params.getlist(name)) > 1:
            errors[name] = [_("Give this parameter once.")]
    if errors:
        raise ValidationError(dict(sorted(errors.items())))


@functools.cache
def _query_fields(serializer_class: type[serializers.Serializer]) -> tuple[tuple[str, bool], ...]:
    """The names of a query serializer's fields, each with whether it takes a list: the code's own
    declaration, read once per process."""
    return tuple((name, isinstance(field, serializers.ListField)) for name, field in serializer_class().fields.items())


def facet_counts(facets: dict[str, dict[str, int]], known: dict[str, dict[int, Term]]) -> dict[str, list[dict]]:
    """Each facet's codes with their label (in the request's language; a taxonomy's from ``known``)
    and count."""
    listed = {}
    for facet, counts in facets.items():
        if facet in known:
            by_code = {term.code: term.label for term in known[facet].values()}
            labels = {code: by_code.get(code, code) for code in counts}
        else:
            labels = _fixed_labels(facet, set(counts))
        listed[facet] = [{"code": code, "label": labels[code], "count": count} for code, count in counts.items()]
    return listed


# Facets whose labels are functions of the code and the language alone, declared in the code (countries'
# names, languages, choices, periods: practices.indexing.code_labels): kept per process and language.
CODE_LABELLED = ("country", "language", "peer_reviewed", "evidence_level", "start_period")
_FIXED_LABELS: dict[tuple[str, str], dict[str, str]] = {}


def _fixed_labels(facet: str, codes: set[str]) -> dict[str, str]:
    if facet not in CODE_LABELLED:
        return code_labels(facet, codes)
    known = _FIXED_LABELS.setdefault((get_language(), facet), {})
    missing = codes.difference(known)
    if missing:
        known.update(code_labels(facet, missing))
    return {code: known[code] for code in codes}


def _walk_key(practice_id: int) -> tuple[datetime, int] | None:
    """(publication, id) of a practice as the search engines order it (their documents'
    publication), the key a walk by date reads after; None if it has none (then by number)."""
    rows = _DOCUMENT_PUBLISHED.rows(document_id=practice_id)
    published = rows[0][0] if rows else None
    return (published, practice_id) if published is not None else None


# A document's publication (its SQL compiled once per connection: every page of a walk asks it).
_DOCUMENT_PUBLISHED = PreparedQuery(
    "api_walk_document_published",
    SearchDocument,
    lambda document_id: SearchDocument.objects.filter(pk=document_id).values_list("published_at"),
    document_id=-4_401_001,
)


def _write_defaults() -> dict:
    """The model's defaults of the writable fields an imported draft may not set."""
    fields = (Practice._meta.get_field(name) for name in PracticeWriteSerializer.Meta.fields)
    return {field.name: field.get_default() for field in fields if field.concrete and not field.many_to_many}


CONTRIBUTE = [TokenScopeAllowsMethod, IsAuthenticated, CanContribute]
SIGNED_IN = [TokenScopeAllowsMethod, IsAuthenticated]
# The write whose fields OPTIONS describes, by the method DRF's metadata asks permission for.
WRITES_OPTIONS_DESCRIBES = {"POST": "create", "PUT": "update"}


def page_size() -> int | None:
    """The API lists' page size (settings.REST_FRAMEWORK), a token of what a list keeps: a page
    kept under one size is never served under another (a deploy that changes it)."""
    return api_settings.PAGE_SIZE


LIST_TOKENS = (*RESULTS_TOKENS, page_size)  # what the practices' list and search keep depends on


def _public(request, compute, *, token: Token = content_token) -> Response:
    """``compute()``'s data as a response; for anonymous readers with validators, 304 or the kept data
    (portal/caching.py), after authentication and throttling have run. An answer from the search
    engine passes ``RESULTS_TOKENS`` (search/generation.py)."""
    data, etag = public_data(request, token=token, compute=compute)
    response = Response(status=status.HTTP_304_NOT_MODIFIED) if data is None else Response(data)
    return mark_public(response, etag)


@extend_schema_view(
    retrieve=extend_schema(
        summary=_("A practice"),
        examples=[examples.PRACTICE_DETAIL],
        description=_(
            "404 when it does not exist or you may not read it. `contact` is null unless you are an approved "
            "member of a verified organisation."
        ),
    ),
    create=extend_schema(
        summary=_("Write a new draft"),
        request=PracticeWriteSerializer,
        responses={201: PracticeDetailSerializer},
        examples=[examples.PRACTICE_WRITE],
    ),
    update=extend_schema(
        summary=_("Replace a draft's text"), request=PracticeWriteSerializer, responses=PracticeDetailSerializer
    ),
    partial_update=extend_schema(
        summary=_("Change some fields of a draft"),
        request=PracticeWriteSerializer,
        responses=PracticeDetailSerializer,
        examples=[examples.PRACTICE_PATCH],
    ),
)
class PracticeViewSet(
    MethodsFirst, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Practices: search, read, write drafts, submit them, import template documents."""

    serializer_class = PracticeDetailSerializer
    list_is_search = True  # the list is the search engine's page, not a paginated queryset (api.schema)
    conditional_actions = frozenset({"list", "retrieve"})  # answer If-None-Match (_public), so the schema lists 304
    query_actions = frozenset({"list", "import_document"})
    lookup_value_regex = ID
    cursor_ordering = ("-updated_at", "-pk")
    permissions_by_action: dict[str, list[type[BasePermission]]] = {
        "list": [TokenScopeAllowsMethod],
        "retrieve": [TokenScopeAllowsMethod],
        "metadata": [TokenScopeAllowsMethod],  # OPTIONS: open as GET is (the same static description)
        "create": CONTRIBUTE,
        "import_document": CONTRIBUTE,
        "drafts": SIGNED_IN,
    }
    extra_problem_codes: dict[str, list[str]] = {}

    def get_permissions(self):
        action = self.action
        if action == "metadata" and self.request.method in WRITES_OPTIONS_DESCRIBES:
            # OPTIONS lists a write's fields only to whoever may make it (DRF asks with the write's method)
            action = WRITES_OPTIONS_DESCRIBES[self.request.method]
        classes = self.permissions_by_action.get(action, SIGNED_IN)
        return [permission() for permission in classes]

    def get_queryset(self) -> QuerySet[Practice]:
        return practices_visible_to(user=self.request.user)

    def get_object(self) -> Practice:
        return practice_for_user(user=self.request.user, pk=int(self.kwargs["pk"]))

    def _detail(self, practice: Practice, code: int = status.HTTP_200_OK) -> Response:
        practice = practice_for_user(user=self.request.user, pk=practice.pk)
        data = PracticeDetailSerializer(practice, context=self.get_serializer_context()).data
        headers = {"Location": reverse("api:practice-detail", kwargs={"pk": practice.pk})} if code == 201 else {}
        return Response(data, status=code, headers=headers)

    @extend_schema(
        summary=_("Search the practices you may read"),
        operation_id="practices_search",
        parameters=[PracticeSearchQuerySerializer],
        responses=PracticeSearchResultsSerializer,
        examples=[examples.SEARCH_RESULTS],
        description=_(
            "Published practices you may read, found by the search engine: counts and facets hold "
            "only what you may read. Without `q`, every practice, newest first with sort=date. "
            "`featured=true`: the practices moderators feature on the home page that you may read, "
            "newest featured first, paged like the search, taking no other filter."
        ),
    )
    def list(self, request):
        def kept() -> dict:
            # The same for every reader of this scope (the reader's token scope only decides whether to answer).
            return kept_for_scope(
                request,
                name="api:practices",
                scope=reader_scope(request.user),
                tokens=LIST_TOKENS,
                compute=lambda: self._search(request),
                keep=lambda data: not data["degraded"],
            )

        return _public(request, kept, token=LIST_TOKENS)

    def _search(self, request) -> dict:
        query = validated_query(request, PracticeSearchQuerySerializer)
        if query.validated_data.get("featured"):
            return self._featured(request, query)
        # PAGE_SIZE is set in settings.REST_FRAMEWORK (the stubs allow DRF's default, None).
        per_page = cast(int, api_settings.PAGE_SIZE)
        page, walked = decode_walk_cursor(query.validated_data.get("cursor"), request.path)
        text, sort = query.validated_data.get("q", ""), query.validated_data["sort"]
        # A list without words (every practice, newest first whatever the sort) is walked by key,
        # not by page number: a practice published or withdrawn meanwhile neither repeats nor
        # skips one (SearchQuery.after). One more hit than the page says whether another follows.
        walk = not text and (walked is not None or page == 1)
        results = get_search_backend().search(
            PRACTICES,
            SearchQuery(
                text=text,
                filters=query.filters(),
                scope=reader_scope(request.user),
                page=1 if walk else page,
                per_page=per_page + 1 if walk else per_page,
                sort="date" if walk else sort,
                after=walked if walk else None,
            ),
        )
        hits = results.hits[:per_page]
        known = terms()
        summaries = replace(PRACTICES, readable=lambda user, ids: practice_summaries(user, ids, known))
        found = readable_hits(collection=summaries, user=request.user, hits=hits)
        found = with_best_sentences(PRACTICES, found, text)
        if walk:
            more = len(results.hits) > per_page
            last = _walk_key(hits[-1].id) if more else None
            links = search_page_links(
                request, page=page, per_page=per_page, total=results.total, walked=last, more=more
            )
        else:
            links = search_page_links(request, page=page, per_page=per_page, total=results.total)
        next_url, previous_url = links
        return {
            "count": results.total,
            "next": next_url,
            "previous": previous_url,
            "facets": facet_counts(results.facets, known),
            "suggestion": results.suggestion,
            "degraded": results.degraded,
            "partial_match": results.partial,
            "results": [{**each.item, "highlight": str(each.highlight), "score": each.hit.score} for each in found],
        }

    def _featured(self, request, query: PracticeSearchQuerySerializer) -> dict:
        """The featured practices the reader may read, newest featured first, from the database
        (featuring is not in the search index), in the shape of the search's pages and with its cursor."""
        others = sorted(
            name for name, value in query.validated_data.items() if value and name not in ("featured", "sort", "cursor")
        )
        if others:
            raise ValidationError({name: [_("Not with featured=true: it takes no other filter.")] for name in others})
        page, per_page = (
            decode_search_cursor(query.validated_data.get("cursor"), request.path),
            cast(int, api_settings.PAGE_SIZE),
        )
        total, ids = featured_ids(request.user, page=page, per_page=per_page)
        summaries = practice_summaries(request.user, ids, terms())
        next_url, previous_url = search_page_links(request, page=page, per_page=per_page, total=total)
        return {
            "count": total,
            "next": next_url,
            "previous": previous_url,
            "facets": {},
            "suggestion": None,
            "degraded": False,
            "partial_match": False,
            "results": [{**summaries[pk], "highlight": "", "score": 0.0} for pk in ids if pk in summaries],
        }

    def retrieve(self, request, *args, **kwargs):
        return _public(request, lambda: self._reading(request, int(self.kwargs["pk"])))

    def _reading(self, request, pk: int) -> dict:
        """The practice's data; for a reader who reads it as any reader of their scope does
        (``rules.reads_as_any_reader``), kept per scope like the practice's page (practices/views.py)."""
        if keeps_for_scope(request):
            stamp = practice_stamp_for_user(user=request.user, pk=pk)  # the access rule, on every request
            if rules.reads_as_any_reader(request.user, stamp):
                return kept_part(
                    request,
                    name="api:practice",
                    scope=reading_key(request.user, stamp),
                    tokens=(content_token,),
                    compute=lambda: self._serialized(pk),
                )
        return self._serialized(pk)

    def _serialized(self, pk: int) -> dict:
        practice = practice_for_user(user=self.request.user, pk=pk)
        return PracticeDetailSerializer(practice, context=self.get_serializer_context()).data

    def create(self, request, *args, **kwargs):
        serializer = PracticeWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        practice = services.practice_create(author=request.user, data=serializer.practice_data())
        return self._detail(practice, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        practice = self.get_object()
        if practice.is_published and rules.can_propose_revision(request.user, practice):
            raise PermissionDenied(_("A published practice changes through a reviewed copy: POST to its revision/."))
        practice = practice_for_editor(user=request.user, pk=practice.pk)
        serializer = PracticeWriteSerializer(data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        services.practice_update(practice=practice, editor=request.user, data=serializer.practice_data(practice))
        return self._detail(practice)

    @extend_schema(
        summary=_("Submit a draft for review"),
        request=SubmitSerializer,
        responses=PracticeDetailSerializer,
        examples=[examples.SUBMIT],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        practice = self.get_object()
        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.practice_submit(
            practice=practice, actor=request.user, change_summary=serializer.validated_data["change_summary"]
        )
        return self._detail(practice)

    @extend_schema(
        summary=_("Start an update of a published practice"),
        request=None,
        responses={201: PracticeDetailSerializer},
        description=_(
            "An editable copy; readers see the published text until a moderator approves the update. "
            "Returns the copy that already exists, if there is one."
        ),
    )
    @action(detail=True, methods=["post"])
    def revision(self, request, pk=None):
        practice = self.get_object()
        copy = services.practice_start_revision(practice=practice, editor=request.user)
        return self._detail(copy, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Your drafts"),
        responses=PracticeSummarySerializer(many=True),
        description=_("Your unpublished practices in your current organisation, last changed first."),
    )
    @action(detail=False, methods=["get"])
    def drafts(self, request):
        queryset = drafts_of(user=request.user).select_related("organisation__type")
        page = self.paginate_queryset(queryset.prefetch_related("key_themes", "target_audiences"))
        return self.get_paginated_response(PracticeSummarySerializer(page, many=True).data)

    @extend_schema(
        summary=_("Read a filled-in template document"),
        parameters=[ImportQuerySerializer],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            200: OpenApiResponse(ImportedDraftSerializer, description=_("The draft read from the document.")),
            201: OpenApiResponse(PracticeDetailSerializer, description=_("With save=true: the saved draft.")),
        },
        examples=[examples.IMPORTED_DRAFT],
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser],
        throttle_classes=[*api_settings.DEFAULT_THROTTLE_CLASSES, ImportThrottle],
    )
    def import_document(self, request):
        query = validated_query(request, ImportQuerySerializer)
        upload = DocumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        document = upload.validated_data["document"]
        try:
            parsed = import_document(document.read(), document.name, vocabulary=Vocabulary.from_database())
        except UnreadableDocument as exc:
            raise ValidationError({"document": [exc.message]}) from None
        data = services.practice_data_from_import(parsed)
        if query.validated_data["save"]:
            services.check_field_sizes(
                data=data, remedy=_("Import it with save=false: the draft comes back whole, to shorten and send.")
            )
            return self._detail(services.practice_create(author=request.user, data=data), status.HTTP_201_CREATED)
        draft = {
            **_write_defaults(),
            **data.attributes,
            "key_themes": data.key_themes,
            "target_audiences": data.target_audiences,
        }
        organisation = {
            "name": parsed.organisation.name,
            "type": parsed.organisation.type,
            "description": parsed.organisation.description,
        }
        warnings = data.attributes.get("import_warnings", [])
        imported = {"draft": draft, "warnings": warnings, "organisation": organisation}
        return Response(ImportedDraftSerializer(imported).data)


class NotFoundView(APIView):
    """Any other path under /api/: a problem-details 404 rather than the portal's HTML page."""

    schema = None
    permission_classes = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication and throttling still apply
        raise NotFound
