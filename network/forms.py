from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Network, NetworkMembership, Report
from search.forms import SearchBoxForm, SearchTextField


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "purpose", "policy", "listed", "is_case_room", "access_ends_on", "retention_days"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "access_ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "is_case_room": _(
                "Need-to-know discussion of one situation: never listed, never shared with other instances, "
                "memberships end on a set date and posts are deleted for good after the retention period."
            ),
            "access_ends_on": _("Case rooms only: every membership ends after this day."),
            "retention_days": _("Case rooms only: posts are deleted for good this many days after they are written."),
        }


class NetworkSettingsForm(forms.ModelForm):
    """What a network's moderators change. A case room keeps its kind, is never listed and
    has no join policy; its closing date and retention period show to portal moderators only."""

    class Meta:
        model = Network
        fields = ["name", "purpose", "policy", "listed", "access_ends_on", "retention_days"]
        widgets = NetworkForm.Meta.widgets
        help_texts = {
            "access_ends_on": NetworkForm.Meta.help_texts["access_ends_on"],
            "retention_days": NetworkForm.Meta.help_texts["retention_days"],
        }

    def __init__(self, *args, network: Network, may_change_terms: bool, **kwargs):
        initial = {field: getattr(network, field) for field in self.Meta.fields}
        # Callers pass the form data positionally and never `initial`.
        super().__init__(*args, initial=initial, **kwargs)  # type: ignore[misc]
        if network.is_case_room:
            del self.fields["policy"], self.fields["listed"]
        if not (network.is_case_room and may_change_terms):
            del self.fields["access_ends_on"], self.fields["retention_days"]
        for field in ("access_ends_on", "retention_days"):
            if field in self.fields:
                self.fields[field].required = True


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to invite"))


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown. Mention a member with @ and the name they are shown by."),
    )
    practice = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Mention a member with @ and the name they are shown by."),
    )
    quote = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PostEditForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at it?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note for the moderators (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EmailChoiceForm(forms.Form):
    email = forms.ChoiceField(label=_("Email me about mentions and replies"), choices=NetworkMembership.Email.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=NetworkMembership.Role.choices)


class SearchForm(SearchBoxForm):
    """The discussions' search box: read as the practices' is (search.forms.SearchBoxForm)."""

    q = SearchTextField(label=_("Search the discussions"), required=False)
