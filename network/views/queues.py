"""Invitations, requests to join and reported posts: what a network's moderators work
through, and an invitee's answer."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network import access, selectors, services
from network.forms import InvitationForm
from network.models import JoinRequest, Report
from network.views.common import _attempt, _form_status, _network_context, networks_only
from portal.access import display_name
from portal.decorators import mfa_required
from portal.ratelimits import over_rate

QUEUE_PER_PAGE = 25  # requests to join, reported posts
INVITATIONS_PER_PAGE = 50  # invitations not accepted yet


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
    invitations = Paginator(selectors.open_invitations_of(network=network), INVITATIONS_PER_PAGE)
    context = _network_context(request, network, form=form, invitations=invitations.get_page(request.GET.get("page")))
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
    names = {"person": display_name(viewer=request.user, person=join_request.user), "name": join_request.network.name}
    _attempt(
        request,
        (
            _("%(person)s is now a member of %(name)s.")
            if approve
            else _("%(person)s’s request to join %(name)s is declined.")
        )
        % names,
        services.network_join_decide,
        join_request=join_request,
        actor=request.user,
        approve=approve,
    )
    return redirect(_queue_place(request, "network:requests", join_request, "request"))


def _queue_place(request: HttpRequest, name: str, item: JoinRequest | Report, anchor: str) -> str:
    """Back to the queue's page the moderator acted from, at the item they go on to (Tab reaches
    its first control), or at the top when the queue is empty."""
    network_id = item.network_id if isinstance(item, JoinRequest) else item.post.thread.network_id
    url = reverse(name, kwargs={"pk": network_id})
    page = request.POST.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={page}"
    following = selectors.next_in_queue(item)
    return f"{url}#{anchor}-{following.pk}" if following is not None else url


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
        reason=request.POST.get("reason", "") if hide else "",
    )
    return redirect(_queue_place(request, "network:reports", report, "report"))


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
