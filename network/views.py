"""Network pages. Every private object comes from ``network.access``; every write goes
through ``network.services``, whose refusals become messages. Anyone who may not use
networks gets the same 404 page for every private URL, whether the object exists or not.
"""

from collections.abc import Callable
from functools import wraps
from typing import cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network import access, selectors, services
from network.forms import (
    EmailChoiceForm,
    InvitationForm,
    NetworkForm,
    NetworkSettingsForm,
    PostEditForm,
    PostForm,
    ReportForm,
    RoleForm,
    SearchForm,
    ThreadForm,
)
from network.fragments import thread_content_html, thread_posts_html
from network.models import Post
from portal.access import display_name, is_moderator
from portal.caching import render_for_reader
from portal.decorators import mfa_required, moderator_required
from portal.http import AuthenticatedHttpRequest
from portal.ratelimits import over_rate
from portal.refusals import show_refusal
from search.forms import MAX_QUERY_LENGTH

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 50
MEMBERS_PER_PAGE = 50
NETWORKS_PER_PAGE = 25
QUEUE_PER_PAGE = 25  # requests to join, reported posts


def networks_only(view):
    """Only verified members and moderators reach network pages; to anyone else every
    private URL answers the same 404 (with a way to log in), before any lookup."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.may_use_networks(request.user):
            return render(request, "404.html", status=404)
        return view(request, *args, **kwargs)

    return wrapper


def _attempt(request: HttpRequest, success: str, action, **kwargs) -> bool:
    """Run a service; its refusal becomes an error message, its success ``success``."""
    try:
        action(**kwargs)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
        return False
    if success:
        messages.success(request, success)
    return True


def _form_status(form, limited: bool = False) -> int:
    """429 when a rate refused the action, 400 for other form errors."""
    if limited:
        return 429
    return 400 if form.errors else 200


def _network_context(request: HttpRequest, network, **extra) -> dict:
    """What every page of a network shows in its navigation."""
    moderates = access.can_moderate(request.user, network)
    queue = selectors.queue_counts(network=network) if moderates else None
    return {"network": network, "moderates": moderates, "queue": queue, **extra}


# Networks ----------------------------------------------------------------------------------


@login_required
@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    readable = access.readable_networks(user)
    networks = selectors.my_networks_page(
        user=user, networks=readable, number=request.GET.get("page"), per_page=NETWORKS_PER_PAGE
    )
    network_ids = access.network_ids_for_member(user)
    notifications = selectors.notifications_for(user=user, network_ids=network_ids)
    invitations = selectors.invitations_for(user=user)
    joinable = selectors.joinable_networks_page(
        user=user,
        exclude=[n.pk for n in readable] + [i.network_id for i in invitations],
        number=request.GET.get("joinable_page"),
        per_page=NETWORKS_PER_PAGE,
    )
    context = {
        "may_use": access.may_use_networks(user),
        "networks": networks,
        "invitations": invitations,
        "joinable": joinable,
        "notifications": selectors.named_notifications(notifications[:5]),
        "unread_notifications": selectors.unread_notification_count(user=user, network_ids=network_ids),
        "can_create": is_moderator(user),
    }
    return render(request, "network/network_list.html", context)


@moderator_required
@require_http_methods(["GET", "POST"])
def network_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The network is created. Invite its members."))
            return redirect("network:invite", pk=network.pk)
    return render(request, "network/network_form.html", {"form": form}, status=400 if form.errors else 200)


@networks_only
@require_GET
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_member(user=request.user, pk=pk)
    page = Paginator(selectors.threads_of(user=request.user, network=network), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    membership = access.membership_of(request.user, network)
    context = _network_context(
        request,
        network,
        page=page,
        threads=selectors.named_threads(page.object_list),
        membership=membership,
        email_form=EmailChoiceForm(initial={"email": membership.email}) if membership else None,
    )
    return render(request, "network/network_detail.html", context)


@networks_only
@require_http_methods(["GET", "POST"])
def network_join(request: HttpRequest, pk: int) -> HttpResponse:
    """A listed network's public face: its name, purpose, and a way to ask to join."""
    network = access.network_for_visitor(user=request.user, pk=pk)
    if access.can_read(request.user, network):
        return redirect(network)
    if request.method == "POST":
        sent = _attempt(
            request,
            _("Your request is sent to the network's moderators."),
            services.network_join_request,
            network=network,
            user=request.user,
        )
        return redirect("network:join", pk=network.pk) if sent else redirect("network:list")
    pending = selectors.has_pending_request(user=request.user, network=network)
    invitation = next((i for i in selectors.invitations_for(user=request.user) if i.network_id == network.pk), None)
    context = {"network": network, "pending": pending, "invitation": invitation}
    return render(request, "network/network_join.html", context)


@networks_only
@require_http_methods(["GET", "POST"])
def network_leave(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_member(user=request.user, pk=pk)
    membership = access.membership_of(request.user, network)
    if membership is None:
        return redirect(network)
    if request.method == "GET":
        return render(request, "network/network_confirm_leave.html", {"network": network})
    if _attempt(
        request,
        _("You have left the network."),
        services.network_member_leave,
        membership=membership,
        actor=request.user,
    ):
        return redirect("network:list")
    return redirect(network)


@networks_only
@require_POST
def network_email(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_member(user=request.user, pk=pk)
    membership = access.membership_of(request.user, network)
    form = EmailChoiceForm(request.POST)
    if membership is not None and form.is_valid():
        _attempt(
            request,
            _("Your choice is saved."),
            services.network_member_email_set,
            membership=membership,
            actor=request.user,
            email=form.cleaned_data["email"],
        )
    return redirect(network)


@networks_only
@require_GET
def network_members(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_member(user=request.user, pk=pk)
    context = _network_context(
        request,
        network,
        members=selectors.members_page(network=network, number=request.GET.get("page"), per_page=MEMBERS_PER_PAGE),
        roles=cast(forms.ChoiceField, RoleForm.base_fields["role"]).choices,
    )
    context["banned"] = selectors.banned_of(network=network) if context["moderates"] else []
    return render(request, "network/network_members.html", context)


@networks_only
@require_GET
def member_detail(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """A member's page, where their @mentions lead: to those who may read the network only."""
    membership = access.member_for_reader(user=request.user, pk=pk, name=name)
    profile = selectors.member_profile(viewer=request.user, membership=membership)
    return render(request, "network/member_detail.html", _network_context(request, membership.network, profile=profile))


@networks_only
@mfa_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page (``?ban=1`` to ban), then the removal itself (POST)."""
    membership = access.membership_for_moderator(user=request.user, pk=pk)
    if request.method == "GET":
        ban = request.GET.get("ban") == "1"
        context = _network_context(request, membership.network, membership=membership, ban=ban)
        return render(request, "network/member_confirm_remove.html", context)
    ban = request.POST.get("ban") == "1"
    _attempt(
        request,
        _("Banned from the network.") if ban else _("Removed from the network."),
        services.network_member_remove,
        membership=membership,
        actor=request.user,
        ban=ban,
    )
    return redirect("network:members", pk=membership.network_id)


@networks_only
@mfa_required
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.membership_for_moderator(user=request.user, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            _("Role changed."),
            services.network_member_set_role,
            membership=membership,
            actor=request.user,
            role=form.cleaned_data["role"],
        )
    return redirect("network:members", pk=membership.network_id)


# Settings and bans -------------------------------------------------------------------------


@networks_only
@mfa_required
@require_http_methods(["GET", "POST"])
def network_settings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_moderator(user=request.user, pk=pk)
    may_change_terms = access.can_change_case_room_terms(request.user, network)
    form = NetworkSettingsForm(request.POST or None, network=network, may_change_terms=may_change_terms)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(network=network, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The network's settings are saved."))
            return redirect("network:settings", pk=network.pk)
    context = _network_context(request, network, form=form, may_change_terms=may_change_terms)
    return render(request, "network/network_settings.html", context, status=_form_status(form))


@networks_only
@mfa_required
@require_GET
def network_bans(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_moderator(user=request.user, pk=pk)
    context = _network_context(request, network, bans=selectors.banned_of(network=network))
    return render(request, "network/network_bans.html", context)


@networks_only
@mfa_required
@require_http_methods(["GET", "POST"])
def ban_lift(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the lifting itself (POST)."""
    membership = access.ban_for_moderator(user=request.user, pk=pk)
    if request.method == "GET":
        context = _network_context(request, membership.network, membership=membership)
        return render(request, "network/ban_confirm_lift.html", context)
    _attempt(
        request,
        _("The ban is lifted. The person may be invited or ask to join again."),
        services.network_member_unban,
        membership=membership,
        actor=request.user,
    )
    return redirect("network:bans", pk=membership.network_id)


# Mentions ----------------------------------------------------------------------------------


@networks_only
@require_GET
def mention_suggestions(request: HttpRequest, pk: int) -> JsonResponse:
    """Completions for ``@`` in the post editor (static/js/mentions.js): members of this network only."""
    network = access.network_for_member(user=request.user, pk=pk)
    names = selectors.mention_suggestions(user=request.user, network=network, prefix=request.GET.get("q", "")[:100])
    response = JsonResponse({"suggestions": names})
    response["Cache-Control"] = "private, no-store"
    return response


# Invitations and requests ------------------------------------------------------------------


@networks_only
@mfa_required
@require_http_methods(["GET", "POST"])
def network_invite(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_moderator(user=request.user, pk=pk)
    form = InvitationForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        limited = over_rate(request, group="network.invite", rate=settings.NETWORK_INVITATION_RATE)
        if limited:
            form.add_error(
                None,
                _(
                    "You have sent many invitations in a short time. Please wait before sending "
                    "more: the address you typed is kept below."
                ),
            )
        elif _attempt(
            request,
            _("The invitation is sent."),
            services.network_invitation_create,
            network=network,
            actor=request.user,
            email=form.cleaned_data["email"],
        ):
            return redirect("network:invite", pk=network.pk)
    context = _network_context(request, network, form=form, invitations=selectors.open_invitations_of(network=network))
    return render(request, "network/network_invite.html", context, status=_form_status(form, limited))


@networks_only
@require_POST
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline, from the networks page, an invitation sent to one's own address."""
    invitation = access.invitation_for_answer(user=request.user, pk=pk)
    accept = request.POST.get("decision") == "accept"
    success = _("Welcome to the network.") if accept else _("You declined the invitation.")
    done = _attempt(
        request, success, services.network_invitation_respond, invitation=invitation, user=request.user, accept=accept
    )
    return redirect(invitation.network) if done and accept else redirect("network:list")


@networks_only
@mfa_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the revocation itself (POST)."""
    invitation = access.invitation_for_moderator(user=request.user, pk=pk)
    if request.method == "GET":
        context = _network_context(request, invitation.network, invitation=invitation)
        return render(request, "network/invitation_confirm_revoke.html", context)
    _attempt(
        request,
        _("The invitation is revoked: its link no longer works."),
        services.network_invitation_revoke,
        invitation=invitation,
        actor=request.user,
    )
    return redirect("network:invite", pk=invitation.network_id)


@networks_only
@mfa_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a pending invitation again, with a new link; the invitation rate applies."""
    invitation = access.invitation_for_moderator(user=request.user, pk=pk)
    if over_rate(request, group="network.invite", rate=settings.NETWORK_INVITATION_RATE):
        messages.error(request, _("You have sent many invitations in a short time. Please wait before sending more."))
        return redirect("network:invite", pk=invitation.network_id)
    _attempt(
        request,
        _("The invitation is sent again, with a new link."),
        services.network_invitation_resend,
        invitation=invitation,
        actor=request.user,
    )
    return redirect("network:invite", pk=invitation.network_id)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email. Only the invited address, as a verified member, sees it."""
    try:
        invitation = access.invitation_for_invitee(user=request.user, token=token)
    except Http404:  # the same page for every unusable link
        return render(request, "network/invitation_invalid.html", status=404)
    if request.method == "POST":
        if _attempt(
            request, _("Welcome to the network."), services.network_invitation_accept, token=token, user=request.user
        ):
            return redirect(invitation.network)
        return redirect("network:list")
    return render(request, "network/invitation_accept.html", {"invitation": invitation, "network": invitation.network})


@networks_only
@mfa_required
@require_GET
def network_requests(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_moderator(user=request.user, pk=pk)
    number = request.GET.get("page")
    requests = selectors.pending_requests_page(network=network, number=number, per_page=QUEUE_PER_PAGE)
    context = _network_context(request, network, requests=requests)
    return render(request, "network/network_requests.html", context)


@networks_only
@mfa_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = access.join_request_for_moderator(user=request.user, pk=pk)
    approve = request.POST.get("decision") == "approve"
    _attempt(
        request,
        _("Request approved.") if approve else _("Request declined."),
        services.network_join_decide,
        join_request=join_request,
        actor=request.user,
        approve=approve,
    )
    return redirect("network:requests", pk=join_request.network_id)


@networks_only
@mfa_required
@require_GET
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks before declining a request to join (a decision that cannot be taken back); the
    form posts to ``request_decide``."""
    join_request = access.join_request_for_moderator(user=request.user, pk=pk)
    context = _network_context(request, join_request.network, join_request=join_request)
    return render(request, "network/request_confirm_decline.html", context)


@networks_only
@mfa_required
@require_GET
def network_reports(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.network_for_moderator(user=request.user, pk=pk)
    number = request.GET.get("page")
    reports = selectors.open_reports_page(network=network, number=number, per_page=QUEUE_PER_PAGE)
    context = _network_context(request, network, reports=reports)
    return render(request, "network/network_reports.html", context)


@networks_only
@mfa_required
@require_POST
def report_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_moderator(user=request.user, pk=pk)
    hide = request.POST.get("decision") == "hide"
    _attempt(
        request,
        _("The post is hidden.") if hide else _("The report is dismissed."),
        services.report_resolve,
        report=report,
        actor=request.user,
        hide=hide,
    )
    return redirect("network:reports", pk=report.post.thread.network_id)


@networks_only
@mfa_required
@require_GET
def report_hide(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks before hiding a reported post; the form posts to ``report_resolve``."""
    report = access.report_for_moderator(user=request.user, pk=pk)
    action = reverse("network:report_resolve", kwargs={"pk": report.pk})
    cancel = reverse("network:reports", kwargs={"pk": report.post.thread.network_id}) + f"#report-{report.pk}"
    context = {"post": report.post, "thread": report.post.thread, "action": action, "field": "decision"}
    return render(request, "network/post_confirm_hide.html", {**context, "cancel": cancel})


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
    post = access.post_for_member(user=request.user, pk=pk)
    services.notifications_mark_read(user=request.user, post_ids=[post.pk])
    return redirect(_post_url(post))


@networks_only
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
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


@networks_only
@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
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
        _attempt(request, _("The post is hidden."), services.post_hide, post=post, actor=request.user)
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
