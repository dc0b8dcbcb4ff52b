"""allauth's sign-up and log-in forms, keeping the passwords typed when the form comes back
with an error (GOV.UK: never make people type again what was not wrong)."""

from allauth.account.forms import LoginForm, SignupForm
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
