"""Tokens follow the account: they are revoked when its password changes (any way: the password
page, a reset, the admin, ``changepassword``), when it leaves or is removed from its organisation,
and when it closes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from api.services import api_tokens_revoke_all
from portal.models import User
from portal.signals import account_closing, membership_ended


@receiver(post_save, sender=User, dispatch_uid="api.tokens.password_changed")
def revoke_tokens_on_password_change(sender, instance: User, created: bool, **kwargs) -> None:
    # set_password() keeps the new raw password on the instance until save() has run.
    if not created and getattr(instance, "_password", None) is not None:
        api_tokens_revoke_all(user=instance)


@receiver(membership_ended, dispatch_uid="api.tokens.membership_ended")
def revoke_tokens_on_leaving(sender, membership, **kwargs) -> None:
    api_tokens_revoke_all(user=membership.user)


@receiver(account_closing, dispatch_uid="api.tokens.account_closing")
def revoke_tokens_on_closing(sender, user, **kwargs) -> None:
    api_tokens_revoke_all(user=user)
