"""Moderation: the review queue and the decisions, for moderators only (404 to anyone else,
as the moderation pages). The decisions are the services the moderation pages call."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, OperandHolder
from rest_framework.response import Response

from api import examples
from api.exceptions import Conflict
from api.permissions import HasSecondFactor, IsAuthenticated, ModeratorsOnly, TokenScopeAllowsMethod
from api.serializers import (
    ApproveSerializer,
    DismissFindingSerializer,
    EvidenceLevelSerializer,
    FindingSerializer,
    ModerationPracticeSerializer,
    RejectSerializer,
    RequestChangesSerializer,
    ReviewQueueItemSerializer,
    ReviewQueueQuerySerializer,
)
from api.views import ID, MethodsFirst, validated_query
from network.mentions import prime_memberships
from practices import services
from practices.models import Practice
from practices.moderation_forms import QUEUE_STATES
from practices.moderation_selectors import finding_for_review, practice_for_review
from practices.selectors import QUEUE_ORDERS, review_queue

MODERATORS: list[type[BasePermission] | OperandHolder] = [
    TokenScopeAllowsMethod,
    IsAuthenticated & ModeratorsOnly,
    HasSecondFactor,
]
FINDING = OpenApiParameter("finding_pk", int, OpenApiParameter.PATH, description=_("The finding's id."))


@extend_schema_view(
    list=extend_schema(summary=_("The review queue"), parameters=[ReviewQueueQuerySerializer]),
    retrieve=extend_schema(summary=_("A practice under review, with every finding and comment")),
)
class ModerationViewSet(MethodsFirst, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Practices waiting for review (and others, by state), and the moderators' decisions."""

    permission_classes = MODERATORS
    lookup_value_regex = ID
    query_actions = frozenset({"list"})
    extra_problem_codes = {"post": ["409"]}

    def get_serializer_class(self):
        return ReviewQueueItemSerializer if self.action == "list" else ModerationPracticeSerializer

    @property
    def cursor_ordering(self) -> tuple[str, ...]:
        """The web queue's orders (``QUEUE_ORDERS``), the cursor's key: waiting longest first by default."""
        return QUEUE_ORDERS[self._queue_query().get("sort") or "oldest"]

    def _queue_query(self) -> dict:
        """The list's query string, validated once per request (the order and the queryset both read it)."""
        if getattr(self, "_queue_data", None) is None:
            self._queue_data = validated_query(self.request, ReviewQueueQuerySerializer).validated_data
        return self._queue_data

    def get_queryset(self):
        data = self._queue_query()
        return review_queue(
            user=self.request.user,
            states=[QUEUE_STATES[value][0] for value in data.get("state") or ["submitted"]],
            older_than_days=data.get("older_than"),
            organisation_id=data.get("organisation"),
            language=data.get("language"),
            order=data.get("sort") or "oldest",
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset()) or []
        prime_memberships([practice.author for practice in page if practice.author])
        serializer = ReviewQueueItemSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def get_object(self) -> Practice:
        return practice_for_review(user=self.request.user, pk=int(self.kwargs["pk"]))

    def _decide(self, request, serializer_class, perform) -> Response:
        practice = self.get_object()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        if practice.status != Practice.Status.SUBMITTED:
            raise Conflict(
                _("This practice is not waiting for review: it is “%(state)s”.")
                % {"state": practice.get_status_display()}
            )
        result = perform(practice, serializer.validated_data)
        return self._detail(result)

    def _detail(self, practice: Practice) -> Response:
        practice = practice_for_review(user=self.request.user, pk=practice.pk)
        return Response(ModerationPracticeSerializer(practice, context=self.get_serializer_context()).data)

    @extend_schema(summary=_("Publish a submission"), request=ApproveSerializer, responses=ModerationPracticeSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        def perform(practice, data):
            try:
                return services.practice_approve(
                    practice=practice, moderator=request.user, comment=data["comment"], reviewed=data["reviewed"]
                )
            except services.ChangedSinceRead:
                raise Conflict(
                    _("The practice has changed since you read it: read it again (GET) before approving it.")
                ) from None

        return self._decide(request, ApproveSerializer, perform)

    @extend_schema(
        summary=_("Send a submission back with comments"),
        request=RequestChangesSerializer,
        responses=ModerationPracticeSerializer,
        examples=[examples.REQUEST_CHANGES],
    )
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        def perform(practice, data):
            return services.practice_request_changes(
                practice=practice,
                moderator=request.user,
                comment=data["comment"],
                field_comments=data["field_comments"],
            )

        return self._decide(request, RequestChangesSerializer, perform)

    @extend_schema(summary=_("Reject a submission"), request=RejectSerializer, responses=ModerationPracticeSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        def perform(practice, data):
            return services.practice_reject(practice=practice, moderator=request.user, reason=data["reason"])

        return self._decide(request, RejectSerializer, perform)

    @extend_schema(
        summary=_("Set the evidence level"), request=EvidenceLevelSerializer, responses=ModerationPracticeSerializer
    )
    @action(detail=True, methods=["post"], url_path="evidence-level")
    def evidence_level(self, request, pk=None):
        practice = self.get_object()
        serializer = EvidenceLevelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.practice_set_evidence_level(
            practice=practice, moderator=request.user, level=serializer.validated_data["level"]
        )
        return self._detail(practice)

    @extend_schema(
        summary=_("Redact a personal-data finding"), request=None, responses=FindingSerializer, parameters=[FINDING]
    )
    @action(detail=True, methods=["post"], url_path=rf"findings/(?P<finding_pk>{ID})/redact")
    def redact(self, request, pk=None, finding_pk=None):
        finding = finding_for_review(user=request.user, practice_pk=int(pk), pk=int(finding_pk))
        _require_open(finding)
        return Response(FindingSerializer(services.finding_redact(finding=finding, actor=request.user)).data)

    @extend_schema(
        summary=_("Mark a finding as not personal data"),
        request=DismissFindingSerializer,
        responses=FindingSerializer,
        parameters=[FINDING],
    )
    @action(detail=True, methods=["post"], url_path=rf"findings/(?P<finding_pk>{ID})/dismiss")
    def dismiss(self, request, pk=None, finding_pk=None):
        finding = finding_for_review(user=request.user, practice_pk=int(pk), pk=int(finding_pk))
        serializer = DismissFindingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _require_open(finding)
        reason = serializer.validated_data["reason"]
        finding = services.finding_dismiss(finding=finding, actor=request.user, reason=reason)
        return Response(FindingSerializer(finding).data)


def _require_open(finding) -> None:
    if finding.status != finding.Status.OPEN:
        raise Conflict(_("This finding is already resolved."))
