"""allauth's sign-up and log-in forms, keeping the passwords typed when the form comes back
with an error (GOV.UK: never make people type again what was not wrong); its password reset,
sending links only to addresses that prove the account."""

from allauth.account.forms import LoginForm, ResetPasswordForm, SignupForm
from django import forms


def _keep_passwords(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.PasswordInput):
            field.widget.render_value = True


class PortalSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _keep_passwords(self)
        # Type-ahead over the listed organisations (the datalist in templates/account/signup.html).
        self.fields["new_organisation"].widget.attrs.update({"list": "organisation-names", "autocomplete": "off"})


class PortalLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _keep_passwords(self)


class PortalResetPasswordForm(ResetPasswordForm):
    """allauth's reset, sending a link only to an address that proves the account: the one it
    signs in with, or one it confirmed. allauth also sends one to an address added but never
    confirmed, a second address mistyped perhaps, whose reader could then take the account."""

    users: list

    def clean_email(self) -> str:
        email = super().clean_email()
        self.users = [user for user in self.users if _proves(user, email)]
        return email


def _proves(user, email: str) -> bool:
    return (
        user.email.lower() == email.lower() or user.emailaddress_set.filter(email__iexact=email, verified=True).exists()
    )
