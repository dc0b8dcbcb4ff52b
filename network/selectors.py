"""Reads for network pages. Callers pass objects they obtained through ``network.access``;
the functions here that take only a user narrow to that user's networks themselves."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, overload

from allauth.account.models import EmailAddress
from django.core.paginator import Page, Paginator
from django.db import router
from django.db.models import Count, Exists, F, FilteredRelation, Func, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from network import access
from network.indexing import COLLECTION, post_text
from network.mentions import (
    member_url,
    mentionable_members,
    prime_memberships,
    public_name,
    unknown_names,
)
from network.models import (
    Invitation,
    JoinRequest,
    Network,
    NetworkMembership,
    Notification,
    Post,
    PostRevision,
    Report,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from portal.access import display_name, holds_moderator_role, is_verified_member, signed_in
from portal.models import Membership, User
from portal.prepared import PreparedQuery
from portal.text import html_text
from practices.models import Practice
from practices.selectors import published_practice_for_user
from search.backends import get_search_backend
from search.backends.base import PostQuery, Sort, no_posts
from search.backends.hybrid import semantic_text
from search.hits import best_sentences

Visible = Post.State.VISIBLE


def _last_read(user) -> Subquery:
    return Subquery(ThreadRead.objects.filter(thread=OuterRef("pk"), user_id=user.pk).values("last_read_at")[:1])


def _with_read_state(queryset: QuerySet[Thread], user) -> QuerySet[Thread]:
    return queryset.annotate(last_read_at=_last_read(user))


# The list of networks ----------------------------------------------------------------------


def my_networks_page(*, user, networks: list[Network], number, per_page: int) -> Page:
    """One page of ``networks`` (``access.readable_networks(user)``, already read: the page costs no
    COUNT), each with ``unread`` (threads with posts ``user`` has not read)."""
    page = Paginator(networks, per_page).get_page(number)
    rows = list(page.object_list)
    unread = (
        _with_read_state(Thread.objects.filter(network__in=[n.pk for n in rows]), user)
        .filter(Q(last_read_at__isnull=True) | Q(last_post_at__gt=F("last_read_at")))
        .values("network_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {row["network_id"]: row["count"] for row in unread} if rows else {}
    for network in rows:
        network.unread = counts.get(network.pk, 0)
    page.object_list = rows
    return page


def joinable_networks_page(*, user, exclude: list[int], number, per_page: int) -> Page | None:
    """One page of the listed networks a verified member may ask to join (name, purpose and policy
    only), by name; None for anyone else."""
    if not is_verified_member(user):
        return None
    pending = JoinRequest.objects.filter(network=OuterRef("pk"), user_id=user.pk, state=JoinRequest.State.PENDING)
    networks = (
        Network.objects.filter(listed=True, is_case_room=False)
        .exclude(pk__in=exclude)
        .annotate(requested=Exists(pending))
        .order_by("name", "pk")
    )
    return Paginator(networks, per_page).get_page(number)


# Threads -----------------------------------------------------------------------------------


def threads_of(*, user, network: Network) -> QuerySet[Thread]:
    """Threads of a network the user reads, pinned first, with visible post counts and read state."""
    return (
        _with_read_state(Thread.objects.filter(network=network), user)
        .select_related("author")
        .annotate(post_count=Count("posts", filter=Q(posts__state=Visible)))
        .order_by("-pinned", "-last_post_at", "-pk")
    )


def named_threads(threads) -> list[Thread]:
    threads = list(threads)
    prime_memberships([t.author for t in threads if t.author])
    for thread in threads:
        thread.is_new = thread.last_read_at is None or thread.last_post_at > thread.last_read_at
    return threads


def _revision_count():
    """Earlier versions of each post, counted for the page's posts only (a join and GROUP BY
    would aggregate the whole thread before the page is cut, and count it again to paginate)."""
    revisions = PostRevision.objects.filter(post=OuterRef("pk")).order_by().values("post")
    return Coalesce(Subquery(revisions.annotate(n=Count("pk")).values("n")), 0)


def posts_of(*, thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "quote_of", "quote_of__author")
        .annotate(revision_count=_revision_count())
        .order_by("created_at", "pk")
    )


class Reading(NamedTuple):
    """A reader's state in a thread: how many posts it has, their read mark, whether they follow it."""

    post_count: int
    last_read_at: datetime | None
    subscribed: bool


def _thread_page_query(thread_id: int, reader_id: int):
    """The thread with its network, the reader's active membership of that network, their read
    mark and subscription, and the thread's post count: what the thread page reads before its posts."""
    mine = Q(network__memberships__user_id=reader_id, network__memberships__state=NetworkMembership.State.ACTIVE)
    count = Post.objects.filter(thread_id=OuterRef("pk")).order_by().values("thread_id").annotate(n=Count("pk"))
    return (
        Thread.objects.filter(pk=thread_id)
        .order_by()  # one row: the threads' default order only made SQLite sort it
        .annotate(
            mine=FilteredRelation("network__memberships", condition=mine),
            mark=FilteredRelation("reads", condition=Q(reads__user_id=reader_id)),
            follows=FilteredRelation("subscriptions", condition=Q(subscriptions__user_id=reader_id)),
            post_total=Coalesce(Subquery(count.values("n")), 0),
        )
        .values_list(
            *(field.name for field in Thread._meta.concrete_fields),
            *(f"network__{field.name}" for field in Network._meta.concrete_fields),
            *(f"mine__{field.name}" for field in NetworkMembership._meta.concrete_fields),
            "mark__last_read_at",
            "follows__id",
            "post_total",
        )
    )


# Its SQL compiled once per connection (portal/prepared.py): composing it cost more than running it.
_THREAD_PAGE = PreparedQuery("thread_page", Thread, _thread_page_query, thread_id=-7_304_611, reader_id=-7_304_612)


def thread_page(*, pk, user) -> tuple[Thread, Reading] | None:
    """The thread ``pk`` with its network and ``user``'s reading state, in one query (None: no such
    thread). Nothing is decided here: the caller passes the thread to ``access.readable_thread``.
    The reader's active membership read with it is left where ``access.membership_of`` looks first,
    exactly as that function would have read it (one membership per network and user)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    row = next(iter(_THREAD_PAGE.rows(thread_id=pk, reader_id=user.pk or 0)), None)
    if row is None:
        return None
    thread, membership, reading = _thread_page_objects(router.db_for_read(Thread), row, user)
    if user.pk is not None:
        user.__dict__.setdefault("_network_memberships", {})[thread.network_id] = membership
    return thread, reading


def _thread_page_objects(alias: str, row: tuple, user) -> tuple[Thread, NetworkMembership | None, Reading]:
    fields = [list(model._meta.concrete_fields) for model in (Thread, Network, NetworkMembership)]
    parts, start = [], 0
    for model_fields in fields:
        parts.append(row[start : start + len(model_fields)])
        start += len(model_fields)
    thread = Thread.from_db(alias, [field.attname for field in fields[0]], parts[0])
    thread.network = Network.from_db(alias, [field.attname for field in fields[1]], parts[1])
    membership = None
    if parts[2][0] is not None:  # its id: the join found the reader's active membership
        membership = NetworkMembership.from_db(alias, [field.attname for field in fields[2]], parts[2])
        membership.network, membership.user = thread.network, user
    last_read_at, subscription, post_count = row[start:]
    return thread, membership, Reading(post_count, last_read_at, subscription is not None)


class PostRow(NamedTuple):
    """What a thread page shows of a post and of the post it quotes, as plain values (no model
    objects: reading 50 posts with their authors and quotes as objects was most of a page's
    queries' time). The number of earlier versions is not here: see ``revision_counts``."""

    pk: int
    author_id: int | None
    author_display_name: str | None
    author_pseudonym: str | None
    author_closed_at: datetime | None
    state: str
    created_at: datetime
    edited_at: datetime | None
    body_html: str
    quote_id: int | None
    quote_state: str | None
    quote_author_id: int | None
    quote_author_display_name: str | None
    quote_author_pseudonym: str | None
    quote_author_closed_at: datetime | None
    quote_body_html: str | None


# PostRow's fields, in its order, as the ORM reads them
_ROW_COLUMNS = (
    "pk",
    "author_id",
    "author__display_name",
    "author__pseudonym",
    "author__closed_at",
    "state",
    "created_at",
    "edited_at",
    "body_html",
    "quote_of_id",
    "quote_of__state",
    "quote_of__author_id",
    "quote_of__author__display_name",
    "quote_of__author__pseudonym",
    "quote_of__author__closed_at",
    "quote_of__body_html",
)


class ThreadPosts:
    """A thread's posts for Django's Paginator: their count known (``thread_page``), and one
    page of ``PostRow`` read when the paginator slices it."""

    def __init__(self, thread: Thread, count: int):
        self.thread, self.count = thread, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, window: slice) -> "PostPage":
        start, stop = window.start or 0, window.stop
        return PostPage(*_THREAD_POSTS.raw_rows(thread_id=self.thread.pk, window=(stop - start, start)))


class PostPage(Sequence[PostRow]):
    """One page of a thread's posts: the rows as the database gave them (``raw``: plain values,
    what a page's kept posts are found by, see network/fragments.py) and as ``PostRow``, their
    columns converted (dates) only when first read: a page whose posts are kept converts one row."""

    def __init__(self, raw: list[tuple], convert: Callable[[list[tuple]], list[tuple]]):
        self.raw = tuple(raw)
        self._convert = convert
        self._rows: list[PostRow] | None = None
        self._last: PostRow | None = None

    def __len__(self) -> int:
        return len(self.raw)

    @overload
    def __getitem__(self, index: int) -> PostRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[PostRow]: ...
    def __getitem__(self, index):
        if self._rows is None:
            self._rows = [PostRow._make(row) for row in self._convert(list(self.raw))]
        return self._rows[index]

    def last(self) -> PostRow | None:
        """The page's last post (converting only its row)."""
        if not self.raw:
            return None
        if self._rows is not None:
            return self._rows[-1]
        if self._last is None:
            self._last = PostRow._make(self._convert([self.raw[-1]])[0])
        return self._last


# A thread's posts in their order, as ``PostRow``'s columns (the page's window is added to the SQL).
_THREAD_POSTS = PreparedQuery(
    "thread_posts",
    Post,
    lambda thread_id: Post.objects.filter(thread_id=thread_id).order_by("created_at", "pk").values_list(*_ROW_COLUMNS),
    thread_id=-7_304_611,
)


def revision_counts(post_ids: list[int]) -> dict[int, int]:
    """Earlier versions of each of these posts (only edited posts have any)."""
    if not post_ids:
        return {}
    rows = PostRevision.objects.filter(post_id__in=post_ids).values("post_id").annotate(n=Count("pk")).order_by()
    return {row["post_id"]: row["n"] for row in rows}


def post_page_number(*, post: Post, per_page: int) -> int:
    before = Post.objects.filter(thread_id=post.thread_id).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    return before.count() // per_page + 1


def quotable_post(*, thread: Thread, pk) -> Post | None:
    """A visible post of this thread (and of no other) to quote in a reply."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Post.objects.select_related("author").filter(pk=pk, thread=thread, state=Visible).first()


def readable_practice(*, user, pk) -> Practice | None:
    """The practice ``pk`` if a thread may link it for ``user`` (``published_practice_for_user``)."""
    return published_practice_for_user(user=user, pk=pk)


def is_subscribed(*, user, thread: Thread) -> bool:
    return ThreadSubscription.objects.filter(thread=thread, user_id=user.pk).exists()


def revisions_of(*, post: Post) -> list:
    return list(post.revisions.select_related("replaced_by").order_by("-replaced_at", "-pk"))


def threads_linked_to_practice(*, user, practice: Practice, network_ids: list[int] | None = None) -> list[Thread]:
    """Threads discussing ``practice`` in networks ``user`` is an active member of; nothing else
    (``network_ids``: those networks, when the caller has read them already)."""
    if network_ids is None:
        network_ids = access.network_ids_for_member(user)
    if not network_ids:
        return []
    live = set(network_ids)
    return [t for t in _THREADS_OF_MEMBER.objects(practice_id=practice.pk, user_id=user.pk) if t.network_id in live]


# Threads on a practice in the networks a user is an active member of (the caller keeps those of
# their live memberships), with their visible posts counted; its SQL compiled once per connection.
_THREADS_OF_MEMBER = PreparedQuery(
    "threads_linked_to_practice",
    Thread,
    lambda practice_id, user_id: (
        Thread.objects.filter(
            practice_id=practice_id,
            network_id__in=NetworkMembership.objects.filter(user_id=user_id, state=access.Active).values("network_id"),
        )
        .select_related("network")
        .annotate(post_count=Count("posts", filter=Q(posts__state=Visible)))
        .order_by("-last_post_at", "-pk")
    ),
    practice_id=-4_201_939,
    user_id=-4_201_940,
)


# Members and moderation --------------------------------------------------------------------


def members_page(*, network: Network, number, per_page: int) -> Page:
    """One page of the network's active members, moderators first, each with its ``page_url``."""
    members = (
        NetworkMembership.objects.filter(network=network, state=NetworkMembership.State.ACTIVE)
        .select_related("user")
        .order_by("-role", "user__display_name", "pk")
    )
    page = Paginator(members, per_page).get_page(number)
    rows = list(page.object_list)
    prime_memberships([m.user for m in rows])
    for membership in rows:
        membership.page_url = member_url(network.pk, public_name(membership.user))
    page.object_list = rows
    return page


MEMBER_RECENT_POSTS = 10


@dataclass(frozen=True)
class MemberProfile:
    """What a member page shows: ``organisation`` is "" when the reader may not know who is
    behind a pseudonym (an organisation narrows it down)."""

    membership: NetworkMembership
    name: str
    organisation: str
    posts: list[Post]


def member_profile(*, viewer, membership: NetworkMembership) -> MemberProfile:
    """A member's page in their network (``membership`` from ``access.member_for_reader``):
    their name as ``viewer`` may see it, organisation, role and latest visible posts there."""
    person = membership.user
    prime_memberships([person])
    name = display_name(viewer=viewer, person=person)
    approved = person.__dict__.get("membership")
    knows = not person.pseudonym or name != person.pseudonym
    posts = list(
        Post.objects.filter(thread__network_id=membership.network_id, author_id=person.pk, state=Visible)
        .select_related("thread")
        .order_by("-created_at", "-pk")[:MEMBER_RECENT_POSTS]
    )
    for post in posts:
        post.excerpt = Truncator(html_text(post.body_html)).words(30)
    organisation = approved.organisation.name if approved is not None and knows else ""
    return MemberProfile(membership=membership, name=name, organisation=organisation, posts=posts)


MENTION_SUGGESTIONS = 8


def mention_suggestions(*, user, network: Network, prefix: str, limit: int = MENTION_SUGGESTIONS) -> list[str]:
    """Names that complete ``@prefix`` in ``network``: its other active members with live portal
    access, by the name members are shown by (``public_name``: the pseudonym when there is one),
    those starting with the prefix first, then those with a word starting with it. A real name
    behind a pseudonym is never matched, so a suggestion never tells who uses a pseudonym."""
    wanted = " ".join((prefix or "").split()).casefold()
    if not wanted or len(wanted) > 50:
        return []
    ranked = []
    for member in mentionable_members(network):
        if member.pk == user.pk or not access.may_use_networks(member):
            continue
        name = public_name(member)
        folded = name.casefold()
        if folded.startswith(wanted):
            ranked.append((0, folded, name))
        elif any(word.startswith(wanted) for word in folded.split()):
            ranked.append((1, folded, name))
    return [name for _rank, _folded, name in sorted(ranked)[:limit]]


def banned_of(*, network: Network) -> list[NetworkMembership]:
    rows = list(
        NetworkMembership.objects.filter(network=network, state=NetworkMembership.State.BANNED)
        .select_related("user")
        .order_by("-ended_at", "-pk")
    )
    prime_memberships([m.user for m in rows])
    return rows


def has_pending_request(*, user, network: Network) -> bool:
    return JoinRequest.objects.filter(network=network, user_id=user.pk, state=JoinRequest.State.PENDING).exists()


def pending_requests_page(*, network: Network, number, per_page: int) -> Page:
    """One page of the network's pending requests to join, oldest first (the order a moderator
    works through them), each with its user."""
    requests = (
        JoinRequest.objects.filter(network=network, state=JoinRequest.State.PENDING)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    page = Paginator(requests, per_page).get_page(number)
    rows = list(page.object_list)
    prime_memberships([r.user for r in rows])
    page.object_list = rows
    return page


def _usable_invitations() -> QuerySet[Invitation]:
    """Not accepted, not expired: revoking or declining an invitation ends it (``expires_at``)."""
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def open_invitations_of(*, network: Network) -> QuerySet[Invitation]:
    return _usable_invitations().filter(network=network).order_by("-created_at", "-pk")


def _verified_address(user) -> Q:
    """Invitations sent to ``user``'s own address, once that address is verified."""
    verified = EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email, verified=True)
    return Q(email__iexact=user.email or "") & Q(Exists(verified))


def networks_moderated_alone(*, user) -> list[Network]:
    """The networks of which ``user`` is the only active moderator (another active account
    moderating there would keep the network moderated once they left), by name."""
    others = NetworkMembership.objects.filter(
        network=OuterRef("network"), state=NetworkMembership.State.ACTIVE, role=NetworkMembership.Role.MODERATOR
    ).exclude(user=user)
    mine = NetworkMembership.objects.filter(
        user=user, state=NetworkMembership.State.ACTIVE, role=NetworkMembership.Role.MODERATOR
    ).exclude(Exists(others.filter(user__is_active=True)))
    return list(Network.objects.filter(pk__in=mine.values("network_id")).order_by("name", "pk"))


def invitations_for(*, user) -> list[Invitation]:
    """Usable invitations sent to ``user``'s verified address, with their network (name and
    purpose only are shown). Nothing for anyone who may not use networks."""
    if not access.may_use_networks(user) or not user.email:
        return []
    return list(_usable_invitations().filter(_verified_address(user)).select_related("network").order_by("pk"))


def open_reports_page(*, network: Network, number, per_page: int) -> Page:
    """One page of the network's open reports, oldest first, each with its post, thread and people."""
    reports = (
        Report.objects.filter(post__thread__network=network, state=Report.State.OPEN)
        .select_related("post", "post__author", "post__thread", "reporter")
        .order_by("created_at", "pk")
    )
    page = Paginator(reports, per_page).get_page(number)
    rows = list(page.object_list)
    prime_memberships([person for r in rows for person in (r.post.author, r.reporter) if person])
    page.object_list = rows
    return page


def open_reports_by_network(*, user) -> list[Mapping[str, Any]]:
    """For the moderators' dashboard: each network with open reports that ``user`` moderates,
    as ``{"network_id", "name", "is_case_room", "count"}``, most reports first. One query."""
    if not access.is_moderator(user):
        return []
    rows = (
        Report.objects.filter(state=Report.State.OPEN)
        .values(
            network_id=F("post__thread__network_id"),
            name=F("post__thread__network__name"),
            is_case_room=F("post__thread__network__is_case_room"),
        )
        .annotate(count=Count("pk"))
        .order_by("-count", "name", "network_id")
    )
    return list(rows)


def queue_counts(*, network: Network) -> dict[str, int]:
    return {
        "requests": JoinRequest.objects.filter(network=network, state=JoinRequest.State.PENDING).count(),
        "reports": Report.objects.filter(post__thread__network=network, state=Report.State.OPEN).count(),
    }


# Notifications -----------------------------------------------------------------------------


def notifications_for(*, user, network_ids: list[int] | None = None) -> QuerySet[Notification]:
    """The user's notifications from networks they still belong to, of posts still visible.
    ``network_ids``: ``access.network_ids_for_member(user)``, when the caller has it already."""
    if network_ids is None:
        network_ids = access.network_ids_for_member(user)
    return (
        Notification.objects.filter(recipient_id=user.pk, post__thread__network_id__in=network_ids)
        .filter(post__state=Visible)
        .select_related("post", "post__author", "post__thread", "post__thread__network")
        .order_by("-created_at", "-pk")
    )


def named_notifications(notifications) -> list[Notification]:
    rows = list(notifications)
    prime_memberships([n.post.author for n in rows if n.post.author])
    return rows


def unread_notification_count(*, user, network_ids: list[int] | None = None) -> int:
    return notifications_for(user=user, network_ids=network_ids).filter(read_at__isnull=True).count()


def _count(queryset: QuerySet) -> Coalesce:
    """``SELECT COUNT(*)`` of ``queryset`` as a subquery (no GROUP BY)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), Value(0))


def _live_network_ids(user) -> QuerySet:
    """In SQL, what ``access.network_ids_for_member`` gives: active memberships of open networks."""
    open_network = (
        Q(network__is_case_room=False)
        | Q(network__access_ends_on__isnull=True)
        | Q(network__access_ends_on__gte=timezone.localdate())
    )
    rows = NetworkMembership.objects.filter(user_id=user.pk, state=NetworkMembership.State.ACTIVE)
    return rows.filter(open_network).values("network_id")


def _portal_access(user) -> Q:
    """In SQL, ``access.may_use_networks``: the moderator flag, or an approved membership of a
    verified organisation."""
    if holds_moderator_role(user):
        return Q()
    approved = Membership.objects.filter(
        user_id=OuterRef("pk"), state=Membership.State.APPROVED, organisation__verified=True
    )
    return Q(Exists(approved))


def unread_badge_count(*, user) -> int:
    """The header's badge: unread mentions and replies (as on the notifications page) plus
    invitations waiting for an answer, in one query; nothing asked of anonymous visitors."""
    if not signed_in(user):
        return 0
    notes = Notification.objects.filter(
        recipient_id=user.pk,
        read_at__isnull=True,
        post__state=Visible,
        post__thread__network_id__in=_live_network_ids(user),
    )
    invitations = _usable_invitations().filter(_verified_address(user))
    total = (
        User.objects.filter(pk=user.pk, is_active=True)
        .filter(_portal_access(user))
        .annotate(total=_count(notes) + _count(invitations))
        .values_list("total", flat=True)
        .first()
    )
    return total or 0


# Mentions that match nobody ----------------------------------------------------------------


def unknown_mentions(*, network: Network, body: str) -> list[str]:
    """The ``@names`` in ``body`` that match no member of ``network``, as typed, each once
    (outside code and links, as mentions link: network.mentions.unknown_names). Names that do
    match are taken out first (longest first), so a member called "Anna Berg" leaves no "@Anna"
    behind."""
    return unknown_names(body, network_id=network.pk, members=mentionable_members(network))


# Search ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostHit:
    post_id: int
    thread_id: int
    thread_title: str
    network_name: str
    created_at: datetime
    snippet: SafeString


SNIPPET_RADIUS = 80
POSTS_PER_SEARCH_PAGE = 20


def snippet(text: str, query: str) -> SafeString:
    """Escaped text around the first match, with the match in <mark>."""
    plain = " ".join((text or "").split())
    match = re.search(re.escape(query), plain, re.IGNORECASE) if query else None
    if match is None:
        return escape(plain[: SNIPPET_RADIUS * 2] + ("…" if len(plain) > SNIPPET_RADIUS * 2 else ""))
    start, end = max(0, match.start() - SNIPPET_RADIUS), min(len(plain), match.end() + SNIPPET_RADIUS)
    before, found, after = plain[start : match.start()], plain[match.start() : match.end()], plain[match.end() : end]
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(plain) else "")
    return mark_safe(f"{prefix}{escape(before)}<mark>{escape(found)}</mark>{escape(after)}{suffix}")  # noqa: S308


@dataclass(frozen=True)
class PostSearch:
    """One page of a post search: engine hits (ordinary networks) and, apart, the case rooms'
    hits (searched in the database only: their content never goes to a search engine)."""

    query: str
    hits: list[PostHit]
    total: int
    page: Page | None
    case_room_hits: list[PostHit]
    degraded: bool = False

    @property
    def found(self) -> bool:
        return bool(self.hits or self.case_room_hits)


class _Counted:
    """The engine's page as a sequence of ``total`` items, for Django's Paginator."""

    def __init__(self, total: int, hits: list[PostHit]):
        self.total, self.hits = total, hits

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.hits


def _networks_of(user, network: Network | None) -> tuple[frozenset[int], list[int]]:
    """The networks ``user`` reads (``network`` only, when given): (indexed ones, case rooms)."""
    network_ids = access.network_ids_for_member(user)
    if network is not None:
        network_ids = [pk for pk in network_ids if pk == network.pk]
    rooms = set(Network.objects.filter(pk__in=network_ids, is_case_room=True).values_list("pk", flat=True))
    return frozenset(pk for pk in network_ids if pk not in rooms), sorted(rooms)


def search_posts(
    *,
    user,
    query: str,
    network: Network | None = None,
    page: int | str | None = 1,
    per_page: int = POSTS_PER_SEARCH_PAGE,
    sort: Sort = "relevance",
) -> PostSearch:
    """Visible posts matching ``query`` in the networks ``user`` is an active member of.

    Ordinary networks are searched through the search engine (search.backends), limited to
    the reader's networks; each hit is then read back from the database, visible and in those
    networks, or dropped. Case rooms are searched here, in the database. A non-member gets
    nothing: no hit, no count, no snippet.
    """
    query = " ".join((query or "").split())
    indexed, rooms = _networks_of(user, network)
    if len(query) < 2 or not (indexed or rooms):
        return PostSearch(query=query, hits=[], total=0, page=None, case_room_hits=[])
    number = _page_number(page)
    results = _engine_posts(query, indexed, number, per_page, sort)
    # _Counted is all that Paginator reads: len() and one slice.
    paginator: Paginator[PostHit] = Paginator(_Counted(results.total, []), per_page)  # type: ignore[arg-type]
    page_obj = paginator.get_page(number)
    if page_obj.number != number:  # past the last page: show the last one
        results = _engine_posts(query, indexed, page_obj.number, per_page, sort)
    hits = _read_back(results.hits, indexed, query)
    page_obj.object_list = hits
    return PostSearch(
        query=query,
        hits=hits,
        total=results.total,
        page=page_obj,
        case_room_hits=search_case_rooms(query=query, network_ids=rooms),
        degraded=results.degraded,
    )


def _page_number(page) -> int:
    try:
        return max(1, int(page or 1))
    except (TypeError, ValueError):
        return 1


def _engine_posts(query: str, network_ids: frozenset[int], page: int, per_page: int, sort: Sort):
    if not network_ids:
        return no_posts("none")
    asked = PostQuery(text=query, network_ids=network_ids, page=page, per_page=per_page, sort=sort)
    return get_search_backend().search(COLLECTION, asked)


def _read_back(found, network_ids: frozenset[int], query: str) -> list[PostHit]:
    """The engine's hits as the database has them now: a post hidden, deleted or moved since
    it was indexed is dropped, whatever the engine still holds. A hit found by its meaning
    only shows its sentence closest to the query (search.hits.best_sentences), read for
    the posts kept only."""
    posts = (
        Post.objects.filter(pk__in=[hit.id for hit in found], state=Visible, thread__network_id__in=network_ids)
        .select_related("thread", "thread__network")
        .in_bulk()
    )
    semantic = [hit.id for hit in found if hit.matched_by == "semantic" and hit.id in posts]
    best = best_sentences(COLLECTION, semantic, semantic_text(query)) if semantic else {}
    return [
        PostHit(
            post_id=post.pk,
            thread_id=post.thread_id,
            thread_title=post.thread.title,
            network_name=post.thread.network.name,
            created_at=post.created_at,
            snippet=_hit_snippet(hit, post, best.get(hit.id, "")),
        )
        for hit in found
        if (post := posts.get(hit.id)) is not None
    ]


def _hit_snippet(hit, post: Post, sentence: str) -> SafeString:
    if sentence:
        return escape(sentence)
    if hit.highlight:
        return mark_safe(hit.highlight)  # noqa: S308 (engines escape)
    return snippet(post_text(post), "")


def search_case_rooms(*, query: str, network_ids: list[int], limit: int = 50) -> list[PostHit]:
    """Case-room posts matching ``query`` (their text as readers see it, or the thread title),
    newest first, in the database only (``network_ids``: case rooms the reader is a member of).
    The text is the stored ``body_text``: no Markdown, no link targets, as the engines index."""
    if not network_ids:
        return []
    posts = (
        Post.objects.filter(thread__network_id__in=network_ids, state=Visible)
        .filter(Q(body_text__icontains=query) | Q(thread__title__icontains=query))
        .select_related("thread", "thread__network")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        PostHit(
            post_id=p.pk,
            thread_id=p.thread_id,
            thread_title=p.thread.title,
            network_name=p.thread.network.name,
            created_at=p.created_at,
            snippet=snippet(p.body_text, query),
        )
        for p in posts
    ]


def practice_discussion_context(*, user, practice: Practice) -> dict:
    """Context for ``network/_practice_threads.html`` on a practice page the user may read."""
    memberships = access.live_memberships(user)  # one query: the networks come with them, by name
    network_ids = sorted(m.network_id for m in memberships)
    return {
        "network_threads": threads_linked_to_practice(user=user, practice=practice, network_ids=network_ids),
        "discuss_networks": [m.network for m in memberships],
    }
