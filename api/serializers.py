"""Serializers of the API: explicit fields, nested ones read-only, no rules of their own.

Writes go through the services; serializers only check the shape of the input and
turn it into what the services take (``PracticeData``). Every person is named
through ``portal.access.display_name`` for the requesting user (pseudonyms).
"""

import copy
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.models import ApiToken
from network.models import Network, Post, Thread
from network.selectors import readable_practice
from portal.access import display_name
from portal.models import Membership, Organisation, OrganisationType
from practices import rules
from practices.indexing import FACETS
from practices.models import Finding, KeyTheme, Practice, ReviewComment, TargetAudience
from practices.review import review_rows
from practices.services import PracticeData
from practices.template_fields import NARRATIVE_ATTRIBUTES, TEMPLATE_ATTRIBUTES, WRITER_CHOICES
from practices.versions import content_fingerprint

# Strict JSON input -------------------------------------------------------------------------


class StrictCharField(serializers.CharField):
    """A JSON string only: DRF's CharField would also take a number and turn it into a string."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer only: DRF's IntegerField would also take "12" or true."""

    def to_internal_value(self, data):
        integral_float = isinstance(data, float) and data.is_integer()
        if isinstance(data, bool) or not (isinstance(data, int) or integral_float):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictManyRelatedField(serializers.ManyRelatedField):
    """A JSON array only: DRF's would also take an object (and read its keys)."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


def codes_of(queryset, help_text) -> StrictManyRelatedField:
    """Taxonomy terms by code, as a list."""
    child = serializers.SlugRelatedField(slug_field="code", queryset=queryset)
    return StrictManyRelatedField(child_relation=child, required=False, help_text=help_text)


# A request body naming a field the endpoint does not take is refused, not quietly ignored (a
# misspelt field would otherwise look saved). The schema says so: additionalProperties false.
# (Comments, not docstrings: the schema would show a docstring as every body's description.)
# The unknown fields are listed with the other invalid ones, in one answer: a client corrects every
# mistake at once rather than one answer at a time.
class RejectsUnknownFields(serializers.Serializer):
    def to_internal_value(self, data):
        unknown: list[str] = []
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(name) for name in set(data) - writable)
        errors = {name: [_("Unknown field.")] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not errors or not isinstance(exc.detail, Mapping):
                raise
            raise serializers.ValidationError({**exc.detail, **errors}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value


class InputSerializer(RejectsUnknownFields, serializers.Serializer):
    pass


class StrictModelSerializer(RejectsUnknownFields, serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.PositiveSmallIntegerField: StrictIntegerField,
    }


# Query parameters ----------------------------------------------------------------------------

MAX_CODES_PER_FACET = 30


def field_copies(fields: Mapping[str, serializers.Field]) -> dict[str, serializers.Field]:
    """Copies of kept field declarations for one serializer, cheaper than DRF's deep copy (which
    builds every field anew: about 30 µs a list field). A plain field is copied shallowly: binding
    it to the serializer (its name, parent and source) sets attributes of the copy only, and
    reading or validating a value changes nothing it shares with the kept field. A list or dict
    field gets a copy of its child bound to it. A nested serializer or a many-related field is
    copied whole, as DRF does: its own fields, once built, stay bound to what they were built under."""
    return {name: _field_copy(field) for name, field in fields.items()}


def _field_copy(field: serializers.Field) -> serializers.Field:
    if isinstance(field, serializers.BaseSerializer) or hasattr(field, "child_relation"):
        return copy.deepcopy(field)
    clone = copy.copy(field)
    child = getattr(field, "child", None)
    if isinstance(child, serializers.Field):
        child_copy = _field_copy(child)
        # bound as the kept child is (no name, no source), to the copy
        child_copy.parent = clone  # type: ignore[assignment]  # DRF binds a list's child to the list field; the stubs type a parent as a serializer
        setattr(clone, "child", child_copy)  # noqa: B010 - list and dict fields have one; Field's stubs do not say so
    return clone


class DeclaredFieldsCopied(serializers.Serializer):
    """A serializer of declared fields only (no model) whose instances get ``field_copies`` of
    them, not DRF's deep copy: every query string (``api.views.validated_query`` takes no other
    serializer) and the terms nested in every answer."""

    def get_fields(self):
        return field_copies(self._declared_fields)


class FieldsBuiltOnce(serializers.ModelSerializer):
    """A model serializer whose fields are built from the model once per class and language, then
    copied for each instance (``field_copies``; DRF builds them again for every instance: about
    1 ms for a practice's thirty fields, most of a detail answer's serializing). Only for fields
    that depend on nothing but the class (no field chosen per request or instance)."""

    _built_fields: ClassVar[dict[tuple[type, str], dict]] = {}  # a memo of the code's own declarations, per process

    def get_fields(self):
        key = (type(self), get_language())
        if key not in self._built_fields:
            self._built_fields[key] = super().get_fields()
        return field_copies(self._built_fields[key])


def _codes(help_text) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=MAX_CODES_PER_FACET, help_text=help_text
    )


# The search's facets are declared once (practices.indexing.FACETS); each is a filter of the
# practice list, with its help text here. A facet without one still filters (the schema names it).
FACET_HELP = {
    "theme": _("Key theme codes (OR within a facet, AND across facets)."),
    "audience": _("Target audience codes."),
    "country": _("ISO 3166-1 alpha-2 country codes."),
    "organisation_type": _("Organisation type codes."),
    "language": _("Language codes of the write-up."),
    "peer_reviewed": _("yes, no or unknown."),
    "evidence_level": _("Evidence level codes."),
    "start_period": _("Start period codes, e.g. 2015-2019."),
    "source": _("Where a practice comes from: local (this portal), or the host name of the portal that shared it."),
}

_S = TypeVar("_S", bound=type[serializers.Serializer])


def with_facet_filters(cls: _S) -> _S:
    """``cls`` with a list of codes for every facet (declared after DRF's metaclass ran)."""
    facets = {facet: _codes(FACET_HELP.get(facet, _("Facet codes."))) for facet in FACETS}
    cls._declared_fields = {**facets, **cls._declared_fields}
    return cls


@with_facet_filters
class PracticeSearchQuerySerializer(DeclaredFieldsCopied):
    """The query string of the practice list: the search box's language, facet codes, order."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        trim_whitespace=True,
        help_text=_('Words, "a phrase", word OR word, -excluded. Empty: every practice you may read.'),
    )
    sort = serializers.ChoiceField(
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))], required=False, default="relevance"
    )
    cursor = serializers.CharField(
        required=False, max_length=200, help_text=_("The cursor of a next or previous link.")
    )
    featured = serializers.BooleanField(
        required=False,
        help_text=_(
            "true: only the practices moderators feature on the home page that you may read, newest "
            "featured first, paged like the search, with no other filter. false or absent: no filter."
        ),
    )

    def filters(self) -> dict[str, list[str]]:
        data = self.validated_data
        return {facet: list(dict.fromkeys(data[facet])) for facet in FACETS if data.get(facet)}


class ImportQuerySerializer(DeclaredFieldsCopied):
    save = serializers.BooleanField(  # type: ignore[assignment]  # a field, not the attribute: DRF's metaclass takes declared fields off the class
        required=False, default=False, help_text=_("Save the document as a new draft instead of only reading it.")
    )


class ReviewQueueQuerySerializer(DeclaredFieldsCopied):
    state = serializers.ListField(
        child=serializers.ChoiceField(choices=["submitted", "changes_requested", "rejected", "follow_up", "withdrawn"]),
        required=False,
        max_length=5,
        help_text=_("Default: submitted. follow_up: published practices with open personal-data findings."),
    )
    older_than = serializers.IntegerField(required=False, min_value=1, max_value=3650, help_text=_("Days waiting."))
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    language = serializers.ChoiceField(choices=settings.PRACTICE_LANGUAGES, required=False)
    sort = serializers.ChoiceField(
        choices=["oldest", "newest", "findings"],
        required=False,
        help_text=_(
            "Default: oldest (waiting longest first, from when each entered its state). newest: most recent "
            "first. findings: most open personal-data findings first. The next and previous links keep it."
        ),
    )
    cursor = serializers.CharField(
        required=False, max_length=200, help_text=_("The cursor of a next or previous link.")
    )


# Reference data --------------------------------------------------------------------------


class _TermSerializer(serializers.ModelSerializer):
    label = serializers.CharField(  # type: ignore[assignment]  # a field, not the attribute: DRF's metaclass takes declared fields off the class
        read_only=True, help_text=_("In the language of the request (English or French).")
    )

    class Meta:
        fields = ["code", "label", "label_en", "label_fr"]


class KeyThemeSerializer(_TermSerializer):
    class Meta(_TermSerializer.Meta):
        model = KeyTheme


class TargetAudienceSerializer(_TermSerializer):
    class Meta(_TermSerializer.Meta):
        model = TargetAudience


class OrganisationTypeSerializer(_TermSerializer):
    class Meta(_TermSerializer.Meta):
        model = OrganisationType


class TermSerializer(DeclaredFieldsCopied):
    """A term of a closed list (theme, audience, organisation type): its code, and its label in the
    language of the request."""

    code = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]  # a field, not the attribute: DRF's metaclass takes declared fields off the class


class OrganisationSerializer(FieldsBuiltOnce):
    """An organisation's public face: nothing about its members."""

    type = TermSerializer(read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "type", "country", "verified"]
        read_only_fields = fields


class OrganisationNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]
        read_only_fields = fields


# Practices -------------------------------------------------------------------------------


FEATURED_HELP = _("True while moderators feature the practice on the home page.")


class PracticeSummarySerializer(serializers.ModelSerializer):
    organisation = OrganisationSerializer(read_only=True)
    key_themes = TermSerializer(many=True, read_only=True)
    target_audiences = TermSerializer(many=True, read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    featured = serializers.BooleanField(source="is_featured", read_only=True, help_text=FEATURED_HELP)

    class Meta:
        model = Practice
        fields = [
            "id",
            "title",
            "description",
            "key_themes",
            "target_audiences",
            "country",
            "language",
            "organisation",
            "status",
            "visibility",
            "evidence_level",
            "peer_reviewed",
            "start_year",
            "end_year",
            "published_at",
            "updated_at",
            "featured",
        ]
        read_only_fields = fields


class PracticeHitSerializer(PracticeSummarySerializer):
    highlight = serializers.SerializerMethodField(help_text=_("Escaped text with <mark> around the words found."))
    score = serializers.SerializerMethodField()

    class Meta(PracticeSummarySerializer.Meta):
        fields = [*PracticeSummarySerializer.Meta.fields, "highlight", "score"]
        read_only_fields = fields

    def get_highlight(self, practice: Practice) -> str:
        return self.context["hits"][practice.pk].highlight

    def get_score(self, practice: Practice) -> float:
        return self.context["hits"][practice.pk].score


class FacetCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not the attribute: DRF's metaclass takes declared fields off the class
    count = serializers.IntegerField(min_value=0)


class PracticeSearchResultsSerializer(serializers.Serializer):
    """A page of search results (the cursor pagination's ``next``/``previous``, plus the engine's counts)."""

    count = serializers.IntegerField(min_value=0, help_text=_("Practices you may read that match, on every page."))
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    facets = serializers.DictField(
        child=FacetCountSerializer(many=True),
        help_text=_("Per facet, the codes found and how many practices have each."),
    )
    suggestion = serializers.CharField(allow_null=True, help_text=_("A respelling of the query, when nothing matched."))
    degraded = serializers.BooleanField(help_text=_("True when the fallback search engine answered."))
    partial_match = serializers.BooleanField(
        help_text=_(
            "True when no practice matched every word: the results match some of the words, "
            "those matching the most first."
        )
    )
    results = PracticeHitSerializer(many=True)


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", "field", "type", "text", "start", "end", "message", "status", "reason"]
        read_only_fields = fields


class ReviewCommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewComment
        fields = ["id", "field", "text", "created_at", "addressed"]
        read_only_fields = fields


class ImportWarningSerializer(serializers.Serializer):
    field = serializers.CharField(max_length=50)
    code = serializers.CharField(max_length=50)
    message = serializers.CharField(max_length=2000)


NARRATIVE_HELP = _("Markdown.")


class PracticeDetailSerializer(FieldsBuiltOnce):
    """Every template field. ``contact`` is null unless the reader may see it (``rules.can_see_contact``);
    findings, import warnings and review comments are for the practice's own side and moderators
    (empty for anyone else)."""

    organisation = OrganisationSerializer(read_only=True)
    key_themes = TermSerializer(many=True, read_only=True)
    target_audiences = TermSerializer(many=True, read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    contact = serializers.SerializerMethodField(
        help_text=_("Approved members of verified organisations only; null otherwise.")
    )
    html = serializers.SerializerMethodField(
        help_text=_(
            "Each Markdown field rendered to sanitised HTML, by attribute (contact: approved members of verified "
            "organisations only)."
        )
    )
    findings = serializers.SerializerMethodField()
    review_comments = serializers.SerializerMethodField()
    import_warnings = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    can_submit = serializers.SerializerMethodField()
    featured = serializers.BooleanField(source="is_featured", read_only=True, help_text=FEATURED_HELP)

    class Meta:
        model = Practice
        fields = [
            "id",
            *TEMPLATE_ATTRIBUTES,
            "organisation",
            "html",
            *WRITER_CHOICES,
            "status",
            "evidence_level",
            "featured",
            "revision_of",
            "change_summary",
            "created_at",
            "updated_at",
            "published_at",
            "findings",
            "review_comments",
            "import_warnings",
            "can_edit",
            "can_submit",
        ]
        read_only_fields = fields

    def _user(self):
        return self.context["request"].user

    def _curator(self, practice: Practice) -> bool:
        return rules.can_manage(self._user(), practice)

    # no explicit type: the hint's ``str | None`` is the schema's nullable string
    def get_contact(self, practice: Practice) -> str | None:
        return practice.contact if rules.can_see_contact(self._user(), practice) else None

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_html(self, practice: Practice) -> dict[str, str]:
        html = practice.cooked_html()
        if not rules.can_see_contact(self._user(), practice):
            html.pop("contact", None)
        return html

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, practice: Practice) -> list[dict]:
        if not self._curator(practice):
            return []
        return FindingSerializer(practice.findings.filter(status=Finding.Status.OPEN), many=True).data  # type: ignore[return-value]  # many=True gives a ReturnList; the stubs say ReturnDict

    @extend_schema_field(ReviewCommentSerializer(many=True))
    def get_review_comments(self, practice: Practice) -> list[dict]:
        if not self._curator(practice):
            return []
        return ReviewCommentSerializer(practice.review_comments.filter(addressed=False), many=True).data  # type: ignore[return-value]  # many=True gives a ReturnList; the stubs say ReturnDict

    @extend_schema_field(ImportWarningSerializer(many=True))
    def get_import_warnings(self, practice: Practice) -> list[dict]:
        if not self._curator(practice):
            return []
        warnings = [w for w in practice.import_warnings or [] if isinstance(w, dict)]
        return [{key: str(warning.get(key, "")) for key in ("field", "code", "message")} for warning in warnings]

    def get_can_edit(self, practice: Practice) -> bool:
        return rules.can_edit(self._user(), practice)

    def get_can_submit(self, practice: Practice) -> bool:
        return rules.can_submit(self._user(), practice)


class PracticeWriteSerializer(StrictModelSerializer):
    """A draft as a contributor writes it; taxonomy terms by code. Saved by the services."""

    key_themes = codes_of(KeyTheme.objects.all(), _("Key theme codes; two on a published practice."))
    target_audiences = codes_of(TargetAudience.objects.all(), _("Target audience codes; at least one."))
    language = serializers.ChoiceField(choices=settings.PRACTICE_LANGUAGES)

    class Meta:
        model = Practice
        fields = [*TEMPLATE_ATTRIBUTES, *WRITER_CHOICES, "change_summary"]
        extra_kwargs: dict[str, dict[str, Any]] = {
            name: {"help_text": NARRATIVE_HELP} for name in NARRATIVE_ATTRIBUTES if name != "contact"
        }
        # Every long text at most PRACTICE_FIELD_MAX_CHARS characters (as in the form and the importer).
        for _field in Practice._meta.get_fields():
            if isinstance(_field, models.TextField) and _field.name in fields:
                extra_kwargs.setdefault(_field.name, {})["max_length"] = settings.PRACTICE_FIELD_MAX_CHARS
        del _field

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("start_year"), attrs.get("end_year")
        if start and end and end < start:
            raise serializers.ValidationError({"end_year": _("The end year comes before the start year.")})
        return attrs

    def practice_data(self, practice: Practice | None = None) -> PracticeData:
        """The validated input for the services; a partial update keeps the practice's other values."""
        attributes = dict(self.validated_data)
        themes = attributes.pop("key_themes", None)
        audiences = attributes.pop("target_audiences", None)
        if themes is None:
            themes = list(practice.key_themes.all()) if practice else []
        if audiences is None:
            audiences = list(practice.target_audiences.all()) if practice else []
        return PracticeData(attributes=attributes, key_themes=list(themes), target_audiences=list(audiences))


class ImportedOrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField(allow_null=True)
    description = serializers.CharField()


class ImportedDraftSerializer(serializers.Serializer):
    """What the importer read: ``draft`` can be corrected and sent to ``POST /practices/`` as it is."""

    draft = PracticeWriteSerializer(read_only=True)
    warnings = ImportWarningSerializer(many=True, read_only=True, help_text=_("What could not be mapped."))
    organisation = ImportedOrganisationSerializer(read_only=True, help_text=_("The organisation the document names."))


class DocumentUploadSerializer(InputSerializer):
    document = serializers.FileField(
        help_text=_(
            "A filled-in RAN Collection template: .docx, .dotx, .docm, .odt, .rtf, .pdf, .html, .md, .txt, or a saved "
            "e-mail (.eml) with the template attached. It is read, not stored."
        )
    )

    def validate_document(self, document):
        if document.size > settings.PRACTICE_UPLOAD_MAX_BYTES:
            limit = settings.PRACTICE_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise serializers.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit})
        return document


class SubmitSerializer(InputSerializer):
    change_summary = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=300,
        default="",
        help_text=_("Required for an update of a published practice: one sentence readers will see."),
    )


# Moderation ------------------------------------------------------------------------------


class ReviewQueueItemSerializer(serializers.ModelSerializer):
    organisation = OrganisationNameSerializer(read_only=True)
    author = serializers.SerializerMethodField()
    open_findings = serializers.IntegerField(read_only=True)

    class Meta:
        model = Practice
        fields = [
            "id",
            "title",
            "status",
            "language",
            "organisation",
            "author",
            "revision_of",
            "open_findings",
            "updated_at",
        ]
        read_only_fields = fields

    def get_author(self, practice: Practice) -> str | None:
        if practice.author is None:
            return None
        return display_name(viewer=self.context["request"].user, person=practice.author)


class ModerationPracticeSerializer(PracticeDetailSerializer):
    """The review view of a practice: every finding, open or resolved, and every comment."""

    fingerprint = serializers.SerializerMethodField(
        help_text=_(
            "A digest of the text as read: send it back as `reviewed` to approve, so that a text changed "
            "since is never published unread."
        )
    )
    can_approve = serializers.SerializerMethodField(
        help_text=_("Whether you may approve it (four eyes: not yours, not your organisation's, not rewritten by you).")
    )

    class Meta(PracticeDetailSerializer.Meta):
        fields = [*PracticeDetailSerializer.Meta.fields, "fingerprint", "can_approve"]
        read_only_fields = fields

    def get_fingerprint(self, practice: Practice) -> str:
        return content_fingerprint(practice)

    def get_can_approve(self, practice: Practice) -> bool:
        return rules.can_approve(self._user(), practice)

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, practice: Practice) -> list[dict]:
        return FindingSerializer(practice.findings.all(), many=True).data  # type: ignore[return-value]  # many=True gives a ReturnList; the stubs say ReturnDict

    @extend_schema_field(ReviewCommentSerializer(many=True))
    def get_review_comments(self, practice: Practice) -> list[dict]:
        return ReviewCommentSerializer(practice.review_comments.all(), many=True).data  # type: ignore[return-value]  # many=True gives a ReturnList; the stubs say ReturnDict


def commentable_fields() -> list[str]:
    return [row.code for row in review_rows() if row.commentable]


class ApproveSerializer(InputSerializer):
    comment = StrictCharField(required=False, allow_blank=True, max_length=2000, default="")
    reviewed = StrictCharField(
        max_length=64,
        help_text=_(
            "The `fingerprint` of the practice as you read it (GET …/{id}/): if its text changed since, "
            "nothing is published (409)."
        ),
    )


class RequestChangesSerializer(InputSerializer):
    comment = StrictCharField(required=False, allow_blank=True, max_length=5000, default="")
    field_comments = serializers.DictField(
        child=StrictCharField(max_length=2000, allow_blank=True),
        required=False,
        default=dict,
        help_text=_("Comments on single template fields, by field code (e.g. description)."),
    )

    def validate_field_comments(self, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(commentable_fields()))
        if unknown:
            raise serializers.ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)})
        return value


class RejectSerializer(InputSerializer):
    reason = StrictCharField(max_length=5000)


class EvidenceLevelSerializer(InputSerializer):
    level = serializers.ChoiceField(choices=Practice.EvidenceLevel.choices)


class DismissFindingSerializer(InputSerializer):
    reason = StrictCharField(max_length=300)


# The requesting user -----------------------------------------------------------------------


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text=_("Your name as you see it."))
    pseudonym = serializers.CharField(allow_blank=True)
    organisation = OrganisationSerializer(allow_null=True)
    role = serializers.ChoiceField(
        choices=Membership.Role.choices, allow_null=True, help_text=_("Your role in your organisation.")
    )
    is_moderator = serializers.BooleanField()
    token_scope = serializers.ChoiceField(
        choices=ApiToken.Scope.choices, allow_null=True, help_text=_("The token's scope; null for a session.")
    )


# Networks --------------------------------------------------------------------------------


class _NamesPeople(serializers.Serializer):
    def _name(self, person) -> str | None:
        if person is None:
            return None
        return display_name(viewer=self.context["request"].user, person=person)


class NetworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Network
        fields = ["id", "name", "purpose", "policy", "is_case_room", "access_ends_on", "created_at"]
        read_only_fields = fields


class ThreadSerializer(_NamesPeople, serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text=_("As the author is shown to you (pseudonyms)."))
    post_count = serializers.IntegerField(read_only=True, help_text=_("Visible posts."))

    class Meta:
        model = Thread
        fields = ["id", "network", "title", "author", "pinned", "locked", "created_at", "last_post_at", "post_count"]
        read_only_fields = fields

    def get_author(self, thread: Thread) -> str | None:
        return self._name(thread.author)


class ThreadDetailSerializer(ThreadSerializer):
    practice = serializers.SerializerMethodField(help_text=_("The practice discussed, if you may read it."))

    class Meta(ThreadSerializer.Meta):
        fields = [*ThreadSerializer.Meta.fields, "practice"]
        read_only_fields = fields

    def get_practice(self, thread: Thread) -> int | None:
        practice = readable_practice(user=self.context["request"].user, pk=thread.practice_id)
        return practice.pk if practice else None


class PostSerializer(_NamesPeople, serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text=_("As the author is shown to you (pseudonyms)."))
    body = serializers.SerializerMethodField(help_text=_("Markdown; null for a hidden or deleted post."))

    class Meta:
        model = Post
        fields = ["id", "thread", "author", "body", "state", "quote_of", "created_at", "edited_at"]
        read_only_fields = fields

    def get_author(self, post: Post) -> str | None:
        return self._name(post.author)

    def get_body(self, post: Post) -> str | None:
        return post.body if post.is_visible or self.context.get("moderates") else None


BIG_ID: dict[str, Any] = {"min_value": 1, "max_value": 2**63 - 1}


class ThreadCreateSerializer(InputSerializer):
    title = StrictCharField(max_length=200)
    body = StrictCharField(max_length=20000, help_text=_("Markdown. Mention a member with @ and their name."))
    practice = StrictIntegerField(
        required=False, allow_null=True, help_text=_("A published practice you may read, to discuss."), **BIG_ID
    )


class PostCreateSerializer(InputSerializer):
    body = StrictCharField(max_length=20000, help_text=_("Markdown. Mention a member with @ and their name."))
    quote_of = StrictIntegerField(
        required=False, allow_null=True, help_text=_("A visible post of the same thread."), **BIG_ID
    )


class PostSearchQuerySerializer(DeclaredFieldsCopied):
    """The query string of a search of network posts."""

    q = serializers.CharField(
        min_length=2,
        max_length=200,
        trim_whitespace=True,
        help_text=_('Words, "a phrase", word OR word, -excluded (at least two characters).'),
    )
    network = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Only this network (one you belong to; any other answers 404)."),
    )
    sort = serializers.ChoiceField(
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))], required=False, default="relevance"
    )
    cursor = serializers.CharField(
        required=False, max_length=200, help_text=_("The cursor of a next or previous link.")
    )


class PostHitSerializer(serializers.Serializer):
    post = serializers.IntegerField(source="post_id")
    thread = serializers.IntegerField(source="thread_id")
    thread_title = serializers.CharField()
    network_name = serializers.CharField()
    created_at = serializers.DateTimeField()
    highlight = serializers.CharField(
        source="snippet", help_text=_("An HTML fragment of the post: escaped text, matches in <mark>.")
    )


class PostSearchResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0, help_text=_("Posts of your networks that match, on every page."))
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    degraded = serializers.BooleanField(help_text=_("True when the fallback search engine answered."))
    results = PostHitSerializer(many=True)
    case_room_results = PostHitSerializer(
        many=True,
        help_text=_("Matches in your case rooms, searched apart (never sent to a search engine), newest first."),
    )
