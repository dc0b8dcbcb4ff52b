"""Thread and post views: threads, replies, posts' links, edits, deletions, moderation,
history and reports, the search of posts, and notifications."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network import access, selectors, services
from network.forms import PostEditForm, PostForm, ReportForm, SearchForm, ThreadForm
from network.fragments import thread_content_html, thread_posts_html
from network.models import Post
from network.views.common import _attempt, _form_status, networks_only
from portal.access import display_name
from portal.caching import render_for_reader
from portal.decorators import mfa_required
from portal.http import AuthenticatedHttpRequest
from portal.ratelimits import over_rate
from search.forms import MAX_QUERY_LENGTH

POSTS_PER_PAGE = 50


# Threads -----------------------------------------------------------------------------------


@networks_only
@require_http_methods(["GET", "POST"])
def thread_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_member(user=request.user, pk=pk)
    form = ThreadForm(request.POST or None, initial={"practice": request.GET.get("practice")})
    practice = selectors.readable_practice(user=request.user, pk=form["practice"].value())
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(
                network=network,
                actor=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                practice=practice,
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            _warn_unknown_mentions(request, network=network, body=form.cleaned_data["body"])
            return redirect(thread)
    context = {"network": network, "form": form, "practice": practice}
    return render(request, "network/thread_form.html", context, status=400 if form.errors else 200)


@networks_only
@require_GET
def thread_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread, reading = selectors.thread_page(pk=pk, user=request.user) or (None, None)
    thread = access.readable_thread(user=request.user, thread=thread)
    assert reading is not None  # read with the thread
    posts = selectors.ThreadPosts(thread, reading.post_count)
    # ThreadPosts is all that Paginator reads: len() and one slice
    paginator: Paginator[selectors.PostRow] = Paginator(posts, POSTS_PER_PAGE)  # type: ignore[arg-type]
    page = paginator.get_page(request.GET.get("page"))
    rows: selectors.PostPage = page.object_list  # type: ignore[assignment]  # what ThreadPosts gives
    last = rows.last()
    services.thread_mark_read(
        thread=thread, user=request.user, up_to=last.created_at if last else None, previous=reading.last_read_at
    )
    quote = selectors.quotable_post(thread=thread, pk=request.GET.get("quote"))
    moderates = access.can_moderate(request.user, thread.network)
    can_post = access.can_post(request.user, thread)
    posts_html = thread_posts_html(
        rows,
        request=request,
        page_number=page.number,
        can_post=can_post,
        moderates=moderates,
        last_read_at=reading.last_read_at,
    )
    content = {
        "network": thread.network,
        "thread": thread,
        "page": page,
        "pages_label": _("Pages of the discussion"),
        "moderates": moderates,
        "can_post": can_post,
        "subscribed": reading.subscribed,
        "practice": selectors.readable_practice(user=request.user, pk=thread.practice_id),
        "form": PostForm(initial={"quote": quote.pk if quote else None}),
        "quote": quote,
        "quote_author": display_name(viewer=request.user, person=quote.author) if quote else "",
        "LANGUAGE_CODE": get_language(),
    }
    context = {
        "thread": {"title": thread.title},  # all the page reads of it beside the content
        "content_html": thread_content_html(content, request=request, posts=posts_html),
    }
    return render_for_reader(request, "network/thread_detail.html", context, keep=not moderates)


@networks_only
@require_GET
def thread_first_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Where the reader takes up a thread: the page of its first post new to them, at ``#new``."""
    thread = access.thread_for_member(user=request.user, pk=pk)
    number, new = selectors.first_new_place(thread=thread, user=request.user, per_page=POSTS_PER_PAGE)
    return redirect(f"{thread.get_absolute_url()}?page={number}{'#new' if new else ''}")


@networks_only
@require_POST
def thread_reply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    thread = access.thread_for_member(user=request.user, pk=pk)
    form = PostForm(request.POST)
    if form.is_valid():
        quote = selectors.quotable_post(thread=thread, pk=form.cleaned_data["quote"])
        try:
            post = services.post_create(
                thread=thread, actor=request.user, body=form.cleaned_data["body"], quote_of=quote
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            _warn_unknown_mentions(request, network=thread.network, body=post.body)
            return redirect(_post_url(post))
    # A refused reply: the form again, with what was typed (the thread page is read with GET only)
    context = {"thread": thread, "form": form, "can_post": access.can_post(request.user, thread)}
    return render(request, "network/reply_form.html", context, status=400)


@networks_only
@mfa_required
@require_POST
def thread_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access.thread_for_moderator(user=request.user, pk=pk)
    actions: dict[str, tuple[Callable[..., object], dict[str, bool], str]] = {
        "pin": (services.thread_pin, {"pinned": True}, _("The thread is pinned.")),
        "unpin": (services.thread_pin, {"pinned": False}, _("The thread is no longer pinned.")),
        "lock": (services.thread_lock, {"locked": True}, _("The thread is locked.")),
        "unlock": (services.thread_lock, {"locked": False}, _("The thread is open again.")),
    }
    chosen = actions.get(request.POST.get("action", ""))
    if chosen is not None:
        service, values, success = chosen
        _attempt(request, success, service, thread=thread, actor=request.user, **values)
    return redirect(thread)


@networks_only
@require_POST
def thread_subscribe(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access.thread_for_member(user=request.user, pk=pk)
    subscribed = request.POST.get("subscribed") == "1"
    success = _("You follow this thread.") if subscribed else _("You no longer follow this thread.")
    _attempt(
        request, success, services.thread_subscription_set, thread=thread, user=request.user, subscribed=subscribed
    )
    return redirect(thread)


# Posts -------------------------------------------------------------------------------------


def _warn_unknown_mentions(request: HttpRequest, *, network, body: str) -> None:
    """The post is saved; tell its author which @names reached nobody, so they can correct them."""
    unknown = selectors.unknown_mentions(network=network, body=body)
    if unknown:
        text = ngettext(
            "Your post is saved, but %(names)s matches no member of this network: nobody was notified. "
            "Edit your post to correct the name.",
            "Your post is saved, but %(names)s match no member of this network: nobody was notified. "
            "Edit your post to correct the names.",
            len(unknown),
        ) % {"names": ", ".join(unknown)}
        messages.warning(request, text)


def _post_url(post: Post) -> str:
    number = selectors.post_page_number(post=post, per_page=POSTS_PER_PAGE)
    return f"{reverse('network:thread', kwargs={'pk': post.thread_id})}?page={number}#post-{post.pk}"


@networks_only
@require_GET
def post_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A post's permanent link: to its page of the thread (also marks its notification read)."""
    post = access.post_place_for_member(user=request.user, pk=pk)
    services.notifications_mark_read(user=request.user, post_ids=[post.pk])
    if not access.can_see_post_text(request.user, post):  # hidden or deleted since the link was sent
        gone: dict[str, str] = {
            Post.State.DELETED: _("This post was deleted by its author since."),
            Post.State.HIDDEN: _("This post was hidden by a moderator since."),
        }
        messages.info(request, gone.get(str(post.state), _("This post is no longer visible.")))
    return redirect(_post_url(post))


@networks_only
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        own = access.own_post_for_author(user=request.user, pk=pk)
        if not access.can_edit_post(request.user, own):  # hidden or locked since the form was opened
            return _edit_refused(request, own)
    post = access.post_for_author(user=request.user, pk=pk)
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            request,
            _("Your post is updated."),
            services.post_edit,
            post=post,
            actor=request.user,
            body=form.cleaned_data["body"],
        )
    ):
        _warn_unknown_mentions(request, network=post.thread.network, body=post.body)
        return redirect(_post_url(post))
    return render(request, "network/post_form.html", {"post": post, "thread": post.thread, "form": form})


def _changed_meanwhile(post: Post) -> str:
    """Why an author's action on their post did nothing: what happened to it since."""
    if post.state == Post.State.HIDDEN:
        return _("A moderator hid this post meanwhile: members no longer see it.")
    if post.state == Post.State.DELETED:
        return _("Your post is deleted.")
    return _("This thread is locked: your post can no longer be changed.")


def _edit_refused(request: HttpRequest, post: Post) -> HttpResponse:
    """The edit form again with what was typed (never the post's stored text), and why nothing
    was saved: the post was hidden or deleted, or the thread locked, after the form was opened."""
    form = PostEditForm(request.POST)
    if post.state == Post.State.HIDDEN:
        reason = _("A moderator hid this post meanwhile: your changes are not saved. Copy them if you need them.")
    elif post.state == Post.State.DELETED:
        reason = _("This post was deleted meanwhile: your changes are not saved. Copy them if you need them.")
    else:
        reason = _("This post can no longer be edited: your changes are not saved. Copy them if you need them.")
    form.add_error(None, reason)
    context = {"post": post, "thread": post.thread, "form": form, "refused": True}
    return render(request, "network/post_form.html", context, status=409)


@networks_only
@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        own = access.own_post_for_author(user=request.user, pk=pk)
        if not access.can_edit_post(request.user, own):  # its state changed since the page was opened
            messages.info(request, _changed_meanwhile(own))
            return redirect(_post_url(own))
    post = access.post_for_author(user=request.user, pk=pk)
    if request.method == "GET":
        return render(request, "network/post_confirm_delete.html", {"post": post, "thread": post.thread})
    _attempt(request, _("Your post is deleted."), services.post_delete, post=post, actor=request.user)
    return redirect(_post_url(post))


@networks_only
@mfa_required
@require_POST
def post_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.post_for_moderator(user=request.user, pk=pk)
    if request.POST.get("action") == "restore":
        _attempt(request, _("The post is visible again."), services.post_restore, post=post, actor=request.user)
    else:
        _attempt(
            request,
            _("The post is hidden."),
            services.post_hide,
            post=post,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    return redirect(_post_url(post))


@networks_only
@mfa_required
@require_GET
def post_hide(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks before hiding a post from the thread; the form posts to ``post_moderate``."""
    post = access.post_for_moderator(user=request.user, pk=pk)
    action = reverse("network:post_moderate", kwargs={"pk": post.pk})
    context = {"post": post, "thread": post.thread, "action": action, "field": "action", "cancel": _post_url(post)}
    return render(request, "network/post_confirm_hide.html", context)


@networks_only
@require_GET
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.post_for_member(user=request.user, pk=pk)
    context = {"post": post, "thread": post.thread, "revisions": selectors.revisions_of(post=post)}
    return render(request, "network/post_history.html", context)


@networks_only
@require_http_methods(["GET", "POST"])
def post_report(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        place = access.post_place_for_member(user=request.user, pk=pk)
        if not place.is_visible:  # hidden or deleted since the form was opened: nothing to report
            hidden = place.state == Post.State.HIDDEN
            messages.info(
                request,
                _("A moderator hid this post meanwhile: no report is needed.")
                if hidden
                else _("Its author deleted this post meanwhile: no report is needed."),
            )
            return redirect(_post_url(place))
    post = access.post_for_member(user=request.user, pk=pk)
    form = ReportForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        limited = over_rate(request, group="network.report", rate=settings.NETWORK_REPORT_RATE)
        if limited:
            form.add_error(
                None,
                _(
                    "You have reported many posts in a short time. Please try again later: "
                    "what you wrote is kept below."
                ),
            )
        elif _attempt(
            request,
            _("Thank you: the network's moderators will look at it."),
            services.post_report,
            post=post,
            actor=request.user,
            **form.cleaned_data,
        ):
            return redirect(_post_url(post))
    context = {"post": post, "thread": post.thread, "form": form}
    return render(request, "network/post_report.html", context, status=_form_status(form, limited))


# Search and notifications ------------------------------------------------------------------


@networks_only
@require_GET
def search(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    network = access.network_for_member(user=request.user, pk=pk) if pk is not None else None
    form = SearchForm(request.GET)
    found = selectors.search_posts(
        user=request.user,
        query=form.words(),
        network=network,
        page=request.GET.get("page"),
        sort=form.chosen_sort() or "relevance",
    )
    context = {
        "network": network,
        "form": form,
        "typed": form.typed(),
        "shortened": form.shortened(),
        "query_limit": MAX_QUERY_LENGTH,
        "query": found.query,
        "found": found,
    }
    return render(request, "network/search.html", context)


@networks_only
@require_http_methods(["GET", "POST"])
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("network:notifications")
    page = Paginator(selectors.notifications_for(user=request.user), 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "notifications": selectors.named_notifications(page.object_list),
        "invitations": selectors.invitations_for(user=request.user),
    }
    return render(request, "network/notifications.html", context)
