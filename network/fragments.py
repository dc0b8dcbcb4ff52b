"""The posts of a thread page, each rendered once and kept (templates/network/_post.html).

Rendering 50 posts through the template engine was most of a thread page's time. A post's
fragment is rendered from a plain dictionary holding everything it shows (the names as
this reader may see them, the flags that depend on the reader, the interface language and
time zone) and nothing else: the template cannot reach the request, the reader or the
database. The cache key is a hash of that dictionary, so a kept fragment is only ever served
for the very same inputs: whoever gets it would have rendered the same bytes. Moderators'
fragments carry a form with their CSRF token: they are rendered for them and never kept.
"""

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from network.models import Post
from portal.access import display_name

TEMPLATE = "network/_post.html"
KEEP_SECONDS = 3600  # an hour: the shared cache also holds rate counts (portal/ratelimits.py), keep it small


def post_fragments(
    posts: Sequence[Post], *, request, page_number: int, can_post: bool, moderates: bool
) -> list[SafeString]:
    """The HTML of each post of the page, in order (from the cache where it was kept)."""
    names: dict[int | None, str] = {}

    def name(person) -> str:
        if person is None:
            return gettext("unknown")
        if person.pk not in names:
            names[person.pk] = display_name(viewer=request.user, person=person)
        return names[person.pk]

    shared = {"page_number": page_number, "can_post": can_post, "moderates": moderates}
    contexts = [{"post": _post_view(post, name, moderates=moderates), **shared} for post in posts]
    if moderates:
        return [mark_safe(render_to_string(TEMPLATE, context, request=request)) for context in contexts]  # noqa: S308 - the template escapes
    keys = [_key(context) for context in contexts]
    kept = cache.get_many(keys)
    missing = {}
    for key, context in zip(keys, contexts, strict=True):
        if key not in kept:
            missing[key] = kept[key] = render_to_string(TEMPLATE, context)
    if missing:
        cache.set_many(missing, KEEP_SECONDS)
    return [mark_safe(kept[key]) for key in keys]  # noqa: S308 - rendered by the template, which escapes


def _post_view(post: Any, name, *, moderates: bool) -> dict:
    """Everything a post's fragment shows, as plain values (``post``: a Post with the reader's
    flags set by ``selectors.prepared_posts`` and ``revision_count`` by ``selectors.posts_of``)."""
    quote = post.quote_of
    quote_shown = quote is not None and (quote.state == Post.State.VISIBLE or moderates)
    return {
        "pk": post.pk,
        "state": post.state,
        "readable": post.readable,
        "is_new": post.is_new,
        "first_new": getattr(post, "first_new", False),
        "is_own": post.is_own,
        "author_name": name(post.author) if post.readable else "",
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "revision_count": post.revision_count,
        "html": post.html if post.readable else "",
        "quote": None
        if quote is None or not post.readable
        else {
            "shown": quote_shown,
            "author_name": name(quote.author) if quote_shown else "",
            "html": quote.html if quote_shown else "",
        },
    }


def _key(context: dict) -> str:
    inputs = (TEMPLATE, translation.get_language(), timezone.get_current_timezone_name(), sorted(context.items()))
    return "post:" + hashlib.blake2b(repr(inputs).encode(), digest_size=20).hexdigest()
