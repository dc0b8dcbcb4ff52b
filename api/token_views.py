"""My API tokens (/account/tokens/): list, create (the token is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from api.forms import TokenForm
from api.selectors import token_for_owner, tokens_of
from api.services import api_token_create, api_token_revoke
from portal.decorators import mfa_required
from portal.http import AuthenticatedHttpRequest

TOKENS_PER_PAGE = 25  # at most 20 live (api.services.MAX_LIVE_TOKENS), expired ones until cleaned up


@login_required
@mfa_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = api_token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    tokens = Paginator(tokens_of(user=request.user), TOKENS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "tokens": tokens, "created": created, "secret": secret}
    response = render(request, "api/tokens.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"  # the page may hold a token's secret
    return response


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: AuthenticatedHttpRequest, uid) -> HttpResponse:
    token = token_for_owner(user=request.user, uid=uid)
    if request.method == "GET":
        return render(request, "api/token_confirm_revoke.html", {"token": token})
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name})
    return redirect("api_tokens")
