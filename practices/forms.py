from typing import cast

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from practices.import_notes import still_true
from practices.models import KeyTheme, Practice, TargetAudience
from practices.services import PRACTICE_ATTRIBUTES, PracticeData
from practices.template_fields import FIELDS_BY_CODE, TEMPLATE_ATTRIBUTES, WRITER_CHOICES, model_attribute

# The template's fields in template order, then the writer's choices. The change
# summary is asked for when an update is submitted, not in the form.
FORM_FIELDS = [*TEMPLATE_ATTRIBUTES, *WRITER_CHOICES, "import_warnings"]


class TaxonomyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


# Council of Europe members and observers on the continent, the EU's candidates and
# neighbours: listed first in country choices, the rest of the world after them.
EUROPEAN_COUNTRIES = frozenset(
    "AD AL AM AT AZ BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IS IT LI LT LU LV MC MD ME MK "
    "MT NL NO PL PT RO RS RU SE SI SK SM TR UA VA".split()
)


def european_countries_first() -> list[tuple[str, str]]:
    """Every country as (code, name in the active language), European ones first, each
    group in alphabetical order of the translated name."""
    every = list(countries)
    return [item for item in every if item[0] in EUROPEAN_COUNTRIES] + [
        item for item in every if item[0] not in EUROPEAN_COUNTRIES
    ]


class PracticeForm(forms.ModelForm):
    """The template as a form. It validates and renders; services save."""

    key_themes = TaxonomyChoiceField(
        label=_("Key themes"),
        queryset=KeyTheme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select the two that fit best."),
    )
    target_audiences = TaxonomyChoiceField(
        label=_("Target audience"),
        queryset=TargetAudience.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("At least one."),
    )
    import_warnings = forms.JSONField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Practice
        fields = FORM_FIELDS
        help_texts = {
            "description": _(
                "The aim of the practice and its working method. Make the explicit link to preventing or "
                "countering radicalisation or violent extremism clear. Write no names of the people you work with."
            ),
            "geographical_scope": _("Countries, regions, cities where the practice is used."),
            "start": _("When the practice was developed and began; when it ended, if it is no longer active."),
            "deliverables": _("Manuals, training modules, videos… with links."),
            "evidence_evaluation": _("Performance measures, evaluations, feedback, peer review."),
            "sustainability_transferability": _("What can be transferred and how, including costs."),
            "ran_meetings": _("RAN working group or event, date, place and topic."),
            "eu_links_funding": _("How the practice is funded; which EU funds, if any."),
            "organisation_description": _("Your organisation in a few lines: its legal status and role."),
            "contact": _(
                "Your work contact. Shown only to approved members of verified organisations, never in public."
            ),
            "visibility": _("You can restrict it further at any time, even once it is published."),
        }
        widgets = {
            "start": forms.Textarea(attrs={"rows": 3}),
            "geographical_scope": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        caller_initial = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        for code, field in FIELDS_BY_CODE.items():
            name = model_attribute(code)
            if name in self.fields and field.word_limit:
                self.fields[name].widget.attrs["data-word-limit"] = str(field.word_limit)
        for name in ("description", "evidence_evaluation", "deliverables", "organisation_description"):
            self.fields[name].widget.attrs.setdefault("rows", 8)
        self.fields["description"].widget.attrs["rows"] = 14
        self._limit_text_sizes()
        cast(forms.ChoiceField, self.fields["country"]).choices = [("", "—"), *european_countries_first()]
        cast(forms.ChoiceField, self.fields["language"]).choices = settings.PRACTICE_LANGUAGES
        self._no_default_visibility(caller_initial)

    def _no_default_visibility(self, caller_initial: dict) -> None:
        """Who may read a sensitive write-up is the contributor's own choice: no option is
        pre-selected on a new practice, and leaving it unchosen is a clear error."""
        self.fields["visibility"].error_messages["required"] = _(
            "Choose who may read this practice: everyone, verified members, or your organisation only."
        )
        if not self.instance.pk and "visibility" not in caller_initial:
            self.initial.pop("visibility", None)
            self.fields["visibility"].initial = None

    def _limit_text_sizes(self) -> None:
        """Every long text at most PRACTICE_FIELD_MAX_CHARS characters: an error that keeps the text
        (no maxlength attribute, which would cut a paste short without a word)."""
        limit = settings.PRACTICE_FIELD_MAX_CHARS
        for model_field in Practice._meta.get_fields():
            if isinstance(model_field, models.TextField) and model_field.name in self.fields:
                self.fields[model_field.name].validators.append(MaxLengthValidator(limit))

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year comes before the start year."))
        return cleaned

    def describe_fields(self, notes: dict[str, list[str]]) -> None:
        """What each field is read with: its help text and error (as Django links them), then the
        notes beside it (``notes``: a field's name -> the id suffixes of its notes in
        templates/practices/_field.html: a moderator's, personal data found, the import's), so a
        screen reader reads a note with the field it is about. ``self.descriptions`` holds the ids
        for every field (the template sets a group of boxes' or buttons' on its fieldset, which
        Django leaves without); a control with notes carries them itself."""
        self.descriptions: dict[str, str] = {}
        for name in self.fields:
            bound = self[name]
            own = (bound.aria_describedby or "").split()  # help text, error
            ids = [*own, *(f"{bound.auto_id}_{suffix}" for suffix in notes.get(name, []))]
            self.descriptions[name] = " ".join(ids)
            if notes.get(name) and not bound.use_fieldset:
                self.fields[name].widget.attrs["aria-describedby"] = self.descriptions[name]

    def practice_data(self) -> PracticeData:
        attributes = {name: self.cleaned_data[name] for name in PRACTICE_ATTRIBUTES if name in self.cleaned_data}
        # the import's notes whose cause is fixed are not kept (practices/import_notes.py)
        attributes["import_warnings"] = still_true(self.cleaned_data.get("import_warnings") or [], self.cleaned_data)
        return PracticeData(
            attributes=attributes,
            key_themes=list(self.cleaned_data["key_themes"]),
            target_audiences=list(self.cleaned_data["target_audiences"]),
        )


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Filled-in template"),
        help_text=_(
            "A Word (.docx, .dotx, .docm), OpenDocument (.odt), Rich Text (.rtf) or PDF document, an HTML, "
            "Markdown or text file, or a saved e-mail (.eml) with the template attached. It is read, not stored."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,.dotx,.docm,.odt,.rtf,.pdf,.html,.htm,.md,.markdown,.txt,.eml"}
        ),
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > settings.PRACTICE_UPLOAD_MAX_BYTES:
            limit_mb = settings.PRACTICE_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit_mb})
        return document


class SubmitForm(forms.Form):
    change_summary = forms.CharField(
        label=_("What does this update change?"),
        max_length=300,
        required=False,
        help_text=_("One sentence that readers will see with the update."),
    )

    def __init__(self, *args, practice: Practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        if practice.revision_of_id:
            self.fields["change_summary"].required = True
            self.fields["change_summary"].initial = practice.change_summary
        else:
            del self.fields["change_summary"]

    def clean(self):
        cleaned = super().clean() or {}
        cleaned.setdefault("change_summary", "")
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DismissFindingForm(forms.Form):
    reason = forms.CharField(label=_("Why is this not personal data?"), max_length=300)
