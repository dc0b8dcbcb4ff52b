"""Receivers of the portal's signals (connected in ``NetworkConfig.ready``)."""

from django.dispatch import receiver
from django.utils.translation import ngettext

from network.selectors import networks_moderated_alone
from network.services import mentions_recook, network_account_close
from portal.signals import account_close_refusals, account_closing, membership_ended


@receiver(membership_ended, dispatch_uid="network.mentions.membership_ended")
def unlink_mentions_on_leaving(sender, membership, **kwargs) -> None:
    """Someone who leaves or is removed from their organisation loses network access at once:
    their @mentions become plain text in every network they belonged to."""
    mentions_recook(user=membership.user)


@receiver(account_close_refusals, dispatch_uid="network.account_close_refusals")
def refuse_closing_the_sole_moderator(sender, user, **kwargs) -> list[str]:
    """A network whose only moderator closes their account would be left unmoderated."""
    networks = networks_moderated_alone(user=user)
    if not networks:
        return []
    message = ngettext(
        "You are the only moderator of the network %(networks)s. Make another member its moderator first "
        "(or ask the portal's moderators to), then close your account.",
        "You are the only moderator of the networks %(networks)s. Make another member their moderator first "
        "(or ask the portal's moderators to), then close your account.",
        len(networks),
    )
    return [message % {"networks": ", ".join(f"“{network.name}”" for network in networks)}]


@receiver(account_closing, dispatch_uid="network.account_closing")
def leave_networks_on_closing(sender, user, **kwargs) -> None:
    network_account_close(user=user)
