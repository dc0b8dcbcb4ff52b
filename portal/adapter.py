"""allauth's account adapter, with sign-up taking the same work whether or not the address exists."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sites.requests import RequestSite
from django.utils.crypto import get_random_string


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email: str) -> None:
        """allauth's enumeration prevention creates no account for an address that has one, so
        hashing no password: hash one here, so the answer takes as long as a real sign-up's."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account emails greet and sign with the portal's name (settings.PORTAL_NAME), not
        the host name allauth takes from the request."""
        request = allauth_context.request
        if request is not None and "current_site" not in context:
            site = RequestSite(request)
            site.name = settings.PORTAL_NAME
            context = {**context, "current_site": site}
        super().send_mail(template_prefix, email, context)
