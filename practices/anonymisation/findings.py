"""What the check reports, how overlapping spans are merged, and redaction.

Pure Python: importing this module loads no model.
"""

from dataclasses import dataclass
from itertools import pairwise

PERSON = "PERSON"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
NATIONAL_ID = "NATIONAL_ID"
IBAN_CODE = "IBAN_CODE"
LOCATION = "LOCATION"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
VEHICLE_PLATE = "VEHICLE_PLATE"
IP_ADDRESS = "IP_ADDRESS"
CASE_NUMBER = "CASE_NUMBER"

# Most specific first: when two findings of different types overlap, the
# earlier type keeps the characters (a valid identity number beats the phone
# number that the same digits also make).
FINDING_TYPES: tuple[str, ...] = (
    NATIONAL_ID,
    IBAN_CODE,
    EMAIL_ADDRESS,
    IP_ADDRESS,  # four numbers of 0-255 with dots, or IPv6: never a phone number or a date
    DATE_OF_BIRTH,  # only ever found after "born", "né le"...: "07.07.2003" is no phone number there
    VEHICLE_PLATE,  # only ever found after "Kennzeichen", "plaque"...
    CASE_NUMBER,  # only ever found after "dossier n°", "Aktenzeichen", "journalnr."...
    PHONE_NUMBER,
    PERSON,
    LOCATION,
)

# Placeholders stay in English on purpose: they are written into the stored
# practice text, whatever the reviewer's interface language.
PLACEHOLDERS: dict[str, str] = {
    PERSON: "[name]",
    EMAIL_ADDRESS: "[email]",
    PHONE_NUMBER: "[phone]",
    NATIONAL_ID: "[id number]",
    IBAN_CODE: "[bank account]",
    LOCATION: "[place]",
    DATE_OF_BIRTH: "[date of birth]",
    VEHICLE_PLATE: "[number plate]",
    IP_ADDRESS: "[IP address]",
    CASE_NUMBER: "[file number]",
}

HINT_KINDS: tuple[str, ...] = ("age_place_year", "rare_role")


@dataclass(frozen=True)
class Finding:
    """Personal data found in one field: ``text == field_text[start:end]``."""

    field: str
    type: str
    text: str
    start: int
    end: int
    score: float

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": self.score,
        }


@dataclass(frozen=True)
class Hint:
    """Words that may identify a person in a small place even without a name."""

    field: str
    kind: str
    text: str
    start: int
    end: int
    message: str

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "message": self.message,
        }


@dataclass(frozen=True)
class Candidate:
    """A raw span from one recogniser, before merging. ``precise`` marks a
    pattern or checksum recogniser, which wins over the statistical NER."""

    type: str
    start: int
    end: int
    score: float
    precise: bool


class SpanMismatch(ValueError):
    """A finding no longer matches the text: the field changed since the check."""


def redact(text: str, findings: list[Finding]) -> str:
    """Replace each finding of this one field's ``text`` by its placeholder.

    Raises SpanMismatch, changing nothing, when any finding's span no longer
    holds its text, and ValueError when two findings overlap.
    """
    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    for finding in ordered:
        if finding.start < 0 or text[finding.start : finding.end] != finding.text:
            raise SpanMismatch(f"{finding.type} at {finding.start}:{finding.end} no longer reads {finding.text!r}")
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise ValueError(f"Findings overlap at {after.start}:{before.end}; redact one of them.")
    for finding in reversed(ordered):  # from the end, so earlier offsets stay right
        text = text[: finding.start] + PLACEHOLDERS[finding.type] + text[finding.end :]
    return text


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """One span per stretch of text: same-type overlaps are joined; across
    types the more specific finding keeps the characters and an NER name or
    place is cut back to what is left of it."""
    joined = _join_same_type(candidates)
    kept: list[Candidate] = []
    for candidate in sorted(joined, key=_rank):
        rest = _outside(candidate, kept)
        if rest is not None:
            kept.append(rest)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _rank(candidate: Candidate) -> tuple:
    return (
        not candidate.precise,
        FINDING_TYPES.index(candidate.type),
        -candidate.score,
        candidate.start - candidate.end,
    )


def _join_same_type(candidates: list[Candidate]) -> list[Candidate]:
    joined: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.type, c.start, -c.end)):
        last = joined[-1] if joined else None
        if last and last.type == candidate.type and candidate.start < last.end:
            joined[-1] = Candidate(
                type=last.type,
                start=last.start,
                end=max(last.end, candidate.end),
                score=max(last.score, candidate.score),
                precise=last.precise or candidate.precise,
            )
        else:
            joined.append(candidate)
    return joined


def _outside(candidate: Candidate, kept: list[Candidate]) -> Candidate | None:
    """``candidate`` when it overlaps nothing kept; for an NER span, the
    longest piece of it outside the kept spans; otherwise None."""
    overlapping = [k for k in kept if k.start < candidate.end and candidate.start < k.end]
    if not overlapping:
        return candidate
    if candidate.precise:
        return None
    pieces, cursor = [], candidate.start
    for k in sorted(overlapping, key=lambda k: k.start):
        pieces.append((cursor, k.start))
        cursor = max(cursor, k.end)
    pieces.append((cursor, candidate.end))
    start, end = max(pieces, key=lambda p: p[1] - p[0])
    if end - start < 2:
        return None
    return Candidate(candidate.type, start, end, candidate.score, candidate.precise)
