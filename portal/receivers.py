"""Receivers of other libraries' signals (connected in ``PortalConfig.ready``)."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from portal.models import Membership
from portal.services import has_verified_email, membership_announce


@receiver(email_confirmed, dispatch_uid="portal.announce_membership_requests")
def announce_membership_requests(sender, email_address, **kwargs) -> None:
    """A request to join is announced once the requester's address is verified, not at sign-up:
    an unverified address may belong to someone else. A deactivated account's is never announced."""
    user = email_address.user
    if not user.is_active or not has_verified_email(user):
        return
    for membership in Membership.objects.filter(user=user, state=Membership.State.REQUESTED, announced_at=None):
        membership_announce(membership=membership)
