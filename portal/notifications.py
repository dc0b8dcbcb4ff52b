"""Email notifications, sent once the transaction that caused them has committed."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from portal.models import Membership, Organisation, User


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


def notify(*, recipients: Iterable[User], subject, template: str, context: dict) -> None:
    """Email each recipient (once, skipping the actor's own address if passed in context)."""
    actor = context.get("actor")
    addresses = sorted({u.email for u in recipients if u is not None and u.email and u != actor})
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):  # one language per email: the portal's
        body = render_to_string(template, {**context, "site_url": settings.PORTAL_URL})
        prefixed = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"

    def send() -> None:
        for address in addresses:
            send_mail(prefixed, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)

    transaction.on_commit(send)
