"""allauth's account adapter, with sign-up taking the same work whether or not the address exists."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password
from django.utils.crypto import get_random_string


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email: str) -> None:
        """allauth's enumeration prevention creates no account for an address that has one, so
        hashing no password: hash one here, so the answer takes as long as a real sign-up's."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)
