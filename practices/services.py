"""Writes to practices. Views, forms and commands call these; they hold the rules."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Organisation
from portal.services import organisation_get_or_create
from practices.models import KeyTheme, Practice, TargetAudience

# Plain attributes a practice form or an import may set.
PRACTICE_ATTRIBUTES = (
    "title",
    "description",
    "peer_reviewed",
    "geographical_scope",
    "start",
    "start_year",
    "end_year",
    "deliverables",
    "evidence_evaluation",
    "sustainability_transferability",
    "ran_meetings",
    "eu_links_funding",
    "organisation_description",
    "country",
    "contact",
    "last_update_year",
    "language",
    "import_warnings",
)


@dataclass
class PracticeData:
    """What a contributor wrote: plain attributes plus the two taxonomy lists."""

    attributes: dict[str, Any]
    key_themes: list[KeyTheme]
    target_audiences: list[TargetAudience]


def _apply(practice: Practice, data: PracticeData) -> Practice:
    unknown = set(data.attributes) - set(PRACTICE_ATTRIBUTES)
    if unknown:
        raise ValueError(f"Unknown practice attributes: {', '.join(sorted(unknown))}")
    for name, value in data.attributes.items():
        setattr(practice, name, value)
    practice.full_clean(exclude=["organisation", "author", "key_themes", "target_audiences"])
    practice.save()
    practice.key_themes.set(data.key_themes)
    practice.target_audiences.set(data.target_audiences)
    return practice


@transaction.atomic
def practice_create(*, author, data: PracticeData, organisation: Organisation | None = None) -> Practice:
    """A new draft written by ``author`` for their organisation."""
    organisation = organisation or author.organisation
    if organisation is None:
        raise PermissionDenied(_("Join an organisation before you write a practice."))
    practice = Practice(author=author, organisation=organisation, status=Practice.Status.DRAFT)
    return _apply(practice, data)


@transaction.atomic
def practice_update(*, practice: Practice, editor, data: PracticeData) -> Practice:
    """Save an edit. The selectors decide who may edit; this re-checks."""
    if not (editor.is_staff or practice.author_id == editor.pk):
        raise PermissionDenied(_("You may not edit this practice."))
    return _apply(practice, data)


@transaction.atomic
def practice_publish(*, practice: Practice, actor=None) -> Practice:
    """Publish a practice. ``actor`` None means a trusted command-line import."""
    if actor is not None and not actor.is_staff:
        raise PermissionDenied(_("Only moderators publish practices."))
    if practice.is_published:
        return practice
    if not practice.title.strip() or not practice.description.strip():
        raise ValidationError(_("A practice needs a name and a description before it is published."))
    practice.status = Practice.Status.PUBLISHED
    practice.published_at = timezone.now()
    practice.save(update_fields=["status", "published_at", "updated_at"])
    return practice


def practice_data_from_import(parsed) -> PracticeData:
    """Map the importer's ParsedPractice to practice data (nothing is saved)."""
    fields = parsed.fields
    peer = {True: Practice.PeerReviewed.YES, False: Practice.PeerReviewed.NO}.get(parsed.peer_reviewed)
    attributes = {
        "title": parsed.title[:300],
        "description": fields.get("description", ""),
        "peer_reviewed": peer or Practice.PeerReviewed.UNKNOWN,
        "geographical_scope": fields.get("geographical_scope", ""),
        "start": fields.get("start", ""),
        "start_year": parsed.start_year,
        "end_year": parsed.end_year,
        "deliverables": fields.get("deliverables", ""),
        "evidence_evaluation": fields.get("evidence_evaluation", ""),
        "sustainability_transferability": fields.get("sustainability_transferability", ""),
        "ran_meetings": fields.get("ran_meetings", ""),
        "eu_links_funding": fields.get("eu_links_funding", ""),
        "organisation_description": parsed.organisation.description,
        "country": parsed.country or "",
        "contact": parsed.contact,
        "last_update_year": parsed.last_update_year,
        "language": parsed.language,
        "import_warnings": [w.as_json() if hasattr(w, "as_json") else dict(w.__dict__) for w in parsed.warnings],
    }
    themes = _ordered(KeyTheme, parsed.key_themes)
    audiences = _ordered(TargetAudience, parsed.target_audiences)
    return PracticeData(attributes=attributes, key_themes=themes, target_audiences=audiences)


def _ordered(model, codes: list[str]) -> list:
    by_code = {term.code: term for term in model.objects.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


@transaction.atomic
def practice_import(
    *, parsed, author=None, organisation_name: str | None = None, publish: bool = False
) -> Practice:
    """Save an imported template as a draft (or published, for a curated migration).

    The practice goes under ``organisation_name`` when given, otherwise under the
    organisation the document names, created unverified when it does not exist.
    """
    name = organisation_name or parsed.organisation.name
    if not name:
        raise ValidationError(_("The document names no organisation; give one with --organisation."))
    organisation = organisation_get_or_create(
        name=name, type_code=parsed.organisation.type or "other", country=parsed.country or ""
    )
    practice = Practice(author=author, organisation=organisation, status=Practice.Status.DRAFT)
    practice = _apply(practice, practice_data_from_import(parsed))
    if publish:
        practice_publish(practice=practice, actor=None)
    return practice
