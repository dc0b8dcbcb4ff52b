"""Searching posts: the networks' threads through the search engine, and case rooms in the
database."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from network import access
from network.indexing import COLLECTION, post_text
from network.models import Network, Post
from network.selectors.threads import Visible
from search.backends import get_search_backend
from search.backends.base import PostQuery, Sort, no_posts
from search.backends.hybrid import semantic_text
from search.hits import best_sentences

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
