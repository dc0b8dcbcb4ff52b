"""How a practice is laid out for reading and for editing."""

import json
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from practices import rules
from practices.models import Finding, Practice
from practices.template_fields import TEMPLATE_FIELDS, TemplateField, count_words, model_attribute


@dataclass
class Section:
    code: str
    label: str
    html: str = ""
    terms: list = field(default_factory=list)
    words: int | None = None
    word_limit: int | None = None
    hidden_reason: str = ""

    @property
    def over_limit(self) -> bool:
        return bool(self.word_limit and self.words and self.words > self.word_limit)


def _special_section(practice: Practice, template_field: TemplateField, section: Section) -> Section:
    code = template_field.code
    if template_field.taxonomy:
        section.terms = list(getattr(practice, template_field.model_attributes[0]).all())
    elif code == "peer_reviewed":
        section.html = practice.get_peer_reviewed_display()
    elif code == "country":
        section.html = practice.country.name if practice.country else ""
    elif code == "last_update":
        section.html = str(practice.last_update_year or "")
    return section


def practice_sections(practice: Practice, *, show_contact: bool) -> list[Section]:
    """Every template field in template order, ready for the detail page."""
    sections = []
    for template_field in TEMPLATE_FIELDS:
        code = template_field.code
        section = Section(code=code, label=str(template_field.label), word_limit=template_field.word_limit)
        if code == "title":
            continue
        if not template_field.narrative:
            sections.append(_special_section(practice, template_field, section))
            continue
        if code == "contact" and not show_contact:
            section.hidden_reason = _("Contact details are shown to approved members of verified organisations.")
            sections.append(section)
            continue
        name = model_attribute(code)
        section.words = count_words(getattr(practice, name))
        section.html = practice.cooked_section(name)
        if code == "start":
            section.html = _start_html(practice, section.html)
        if code == "organisation":
            section.html = _organisation_html(practice, section.html)
        sections.append(section)
    return sections


def _start_html(practice: Practice, html: SafeString) -> SafeString:
    if not practice.start_year:
        return html
    years = str(practice.start_year) + (f"–{practice.end_year}" if practice.end_year else "")
    return format_html('<p class="years">{}</p>{}', years, html)


def _organisation_html(practice: Practice, html: SafeString) -> SafeString:
    organisation = practice.organisation
    return format_html(
        '<p class="organisation-name"><strong>{}</strong> · {}</p>{}', organisation.name, organisation.type.label, html
    )


def form_warnings(raw) -> dict[str, list[str]]:
    """Importer warnings grouped by form field name, for display beside the fields."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = []
    grouped: dict[str, list[str]] = {}
    for warning in raw if isinstance(raw, list) else []:
        if not isinstance(warning, dict):
            continue
        name = model_attribute(str(warning.get("field") or "description"))
        grouped.setdefault(name, []).append(str(warning.get("message", "")))
    return grouped


def initial_from_import(parsed) -> dict:
    """Initial form values from a parsed template document."""
    from practices.services import practice_data_from_import

    data = practice_data_from_import(parsed)
    initial = dict(data.attributes)
    initial["key_themes"] = [term.pk for term in data.key_themes]
    initial["target_audiences"] = [term.pk for term in data.target_audiences]
    return initial


def detail_context(request, practice: Practice) -> dict:
    """What the detail page shows of the practice itself, decided by the rules for this reader
    (the view adds what other apps say about it: linked threads, similar practices)."""
    user = request.user
    curator = rules.can_manage(user, practice)
    versions = list(practice.versions.all()[:20]) if practice.is_published else []
    return {
        "practice": practice,
        "sections": practice_sections(practice, show_contact=rules.can_see_contact(user, practice)),
        "can_edit": rules.can_edit(user, practice) or rules.can_propose_revision(user, practice),
        "can_submit": rules.can_submit(user, practice),
        "can_withdraw": rules.can_withdraw(user, practice),
        "can_manage": curator and practice.is_published,
        "curator": curator,
        "findings": list(practice.findings.filter(status=Finding.Status.OPEN)) if curator else [],
        "review_comments": list(practice.review_comments.filter(addressed=False)) if curator else [],
        "pending_revision": practice.revisions.first() if curator and practice.is_published else None,
        "versions": versions,
        "last_update": versions[0].published_at if versions else practice.published_at,
        "visibility_choices": [
            (value, label) for value, label in practice.Visibility.choices
            if not rules.visibility_needs_review(practice, value)
        ],  # fmt: skip
    }


def by_form_field(items) -> dict[str, list]:
    """Findings or review comments grouped by the form field they belong to."""
    grouped: dict[str, list] = {}
    for item in items:
        if item.field:
            grouped.setdefault(model_attribute(item.field), []).append(item)
    return grouped
