"""What search indexes of a network post: declared once, for every search engine.

A post document carries ``network_id``: an engine must filter every read (hits,
totals, highlights, suggestions, similar items) on
``network_id IN network_ids_for_member(user)``, so that a non-member never gets a
hit, a count or a snippet. Post documents live apart from practice documents and
never mix with practice facets, suggestions or similar-practice lists.

Case rooms are never sent to an engine (``is_indexable`` is False): their content
never leaves the instance and must be purged for good; they are searched through
``network.selectors.search_posts`` (the ORM) only.

The services send ``post_changed`` (index or re-index ``post``) and
``posts_removed`` (delete ``post_ids``) inside the transaction that made the
change, so a receiver can write a search outbox row atomically.
"""

from typing import Any

from django.dispatch import Signal

from network.access import network_ids_for_member
from network.models import Post
from search.analysis import guess_language

__all__ = ["is_indexable", "network_ids_for_member", "post_changed", "post_document", "posts_removed"]

post_changed = Signal()  # kwargs: post
posts_removed = Signal()  # kwargs: post_ids (list[int])

TEXT_FIELDS: tuple[tuple[str, str, float], ...] = (
    ("title", "A", 3.0),  # the thread's title
    ("text", "D", 1.0),  # the post's Markdown source
)


def is_indexable(post: Post) -> bool:
    """Visible posts of ordinary networks. Hidden, deleted and case-room posts are not indexed."""
    if not post.is_visible:
        return False
    return not post.thread.network.is_case_room


def post_document(post: Post, *, version: int) -> dict[str, Any]:
    """The search document of a post (select_related ``thread`` and ``thread__network``).

    No author, no names: a hit shows the thread title and a snippet of the text only.
    ``version`` is the id of the search outbox row that asked for it (it only grows), for
    engines that ignore stale writes. Posts carry no language of their own: it is guessed
    from the text ("" when unsure: the words are then folded, not stemmed).
    """
    thread = post.thread
    return {
        "id": post.pk,
        "version": version,
        "network_id": thread.network_id,
        "thread_id": thread.pk,
        "title": thread.title,
        "text": post.body,
        "language": guess_language(f"{thread.title}\n{post.body}"),
        "created_at": post.created_at.isoformat(),
    }
