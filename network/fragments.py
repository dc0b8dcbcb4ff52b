"""The posts of a thread page, rendered once and kept (templates/network/_post.html).

Rendering 50 posts through the template engine was most of a thread page's time. A post's
fragment is rendered from a plain dictionary holding everything it shows (the names as
this reader may see them, the flags that depend on the reader, the interface language and
time zone) and nothing else: the template cannot reach the request, the reader or the
database. The cache key is a hash of that dictionary, so a kept fragment is only ever served
for the very same inputs: whoever gets it would have rendered the same bytes.

The page's whole list of posts is kept the same way, under a hash of the page's 50
dictionaries, which are made from the page's rows as read (``selectors.PostRow``: plain
values, no model objects). For a reader who sees pseudonyms only (no moderator, no
organisation administrator) the dictionaries are a function of the rows, the reader's id and
which posts are new to them (``_new_since``): those are the key, so a page read again unchanged costs one query, a
hash of its rows as read (``selectors.PostPage.raw``, dates unconverted) and one cache read.
Since a key decides its value, the whole lists are kept where pages are (``portal.caching.kept``:
each process's memory in front of the shared table), so a page read again by a process that
kept it reads no cache table at all; the posts' own fragments stay in the default cache (read
50 at a time, which the layered cache would read one by one).
One input is not in that key: the number of earlier versions of an edited post, read only
when the page is rendered. It changes only with ``edited_at``, which is in the key (an edit
sets both in one transaction, ``services.post_edit``; revisions are never deleted alone).
Moderators' fragments carry a form with their CSRF token: they are rendered for them and
never kept, at either level.

The posts and the page's content are handed to the page as ``portal.caching.Deferred`` parts
(their key, and how to get them): a page kept whole for its reader (``render_for_reader``) is
found by their keys and served without reading either from the cache.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from network import selectors
from network.mentions import prime_memberships
from network.models import Post
from network.selectors import PostPage, PostRow
from portal.access import display_name, may_see_behind_pseudonyms
from portal.caching import Deferred, csrf_stand_in, digest, kept
from portal.models import User

TEMPLATE = "network/_post.html"
CONTENT_TEMPLATE = "network/_thread_content.html"
KEEP_SECONDS = 3600  # an hour: the shared cache also holds rate counts (portal/ratelimits.py), keep it small
Visible = Post.State.VISIBLE


def thread_posts_html(
    rows: PostPage,
    *,
    request,
    page_number: int,
    can_post: bool,
    moderates: bool,
    last_read_at: datetime | None,
) -> Deferred:
    """The page's posts (``rows``, in order) as HTML, computed when the page is rendered: kept
    whole where this very page was rendered before, otherwise from each post's kept fragment,
    otherwise rendered now; under the key the whole list is kept under (None for moderators:
    never kept)."""
    viewer = request.user
    shared = {"page_number": page_number, "can_post": can_post, "moderates": moderates}

    def views() -> list[dict]:
        return _post_views(rows, viewer=viewer, moderates=moderates, last_read_at=last_read_at)

    if moderates:

        def rendered() -> SafeString:
            shown = views()
            _count_revisions(shown)
            html = "".join(render_to_string(TEMPLATE, {"post": v, **shared}, request=request) for v in shown)
            return mark_safe(html)  # noqa: S308 - the template escapes

        return Deferred(None, rendered)
    every: list[dict] | None
    if may_see_behind_pseudonyms(viewer):
        every = views()  # names read from the people themselves: the names shown are the key
        page_key = _key("posts", shared, every)
    else:
        # The views are a function of the rows, the reader's id and which posts are new to them
        # (``_post_views``: names from the rows alone, see ``_namer``): those are the key (the rows
        # as read, which decide the converted ones), and a page read again unchanged converts and
        # builds nothing.
        every = None
        page_key = _key("posts", "rows", shared, viewer.pk, _new_since(rows, last_read_at), rows.raw)

    def kept_or_rendered() -> SafeString:
        html = kept().get(page_key)
        if html is None:
            shown = views() if every is None else every
            _count_revisions(shown)
            html = "".join(_fragments([{"post": view, **shared} for view in shown]))
            kept().set(page_key, html, KEEP_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes

    return Deferred(page_key, kept_or_rendered)


def _new_since(rows: PostPage, last_read_at: datetime | None) -> datetime | None:
    """What decides which of the page's posts are new to the reader (``_post_view``'s ``is_new``):
    None when none is (never read, or read past the page's last post, since the page is in the
    order of the posts' dates), else the reader's read mark. A page read again after the mark
    moved past it keeps its key."""
    last = rows.last()
    if last_read_at is None or last is None or last.created_at <= last_read_at:
        return None
    return last_read_at


def thread_content_html(context: dict[str, Any], *, request, posts: Deferred) -> Deferred:
    """The thread page's content (templates/network/_thread_content.html) for ``context`` and the
    page's ``posts`` (``thread_posts_html``), computed when the page is rendered.

    The template reads its context alone, so for a reader who does not moderate the network
    the content is kept under a hash of everything it shows: the page's posts (their key,
    itself a hash of what they show), the thread, its network, the linked practice, the
    reader's flags, the quoted post, the page and the query string its links keep. The CSRF
    token is the one thing of the reader's in it: it holds the stand-in
    (``portal.caching.csrf_stand_in``), which ``render_for_reader`` replaces on each request.
    Moderators' content carries their forms: rendered for them, never kept (key None)."""
    if posts.key is None or context["moderates"]:

        def rendered() -> SafeString:
            html = render_to_string(CONTENT_TEMPLATE, _full_context(context, request, posts), request=request)
            return mark_safe(html)  # noqa: S308 - the template escapes

        return Deferred(None, rendered)
    thread, network, practice, quote, page = (
        context[name] for name in ("thread", "network", "practice", "quote", "page")
    )
    key = _key(
        "content",
        posts.key,
        (thread.pk, thread.title, thread.pinned, thread.locked),
        (network.pk, network.name, network.is_case_room, network.access_ends_on),
        None if practice is None else (practice.pk, practice.title, practice.get_absolute_url()),
        context["subscribed"],
        context["can_post"],
        None if quote is None else (quote.pk, quote.html, context["quote_author"]),
        (page.number, page.paginator.num_pages, request.path, request.GET.urlencode()),
    )

    def kept_or_rendered() -> SafeString:
        html = kept().get(key)
        if html is None:
            html = render_to_string(
                CONTENT_TEMPLATE, {**_full_context(context, request, posts), "csrf_token": csrf_stand_in()}
            )
            kept().set(key, html, KEEP_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by the template, which escapes

    return Deferred(key, kept_or_rendered)


def _full_context(context: dict[str, Any], request, posts: Deferred) -> dict[str, Any]:
    """What the content's template reads: ``context``, the page's posts and the pagination,
    rendered once for the top and the bottom of the list (no context processors: it needs none
    but the request's address and query string)."""
    pagination = render_to_string(
        "portal/_pagination.html", {"page": context["page"], "pages_label": context["pages_label"], "request": request}
    )
    return {**context, "pagination": pagination, "posts_html": posts.compute()}


def _fragments(contexts: list[dict]) -> list[str]:
    """Each post's fragment, from the cache where it was kept."""
    keys = [_key("post", context) for context in contexts]
    kept = cache.get_many(keys)
    missing = {}
    for key, context in zip(keys, contexts, strict=True):
        if key not in kept:
            missing[key] = kept[key] = render_to_string(TEMPLATE, context)
    if missing:
        cache.set_many(missing, KEEP_SECONDS)
    return [kept[key] for key in keys]


def _post_views(rows: Sequence[PostRow], *, viewer, moderates: bool, last_read_at: datetime | None) -> list[dict]:
    name = _namer(rows, viewer=viewer)
    views = [_post_view(row, name, viewer_id=viewer.pk, moderates=moderates, last_read_at=last_read_at) for row in rows]
    first_new = next((view for view in views if view["is_new"]), None)
    if first_new is not None:
        first_new["first_new"] = True
    return views


def _post_view(row: PostRow, name, *, viewer_id: int, moderates: bool, last_read_at: datetime | None) -> dict:
    """Everything a post's fragment shows, as plain values (but the number of its earlier
    versions: ``_count_revisions``)."""
    readable = row.state == Visible or moderates
    quote_shown = row.quote_id is not None and (row.quote_state == Visible or moderates)
    return {
        "pk": row.pk,
        "state": row.state,
        "readable": readable,
        "is_new": last_read_at is not None and row.created_at > last_read_at and row.author_id != viewer_id,
        "first_new": False,
        "is_own": row.author_id == viewer_id,
        # Why a moderator hid it: to its author and the moderators only
        "hidden_reason": row.hidden_reason if moderates or row.author_id == viewer_id else "",
        "author_name": name(row.author_id, row.author_display_name, row.author_pseudonym, row.author_closed_at)
        if readable
        else "",
        "created_at": row.created_at,
        "edited_at": row.edited_at,
        "html": mark_safe(row.body_html) if readable else "",  # noqa: S308 - stored by Post.save (portal.text: nh3)
        "quote": None
        if row.quote_id is None or not readable
        else {
            "shown": quote_shown,
            "author_name": name(
                row.quote_author_id,
                row.quote_author_display_name,
                row.quote_author_pseudonym,
                row.quote_author_closed_at,
            )
            if quote_shown
            else "",
            "html": mark_safe(row.quote_body_html or "") if quote_shown else "",  # noqa: S308 - as above
        },
    }


class _Person(NamedTuple):
    """All ``display_name`` reads of a person for a viewer who cannot see behind pseudonyms."""

    pk: int
    display_name: str
    pseudonym: str
    closed_at: datetime | None


def _namer(rows: Sequence[PostRow], *, viewer) -> Callable[[int | None, str | None, str | None, datetime | None], str]:
    """How the page's authors are named to ``viewer`` (``portal.access.display_name``): from the
    rows, or, for those who may see behind a pseudonym, from the people and their memberships."""
    people: dict[int, Any] | None = None
    if may_see_behind_pseudonyms(viewer):
        ids = {row.author_id for row in rows} | {row.quote_author_id for row in rows}
        people = User.objects.in_bulk([pk for pk in ids if pk is not None])
        prime_memberships(list(people.values()))
    names: dict[int, str] = {}

    def name(pk: int | None, real: str | None, pseudonym: str | None, closed_at: datetime | None) -> str:
        if pk is None:
            return gettext("unknown")
        if pk not in names:
            person = _Person(pk, real or "", pseudonym or "", closed_at) if people is None else people.get(pk)
            names[pk] = gettext("unknown") if person is None else display_name(viewer=viewer, person=person)
        return names[pk]

    return name


def _count_revisions(views: list[dict]) -> None:
    counts = selectors.revision_counts([view["pk"] for view in views if view["edited_at"] is not None])
    for view in views:
        view["revision_count"] = counts.get(view["pk"], 0)


def _key(kind: str, *inputs) -> str:
    """A hash of everything a fragment shows: a kept one is served only for the same inputs."""
    return f"{kind}:" + digest(TEMPLATE, translation.get_language(), timezone.get_current_timezone_name(), inputs)
