"""What search indexes of a network post: declared once, for every search engine.

A post document carries ``network_id``: an engine must filter every read (hits,
totals, highlights, suggestions, similar items) on
``network_id IN network_ids_for_member(user)``, so that a non-member never gets a
hit, a count or a snippet. Post documents live apart from practice documents and
never mix with practice facets, suggestions or similar-practice lists.

Case rooms are never sent to an engine (``is_indexable`` is False): their content
never leaves the instance and must be purged for good; they are searched through
``network.selectors.search_posts`` (the ORM) only.

The services call ``post_changed`` (index or re-index ``post``) and ``posts_removed``
(delete ``post_ids``) inside the transaction that made the change: each writes its search
outbox row there (search/outbox.py). ``COLLECTION`` hands the declaration to the search
layer (registered by NetworkConfig.ready()).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from network.access import network_ids_for_member
from network.models import Post
from portal.text import html_text
from search import outbox
from search.analysis import guess_language
from search.backends.base import Sort
from search.collections import Collection, Layout, TextField

__all__ = ["COLLECTION", "is_indexable", "network_ids_for_member", "post_changed", "post_document", "posts_removed"]

TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("title", "A", 3.0),  # the thread's title
    TextField("text", "D", 1.0),  # the post's text as readers see it (post_text)
)


def is_indexable(post: Post) -> bool:
    """Visible posts of ordinary networks. Hidden, deleted and case-room posts are not indexed."""
    if not post.is_visible:
        return False
    return not post.thread.network.is_case_room


def post_text(post: Post) -> str:
    """What a reader sees of a post, without markup: its stored HTML's text. Engines index and
    highlight this, so a snippet never shows Markdown (``**``, ``[..](..)``) or link targets."""
    return html_text(str(post.html))


def post_document(post: Post, *, version: int) -> dict[str, Any]:
    """The search document of a post (select_related ``thread`` and ``thread__network``).

    No author, no names: a hit shows the thread title and a snippet of the text only.
    ``version`` is the id of the search outbox row that asked for it (it only grows), for
    engines that ignore stale writes. Posts carry no language of their own: it is guessed
    from the text ("" when unsure: the words are then folded, not stemmed).
    """
    thread = post.thread
    text = post_text(post)
    return {
        "id": post.pk,
        "version": version,
        "network_id": thread.network_id,
        "thread_id": thread.pk,
        "title": thread.title,
        "text": text,
        "language": guess_language(f"{thread.title}\n{text}"),
        "created_at": post.created_at.isoformat(),
    }


def indexable_posts() -> QuerySet[Post]:
    return (
        Post.objects.filter(state=Post.State.VISIBLE, thread__network__is_case_room=False)
        .select_related("thread", "thread__network")
        .order_by("pk")
    )


def posts_by_id(ids: Iterable[int]) -> dict[int, Post]:
    return Post.objects.select_related("thread", "thread__network").in_bulk(list(ids))


def reader_networks(user) -> frozenset[int]:
    """The networks whose posts ``user`` may search: those they are an active member of."""
    return frozenset(network_ids_for_member(user))


def search_as_json(user, text: str, *, page: int = 1, sort: Sort = "relevance") -> dict[str, Any]:
    """A member's search of posts as ``manage.py search --posts`` prints it: the engine's hits
    read back, and the case rooms' (searched in the database)."""
    from network.selectors import search_posts  # the selectors search through this collection

    found = search_posts(user=user, query=text, page=page, sort=sort)
    hits = [
        {
            "id": hit.post_id,
            "thread_id": hit.thread_id,
            "title": hit.thread_title,
            "network": hit.network_name,
            "highlight": str(hit.snippet),
        }
        for hit in [*found.hits, *found.case_room_hits]
    ]
    return {"total": found.total, "case_room_hits": len(found.case_room_hits), "hits": hits, "degraded": found.degraded}


COLLECTION = Collection(
    name="posts",
    kind="post",
    layout=Layout.GROUPED,
    text_fields=TEXT_FIELDS,
    candidates=indexable_posts,
    load=posts_by_id,
    is_indexable=is_indexable,
    build=post_document,
    scope=reader_networks,
    index_suffix="-posts",
    reader_search=search_as_json,
    # Hybrid search (docs/SEARCH.md, "Network posts"): the post's text as readers see it
    # makes its vector, and its sentences the best-matching sentence of a semantic hit.
    embedded_fields=("text",),
    sentence_field="text",
)


def post_changed(post: Post):
    """Tell search that ``post`` changed (inside the transaction that changes it)."""
    return outbox.document_changed(COLLECTION.name, post)


def posts_removed(post_ids: list[int]):
    """Tell search that these posts are gone (inside the transaction that removes them)."""
    return outbox.documents_removed(COLLECTION.name, post_ids)
