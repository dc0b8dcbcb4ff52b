"""allauth's account adapter, with sign-up taking the same work whether or not the address exists,
and account emails written like the portal's own (``portal.notifications``): in the language of
the account they go to, with links to ``PORTAL_URL``, and a refusing mail server logged rather
than breaking the page."""

import functools
import logging
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sites.requests import RequestSite
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.crypto import get_random_string

from portal.models import User
from portal.notifications import email_language, one_line

logger = logging.getLogger(__name__)


def on_portal(url: str) -> str:
    """``url`` on the portal's public address (``PORTAL_URL``), whatever host the request came to."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return f"{settings.PORTAL_URL}{path}"


def _account_of(email: str) -> User | None:
    """The account an address belongs to: the one signing in with it, else one it was added to
    (a second address being confirmed, a former primary address told of the change), a verified
    holder first."""
    account = User.objects.filter(email__iexact=email).only("language").first()
    if account is not None:
        return account
    held = EmailAddress.objects.filter(email__iexact=email).order_by("-verified", "pk").values("user_id")[:1]
    return User.objects.filter(pk__in=held).only("language").first()


def password_reset_token_generator():
    """``ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR``: allauth's reset tokens, refused for a
    deactivated account (``_reset_token_generator``)."""
    return _reset_token_generator()()


@functools.cache
def _reset_token_generator() -> type:
    """allauth's reset links, which open nothing for a deactivated account: not even one sent
    before the deactivation (Django's tokens do not depend on ``is_active``).

    Made when first asked for, not when this module is imported: ``allauth.account.forms`` asks
    for the generator while it is being imported, once its base class is defined, and importing
    that module from here at the top made a cycle (this module half made, ``manage.py``'s checks
    failed with an ImportError whenever the adapter was imported first)."""
    from allauth.account.forms import EmailAwarePasswordResetTokenGenerator

    class PasswordResetTokenGenerator(EmailAwarePasswordResetTokenGenerator):
        def check_token(self, user, token) -> bool:
            return user is not None and user.is_active and super().check_token(user, token)

    return PasswordResetTokenGenerator


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email: str) -> None:
        """allauth's enumeration prevention creates no account for an address that has one, so
        hashing no password: hash one here, so the answer takes as long as a real sign-up's."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account emails greet and sign with the portal's name (settings.PORTAL_NAME), not the
        host name allauth takes from the request; they link to ``PORTAL_URL``; they are written in
        the language of the account with that address (the request's when there is none yet)."""
        request = allauth_context.request
        context = {key: on_portal(value) if key.endswith("_url") and value else value for key, value in context.items()}
        if request is not None and "current_site" not in context:
            site = RequestSite(request)
            site.name, site.domain = settings.PORTAL_NAME, urlsplit(settings.PORTAL_URL).netloc
            context = {**context, "current_site": site}
        account = _account_of(email)
        language = email_language(account) if account is not None else translation.get_language()
        with translation.override(language):
            try:
                super().send_mail(template_prefix, email, context)
            except OSError:  # smtplib.SMTPException and a refused connection alike
                logger.exception("The mail server refused the account email %r to %s.", template_prefix, email)

    def render_mail(self, template_prefix: str, email, context: dict, headers: dict | None = None) -> EmailMessage:
        headers = {"Content-Language": translation.get_language(), **(headers or {})}
        message = super().render_mail(template_prefix, email, context, headers=headers)
        message.subject = one_line(message.subject)
        return message
