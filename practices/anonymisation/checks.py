"""The check: fields in, findings and hints out.

The engine (spaCy and Presidio) is imported on the first check, never when
Django imports this package.
"""

import bisect
import itertools
import math
import re

from .context import contact_line_names, names_the_practice, practice_names, tied_to_a_person, with_postcode_paragraph
from .findings import LOCATION, PERSON, Candidate, Finding, Hint, merge
from .given_names import given_name_candidates
from .hints import find_hints
from .languages import language_at, paragraph_languages
from .patterns import (
    ARTICLES,
    CITED_WITH_A_YEAR,
    KIN_WORDS,
    MONARCH,
    MONARCH_TITLE,
    NAMED_AFTER,
    PROGRAMME_TITLE,
    PUBLIC_FIGURES,
    PUBLIC_OFFICE_HOLDER,
    RULER_BY_SURNAME,
    SCRIPTURE_CONTEXT,
    SCRIPTURE_FIGURES,
    STATE_OFFICE_HOLDER,
    TITLE_RUN,
)

PROPAGATED_SCORE = 0.6
_TITLE_PREFIX = re.compile(rf"^{TITLE_RUN}")
_STRIP = " \t\r\n,;:"
_WORD = re.compile(r"[^\W\d_]+")
_ADDRESSES = re.compile(r"[^\s@]{1,64}@\S{1,255}|https?://\S+|www\.\S+")  # bounded: linear on long runs


def check_fields(
    fields: dict[str, str], language: str, *, context: dict[str, str] | None = None
) -> tuple[list[Finding], list[Hint]]:
    """Check every given field (code -> text) written in ``language``.

    A name found by a pattern (a title, initials, a name before an email) is
    looked for in every field, so "Hansen" is caught in a later field after
    "Mr K. Hansen" in an earlier one. Names only the NER found are not
    spread: one NER mistake ("Safe Harbour") would otherwise repeat everywhere.

    ``context`` holds the practice's own names that are not in ``fields``
    (its organisation's name): with the title and the geographical scope,
    they tell the organisations, programmes and places the practice works
    with from people (see ``context``).
    """
    from .engine import find_candidates, model_language  # loads the models on first use

    codes = [code for code, text in fields.items() if text and text.strip()]
    languages = {code: paragraph_languages(fields[code], language) for code in codes}
    per_field = find_candidates([fields[code] for code in codes], language, [languages[code] for code in codes])
    own_names = practice_names(fields, context or {})
    common = _lower_case_words(fields[code] for code in codes)
    per_field = [
        found + _given_names(fields[code], languages[code], own_names, common)
        for code, found in zip(codes, per_field, strict=True)
    ]
    results = [_findings(code, fields[code], found, common) for code, found in zip(codes, per_field, strict=True)]
    findings = [finding for found, _, _ in results for finding in found]
    loose = {finding for _, _, found in results for finding in found}
    findings = [
        f
        for f in findings
        if f not in loose or not names_the_practice(f, own_names, _written_in(f, languages, language), model_language)
    ]
    sure_names = {name for _, names, _ in results for name in names}
    findings = _propagate_names({code: fields[code] for code in codes}, findings, sure_names)
    hints = [hint for code in codes for hint in find_hints(code, fields[code], findings)]
    names = [f for f in findings if f.type == PERSON]
    findings = [f for f in findings if f not in loose or tied_to_a_person(f, fields[f.field], hints, names)]
    return findings, hints


def _given_names(
    text: str, languages: list[tuple[int, int, str]], own_names: set[str], common: set[str]
) -> list[Candidate]:
    """The gazetteer's names, but a lone word the practice also writes in lower case
    ("Mentor and young person meet…", "the mentor"): an ordinary word here."""
    found = given_name_candidates(text, languages, own_names)
    return [c for c in found if not _common_word(text[c.start : c.end], common)]


def _written_in(finding: Finding, languages: dict[str, list[tuple[int, int, str]]], declared: str) -> str:
    return language_at(languages[finding.field], finding.start, declared)


def check_text(text: str, language: str, field: str = "") -> tuple[list[Finding], list[Hint]]:
    """Check one text; findings and hints carry ``field``."""
    return check_fields({field: text}, language)


def _lower_case_words(texts) -> set[str]:
    """Words written in lower case somewhere, outside email addresses and links."""
    return {word for text in texts for word in _WORD.findall(_ADDRESSES.sub(" ", text)) if word.islower()}


def _findings(
    field: str, text: str, candidates: list[Candidate], common: set[str]
) -> tuple[list[Finding], set[str], set[Finding]]:
    """Merged, stripped findings, the names among them a pattern found, and
    the findings only the NER or the place-after-preposition rule made.

    A lone capitalised word that the NER took for a name or place is dropped
    when the practice also writes it in lower case ("Centre" heading a line,
    "centre" elsewhere)."""
    if field == "contact":
        candidates = candidates + contact_line_names(text)
    kept = [c for c in candidates if c.precise or not _common_word(text[c.start : c.end], common)]
    cited = _public_figures(text)
    kept = [c for c in kept if not (c.type == PERSON and _inside(c, cited))]
    findings, sure_names, loose = [], set(), set()
    for candidate in merge(kept):
        start, end = _stripped(text, candidate.start, candidate.end)
        if candidate.type == LOCATION and candidate.precise:
            end = with_postcode_paragraph(text, end)
        if any(ch.isalnum() for ch in text[start:end]):
            finding = Finding(field, candidate.type, text[start:end], start, end, round(candidate.score, 2))
            findings.append(finding)
            if candidate.type == PERSON and candidate.precise:
                sure_names.add(text[start:end])
            if not candidate.precise:
                loose.add(finding)
    return findings, sure_names, loose


_PUBLIC_FIGURE = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(re.escape(name) for name in sorted(PUBLIC_FIGURES, key=len, reverse=True))})"
    r"(?:['’]s?)?(?![\w-])"
)


def _public_figures(text: str) -> list[tuple[int, int]]:
    """Where "Hitler", "Bin Laden's", "Primo Levi"... are cited, names after a state's office
    ("O Presidente Marcelo Rebelo de Sousa") or a public one ("le préfet Georges-François Leclerc",
    "the mayor, Marvin Rees", "il cardinale Matteo Zuppi"), a dictator by his surname after the
    words for his rule ("los discursos de Franco"), a prophet told of in a sentence about a sermon
    ("spoke of Musa"), a monarch with a regnal number ("Dom Pedro II"), a programme's name in quotes
    ("das Projekt „Lena und Ali“") and an author cited with the year: no one's identity
    (patterns.PUBLIC_FIGURES, STATE_OFFICE_HOLDER, RULER_BY_SURNAME, SCRIPTURE_FIGURES, MONARCH,
    PUBLIC_OFFICE_HOLDER, PROGRAMME_TITLE, CITED_WITH_A_YEAR); a name found inside one is dropped."""
    spans = [m.span() for m in _PUBLIC_FIGURE.finditer(text)]
    spans += [m.span() for m in STATE_OFFICE_HOLDER.finditer(text) if not _named_by_a_body(text, m.start())]
    spans += [
        m.span(group) for m in RULER_BY_SURNAME.finditer(text) for group in ("ruler", "ruler2", "ruler3") if m[group]
    ]
    spans += _scripture_figures(text)
    spans += [m.span() for m in MONARCH.finditer(text) if _a_monarchs_name(m.group())]
    # the title too: the NER may take it into the name ("Bischof Georg Bätzing")
    spans += [m.span() for m in PUBLIC_OFFICE_HOLDER.finditer(text) if not _named_by_a_body(text, m.start())]
    spans += [m.span("title") for m in PROGRAMME_TITLE.finditer(text)]
    spans += [m.span("author") for m in CITED_WITH_A_YEAR.finditer(text) if _an_authors_name(m.group("author"))]
    spans += [m.span() for m in NAMED_AFTER.finditer(text)]  # a street's or an "im." body's name (round 14)
    return _without_overlaps(sorted(spans))


_SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;]+|\n|$)")
_FIGURE_WORD = re.compile(r"(?<![\w-])(?P<name>[^\W\d_][^\W\d_]+)(?:['’]s?)?(?![\w-])")
_SURNAME_AFTER = re.compile(r"[ \t]+[^\W\d_a-zß-ÿ]")  # a capitalised word right after: "Musa Kaya"
_AGE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|\([ \t]*)\d{1,2}(?![\d])")  # "Ibrahim, 16," "Musa (15)"
_PERSON_BEFORE = frozenset(KIN_WORDS) | frozenset(
    "boy girl son pupil student client participant garçon élève jongen meisje leerling junge mädchen schüler "
    "pojken flickan drengen pigen gutten jenta ragazzo ragazza chico chica named called nommé genannt".split()
)


# What one tells of a prophet: "spoke of Musa", "l'histoire de Youssef", "die Geschichte von Ibrahim".
_TOLD_OF = frozenset("of about on de du d' d’ sur von über van over om af av di su sobre da do o".split())
_PROPHET_WORDS = frozenset(
    "prophet prophets prophète prophètes propheten profeet profeten profet profeta profetas profeti prorok "
    "prophet's the_prophet".split()
)


def _scripture_figures(text: str) -> list[tuple[int, int]]:
    """A prophet's or a figure of scripture's name, alone, in a sentence about a sermon, a
    scripture or a prophet ("the imam spoke of Ibrahim's sacrifice and of Musa before Pharaoh"):
    when what is told of it names it ("of Musa", "le prophète Ibrahim") or it owns a thing that is no
    relative ("Ibrahim's sacrifice"); not when a surname or an age follows it, nor when a relative's
    or a young person's word comes in the three words before it ("the imam's son Ibrahim, 16," is a
    person; "After the sermon, Ibrahim left" is someone)."""
    spans: list[tuple[int, int]] = []
    if not SCRIPTURE_CONTEXT.search(text):
        return spans
    for sentence in _SENTENCE.finditer(text):
        if not SCRIPTURE_CONTEXT.search(sentence.group()):
            continue
        for word in _FIGURE_WORD.finditer(text, sentence.start(), sentence.end()):
            name = word.group("name")
            if not name[0].isupper() or name.casefold() not in SCRIPTURE_FIGURES:
                continue
            if _SURNAME_AFTER.match(text, word.end()) or _AGE_AFTER.match(text, word.end()):
                continue
            before = text[max(sentence.start(), word.start() - 40) : word.start()].casefold().split()[-3:]
            if any(token.strip(",:;'’s") in _PERSON_BEFORE or token.strip(",:;") in _PERSON_BEFORE for token in before):
                continue
            after = text[word.end() : word.end() + 30].casefold().split()[:1]
            told_of = bool(before) and (before[-1] in _TOLD_OF or before[-1].strip(",:") in _PROPHET_WORDS)
            possessive = word.group().endswith(("'s", "’s")) and not (after and after[0].strip(",.;") in KIN_WORDS)
            if told_of or possessive:
                spans.append(word.span())
    return spans


_REGNAL_NUMBER = re.compile(r"^[IVX]+$")


def _a_monarchs_name(span: str) -> bool:
    """A title and a name with a regnal number, or given names alone before it ("Dom Pedro II",
    "Vittorio Emanuele II", "Carl XVI Gustaf"; not "Karim Benali IV", a surname's)."""
    from .given_names import _known_name  # loaded by the check before this runs

    words = span.split()
    if MONARCH_TITLE.fullmatch(words[0]):
        return True
    numeral = next(index for index, word in enumerate(words) if _REGNAL_NUMBER.match(word))
    return all(_known_name(word) for word in words[:numeral])


def _an_authors_name(name: str) -> bool:
    """A cited author's name: two words or more, the last no known given name ("Daniel Koehler";
    not "Karim Omar", whose year may be a birth's)."""
    from .given_names import _known_name  # loaded by the check before this runs

    return len(name.split()) >= 2 and not _known_name(name.split()[-1])


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
# The articles that open a sentence before a state's office: "The President", "O Presidente", "Le Président".
_ARTICLES_BEFORE_AN_OFFICE = frozenset("the o a as le la l el das den de ο η".split())


def _named_by_a_body(text: str, start: int) -> bool:
    """Whether a capitalised word other than an article comes right before an office's title: a
    club's, an association's ("Club President Ahmed Yilmaz"), not a state's."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    return word[0].isupper() and word.casefold() not in ARTICLES | _ARTICLES_BEFORE_AN_OFFICE


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _inside(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    """Whether ``candidate`` lies inside one of ``spans`` (ordered, not overlapping)."""
    index = bisect.bisect_right(spans, (candidate.start, math.inf)) - 1
    return index >= 0 and spans[index][0] <= candidate.start and candidate.end <= spans[index][1]


def _common_word(span: str, common: set[str]) -> bool:
    word = span.strip()
    return " " not in word and word.lower() != word and word.lower() in common


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _propagate_names(fields: dict[str, str], findings: list[Finding], names: set[str]) -> list[Finding]:
    """Add the other mentions of each name in ``names`` found by a pattern: the full
    name, without its title, and the surname alone of a name of two words or more."""
    variants = {variant for name in names for variant in _name_variants(name)}
    if not variants:
        return findings
    alternatives = "|".join(map(re.escape, sorted(variants, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")
    added = []
    for field, text in fields.items():
        taken = sorted((f.start, f.end) for f in findings if f.field == field)
        starts = [start for start, _ in taken]
        # the furthest end among the spans starting up to each one: a mention overlaps a finding
        # when one starting before its end ends after its start (bisect, not a scan of them all)
        furthest = list(itertools.accumulate((end for _, end in taken), max))
        for match in pattern.finditer(text):
            before_end = bisect.bisect_left(starts, match.end())
            if not before_end or furthest[before_end - 1] <= match.start():
                added.append(Finding(field, PERSON, match.group(), *match.span(), PROPAGATED_SCORE))
    return sorted(findings + added, key=lambda f: (list(fields).index(f.field), f.start))


def _name_variants(name: str) -> set[str]:
    bare = _TITLE_PREFIX.sub("", name)
    words = bare.split()
    if len(words) < 2:  # a first name after a relative ("sa mère, Samira"), a handle
        return {bare} if len(bare) >= 3 and not bare[0].islower() else set()
    surname = words[-1]
    return {name, bare} | ({surname} if len(surname) >= 3 and surname[0].isupper() else set())
