"""Personal-data checks of a practice, stored as findings to resolve.

The detection engine (``practices.anonymisation``, Presidio on spaCy) is imported
here lazily: readers' requests never load it; contributors' saves and the
worker do, once per process.
"""

from django.utils import timezone
from django.utils.translation import gettext_noop

from practices.models import Finding, Practice
from practices.template_fields import NARRATIVE_FIELD_CODES, model_attribute

# The contact field is the owner's work contact: checked (and reported by the
# importer) but never redacted, and never public, so it does not block publication.
CHECKED_FIELDS: tuple[str, ...] = tuple(code for code in NARRATIVE_FIELD_CODES if code != "contact")
HINT_TYPE = "REIDENTIFICATION"


def practice_field_texts(practice: Practice) -> dict[str, str]:
    """Checked field code -> text, including the title."""
    texts = {code: getattr(practice, model_attribute(code)) or "" for code in CHECKED_FIELDS}
    texts["title"] = practice.title
    return texts


def practice_context(practice: Practice) -> dict[str, str]:
    """The practice's own names that its checked fields do not hold: the
    check does not take them for people or personal places."""
    organisation = getattr(practice, "organisation", None)
    return {"organisation": organisation.name if organisation is not None else ""}


def detect(texts: dict[str, str], language: str, *, context: dict[str, str] | None = None) -> list[dict]:
    """Findings and re-identification hints as plain dicts (field, type, text, start, end, score, message)."""
    from practices import anonymisation

    findings, hints = anonymisation.check_fields(texts, language, context=context)
    rows = [
        {"field": f.field, "type": f.type, "text": f.text, "start": f.start, "end": f.end, "score": f.score}
        for f in findings
    ]
    rows += [
        {
            "field": h.field,
            "type": HINT_TYPE,
            "text": h.text,
            "start": h.start,
            "end": h.end,
            "score": 1.0,
            "message": h.kind,
        }
        for h in hints
    ]
    return rows


def refresh_findings(practice: Practice, detected: list[dict] | None = None) -> list[Finding]:
    """Store what the check finds; keep earlier "not personal data" decisions on the same text.

    An open finding found again (same field, type and text) keeps its row, with its
    span updated, so a page listing it can still act on it; the open findings not
    found again are deleted: their text has gone. Pass ``detected`` (from ``detect``)
    when the check ran before the transaction, as services do: it takes about a second.
    """
    if detected is None:
        detected = detect(practice_field_texts(practice), practice.language, context=practice_context(practice))
    dismissed = {(f.field, f.type, f.text): f for f in practice.findings.filter(status=Finding.Status.DISMISSED)}
    still_open: dict[tuple, list[Finding]] = {}
    for finding in practice.findings.filter(status=Finding.Status.OPEN).order_by("start", "pk"):
        still_open.setdefault((finding.field, finding.type, finding.text), []).append(finding)
    named_places = _named_places(practice)
    practice.findings.filter(status=Finding.Status.DISMISSED).delete()
    now = timezone.now()
    rows, kept = [], []
    for item in detected:
        earlier = dismissed.get((item["field"], item["type"], item["text"]))
        reason = earlier.reason if earlier else _place_reason(item, named_places)
        same = still_open.get((item["field"], item["type"], item["text"])) if not reason else None
        if same:
            kept.append(_moved(same.pop(0), item))
            continue
        rows.append(
            Finding(
                practice=practice,
                **item,
                status=Finding.Status.DISMISSED if reason else Finding.Status.OPEN,
                reason=reason,
                resolved_by=earlier.resolved_by if earlier else None,
                resolved_at=earlier.resolved_at if earlier else None,
                created_at=now,
            )
        )
    gone = [f.pk for found in still_open.values() for f in found]
    Finding.objects.filter(pk__in=gone).delete()
    return kept + Finding.objects.bulk_create(rows)


def _moved(finding: Finding, item: dict) -> Finding:
    finding.start, finding.end, finding.score = item["start"], item["end"], item["score"]
    finding.message = item.get("message", "")
    finding.save(update_fields=["start", "end", "score", "message"])
    return finding


def _named_places(practice: Practice) -> str:
    """Where the practice says it works: the template asks for these places on purpose."""
    return " ".join([practice.geographical_scope, practice.organisation.name]).casefold()


def _place_reason(item: dict, named_places: str) -> str:
    """A place the practice names as its own scope is not personal data; other places stay open."""
    if item["type"] == "LOCATION" and item["text"].casefold() in named_places:
        # Stored in English (the msgid), shown in the reader's language by the templates.
        return gettext_noop("A place the practice names as its geographical scope or organisation.")
    return ""


def open_findings_count(practice: Practice) -> int:
    return practice.findings.filter(status=Finding.Status.OPEN).count()


def placeholder_for(finding_type: str) -> str:
    from practices.anonymisation import PLACEHOLDERS

    if finding_type == HINT_TYPE:
        return "[detail]"
    return PLACEHOLDERS.get(finding_type, "[redacted]")


def replacements_for(finding: Finding) -> list[tuple[int, int, str]]:
    """(start, end, placeholder) in the field's text that redacting ``finding`` writes.

    A hint loses only its identifying words (the age, the place of a rare role),
    so the sentence stays readable and any name inside it stays a finding of its
    own; a hint with no such words, and every other finding, is replaced whole.
    """
    if finding.type == HINT_TYPE:
        from practices.anonymisation.hints import identifying_spans

        spans = identifying_spans(finding.message, finding.text)
        if spans:
            return [(finding.start + start, finding.start + end, placeholder) for start, end, placeholder in spans]
    return [(finding.start, finding.end, placeholder_for(finding.type))]


def redact_finding(text: str, finding: Finding) -> tuple[str, str]:
    """``text`` with ``finding``'s identifying words replaced, and what its span now reads.

    Refuses when the text there changed since the check."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if text[finding.start : finding.end] != finding.text:
        raise ValidationError(_("The text has changed since it was checked: it has been checked again."))
    end = finding.end
    for start, stop, placeholder in sorted(replacements_for(finding), reverse=True):
        text = text[:start] + placeholder + text[stop:]
        end += len(placeholder) - (stop - start)
    return text, text[finding.start : end]
