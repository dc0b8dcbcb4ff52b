"""Forms of the moderation pages. They collect input; the services decide."""

from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.access import display_name
from portal.models import Organisation
from practices.models import Practice
from practices.review import review_rows

Status = Practice.Status
FOLLOW_UP = "follow_up"
# Queue filter value -> the state review_queue() takes ("published" means: with open findings).
QUEUE_STATES = {
    Status.SUBMITTED: (Status.SUBMITTED, _("Submitted for review")),
    Status.CHANGES_REQUESTED: (Status.CHANGES_REQUESTED, _("Changes requested")),
    Status.REJECTED: (Status.REJECTED, _("Rejected")),
    FOLLOW_UP: (Status.PUBLISHED, _("Follow-up: published with open personal-data findings")),
    Status.WITHDRAWN: (Status.WITHDRAWN, _("Withdrawn")),
}


# The queue's orders (practices.selectors.QUEUE_ORDERS): key -> (the choice, the table's caption).
QUEUE_SORTS = {
    "oldest": (_("Waiting longest first"), _("Practices waiting for moderation, waiting longest first")),
    "newest": (_("Most recent first"), _("Practices waiting for moderation, most recent first")),
    "findings": (
        _("Most personal data to resolve first"),
        _("Practices waiting for moderation, most open findings first"),
    ),
}


class QueueFilterForm(forms.Form):
    state = forms.MultipleChoiceField(
        label=_("State"),
        choices=[(value, label) for value, (_state, label) in QUEUE_STATES.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    older_than = forms.IntegerField(
        label=_("Waiting longer than (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), _("Type a whole number of days from 1 to 3650, or leave it empty.")
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Any organisation"),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *settings.PRACTICE_LANGUAGES], required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _caption) in QUEUE_SORTS.items()],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the orders listed.")},
    )

    @classmethod
    def from_query(cls, query) -> "QueueFilterForm":
        """Bound to the query string; with no state chosen, the submissions waiting for review."""
        data = query.copy()
        if not data.getlist("state"):
            data.setlist("state", [Status.SUBMITTED.value])
        return cls(data)

    def queue_filters(self) -> dict:
        """Keyword arguments for ``review_queue``; a filter with an error is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        states = [QUEUE_STATES[value][0] for value in data.get("state") or [Status.SUBMITTED]]
        organisation = data.get("organisation")
        return {
            "states": states,
            "older_than_days": data.get("older_than"),
            "organisation_id": organisation.pk if organisation else None,
            "language": data.get("language") or None,
            "order": data.get("sort") or "oldest",
        }

    def caption(self) -> str:
        """What the queue's table lists, in its order (its caption, for screen readers)."""
        return str(QUEUE_SORTS.get(getattr(self, "cleaned_data", {}).get("sort") or "oldest", QUEUE_SORTS["oldest"])[1])


def _comment_widget(rows: int = 3, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Note to the contributor (optional)"), required=False, widget=_comment_widget(2), max_length=2000
    )
    # versions.content_fingerprint of the text the page showed: an approval of a text changed since is refused
    reviewed = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class ChangesRequestForm(forms.Form):
    """A general comment, and one optional comment per template field (shown beside that field).

    The per-field boxes sit beside their field on the review page, outside the
    ``<form>`` element, and join it through the HTML ``form`` attribute.
    """

    HTML_ID = "request-changes-form"

    comment = forms.CharField(
        label=_("What should change, overall"), required=False, widget=_comment_widget(4), max_length=5000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in review_rows():
            if row.commentable:
                self.fields[self.field_name(row.code)] = forms.CharField(
                    label=_("Comment on “%(field)s”") % {"field": row.label},
                    required=False,
                    widget=_comment_widget(2, form=self.HTML_ID),
                    max_length=2000,
                )

    @staticmethod
    def field_name(code: str) -> str:
        return f"field_{code}"

    def field_comments(self) -> dict[str, str]:
        return {
            row.code: self.cleaned_data.get(self.field_name(row.code), "")
            for row in review_rows()
            if row.commentable and self.cleaned_data.get(self.field_name(row.code), "").strip()
        }


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        help_text=_("The contributor and their organisation's administrators read it."),
        widget=_comment_widget(3),
        max_length=5000,
    )


class EvidenceLevelForm(forms.Form):
    level = forms.ChoiceField(label=_("Evidence level"), choices=Practice.EvidenceLevel.choices)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.TypedChoiceField(label=_("Who"), coerce=int, required=False, empty_value=None)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Any organisation"),
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actions: list[tuple[str, str]], actors, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["action"]).choices = [("", _("Any action")), *actions]
        names = [(actor.pk, display_name(viewer=viewer, person=actor)) for actor in actors]
        cast(forms.ChoiceField, self.fields["actor"]).choices = [("", _("Anyone")), *names]

    def clean(self):
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end of the period comes before its start."))
        return data

    def audit_filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        organisation = data.get("organisation")
        return {
            "action": data.get("action") or "",
            "actor_id": data.get("actor"),
            "organisation_id": organisation.pk if organisation else None,
            "since": data.get("since") if "until" not in self.errors else None,
            "until": data.get("until"),
        }


class OrganisationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All organisations")),
            ("unverified", _("Not verified yet")),
            ("pending", _("With membership requests waiting")),
            ("verified", _("Verified")),
        ],
    )
    name = forms.CharField(label=_("Name contains"), required=False, max_length=100)

    def organisation_filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"status": data.get("status") or "", "name": (data.get("name") or "").strip()}
