from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from practices.import_notes import still_true
from practices.models import KeyTheme, OrganisationType, Practice, TargetAudience
from practices.services import PRACTICE_ATTRIBUTES, PracticeData
from practices.template_fields import FIELDS_BY_CODE, TEMPLATE_ATTRIBUTES, WRITER_CHOICES, model_attribute

# The template's fields in template order, then the writer's choices. The change
# summary is asked for when an update is submitted, not in the form.
FORM_FIELDS = [*TEMPLATE_ATTRIBUTES, *WRITER_CHOICES, "import_warnings"]


class TaxonomyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


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
            "contact": _("Your work contact. Shown only to approved members of verified organisations, never in public."),
            "visibility": _("You can restrict it further at any time, even once it is published."),
        }
        widgets = {
            "start": forms.Textarea(attrs={"rows": 3}),
            "geographical_scope": forms.Textarea(attrs={"rows": 3}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, field in FIELDS_BY_CODE.items():
            name = model_attribute(code)
            if name in self.fields and field.word_limit:
                self.fields[name].widget.attrs["data-word-limit"] = str(field.word_limit)
        for name in ("description", "evidence_evaluation", "deliverables", "organisation_description"):
            self.fields[name].widget.attrs.setdefault("rows", 8)
        self.fields["description"].widget.attrs["rows"] = 14
        self._limit_text_sizes()
        self.fields["country"].choices = [("", "—")] + list(countries)
        self.fields["language"].choices = settings.PRACTICE_LANGUAGES

    def _limit_text_sizes(self) -> None:
        """Every long text at most PRACTICE_FIELD_MAX_CHARS characters: an error that keeps the text
        (no maxlength attribute, which would cut a paste short without a word)."""
        limit = settings.PRACTICE_FIELD_MAX_CHARS
        for model_field in Practice._meta.get_fields():
            if isinstance(model_field, models.TextField) and model_field.name in self.fields:
                self.fields[model_field.name].validators.append(MaxLengthValidator(limit))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year comes before the start year."))
        return cleaned

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
        help_text=_("A Word document (.docx), HTML, Markdown or text file. It is read, not stored."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.html,.htm,.md,.markdown,.txt"}),
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > settings.PRACTICE_UPLOAD_MAX_BYTES:
            limit_mb = settings.PRACTICE_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit_mb})
        return document


class _CodeChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class PracticeFilterForm(forms.Form):
    """Facet filters of the practice list: OR within a facet, AND across facets."""

    theme = _CodeChoiceField(label=_("Key themes"), required=False)
    audience = _CodeChoiceField(label=_("Target audience"), required=False)
    country = _CodeChoiceField(label=_("Country"), required=False)
    organisation_type = _CodeChoiceField(label=_("Type of organisation"), required=False)
    evidence_level = _CodeChoiceField(
        label=_("Evidence level"), required=False, choices=Practice.EvidenceLevel.choices
    )

    def __init__(self, *args, country_codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(t.code, t.label) for t in KeyTheme.objects.all()]
        self.fields["audience"].choices = [(t.code, t.label) for t in TargetAudience.objects.all()]
        self.fields["organisation_type"].choices = [(t.code, t.label) for t in OrganisationType.objects.all()]
        self.fields["country"].choices = sorted(
            ((code, countries.name(code)) for code in country_codes), key=lambda item: item[1]
        )

    def filters(self) -> dict[str, list[str]]:
        if not self.is_valid():
            return {}
        return {name: values for name, values in self.cleaned_data.items() if values}


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
        cleaned = super().clean()
        cleaned.setdefault("change_summary", "")
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DismissFindingForm(forms.Form):
    reason = forms.CharField(label=_("Why is this not personal data?"), max_length=300)
