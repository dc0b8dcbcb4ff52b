"""Email notifications, sent once the transaction that caused them has committed, each in
its recipient's preferred language (``User.language``; the portal's language when unset).

Pass subjects as lazy translations (``gettext_lazy``) with their ``%`` values apart
(``subject_params``): they are translated for each recipient, like the body. A subject is
one line (whatever a name holds: line breaks would be a header injection, refused by Django)
cut to ``SUBJECT_MAX`` characters. Deactivated accounts get nothing.

In production every e-mail goes through the outbox (``EMAIL_BACKEND`` is django-mailer's
database backend, settings.EMAIL_OUTBOX): sending writes a row, the scheduler's ``send_mail`` job
delivers it, and one the mail server refuses waits for ``retry_deferred`` (docs/OPERATIONS.md,
"Emails"). Without the outbox (debugging, or PORTAL_EMAIL_OUTBOX=0) a refusal does not undo or
break the action that sent it either: it is logged (logger ``portal.notifications``) and that
e-mail is lost. Digests keep their notifications until sent: see ``network.notify``.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import Truncator

from portal.models import Membership, Organisation, User

logger = logging.getLogger(__name__)

SUBJECT_MAX = 150  # characters, prefix included


def moderators() -> list[User]:
    return list(User.objects.filter(is_active=True).filter(is_moderator=True))


def organisation_admins(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__state=Membership.State.APPROVED,
            memberships__role=Membership.Role.ADMIN,
        )
    )


def supported_language(code: str | None) -> str:
    """``code`` if the portal speaks it (or a variant of it), otherwise the portal's language."""
    try:
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def email_language(user: User | None) -> str:
    """The language ``user`` reads the portal's emails in."""
    return supported_language(getattr(user, "language", "") if user is not None else "")


def one_line(subject: str) -> str:
    """``subject`` on one line (every run of whitespace, line breaks included, one space),
    cut to ``SUBJECT_MAX`` characters."""
    return Truncator(" ".join(subject.split())).chars(SUBJECT_MAX)


def render_email(
    *, language: str, subject, template: str, context: dict, subject_params: dict | None = None
) -> tuple[str, str]:
    """The prefixed subject and the body of an email, in ``language``."""
    with translation.override(language):
        body = render_to_string(template, {**context, "site_url": settings.PORTAL_URL})
        text = str(subject) % subject_params if subject_params else str(subject)
    return one_line(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text}"), body


def deliver(*, subject: str, body: str, address: str, language: str, fail_silently: bool = True) -> bool:
    """Hand one email to the mail backend (the outbox in production), from the portal's address,
    saying its language (``Content-Language``). Returns whether the backend took it; a refusal
    (only when sending straight to a mail server) is logged, or raised when not ``fail_silently``."""
    message = EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [address], headers={"Content-Language": language}
    )
    try:
        message.send()
    except OSError:  # smtplib.SMTPException and a refused connection alike
        if not fail_silently:
            raise
        logger.exception(
            "The mail server refused the email %r to %s; without the outbox it is not sent again.", subject, address
        )
        return False
    return True


def notify(
    *, recipients: Iterable[User], subject, template: str, context: dict, subject_params: dict | None = None
) -> None:
    """Email each active recipient (once, skipping the actor's own address if passed in context),
    rendered once per language among them."""
    actor = context.get("actor")
    people = {u.email: u for u in recipients if u is not None and u.email and u.is_active and u != actor}
    by_language: dict[str, list[str]] = defaultdict(list)
    for address in sorted(people):
        by_language[email_language(people[address])].append(address)
    outgoing = []
    for language, addresses in sorted(by_language.items()):
        prefixed, body = render_email(
            language=language, subject=subject, template=template, context=context, subject_params=subject_params
        )
        outgoing += [(prefixed, body, address, language) for address in addresses]
    if not outgoing:
        return

    def send() -> None:
        for prefixed, body, address, language in outgoing:
            deliver(subject=prefixed, body=body, address=address, language=language)

    transaction.on_commit(send)
