"""What a moderator reads on the review page: every template field beside the
published text it would replace, as a word-level diff, with the personal-data
findings marked at their exact spans.

Read-only. Every piece of text is escaped here before it is wrapped in
``<ins>``, ``<del>`` or ``<mark>``; nothing a contributor wrote reaches the
page unescaped.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from practices.models import Finding, KeyTheme, Practice, TargetAudience
from practices.pii import replacements_for
from practices.template_fields import TEMPLATE_FIELDS, model_attribute

# Words, runs of whitespace and single punctuation marks: a word-level diff
# that keeps the original spacing and line breaks.
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
TAXONOMIES = {"key_themes": KeyTheme, "target_audiences": TargetAudience}
CHOICES = {
    "peer_reviewed": Practice.PeerReviewed,
    "language": None,  # settings.PRACTICE_LANGUAGES, read from the model field
    "visibility": Practice.Visibility,
}


@dataclass(frozen=True)
class Row:
    code: str
    label: str | Promise
    commentable: bool = True  # a template field the moderator may comment on


def review_rows() -> list[Row]:
    """The template fields in template order, with the years and the reading settings."""
    rows = []
    for template_field in TEMPLATE_FIELDS:
        rows.append(Row(template_field.code, template_field.label))
        if template_field.code == "start":
            rows.append(Row("start_years", _("Years of the practice"), commentable=False))
    rows.append(Row("language", _("Language of the write-up"), commentable=False))
    rows.append(Row("visibility", _("Who may read it"), commentable=False))
    return rows


@dataclass
class ReviewField:
    code: str
    label: str
    commentable: bool
    html: SafeString
    changed: bool
    open_findings: list[Finding] = field(default_factory=list)
    resolved_findings: list[Finding] = field(default_factory=list)
    stale_findings: list[Finding] = field(default_factory=list)
    comment_field: object = None  # set by the view: the bound form field for a per-field comment


# Texts -------------------------------------------------------------------------------------


def _years(start, end) -> str:
    if not start:
        return ""
    return f"{start}–{end}" if end else str(start)


def _choice_label(code: str, value) -> str:
    value = "" if value is None else str(value)
    if code == "country":
        return str(countries.name(value)) or value if value else ""
    if code == "language":
        return str(dict(Practice._meta.get_field("language").choices or ()).get(value, value))
    choices = CHOICES.get(code)
    return str(dict(choices.choices).get(value, value)) if choices else value


def practice_texts(practice: Practice) -> dict[str, str]:
    """Row code -> the text a moderator compares, read from a practice."""
    texts = {}
    for row in review_rows():
        code = row.code
        if code in TAXONOMIES:
            texts[code] = ", ".join(term.label for term in getattr(practice, code).all())
        elif code == "start_years":
            texts[code] = _years(practice.start_year, practice.end_year)
        elif code == "last_update":
            texts[code] = str(practice.last_update_year or "")
        elif code in ("peer_reviewed", "country", "language", "visibility"):
            texts[code] = _choice_label(code, getattr(practice, code))
        else:
            texts[code] = getattr(practice, model_attribute(code)) or ""
    return texts


def _content_value(content: dict, *keys: str):
    raw_fields = content.get("fields")
    fields = raw_fields if isinstance(raw_fields, dict) else {}
    for key in keys:
        for source in (content, fields):
            if key in source and source[key] is not None:
                return source[key]
    return ""


def _terms_text(value, model) -> str:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    labels_by_code = {term.code: term.label for term in model.objects.all()}
    labels = []
    for item in value or []:
        if isinstance(item, dict):
            code = item.get("code", "")
            labels.append(str(labels_by_code.get(code) or item.get("label") or item.get("label_en") or code))
        else:
            labels.append(str(labels_by_code.get(str(item), item)))
    return ", ".join(labels)


def content_texts(content: dict) -> dict[str, str]:
    """Row code -> text, read from a published version's stored content.

    Reads each field under its template code or its model attribute, so the
    texts compare equal to ``practice_texts`` of an unchanged practice.
    """
    content = content if isinstance(content, dict) else {}
    texts = {}
    for row in review_rows():
        code = row.code
        if code in TAXONOMIES:
            texts[code] = _terms_text(_content_value(content, code), TAXONOMIES[code])
        elif code == "start_years":
            texts[code] = _years(_content_value(content, "start_year"), _content_value(content, "end_year"))
        elif code == "last_update":
            texts[code] = str(_content_value(content, "last_update_year", "last_update") or "")
        elif code in ("peer_reviewed", "country", "language", "visibility"):
            texts[code] = _choice_label(code, _content_value(content, code))
        else:
            texts[code] = str(_content_value(content, model_attribute(code), code))
    return texts


def previous_texts(practice: Practice) -> tuple[str, dict[str, str] | None]:
    """What this submission is compared with, and that published text.

    ``("edit", ...)``: a proposed edit against the published practice it would replace;
    ``("version", ...)``: a practice published before, against its last published version;
    ``("new", None)``: a first submission, all of it new.
    """
    if practice.revision_of is not None:
        return "edit", practice_texts(practice.revision_of)
    version = practice.versions.order_by("-number").first()
    if version is not None:
        return "version", content_texts(version.content)
    return "new", None


# Rendering ---------------------------------------------------------------------------------


def _marked(text: str, start: int, end: int, marks: Sequence[Finding], emitted: set[int]) -> str:
    """``text[start:end]`` escaped, with the parts covered by findings in ``<mark>``."""
    cuts = {start, end}
    for finding in marks:
        cuts.update(point for point in (finding.start, finding.end) if start < point < end)
    pieces: list[str] = []
    points = sorted(cuts)
    for left, right in pairwise(points):
        covering = [f for f in marks if f.start <= left and f.end >= right]
        chunk = escape(text[left:right])
        if not covering:
            pieces.append(chunk)
            continue
        first = covering[0]
        anchor = f' id="finding-{first.pk}"' if first.pk not in emitted else ""
        emitted.add(first.pk)
        pieces.append(f'<mark class="finding"{anchor} data-finding="{first.pk}">{chunk}</mark>')
    return "".join(pieces)


def word_diff(old: str | None, new: str, *, marks: Sequence[Finding] = ()) -> SafeString:
    """A word-level diff of ``old`` to ``new`` with ``<ins>`` and ``<del>``, everything escaped.

    ``old`` None means the whole text is new. ``marks`` are findings whose
    spans index ``new``; they are highlighted wherever they fall.
    """
    marks = list(marks)
    emitted: set[int] = set()
    new_spans = [m.span() for m in TOKEN.finditer(new)]
    if old is None:
        body = _marked(new, 0, len(new), marks, emitted) if new else ""
        return mark_safe(f"<ins>{body}</ins>" if body else "")  # noqa: S308 - escaped in _marked
    old_tokens = TOKEN.findall(old)
    new_tokens = [new[a:b] for a, b in new_spans]
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            pieces.append(f"<del>{escape(''.join(old_tokens[i1:i2]))}</del>")
        if j1 == j2:
            continue
        body = _marked(new, new_spans[j1][0], new_spans[j2 - 1][1], marks, emitted)
        pieces.append(body if tag == "equal" else f"<ins>{body}</ins>")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


def _findings_by_field(practice: Practice) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in practice.findings.select_related("resolved_by").order_by("field", "start", "pk"):
        finding.placeholder = " ".join(placeholder for *_, placeholder in replacements_for(finding))
        grouped.setdefault(finding.field, []).append(finding)
    return grouped


@dataclass
class Review:
    comparison: str  # "edit", "version" or "new": see previous_texts()
    fields: list[ReviewField]

    @property
    def open_count(self) -> int:
        return sum(len(f.open_findings) + len(f.stale_findings) for f in self.fields)


def practice_review(practice: Practice) -> Review:
    """Every row of the review page, in template order, and what they are compared with."""
    comparison, previous = previous_texts(practice)
    return Review(comparison=comparison, fields=review_fields(practice, previous))


def review_fields(practice: Practice, previous: dict[str, str] | None) -> list[ReviewField]:
    """Each row's diff of ``previous`` (None: all new) to the practice, with its findings."""
    current = practice_texts(practice)
    findings = _findings_by_field(practice)
    fields = []
    rows = review_rows()
    for row in rows:
        text = current[row.code]
        old = previous[row.code] if previous is not None else None
        mine = findings.get(row.code, [])
        live = [f for f in mine if f.status == Finding.Status.OPEN and text[f.start : f.end] == f.text]
        fields.append(
            ReviewField(
                code=row.code,
                label=str(row.label),
                commentable=row.commentable,
                html=word_diff(old, text, marks=live),
                changed=(old or "") != text,
                open_findings=live,
                resolved_findings=[f for f in mine if f.status != Finding.Status.OPEN],
                stale_findings=[f for f in mine if f.status == Finding.Status.OPEN and f not in live],
            )
        )
    placed = {row.code for row in rows}
    elsewhere = [f for code, found in findings.items() if code not in placed for f in found]
    if elsewhere:
        fields.append(_elsewhere(elsewhere))
    return fields


def _elsewhere(findings: list[Finding]) -> ReviewField:
    """Findings on a field the page does not show: listed so none is left unresolved."""
    return ReviewField(
        code="other",
        label=str(_("Other fields")),
        commentable=False,
        html=mark_safe(""),
        changed=False,
        resolved_findings=[f for f in findings if f.status != Finding.Status.OPEN],
        stale_findings=[f for f in findings if f.status == Finding.Status.OPEN],
    )
