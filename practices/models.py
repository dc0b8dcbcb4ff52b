import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField

from portal.models import TaxonomyTerm
from portal.text import cook, render_markdown, saves_text
from practices.template_fields import NARRATIVE_ATTRIBUTES, TITLE_MAX_CHARS, field_label


def practice_texts(source) -> dict[str, str]:
    """The Markdown fields of a practice, by attribute."""
    return {name: getattr(source, name) or "" for name in NARRATIVE_ATTRIBUTES}


class KeyTheme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("key theme")
        verbose_name_plural = _("key themes")


class TargetAudience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target audience")
        verbose_name_plural = _("target audiences")


def _year_validators():
    return [MinValueValidator(1900), MaxValueValidator(2100)]


class Practice(models.Model):
    """A practice write-up in the RAN Collection template, fields in template order.

    Narrative fields hold Markdown. ``contact`` is personal data: it is shown to
    signed-in users only and never leaves the portal in public output.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Rejected")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: everyone")
        MEMBERS = "members", _("Members: every verified practitioner of the portal")
        ORGANISATION = "organisation", _("Own organisation only")

    class EvidenceLevel(models.TextChoices):
        NOT_EVALUATED = "not_evaluated", _("Not evaluated")
        PROCESS = "process_evaluation", _("Process evaluation")
        OUTCOME = "outcome_evaluation", _("Outcome evaluation")
        PEER_REVIEWED = "peer_reviewed", _("Peer reviewed")

    # Content states that only the author's side and moderators may see.
    UNPUBLISHED_STATES = ("draft", "submitted", "changes_requested", "rejected")
    # States in which the author may edit.
    EDITABLE_STATES = ("draft", "changes_requested", "rejected")

    class PeerReviewed(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Unknown")

    # Names the practice across portal instances (federation): never reused, never changed.
    uuid = models.UUIDField(_("universal identifier"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("name of the practice"), max_length=TITLE_MAX_CHARS)
    description = models.TextField(_("description"))
    peer_reviewed = models.CharField(
        _("peer reviewed"), max_length=10, choices=PeerReviewed.choices, default=PeerReviewed.UNKNOWN
    )
    key_themes = models.ManyToManyField(KeyTheme, verbose_name=_("key themes"), blank=True, related_name="practices")
    target_audiences = models.ManyToManyField(
        TargetAudience, verbose_name=_("target audiences"), blank=True, related_name="practices"
    )
    geographical_scope = models.TextField(_("geographical scope"), blank=True)
    start = models.TextField(_("start of the practice"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True, validators=_year_validators())
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=_year_validators(),
        help_text=_("Only if the practice is no longer active."),
    )
    deliverables = models.TextField(_("deliverables"), blank=True)
    evidence_evaluation = models.TextField(_("evidence and evaluation"), blank=True)
    sustainability_transferability = models.TextField(_("sustainability and transferability"), blank=True)
    ran_meetings = models.TextField(_("presented and discussed in RAN meetings"), blank=True)
    eu_links_funding = models.TextField(_("links to other EU initiatives or EU funding"), blank=True)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    organisation_description = models.TextField(_("about the organisation"), blank=True)
    # django-countries types its field as a CharField (str); instances hold a Country.
    country: Country = CountryField(_("country of origin"), blank=True)  # type: ignore[assignment]
    contact = models.TextField(
        _("contact details"), blank=True, help_text=_("Shown to signed-in practitioners only, never public.")
    )
    last_update_year = models.PositiveSmallIntegerField(
        _("last update (year)"), null=True, blank=True, validators=_year_validators()
    )

    language = models.CharField(_("language of the write-up"), max_length=5, choices=settings.PRACTICE_LANGUAGES)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(
        _("who may read it"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=30,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
        help_text=_("Set by moderators."),
    )
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("edit of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="revisions",
        help_text=_("A proposed change to a published practice, reviewed before it replaces the published text."),
    )
    change_summary = models.CharField(
        _("what changed"), max_length=300, blank=True, help_text=_("Shown to readers with the update.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # Shown on the home page by a moderator's choice (services.practice_feature): published practices
    # only, to the readers each may have; withdrawing clears it.
    featured_at = models.DateTimeField(_("featured on the home page"), null=True, blank=True, db_index=True)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("featured by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Free text stays here, with the practice (deleted with it), never in the append-only audit log.
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
    import_warnings = models.JSONField(
        _("import warnings"), default=list, blank=True, help_text=_("What the template importer could not map.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # A copy of a practice another portal shares with this one (federation/): read-only here,
    # replaced only by a newer version from its origin. All empty for the portal's own practices.
    origin_portal = models.URLField(_("shared by the portal at"), max_length=300, blank=True)
    origin_name = models.CharField(_("shared by"), max_length=200, blank=True)
    origin_uuid = models.UUIDField(_("identifier at the origin"), null=True, blank=True)
    origin_url = models.URLField(_("original"), max_length=500, blank=True)
    origin_version = models.PositiveIntegerField(_("version at the origin"), default=0)
    origin_updated_at = models.DateTimeField(_("updated at the origin"), null=True, blank=True)
    # Each Markdown field rendered once when saved (see ``save``): pages and the API read
    # this, never the renderer. ``manage.py recook`` renders them all again.
    cooked = models.JSONField(_("rendered HTML"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="practice_status_published"),
            # Covers what a reader's lists count and group (published, readable, their countries)
            # without reading the rows, which carry the long texts and their HTML.
            models.Index(
                fields=["status", "visibility", "revision_of", "organisation", "country"], name="practice_readable"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="practice_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["origin_portal", "origin_uuid"],
                condition=models.Q(origin_uuid__isnull=False),
                name="one_copy_per_origin_practice",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Renders the Markdown fields again whenever one of them is saved: the one place
        the stored HTML follows the text (an edit, a redaction, an approved update)."""
        update_fields = kwargs.get("update_fields")
        if saves_text(update_fields, NARRATIVE_ATTRIBUTES):
            self.cooked = cook(practice_texts(self))
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "cooked"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"pk": self.pk})

    @property
    def is_copy(self) -> bool:
        """A copy of another portal's practice (read-only here)."""
        return self.origin_uuid is not None

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_featured(self) -> bool:
        return self.featured_at is not None

    def cooked_html(self) -> dict[str, str]:
        """Attribute -> stored HTML of each Markdown field (rendered now only if missing)."""
        cooked = dict(self.cooked or {})
        for name in NARRATIVE_ATTRIBUTES:
            if name not in cooked:
                cooked[name] = str(render_markdown(getattr(self, name) or ""))
        return cooked

    def cooked_section(self, name: str) -> SafeString:
        return mark_safe(self.cooked_html()[name])  # noqa: S308 - rendered by portal.text.render_markdown (nh3)


class CookedReading(models.Model):
    """A published practice's own parts of its page (practices.presentation.OWN_PARTS: status line,
    title and summary, download form, text, history) rendered once for everyone who reads it as any
    reader does, per interface language and whether they see its contact details
    (practices/cooking.py). ``key`` is a hash of all they were rendered from that can change without
    a new row; a row whose key is not the one the practice has now is rendered again when read."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("interface language"), max_length=10)
    contact = models.BooleanField(_("shows the contact details"))
    key = models.CharField(max_length=40)
    parts = models.JSONField(_("rendered HTML"))
    cooked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cooked reading")
        verbose_name_plural = _("cooked readings")
        constraints = [
            models.UniqueConstraint(fields=["practice", "language", "contact"], name="one_cooked_reading_per_variant")
        ]

    def __str__(self) -> str:
        return f"Reading of {self.practice_id} ({self.language}, contact: {self.contact})"


class PracticeVersion(models.Model):
    """An immutable copy of a practice as published, one per publication."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    change_summary = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cooked = models.JSONField(_("rendered HTML"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="one_version_number")]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")

    def __str__(self) -> str:
        return f"{self.practice_id} v{self.number}"


class Finding(models.Model):
    """Possible personal data in a narrative field, to be redacted or explained."""

    class Status(models.TextChoices):
        OPEN = "open", _("To resolve")
        REDACTED = "redacted", _("Redacted")
        DISMISSED = "dismissed", _("Not personal data")

    TYPE_LABELS = {
        "PERSON": _("Name of a person"),
        "EMAIL_ADDRESS": _("Email address"),
        "PHONE_NUMBER": _("Phone number"),
        "NATIONAL_ID": _("Identity number"),
        "IBAN_CODE": _("Bank account"),
        "LOCATION": _("Place"),
        "DATE_OF_BIRTH": _("Date of birth"),
        "VEHICLE_PLATE": _("Number plate"),
        "IP_ADDRESS": _("IP address"),
        "CASE_NUMBER": _("File number"),
        "REIDENTIFICATION": _("Detail that could identify someone"),
    }

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="findings")
    field = models.CharField(_("field"), max_length=50)
    type = models.CharField(_("type"), max_length=30)
    text = models.TextField(_("text found"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    score = models.FloatField(default=0)
    message = models.CharField(_("kind of hint"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.CharField(_("why it is not personal data"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    placeholder: str  # not a column: what the type is redacted to, set by review._findings_by_field
    replacement: str  # not a column: what the span reads after a redaction, set by services.finding_redact

    class Meta:
        ordering = ["field", "start"]
        verbose_name = _("personal data finding")
        verbose_name_plural = _("personal data findings")
        indexes = [models.Index(fields=["practice", "status"], name="finding_practice_status")]

    def __str__(self) -> str:
        return f"{self.type} in {self.field}"

    @property
    def type_label(self) -> str:
        return str(self.TYPE_LABELS.get(self.type, self.type))

    @property
    def field_label(self) -> str:
        return field_label(self.field)

    @property
    def explanation(self) -> str:
        """Why a re-identification hint was raised, in the reader's language (``message`` holds its kind)."""
        if not self.message:
            return ""
        from practices.anonymisation.hints import MESSAGES

        return str(MESSAGES.get(self.message, self.message))


class ReviewComment(models.Model):
    """A moderator's comment on a submission, on one field or on the whole practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="review_comments")
    field = models.CharField(_("field"), max_length=50, blank=True)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    addressed = models.BooleanField(_("addressed"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return f"Comment on {self.practice_id}/{self.field or '*'}"

    @property
    def field_label(self) -> str:
        return field_label(self.field)
