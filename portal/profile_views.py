"""My profile: the name colleagues see, and the pseudonym everyone else sees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.http import AuthenticatedHttpRequest
from portal.organisation_forms import ProfileForm
from portal.services import user_update_profile


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
