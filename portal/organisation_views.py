"""My organisation, joining one, leaving it, and managing its members.

Managing members is for the organisation's administrators and moderators
(who pick the organisation with ``?organisation=<id>``); anyone else gets a
404. Writes go through ``portal.services``; their refusals become messages.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import services
from portal.access import approved_membership, can_ban, can_manage_members, is_moderator, is_organisation_admin
from portal.decorators import mfa_required
from portal.http import AuthenticatedHttpRequest
from portal.models import Membership
from portal.organisation_forms import DecisionForm, JoinForm, RoleForm
from portal.organisation_selectors import (
    banned_members,
    current_members,
    joinable_organisations,
    joinable_queryset,
    live_membership,
    membership_request_for_manager,
    named,
    organisation_admin_count,
    organisation_for_manager,
    pending_requests,
)
from portal.refusals import show_refusal

PER_PAGE = getattr(settings, "MEMBERS_PER_PAGE", 25)


def _is_sole_admin(membership: Membership) -> bool:
    if membership.state != Membership.State.APPROVED or membership.role != Membership.Role.ADMIN:
        return False
    return organisation_admin_count(organisation_id=membership.organisation_id) == 1


# My organisation ---------------------------------------------------------------------------


def organisation_home_context(request: HttpRequest) -> dict:
    """My organisation's page (portal.views.organisation_home adds its published practices)."""
    membership = live_membership(request.user)
    manages = membership is not None and can_manage_members(request.user, membership.organisation_id)
    return {"membership": membership, "manages": manages, "is_moderator": is_moderator(request.user)}


@login_required
@require_http_methods(["GET", "POST"])
def organisation_join(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = live_membership(request.user)
    if membership is not None and membership.state == Membership.State.APPROVED:
        messages.info(request, _("You are already a member of %(name)s.") % {"name": membership.organisation.name})
        return redirect("organisation_home")
    if membership is not None:
        return render(request, "portal/organisation_join.html", {"membership": membership})
    suggested, others = joinable_organisations(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = JoinForm(data, suggested=suggested, others=others, allowed=joinable_queryset(suggested=suggested))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(
                user=request.user,
                organisation=form.cleaned_data["organisation"],
                new_organisation_name=form.cleaned_data["new_organisation_name"],
                message=form.cleaned_data["message"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("Your request is sent. You will get an email once it is decided."))
            return redirect("organisation_join")
    status = 400 if form.errors else 200
    context = {"form": form, "suggested": suggested}
    return render(request, "portal/organisation_join.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_leave(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Leave my organisation, or withdraw my request to join one. GET asks for confirmation."""
    membership = live_membership(request.user)
    if membership is None:
        messages.info(request, _("You do not belong to an organisation."))
        return redirect("organisation_home")
    if request.method == "GET":
        context = {"membership": membership, "sole_admin": _is_sole_admin(membership)}
        return render(request, "portal/organisation_confirm_leave.html", context)
    pending = membership.state == Membership.State.REQUESTED
    try:
        services.membership_end(membership=membership, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
        return redirect("organisation_home")
    name = membership.organisation.name
    text = _("Your request to join %(name)s is withdrawn.") if pending else _("You have left %(name)s.")
    messages.success(request, text % {"name": name})
    return redirect("organisation_home")


# Managing members --------------------------------------------------------------------------


def _organisation_id_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("organisation") or request.POST.get("organisation")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


def _members_url(request: HttpRequest, membership: Membership) -> str:
    """Back to the members page, keeping a moderator's choice of organisation."""
    url = reverse("organisation_members")
    own = approved_membership(request.user)
    if own is None or own.organisation_id != membership.organisation_id:
        url += f"?organisation={membership.organisation_id}"
    return url


@login_required
@mfa_required
@require_GET
def organisation_members(request: HttpRequest) -> HttpResponse:
    organisation_id = _organisation_id_param(request)
    if organisation_id is None and is_moderator(request.user):
        own = approved_membership(request.user)
        if own is None or not is_organisation_admin(request.user, own.organisation_id):
            return redirect("moderation:organisations")
    organisation = organisation_for_manager(user=request.user, organisation_id=organisation_id)
    pending_page = Paginator(pending_requests(organisation=organisation), PER_PAGE).get_page(
        request.GET.get("pending_page")
    )
    members_page = Paginator(current_members(organisation=organisation), PER_PAGE).get_page(request.GET.get("page"))
    banned_page = Paginator(banned_members(organisation=organisation), PER_PAGE).get_page(
        request.GET.get("banned_page")
    )
    context = {
        "organisation": organisation,
        "pending_page": pending_page,
        "pending": named(pending_page.object_list),
        "members_page": members_page,
        "members": named(members_page.object_list),
        "banned_page": banned_page,
        "banned": named(banned_page.object_list),
        "roles": Membership.Role.choices,
        "chosen": organisation_id is not None,
    }
    return render(request, "portal/organisation_members.html", context)


@login_required
@mfa_required
@require_GET
def membership_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One request to join, where its email leads: who asks, for which organisation, whether their
    address is verified; Approve / Decline while pending, then the outcome and who decided."""
    membership = membership_request_for_manager(user=request.user, pk=pk)
    context = {"membership": membership, "back": _members_url(request, membership)}
    return render(request, "portal/membership_request.html", context)


@login_required
@mfa_required
@require_POST
def membership_decide_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = membership_request_for_manager(user=request.user, pk=pk)
    back = _members_url(request, membership)
    if request.POST.get("back") == "request":
        back = reverse("organisation_membership_request", args=[membership.pk])
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to decline the request."))
        return redirect(back)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.membership_decide(membership=membership, actor=request.user, approve=approve)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Request approved.") if approve else _("Request declined."))
    return redirect(back)


@login_required
@mfa_required
@require_POST
def membership_role_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = membership_request_for_manager(user=request.user, pk=pk)  # in any state: see below
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect(_members_url(request, membership))
    try:
        services.membership_set_role(membership=membership, actor=request.user, role=form.cleaned_data["role"])
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Role changed."))
    return redirect(_members_url(request, membership))


@login_required
@mfa_required
@require_http_methods(["GET", "POST"])
def membership_remove_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST ends the membership at once."""
    membership = membership_request_for_manager(user=request.user, pk=pk)  # in any state: see below
    if request.method == "GET":  # a page opened before the member left or was removed: the reason, not a 404
        return _confirm_or_refuse(
            request,
            membership,
            wanted=Membership.State.APPROVED,
            template="portal/membership_confirm_remove.html",
            ban=False,
        )
    try:
        services.membership_end(membership=membership, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The member is removed; their access ended at once."))
    return redirect(_members_url(request, membership))


# Bans --------------------------------------------------------------------------------------


def _state_refusal(membership: Membership, *, wanted: str) -> str:
    """Why a removal or ban page opened from an old page cannot act now ("" when it can): the
    services' messages, shown before asking for confirmation. ``wanted``: the state the action
    starts from."""
    if membership.state == wanted:
        return ""
    if membership.state == Membership.State.BANNED:
        return _("This person is already banned.")
    if wanted == Membership.State.BANNED:
        return _("This person is not banned (any more).")
    if membership.state == Membership.State.REQUESTED:
        return _("This is a request to join: approve or decline it.")
    if wanted == Membership.State.REQUESTED:
        withdrawn = membership.state == Membership.State.ENDED and membership.decided_at is None
        return (
            _("This request was withdrawn by the requester.")
            if withdrawn
            else _("This request has already been decided.")
        )
    return _("This membership has already ended.")


def _confirm_or_refuse(
    request: HttpRequest, membership: Membership, *, wanted: str, template: str, ban: bool = True, **extra
):
    """GET: the confirmation page, or the refusal as a message back on the members page (``ban``:
    a ban or its lifting, which nobody does on their own membership)."""
    back = _members_url(request, membership)
    if ban and not can_ban(request.user, membership):
        refusal = _("Nobody bans themselves or lifts their own ban: another administrator or a moderator can.")
    else:
        refusal = _state_refusal(membership, wanted=wanted)
    if refusal:
        messages.error(request, refusal)
        return redirect(back)
    return render(request, template, {"membership": membership, "back": back, **extra})


@login_required
@mfa_required
@require_http_methods(["GET", "POST"])
def membership_ban_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Remove a member with a ban: GET asks for confirmation; POST ends the membership at once."""
    membership = membership_request_for_manager(user=request.user, pk=pk)
    if request.method == "GET":
        return _confirm_or_refuse(
            request, membership, wanted=Membership.State.APPROVED, template="portal/membership_confirm_ban.html"
        )
    try:
        services.membership_end(membership=membership, actor=request.user, ban=True)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The member is removed and banned: their access ended at once."))
    return redirect(_members_url(request, membership))


@login_required
@mfa_required
@require_http_methods(["GET", "POST"])
def membership_decline_and_ban_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Decline a request to join with a ban: GET asks for confirmation; POST decides."""
    membership = membership_request_for_manager(user=request.user, pk=pk)
    if request.method == "GET":
        return _confirm_or_refuse(
            request,
            membership,
            wanted=Membership.State.REQUESTED,
            template="portal/membership_confirm_ban.html",
            request_to_join=True,
        )
    try:
        services.membership_decide(membership=membership, actor=request.user, approve=False, ban=True)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Request declined; the requester is banned."))
    return redirect(_members_url(request, membership))


@login_required
@mfa_required
@require_http_methods(["GET", "POST"])
def membership_lift_ban_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Lift a ban: GET asks for confirmation; POST lets the person ask to join again."""
    membership = membership_request_for_manager(user=request.user, pk=pk)
    if request.method == "GET":
        return _confirm_or_refuse(
            request, membership, wanted=Membership.State.BANNED, template="portal/membership_confirm_lift_ban.html"
        )
    try:
        services.membership_unban(membership=membership, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("The ban is lifted: they may ask to join again."))
    return redirect(_members_url(request, membership))
