"""Receivers of the portal's signals (connected in ``NetworkConfig.ready``)."""

from django.dispatch import receiver

from network.services import mentions_recook
from portal.signals import membership_ended


@receiver(membership_ended, dispatch_uid="network.mentions.membership_ended")
def unlink_mentions_on_leaving(sender, membership, **kwargs) -> None:
    """Someone who leaves or is removed from their organisation loses network access at once:
    their @mentions become plain text in every network they belonged to."""
    mentions_recook(user=membership.user)
