"""How a practice is laid out for reading and for editing."""

import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from portal.numbers import grouped
from practices import rules
from practices.indexing import FACETS as FACET_NAMES
from practices.indexing import detail_urls
from practices.models import Finding, Practice
from practices.template_fields import TEMPLATE_FIELDS, TemplateField, count_words, model_attribute
from search.presentation import BACK_PARAMETER, results_url


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


# Shown by the summary box at the top of the page; readers do not see them again as sections.
IN_SUMMARY = ("key_themes", "target_audiences", "country", "last_update")
YEARS_ONLY = re.compile(r"\s*\d{4}\s*(?:[-–/]\s*\d{4})?\s*\.?\s*")


def practice_sections(practice: Practice, *, show_contact: bool, editor: bool = True) -> list[Section]:
    """The template fields in template order, ready for the detail page. Editors see every
    one, filled in or not; readers see the filled-in ones the summary box does not show."""
    sections = _all_sections(practice, show_contact=show_contact)
    return sections if editor else [section for section in sections if _worth_reading(practice, section)]


def _worth_reading(practice: Practice, section: Section) -> bool:
    if section.code in IN_SUMMARY:
        return False
    if section.code == "contact" and not practice.contact.strip():
        return False
    if section.code == "start" and YEARS_ONLY.fullmatch(practice.start or ""):
        return False  # the years are in the summary box
    return bool(section.html or section.terms or section.hidden_reason)


def _all_sections(practice: Practice, *, show_contact: bool) -> list[Section]:
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
        sections.append(section)
    return sections


def practice_years(practice: Practice) -> str:
    if not practice.start_year:
        return ""
    return str(practice.start_year) + (f"–{practice.end_year}" if practice.end_year else "")


def practice_summary(practice: Practice) -> dict:
    """The summary box: who, where, when, in what language, how well evidenced, about what."""
    organisation = practice.organisation
    return {
        "organisation": organisation.name,
        "organisation_type": organisation.type.label,
        "country": practice.country.name if practice.country else "",
        "years": practice_years(practice),
        "language": practice.get_language_display(),
        "themes": list(practice.key_themes.all()),
        "audiences": list(practice.target_audiences.all()),
    }


def initial_from_import(parsed) -> dict:
    """Initial form values from a parsed template document."""
    from practices.services import practice_data_from_import

    data = practice_data_from_import(parsed)
    initial = dict(data.attributes)
    initial["key_themes"] = [term.pk for term in data.key_themes]
    initial["target_audiences"] = [term.pk for term in data.target_audiences]
    return initial


# The parts of a practice's page that show the practice itself, in page order; the page puts the
# reader's own tools and links between them (templates/practices/practice_detail.html). The first
# ones show the practice alone (cooked for its readers: practices/cooking.py), the last its
# similar practices.
OWN_PARTS = {
    "head": "practices/_reading_head.html",  # status line, title, summary box
    "download": "practices/_template_download.html",
    "text": "practices/_reading_text.html",  # contents and sections
    "history": "practices/_reading_history.html",  # published versions
}
SIMILAR_PART = "search/_similar.html"


def is_editor(user, practice: Practice) -> bool:
    """Editors (the practice's own side, moderators, anyone reading it unpublished) see every section."""
    if not practice.is_published:
        return True
    return (
        rules.can_manage(user, practice) or rules.can_edit(user, practice) or rules.can_propose_revision(user, practice)
    )


def reading_context(user, practice: Practice) -> dict:
    """What the page shows of the practice itself, decided by the rules for this reader."""
    return practice_reading(
        practice, editor=is_editor(user, practice), show_contact=rules.can_see_contact(user, practice)
    )


def practice_reading(practice: Practice, *, editor: bool, show_contact: bool) -> dict:
    """What the page shows of the practice itself to an editor or not, with or without its contact details."""
    # the history shows when and what changed: not each version's copy of the whole text
    history = practice.versions.only("practice_id", "number", "change_summary", "published_at")
    versions = list(history[:20]) if practice.is_published else []
    return {
        "practice": practice,
        "sections": practice_sections(practice, show_contact=show_contact, editor=editor),
        "summary": practice_summary(practice),
        "editor": editor,
        "versions": versions,
        "last_update": versions[0].published_at if versions else practice.published_at,
    }


def reading_parts(context: dict, *, similar: list) -> dict[str, str]:
    """The page's parts rendered from ``reading_context`` and the similar practices alone, without
    the request (no reader, no CSRF token): the same HTML for every reader the context was decided for."""
    return {**render_own_parts(context), "similar": similar_part(similar)}


def render_own_parts(context: dict) -> dict[str, str]:
    """``OWN_PARTS`` rendered from ``reading_context`` (or ``practice_reading``) alone."""
    values = {**context, "LANGUAGE_CODE": get_language()}
    return {name: render_to_string(template, values) for name, template in OWN_PARTS.items()}


def similar_part(similar: list) -> str:
    """The similar practices' block from their hits (one ``reverse`` for every link)."""
    url = detail_urls()
    hits = [{"url": url(hit.id), "title": hit.title, "language": getattr(hit, "language", "")} for hit in similar]
    return render_to_string(SIMILAR_PART, {"similar_practices": hits})


def reader_context(request, practice: Practice) -> dict:
    """What the page shows this reader beside the practice itself: the way back to their results and,
    for the practice's own side and moderators, their tools and what waits for them."""
    user = request.user
    curator = rules.can_manage(user, practice)
    return {
        "practice": practice,
        "results_url": results_url(
            request.GET.get(BACK_PARAMETER), search_path=reverse("search:search"), facets=FACET_NAMES
        ),
        "can_edit": rules.can_edit(user, practice) or rules.can_propose_revision(user, practice),
        "can_submit": rules.can_submit(user, practice),
        "can_withdraw": rules.can_withdraw(user, practice),
        "can_feature": rules.can_feature(user, practice),
        "can_manage": curator and practice.is_published,
        "curator": curator,
        "findings": list(practice.findings.filter(status=Finding.Status.OPEN)) if curator else [],
        "review_comments": list(practice.review_comments.filter(addressed=False)) if curator else [],
        "pending_revision": practice.revisions.first() if curator and practice.is_published else None,
        "visibility_choices": [
            (value, label)
            for value, label in practice.Visibility.choices
            if not rules.visibility_needs_review(practice, value)
        ],
    }


def by_form_field(items) -> dict[str, list]:
    """Findings or review comments grouped by the form field they belong to."""
    grouped: dict[str, list] = {}
    for item in items:
        if item.field:
            grouped.setdefault(model_attribute(item.field), []).append(item)
    return grouped


def findings_left(count: int) -> str:
    """What a check says of the personal details it left to resolve, the count grouped the
    reader's way as the pages print counts ("1,234"; "1 234" in French)."""
    return ngettext(
        "%(count)s possible personal detail to resolve.",
        "%(count)s possible personal details to resolve.",
        count,
    ) % {"count": grouped(count)}
