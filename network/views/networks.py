"""Network views: the list of networks, a network's page, joining and leaving, its members,
settings and bans, and mention suggestions."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network import access, selectors, services
from network.forms import EmailChoiceForm, NetworkForm, NetworkSettingsForm, RoleForm
from network.models import NetworkMembership
from network.views.common import _attempt, _form_status, _network_context, networks_only
from portal.access import display_name, is_moderator
from portal.decorators import mfa_required, moderator_required
from portal.http import AuthenticatedHttpRequest

THREADS_PER_PAGE = 25


MEMBERS_PER_PAGE = 50
BANS_PER_PAGE = 50  # the bans page, and the first of them on the members page


NETWORKS_PER_PAGE = 25


# Networks ----------------------------------------------------------------------------------


@login_required
@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    readable, network_ids = access.readable_networks_and_member_ids(user)
    networks = selectors.my_networks_page(
        user=user, networks=readable, number=request.GET.get("page"), per_page=NETWORKS_PER_PAGE
    )
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
        "ended": access.recently_ended_memberships(user),
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
    banned = selectors.is_banned_from(user=request.user, network=network)
    context = {"network": network, "pending": pending, "invitation": invitation, "banned": banned}
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
        _("You have left %(name)s.") % {"name": network.name},
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
        chosen = {
            NetworkMembership.Email.NONE: _("You will get no email from %(name)s."),
            NetworkMembership.Email.DIGEST: _("You will get a daily digest from %(name)s."),
            NetworkMembership.Email.IMMEDIATE: _(
                "You will get an email from %(name)s at once for each mention and reply."
            ),
        }
        _attempt(
            request,
            chosen.get(form.cleaned_data["email"], _("Your choice is saved.")) % {"name": network.name},
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
    context = _network_context(request, network, roles=cast(forms.ChoiceField, RoleForm.base_fields["role"]).choices)
    context["members"] = selectors.members_page(
        network=network, number=request.GET.get("page"), per_page=MEMBERS_PER_PAGE, moderates=context["moderates"]
    )
    context["absent"] = any(not membership.has_access for membership in context["members"].object_list)
    if context["moderates"]:  # the first page of bans only: the bans page pages through the rest
        context["banned"] = selectors.bans_page(network=network, number=1, per_page=BANS_PER_PAGE)
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
    names = {"person": display_name(viewer=request.user, person=membership.user), "name": membership.network.name}
    _attempt(
        request,
        (_("%(person)s is removed from %(name)s and banned.") if ban else _("%(person)s is removed from %(name)s."))
        % names,
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
        names = {"person": display_name(viewer=request.user, person=membership.user), "name": membership.network.name}
        moderator = form.cleaned_data["role"] == NetworkMembership.Role.MODERATOR
        success = (
            _("%(person)s is now a moderator of %(name)s.")
            if moderator
            else _("%(person)s is now a member of %(name)s.")
        )
        _attempt(
            request,
            success % names,
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
    bans = selectors.bans_page(network=network, number=request.GET.get("page"), per_page=BANS_PER_PAGE)
    context = _network_context(request, network, bans=bans)
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
