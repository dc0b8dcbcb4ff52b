"""Reads of threads and posts: a network's threads, a thread's page and its posts as rows,
quotes, revisions, subscriptions, and the threads on a practice."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import NamedTuple, overload

from django.db import router
from django.db.models import Count, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from network import access
from network.mentions import prime_memberships
from network.models import Network, NetworkMembership, Post, PostRevision, Thread, ThreadRead, ThreadSubscription
from portal.prepared import PreparedQuery
from practices.models import Practice
from practices.selectors import published_practice_for_user

Visible = Post.State.VISIBLE


def _last_read(user) -> Subquery:
    return Subquery(ThreadRead.objects.filter(thread=OuterRef("pk"), user_id=user.pk).values("last_read_at")[:1])


def _with_read_state(queryset: QuerySet[Thread], user) -> QuerySet[Thread]:
    return queryset.annotate(last_read_at=_last_read(user))


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
    hidden_reason: str


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
    "hidden_reason",
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


def first_new_place(*, thread: Thread, user, per_page: int) -> tuple[int, bool]:
    """Where ``user`` takes up ``thread``: the page of the first post new to them (written after
    their read mark by someone else, as the thread page marks it ``#new``) and True; the first page
    of a thread never read, the last of one read to its end, and False."""
    marks = ThreadRead.objects.filter(thread=thread, user_id=user.pk)
    last_read_at = marks.values_list("last_read_at", flat=True).first()
    posts = Post.objects.filter(thread_id=thread.pk)
    if last_read_at is None:
        return 1, False
    first_new = (
        posts.filter(created_at__gt=last_read_at).exclude(author_id=user.pk).order_by("created_at", "pk").first()
    )
    if first_new is None:
        return max(1, -(-posts.count() // per_page)), False
    return post_page_number(post=first_new, per_page=per_page), True


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


def practice_discussion_context(*, user, practice: Practice) -> dict:
    """Context for ``network/_practice_threads.html`` on a practice page the user may read."""
    memberships = access.live_memberships(user)  # one query: the networks come with them, by name
    network_ids = sorted(m.network_id for m in memberships)
    return {
        "network_threads": threads_linked_to_practice(user=user, practice=practice, network_ids=network_ids),
        "discuss_networks": [m.network for m in memberships],
    }
