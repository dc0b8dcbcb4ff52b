"""My profile: the name colleagues see, and the pseudonym everyone else sees; closing my account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.http import AuthenticatedHttpRequest
from portal.organisation_forms import AccountCloseForm, ProfileForm
from portal.ratelimits import over_rate
from portal.services import user_close, user_update_profile

# Passwords tried on the closing page, per account (a borrowed session must not guess on).
CLOSE_ATTEMPTS_RATE = "10/h"


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    initial = {"display_name": user.display_name, "pseudonym": user.pseudonym, "language": user.language}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    status = 400 if form.errors else 200
    return render(request, "portal/profile.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_close(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Close my account for good, with my password: signed out, sent home with a message."""
    form = AccountCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if over_rate(request, group="account.close", rate=CLOSE_ATTEMPTS_RATE):
            form.add_error(None, _("Too many attempts. Try again in an hour."))
        else:
            try:
                user_close(user=request.user, password=form.cleaned_data["password"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                logout(request)
                messages.success(request, _("Your account is closed. Thank you for your work on the portal."))
                return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "portal/account_close.html", {"form": form}, status=status)
