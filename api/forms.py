from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken
from api.services import MAX_LIFETIME_DAYS

DEFAULT_LIFETIME_DAYS = 90


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, so you recognise it later.")
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("A read-only token cannot change anything. A read-write token can do what you can do."),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        help_text=_("At most a year. The token stops working at the end of that day."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["expires_on"].initial = today + timedelta(days=DEFAULT_LIFETIME_DAYS)
        self.fields["expires_on"].widget.attrs.update(
            {"min": today.isoformat(), "max": (today + timedelta(days=MAX_LIFETIME_DAYS)).isoformat()}
        )
