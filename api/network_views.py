"""Exit-intervention networks, threads and posts: members only.

Every object comes from ``network.access`` (``network_for_member``, ``thread_for_member``,
``post_for_member``), which answers 404 to anyone who is not a live member, and every
write from ``network.services``, as on the network pages.
"""

from typing import cast

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, OperandHolder
from rest_framework.response import Response
from rest_framework.settings import api_settings

from api import examples
from api.pagination import decode_search_cursor, search_page_links
from api.permissions import IsAuthenticated, NetworkUsersOnly, TokenScopeAllowsMethod
from api.serializers import (
    NetworkSerializer,
    PostCreateSerializer,
    PostHitSerializer,
    PostSearchQuerySerializer,
    PostSearchResultsSerializer,
    PostSerializer,
    ThreadCreateSerializer,
    ThreadDetailSerializer,
    ThreadSerializer,
)
from api.views import ID, MethodsFirst, validated_query
from network import access, selectors, services
from network.mentions import prime_memberships
from network.models import Network, Post, Thread

MEMBERS: list[type[BasePermission] | OperandHolder] = [TokenScopeAllowsMethod, IsAuthenticated & NetworkUsersOnly]


def _context(view, **extra) -> dict:
    return {**view.get_serializer_context(), **extra}


@extend_schema_view(
    list=extend_schema(summary=_("Your networks")),
    retrieve=extend_schema(summary=_("A network you belong to")),
)
class NetworkViewSet(MethodsFirst, viewsets.ReadOnlyModelViewSet):
    """The networks you read: those you are an active member of (moderators: all)."""

    permission_classes = MEMBERS
    serializer_class = NetworkSerializer
    lookup_value_regex = ID
    cursor_ordering = ("name", "pk")

    def get_queryset(self):
        return Network.objects.filter(pk__in=[network.pk for network in access.readable_networks(self.request.user)])

    def get_object(self) -> Network:
        return access.network_for_member(user=self.request.user, pk=int(self.kwargs["pk"]))

    @extend_schema(methods=["get"], summary=_("Threads of a network"), responses=ThreadSerializer(many=True))
    @extend_schema(
        methods=["post"],
        summary=_("Start a thread"),
        request=ThreadCreateSerializer,
        responses={201: ThreadDetailSerializer},
        examples=[examples.THREAD_CREATE],
    )
    @action(detail=True, methods=["get", "post"], cursor_ordering=("-last_post_at", "-pk"))
    def threads(self, request, pk=None):
        network = self.get_object()
        if request.method == "POST":
            return self._create_thread(request, network)
        page = self.paginate_queryset(selectors.threads_of(user=request.user, network=network)) or []
        prime_memberships([thread.author for thread in page])
        return self.get_paginated_response(ThreadSerializer(page, many=True, context=_context(self)).data)

    def _create_thread(self, request, network: Network) -> Response:
        serializer = ThreadCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        practice = selectors.readable_practice(user=request.user, pk=data.get("practice"))
        if data.get("practice") and practice is None:
            raise ValidationError({"practice": [_("This practice cannot be linked.")]})
        thread = services.thread_create(
            network=network, actor=request.user, title=data["title"], body=data["body"], practice=practice
        )
        return Response(_thread_detail(self, thread), status=status.HTTP_201_CREATED)


def _thread_detail(view, thread: Thread) -> dict:
    thread = selectors.threads_of(user=view.request.user, network=thread.network).get(pk=thread.pk)
    prime_memberships([thread.author])
    return ThreadDetailSerializer(thread, context=_context(view)).data


@extend_schema_view(retrieve=extend_schema(summary=_("A thread")))
class ThreadViewSet(MethodsFirst, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Threads of networks you belong to, and their posts."""

    permission_classes = MEMBERS
    serializer_class = ThreadDetailSerializer
    lookup_value_regex = ID
    cursor_ordering = ("created_at", "pk")

    def get_object(self) -> Thread:
        return access.thread_for_member(user=self.request.user, pk=int(self.kwargs["pk"]))

    def retrieve(self, request, *args, **kwargs):
        return Response(_thread_detail(self, self.get_object()))

    @extend_schema(methods=["get"], summary=_("Posts of a thread, oldest first"), responses=PostSerializer(many=True))
    @extend_schema(
        methods=["post"],
        summary=_("Reply"),
        request=PostCreateSerializer,
        responses={201: PostSerializer},
        examples=[examples.POST_CREATE],
    )
    @action(detail=True, methods=["get", "post"])
    def posts(self, request, pk=None):
        thread = self.get_object()
        if request.method == "POST":
            return self._reply(request, thread)
        page = self.paginate_queryset(selectors.posts_of(thread=thread)) or []
        prime_memberships([post.author for post in page])
        context = _context(self, moderates=access.can_moderate(request.user, thread.network))
        return self.get_paginated_response(PostSerializer(page, many=True, context=context).data)

    def _reply(self, request, thread: Thread) -> Response:
        serializer = PostCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        quote_id = serializer.validated_data.get("quote_of")
        quote = selectors.quotable_post(thread=thread, pk=quote_id) if quote_id else None
        if quote_id and quote is None:
            raise ValidationError({"quote_of": [_("You can only quote a visible post of the same thread.")]})
        post = services.post_create(
            thread=thread, actor=request.user, body=serializer.validated_data["body"], quote_of=quote
        )
        prime_memberships([post.author])
        return Response(PostSerializer(post, context=_context(self)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(retrieve=extend_schema(summary=_("A post")))
class PostViewSet(MethodsFirst, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Posts of networks you belong to (hidden and deleted ones: moderators only)."""

    permission_classes = MEMBERS
    serializer_class = PostSerializer
    lookup_value_regex = ID
    query_actions = frozenset({"search"})

    def get_object(self) -> Post:
        return access.post_for_member(user=self.request.user, pk=int(self.kwargs["pk"]))

    def retrieve(self, request, *args, **kwargs):
        post = self.get_object()
        prime_memberships([post.author])
        context = _context(self, moderates=access.can_moderate(request.user, post.thread.network))
        return Response(PostSerializer(post, context=context).data)

    @extend_schema(
        summary=_("Search the posts of your networks"),
        operation_id="posts_search",
        parameters=[PostSearchQuerySerializer],
        responses=PostSearchResultsSerializer,
        description=_(
            "Visible posts of the networks you belong to, found by the search engine; case rooms are "
            "searched apart and listed in case_room_results. Nothing of another network is counted."
        ),
    )
    @action(detail=False, methods=["get"], url_path="search")
    def search(self, request):
        query = validated_query(request, PostSearchQuerySerializer)
        data = query.validated_data
        network = access.network_for_member(user=request.user, pk=data["network"]) if "network" in data else None
        page, per_page = decode_search_cursor(data.get("cursor"), request.path), cast(int, api_settings.PAGE_SIZE)
        found = selectors.search_posts(
            user=request.user, query=data["q"], network=network, page=page, per_page=per_page, sort=data["sort"]
        )
        next_url, previous_url = search_page_links(request, page=page, per_page=per_page, total=found.total)
        return Response(
            {
                "count": found.total,
                "next": next_url,
                "previous": previous_url,
                "degraded": found.degraded,
                "results": PostHitSerializer(found.hits, many=True).data,
                "case_room_results": PostHitSerializer(found.case_room_hits, many=True).data,
            }
        )
