from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.models import MEMBERSHIP_MESSAGE_LENGTH, Organisation
from portal.services import user_sign_up


class OrganisationSelect(forms.Select):
    """Options carry the organisation's email domain, so the sign-up page can suggest
    the organisation whose domain matches the address typed (static/js/signup.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and instance.email_domain:
            option["attrs"]["data-domain"] = instance.email_domain.lower()
        return option


class SignupForm(forms.Form):
    """Extra sign-up fields: who the practitioner is and where they work. Only verified
    organisations are listed: an unverified one, named by an earlier applicant, is typed by name.

    allauth calls ``signup()`` after it has created the user.
    """

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_(
            "Your real name, as colleagues know you. You can add a pseudonym in your profile: other members of "
            "the portal then see it instead of your name."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.filter(verified=True).order_by("name"),
        required=False,
        empty_label=_("My organisation is not listed"),
        widget=OrganisationSelect,
        help_text=_("Your organisation's administrator or a moderator approves your request."),
    )
    new_organisation = forms.CharField(
        label=_("Name of your organisation, if not listed"),
        max_length=200,
        required=False,
        help_text=_("A moderator verifies new organisations."),
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

    field_order = ["email", "display_name", "organisation", "new_organisation", "message", "password1", "password2"]

    def clean(self):
        cleaned = super().clean() or {}
        if not cleaned.get("organisation") and not (cleaned.get("new_organisation") or "").strip():
            raise forms.ValidationError(_("Choose your organisation, or give its name if it is not listed."))
        return cleaned

    def signup(self, request, user) -> None:
        user_sign_up(
            user=user,
            display_name=self.cleaned_data["display_name"],
            organisation=self.cleaned_data.get("organisation"),
            new_organisation_name=self.cleaned_data.get("new_organisation", ""),
            message=self.cleaned_data.get("message", ""),
            language=translation.get_language() or "",
        )
