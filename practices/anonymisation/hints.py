"""Re-identification hints: words that point to one person without naming them.

An age, a place (a LOCATION finding) and a year in one sentence ("a 17-year-old boy from Ravnstad
in 2019"), or a role nobody else holds there ("the only imam in Ravnstad"),
can identify a person in a small municipality. Hints are advice for the
writer and the moderator, not personal data to redact. Pure regular
expressions over the text and the field's LOCATION findings: no model.
"""

import re
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from .findings import LOCATION, Finding, Hint

AGE_PLACE_YEAR = "age_place_year"
RARE_ROLE = "rare_role"

MESSAGES = {
    AGE_PLACE_YEAR: _(
        "An age, a place and a year together can point to one person in a small community, even without a "
        "name. Consider a broader description, such as “a teenager”, “a town in the region” or “in recent "
        "years”."
    ),
    RARE_ROLE: _(
        "Describing someone as the only person with this role in a place can identify them. Consider a more "
        "general description, such as “a religious leader in the area”."
    ),
}

_PERSON_NOUNS_FR = (
    r"(?:garçon|fille|jeune|homme|femme|adolescente?|enfant|mineure?|élève|individu|personne|fils|frère|sœur)"
)
AGE = re.compile(
    r"\b\d{1,2}[- ](?:years?|yrs?)[- ]old\b"
    r"|\baged?\s+\d{1,2}\b(?!\s*(?:to|-|–|and|or)\s*\d)"  # not a group's range: "aged 16 to 24"
    r"|\b(?:boy|girl|man|woman|youth|teenager|child|son|daughter)\s+of\s+\d{1,2}\b"
    r"|\b(?:boy|girl|man|woman|youth|teenager|son|daughter|pupil|student|garçon|fille|jeune|élève|fils)"
    r"\s*(?:\(\s*\d{1,2}(?:\s*(?:ans|years?))?\s*\)|,\s*\d{1,2}\s*,)"  # "the girl (15)", "a boy, 16,"
    r"|\bâgée?s?\s+de\s+\d{1,2}\s+ans\b"
    rf"|\b{_PERSON_NOUNS_FR}\s+(?:[\w'’-]+\s+)?de\s+\d{{1,2}}\s+ans\b"
    r"|\b\d{1,2}[- ]åring(?:en)?\b|\b\d{1,2}\s+år\s+gam(?:mel|le)\b"
    r"|\b\d{1,2}-jährige[rnms]?\b|\b\d{1,2}\s+Jahre\s+alt\b"
    r"|\b\d{1,2}-jarige\b|\b\d{1,2}\s+jaar\s+oud\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?<![\d-])(?:19[5-9]\d|20[0-4]\d)(?![\d-])")

ONLY = (
    r"(?:the\s+only|the\s+sole|the\s+one\s+and\s+only|le\s+seul|la\s+seule|l['’]unique|les\s+seul(?:e)?s|"
    r"den\s+eneste|det\s+eneste|der\s+einzige|die\s+einzige|de\s+enige|het\s+enige)"
)
ROLES = (
    "imam rabbi priest pastor vicar chaplain mayor headteacher headmaster principal teacher social worker "
    "youth worker police officer policeman policewoman doctor nurse psychologist psychiatrist judge lawyer "
    "councillor shopkeeper pharmacist librarian coach mentor interpreter convert refugee family woman man "
    "girl boy student pupil muslim jew "
    "rabbin prêtre pasteur curé aumônier maire directeur directrice enseignant enseignante professeur "
    "instituteur institutrice éducateur éducatrice assistant social assistante sociale travailleur social "
    "travailleuse sociale policier policière gendarme médecin infirmier infirmière psychologue psychiatre "
    "juge avocat avocate élu élue conseiller conseillère commerçant commerçante pharmacien pharmacienne "
    "entraîneur médiateur médiatrice interprète converti convertie réfugié réfugiée famille femme homme "
    "fille garçon élève étudiant étudiante musulman musulmane juif juive "
    "prest lærer rektor ordfører politibetjent lege sosialarbeider familie jente gutt kvinne mann "
    "rabbiner pfarrer lehrer lehrerin bürgermeister polizist arzt ärztin sozialarbeiter mädchen junge frau "
    "leraar burgemeester agent huisarts meisje jongen vrouw"
)
_ROLE_PHRASES = sorted(
    {
        "social worker",
        "youth worker",
        "police officer",
        "assistant social",
        "assistante sociale",
        "travailleur social",
        "travailleuse sociale",
    }
    | set(ROLES.split()),
    key=len,
    reverse=True,
)
_ROLE = "|".join(re.escape(role).replace(r"\ ", r"\s+") for role in _ROLE_PHRASES)
_IN_PLACE = (
    r"(?:\s+(?:in|of|at|de|du|des|à|dans|i|på|im|van)\s+(?:(?:the|la|le|les|l['’]|het|de|der|dem|den)\s*)?"
    r"[\w'’-]+)?"
)
RARE_ROLE_PATTERN = re.compile(
    rf"\b{ONLY}\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_ROLE})(?:s|e|es|en)?\b{_IN_PLACE}", re.IGNORECASE
)

_ABBREVIATIONS = frozenset("mr mrs ms dr prof m mme mlle st no nr p pp e.g i.e etc vs ca".split())
_SENTENCE_END = re.compile(r"[.!?]+[\"»”)]*\s+|\n+")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; "Mr K. Hansen" does not end one."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = text[start : match.start()].rsplit(None, 1)[-1:] or [""]
        if match.group().strip() and _is_abbreviation(word[0]):
            continue
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _is_abbreviation(word: str) -> bool:
    word = word.strip('(«"').lower()
    return len(word) == 1 or word in _ABBREVIATIONS


def find_hints(field: str, text: str, findings: list[Finding]) -> list[Hint]:
    """Hints for one field; ``findings`` are that field's findings."""
    places = [(f.start, f.end) for f in findings if f.field == field and f.type == LOCATION]
    hints = [_hint(field, text, AGE_PLACE_YEAR, *span) for span in _age_place_year_spans(text, places)]
    hints += [_hint(field, text, RARE_ROLE, *m.span()) for m in RARE_ROLE_PATTERN.finditer(text)]
    return sorted(hints, key=lambda h: (h.start, h.end))


def _hint(field: str, text: str, kind: str, start: int, end: int) -> Hint:
    return Hint(field=field, kind=kind, text=text[start:end], start=start, end=end, message=str(MESSAGES[kind]))


def _age_place_year_spans(text: str, places: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for start, end in sentences(text):
        age = AGE.search(text, start, end)
        if not age:
            continue
        place = _nearest(age.start(), _places_in(start, end, places))
        year = _nearest(age.start(), [m.span() for m in YEAR.finditer(text, start, end)])
        if place and year:
            yield min(age.start(), place[0], year[0]), max(age.end(), place[1], year[1])


def _places_in(start: int, end: int, places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in places if start <= s and e <= end]


def _nearest(anchor: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    return min(spans, key=lambda span: abs(span[0] - anchor), default=None)


# Redaction of a hint ------------------------------------------------------------------------

_RARE_ROLE_PLACE = re.compile(rf"{_IN_PLACE[:-1]}$", re.IGNORECASE)  # the trailing "in Ravnstad"


def identifying_spans(kind: str, text: str) -> list[tuple[int, int, str]]:
    """Within a hint's ``text``, the words that identify, each with its placeholder.

    Redacting a hint replaces these only, so the sentence stays readable ("a
    [age] boy from Ravnstad in 2019" loses the age that singles him out; "the only
    imam in [place]" loses the place). Empty when no part can be told apart:
    the caller then replaces the whole hint.
    """
    if kind == AGE_PLACE_YEAR:
        return [(m.start(), m.end(), "[age]") for m in AGE.finditer(text)]
    if kind == RARE_ROLE:
        place = _RARE_ROLE_PLACE.search(text)
        if place and place.group().strip():
            word = re.search(r"[\w'’-]+$", place.group())
            if word is not None:
                return [(place.start() + word.start(), place.end(), "[place]")]
    return []
