"""Forms of the organisation and profile pages. They collect input; the services decide."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.models import MEMBERSHIP_MESSAGE_LENGTH, Membership, Organisation


class JoinForm(forms.Form):
    """Pick an organisation (those matching the email address first), or name a new one."""

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Choose your organisation"),
    )
    new_organisation_name = forms.CharField(
        label=_("Or, if it is not listed, its full name"),
        help_text=_("You will be its first administrator once a moderator has verified it."),
        max_length=200,
        required=False,
    )
    message = forms.CharField(
        label=_("A message for those who decide (optional)"),
        help_text=_(
            "Your role or team, for example: it helps them recognise you. Write nothing about the people you work with."
        ),
        max_length=MEMBERSHIP_MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, suggested: list[Organisation], others, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = allowed
        groups: list[tuple[Any, Any]] = [("", field.empty_label)]
        if suggested:
            groups.append((_("Matching your email address"), [(o.pk, o.name) for o in suggested]))
        groups.append((_("All verified organisations"), [(o.pk, o.name) for o in others]))
        field.choices = groups
        if len(suggested) == 1 and not self.is_bound:
            self.initial["organisation"] = suggested[0].pk

    def clean(self):
        data = super().clean() or {}
        organisation, name = data.get("organisation"), (data.get("new_organisation_name") or "").strip()
        if organisation and name:
            raise forms.ValidationError(_("Choose an organisation from the list, or name a new one: not both."))
        if not organisation and not name and not self.errors:
            raise forms.ValidationError(_("Choose your organisation, or give its name if it is not listed."))
        return data


class _OneValue(forms.Form):
    """A form of single choices: a field given twice (a forged or doubled POST) is refused rather
    than read as its last value."""

    def clean(self):
        data = super().clean() or {}
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None and any(len(getlist(name)) > 1 for name in self.fields):
            raise forms.ValidationError(_("Choose one."))
        return data


class DecisionForm(_OneValue):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])


class RoleForm(_OneValue):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class ProfileForm(forms.Form):
    """The name shown to colleagues, and the pseudonym shown to everyone else."""

    display_name = forms.CharField(
        label=_("Your name"), max_length=150, help_text=_("Your real name, as colleagues know you.")
    )
    pseudonym = forms.CharField(
        label=_("Pseudonym (optional)"),
        max_length=150,
        required=False,
        help_text=_(
            "If you set one, other members of the portal see it instead of your name. "
            "The moderators and the administrators of your own organisation still see your real name."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of your emails"),
        choices=[("", _("The portal's language")), *settings.LANGUAGES],
        required=False,
        help_text=_("Notifications and digests from the portal are written to you in this language."),
    )


class AccountCloseForm(forms.Form):
    """The password, asked again before the account is closed for good."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
