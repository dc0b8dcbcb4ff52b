"""Presidio recognisers for the eight finding types.

spaCy's NER gives PERSON and LOCATION; everything else is a pattern checked
by the library that owns the rule: phonenumbers for phone numbers,
python-stdnum for identity-number checksums, Presidio's own IBAN checksum,
and a pattern for everything email-shaped (no list of domains).
Imported only when the engine is built, never at Django start-up.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency
from presidio_analyzer import EntityRecognizer, LocalRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import IbanRecognizer, SpacyRecognizer
from stdnum.be import nn
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pl import pesel
from stdnum.se import personnummer

from practices.importer.countries import find_country

from . import patterns
from .findings import DATE_OF_BIRTH, EMAIL_ADDRESS, LOCATION, NATIONAL_ID, PERSON, PHONE_NUMBER, VEHICLE_PLATE
from .given_names import PERSON_WORDS

NER_NAME = "SpacyRecognizer"
PLACE_NAME = "PlaceAfterPrepositionRecognizer"
# Statistical or loose recognisers: any precise finding wins over theirs.
LOOSE_RECOGNIZERS = frozenset({NER_NAME, PLACE_NAME})


def _result(recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,  # type: ignore[has-type]  # presidio: unannotated
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


# --- regular-expression recognisers --------------------------------------


# (text, start, end, spaCy doc or None) -> the span to report, or None.
Accept = Callable[[str, int, int, object], tuple[int, int] | None]


class RegexRecognizer(LocalRecognizer):
    """Reports the ``pii`` group (or the group that matched, or the whole match) of each pattern, when
    ``accept(text, start, end)`` agrees; ``accept`` may narrow the span."""

    def __init__(
        self,
        *,
        entity: str,
        regexes: Iterable[re.Pattern],
        score: float,
        language: str,
        name: str,
        accept: Accept | None = None,
        context=None,
    ):
        self.regexes = tuple(regexes)
        self.score = score
        self.accept: Accept = accept or (lambda text, start, end, doc: (start, end))
        super().__init__(supported_entities=[entity], supported_language=language, name=name, context=context)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for regex in self.regexes:
            for match in regex.finditer(text):
                start, end = _reported_span(match)
                span = self.accept(text, start, end, nlp_artifacts.tokens if nlp_artifacts else None)
                if span:
                    results.append(_result(self, self.supported_entities[0], *span, self.score))
        return results


def _reported_span(match: re.Match) -> tuple[int, int]:
    """The span of the first named group that matched (``pii``, or another in a pattern
    with alternatives), else the whole match."""
    for name in match.re.groupindex:
        if match.group(name) is not None:
            return match.span(name)
    return match.span()


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _not_a_heading(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """Drop "A. Background" alone on its line: a lettered heading, where
    "J. Dupont" alone on a contact line is a name. Neither model's tagger
    tells them apart, so the heading words are listed."""
    line_start, line_end = _line_bounds(text, start, end)
    alone = not text[line_start:start].strip(" \t#*-") and not text[end:line_end].strip(" \t:*")
    heading = alone and text[start:end].split()[-1].lower() in patterns.HEADING_WORDS
    return None if heading else (start, end)


def _without_contact_label(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """ "Contact Kari Lund" -> "Kari Lund"; None when only labels remain."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower().strip(":") in patterns.CONTACT_LABELS:
        words.pop(0)
    if len(words) < 2:
        return None
    return start + words[0].start(), end


def _not_an_organisation(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A name-shaped span holding a word organisations' names use ("Aarhus Kommune") is no
    person, nor one whose line's label names something else ("Programme name: Safe Harbour")."""
    label = text[text.rfind("\n", 0, start) + 1 : start]
    if names_an_organisation(text[start:end]) or not patterns.labels_a_person(label):
        return None
    return start, end


def names_an_organisation(span: str) -> bool:
    return any(word.lower().strip(".,") in patterns.ORGANISATION_WORDS for word in span.split())


# Above the NER's 0.85: Presidio drops a result that another of the same type
# contains with an equal or higher score, and picks at random between equal
# ones, which would lose the "found by a pattern" mark of a name.
PATTERN_NAME_SCORE = 0.9


KIN_NAME_SCORE = 0.8
HANDLE_SCORE = 0.7


def _a_name_after_a_relative(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """ "his sister, Leila" is a name; "the mother, Social Services", "her brother, English
    teacher" or "the father (Tuesday)" are not."""
    words = text[start:end].split()
    first = words[0].lower()
    if names_an_organisation(text[start:end]) or first in patterns.NOT_PLACES or first in patterns.MONTHS:
        return None
    if first in patterns.ARTICLES or first in _TITLE_WORDS or _is_country(words[-1]):
        return None
    return start, end


def _a_persons_other_name(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """After "known as", "genannt"...: a kunya ("Abu Layla") or a known given name; not a
    method's or a group's name ("Motivational Interviewing", "Junge Löwen")."""
    from .given_names import _known_name  # Faker's lists: loaded by warm_up() or the first check

    first = text[start:end].split()[0]
    if first.casefold() not in patterns.KUNYA and not _known_name(first):
        return None
    return _a_name_after_a_relative(text, start, end, doc)


# Parts of a handle: "ExitSweden" -> Exit, Sweden; "RANnetwork" -> RAN, network; "EU_Justice".
_CAMEL = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|[a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def _a_persons_account(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A handle or profile link, unless it is an organisation's: a part of it is a word
    organisations' names use or an acronym ("@RAN_EU", "facebook.com/ExitSweden")."""
    handle = re.split(r"[/@]", text[start:end])[-1]
    parts = [part for chunk in re.split(r"[_.\-]", handle) for part in _CAMEL.findall(chunk)]
    if any(part.lower() in patterns.ORGANISATION_WORDS or part.lower() in _ACCOUNT_WORDS for part in parts):
        return None
    letters = [part for part in parts if part.isalpha()]
    if letters and all(part.isupper() and len(part) >= 2 for part in letters):
        return None
    return start, end


_ACCOUNT_WORDS = frozenset("info news official press media support help hq eu un".split())


def person_recognizers(language: str) -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.TITLED_NAME],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="TitledNameRecognizer",
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.INITIAL_NAME],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="InitialNameRecognizer",
            accept=_not_a_heading,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.NAME_BEFORE_EMAIL],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="NameBeforeEmailRecognizer",
            accept=_without_contact_label,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.KIN_NAME],
            score=KIN_NAME_SCORE,
            language=language,
            name="NameAfterRelativeRecognizer",
            accept=_a_name_after_a_relative,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.ALIAS_NAME],
            score=KIN_NAME_SCORE,
            language=language,
            name="AliasRecognizer",
            accept=_a_name_after_a_relative,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.KNOWN_AS_NAME],
            score=KIN_NAME_SCORE,
            language=language,
            name="KnownAsRecognizer",
            accept=_a_persons_other_name,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.SOCIAL_HANDLE],
            score=HANDLE_SCORE,
            language=language,
            name="SocialHandleRecognizer",
            accept=_a_persons_account,
        ),
        RegexRecognizer(
            entity=PERSON,
            regexes=[patterns.NAME_AFTER_CONTACT_LABEL],
            score=PATTERN_NAME_SCORE,
            language=language,
            name="NameAfterContactLabelRecognizer",
            accept=_not_an_organisation,
        ),
    ]


_TOWN_AFTER_STREET = re.compile(r"[ \t]+(?:w|we|in|à|en|i|a|em|na|te)[ \t]+(?P<town>[^\d]+)$")


def _address_span(text: str, start: int, end: int, doc=None) -> tuple[int, int]:
    """The address, without the words after it that name no town: "14 Station Road in March",
    "Storgata 5 i Norge" end at the street."""
    tail = _TOWN_AFTER_STREET.search(text, start, end)
    if tail and not _plausible_place(text, tail.start("town"), end):
        return start, tail.start()
    if tail and names_an_organisation(tail.group("town")):
        return start, tail.start()
    return start, end


# Words of organisations' names that a school's, a mosque's or a club's name holds.
_PLACE_KINDS = frozenset("school école college collège church église mosque mosquée club".split())


def _a_named_place(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A school's, a mosque's or a club's name: not a month, a country, an acronym or another
    organisation ("attended the Mosque Council meeting")."""
    words = [word.strip(".,'’").casefold() for word in text[start:end].split()]
    if words[0] in patterns.MONTHS or words[0] in patterns.NOT_PLACES:
        return None
    if any(word in patterns.ORGANISATION_WORDS and word not in _PLACE_KINDS for word in words):
        return None
    if _SCHOOLS_AFTER.match(text, end):
        return None  # "Year 10 at Ravnstad schools": the town's schools, no one school
    if len(words) == 1 and words[0] in _KINDS_OF_SCHOOL:
        return None  # "die 9. Klasse der Gesamtschule", "Year 9 at Grammar": a kind of school, not one
    return _address_span(text, start, end) if _plausible_name_or_place(text[start:end]) else None


# Kinds of school written as one capitalised word, as names are ("die 9b der Gesamtschule").
_KINDS_OF_SCHOOL = frozenset(
    "gesamtschule grundschule realschule hauptschule mittelschule oberschule berufsschule förderschule "
    "sekundarschule gemeinschaftsschule stadtteilschule gymnasium grundskolan gymnasiet gymnasieskolan "
    "högstadiet mellanstadiet folkeskolen folkeskole grundskole grunnskolen ungdomsskolen ungdomsskole "
    "videregående basisschool brugklas peruskoulu lukio".split()
)
_SCHOOLS_AFTER = re.compile(
    r"[ \t]+(?i:(?:secondary|primary|high|state|public)[ \t]+)?(?i:schools|academies|colleges|skoler|skolor|"
    r"Schulen|scholen|écoles|collèges|lycées|scuole|escuelas|colegios|escolas|szkoły|koulut)(?![\w])"
)


_SENTENCE_END = re.compile(r"[.!?\n]")
# Relatives, and the words for a young person that name no profession too ("youth worker",
# "jeune" in "les jeunes", "Jugendarbeiter" are practitioners').
_CLIENTS = frozenset(PERSON_WORDS) - frozenset(
    "youth student participant mentee jeune adolescent jugendliche jugendlicher teilnehmer teilnehmerin jongere "
    "deelnemer ungdomen ungdommen giovane studente studentessa joven jovem nuori".split()
)
_RELATIVE_OR_CLIENT = re.compile(
    rf"(?<![\w])(?i:{'|'.join(map(re.escape, sorted([*patterns.KIN_WORDS, *_CLIENTS], key=len, reverse=True)))})"
    r"(?![\w])"
)


def _a_relatives_workplace(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A workplace after "works at", "travaille comme caissière au"...: a relative's or a young
    person's (a word for one earlier in the sentence), not an organisation's name ("the mentor
    works at Exit Sweden": practitioners' workplaces are the practice's partners)."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 160), start)), default=0)
    before = max(sentence_start, start - 160)
    if not (_RELATIVE_OR_CLIENT.search(text, before, start) or _a_given_name_in(text[before:start])):
        return None
    return _a_named_place(text, start, end, doc)


def _a_given_name_in(text: str) -> bool:
    """Whether ``text`` holds a capitalised known given name ("Karim works at Lidl")."""
    from .given_names import _known_name, _never_a_name  # Faker's lists: loaded by warm_up() or the first check

    words = re.findall(r"\b[A-ZÀ-Þ][\w-]+", text)
    return any(_known_name(word) and not _never_a_name(word.casefold(), set()) for word in words)


# Above the NER's 0.85, which Presidio would otherwise keep alone on the same span: a school the
# NER calls a place ("Kvarnbyskolan") is then a loose finding, dropped when no cue it knows is near.
INSTITUTION_SCORE = 0.9


def institution_recognizers(language: str) -> list[EntityRecognizer]:
    """A school after a pupil's class, a mosque, church or club after a word for attending, a
    relative's workplace (patterns.SCHOOL_OF_A_PUPIL...): tied to a person, reported as places."""
    return [
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.SCHOOL_OF_A_PUPIL, patterns.INSTITUTION_OF_A_PERSON],
            score=INSTITUTION_SCORE,
            language=language,
            name="AttendedPlaceRecognizer",
            accept=_a_named_place,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.WORKPLACE_OF_A_PERSON],
            score=INSTITUTION_SCORE,
            language=language,
            name="WorkplaceRecognizer",
            accept=_a_relatives_workplace,
        ),
    ]


def place_and_date_recognizers(language: str) -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.STREET_ADDRESS, patterns.POSTCODE_ADDRESS],
            score=0.8,
            language=language,
            name="StreetAddressRecognizer",
            accept=_address_span,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.PREFIXED_POSTCODE],
            score=0.7,
            language=language,
            name="PostcodeRecognizer",
        ),
        RegexRecognizer(
            entity=DATE_OF_BIRTH,
            regexes=[patterns.DATE_OF_BIRTH],
            score=0.85,
            language=language,
            name="DateOfBirthRecognizer",
        ),
    ]


# --- number plates ---------------------------------------------------------

_PLATE_GROUP = re.compile(r"[^\s-]+")
PLATE_CHARS = range(4, 10)  # "AB 1234" to "AB-123-CD" and "B-KL 4821E"


def plate_span(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """The longest run of the groups matched that reads as a plate: 4 to 9 letters and digits,
    both letters and digits, in capitals ("Kennzeichen der Radikalisierung" has no plate;
    "registration number 2019/0412" no letter; "Anmeldung 2021 bei…" none either)."""
    groups = list(_PLATE_GROUP.finditer(text, start, end))
    while groups:
        chars = "".join(group.group() for group in groups)
        has_letter = any(char.isalpha() for char in chars)
        if len(chars) in PLATE_CHARS and has_letter and chars.upper() == chars and any(c.isdigit() for c in chars):
            return start, groups[-1].end()
        groups.pop()
    return None


def plate_recognizer(language: str) -> EntityRecognizer:
    """A number plate after a word naming one ("Kennzeichen B-KL 4821", "plaque AB-123-CD")."""
    return RegexRecognizer(
        entity=VEHICLE_PLATE,
        regexes=[patterns.VEHICLE_PLATE],
        score=0.8,
        language=language,
        name="VehiclePlateRecognizer",
        accept=plate_span,
    )


# --- identity numbers ------------------------------------------------------


@dataclass(frozen=True)
class IdentityNumber:
    country: str
    pattern: str
    is_valid: Callable[[str], bool]
    needs_context: bool = False  # numbers that any random digits pass too often


def _cpr_is_valid(number: str) -> bool:
    """A real birth date and the modulus-11 check (see docs/ANONYMISATION.md)."""
    return cpr.is_valid(number) and cpr.checksum(cpr.compact(number)) == 0


_CF_DIGIT = "[0-9LMNPQRSTUV]"
IDENTITY_NUMBERS: tuple[IdentityNumber, ...] = (
    IdentityNumber("NO", r"\d{6}\s?\d{5}", fodselsnummer.is_valid),
    IdentityNumber("DK", r"\d{6}-?\d{4}", _cpr_is_valid),
    IdentityNumber("SE", r"(?:19|20)?\d{6}[-+]?\d{4}", personnummer.is_valid),
    IdentityNumber("FI", r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]", hetu.is_valid),
    IdentityNumber("BE", r"\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}[-. ]?\d{2}", nn.is_valid),
    IdentityNumber("FR", r"[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}\s?\d{2}", nir.is_valid),
    IdentityNumber("NL", r"\d{4}\.?\d{2}\.?\d{3}|\d{9}", bsn.is_valid),
    IdentityNumber("DE", r"\d{2}\s?\d{3}\s?\d{3}\s?\d{3}", idnr.is_valid, needs_context=True),
    IdentityNumber("ES", r"\d{8}-?[A-Z]", dni.is_valid),  # DNI: one check letter of 23
    IdentityNumber("ES", r"[XYZ]-?\d{7}-?[A-Z]", nie.is_valid),  # NIE, a foreigner's number
    # Codice fiscale; digits may be replaced by letters (omocodia) when two people share one.
    IdentityNumber(
        "IT",
        rf"[A-Z]{{6}}{_CF_DIGIT}{{2}}[A-EHLMPRST]{_CF_DIGIT}{{2}}[A-Z]{_CF_DIGIT}{{3}}[A-Z]",
        codicefiscale.is_valid,
    ),
    # PESEL: one check digit, so one random 11-digit number in ten passes: only next to a word naming it.
    IdentityNumber("PL", r"\d{11}", pesel.is_valid, needs_context=True),
)
ID_CONTEXT = re.compile(
    r"(?:id|identity|identité|identification|number|numéro|nummer|nr|no|personnummer|fødselsnummer|cpr|hetu|"
    r"henkilötunnus|bsn|burgerservicenummer|nir|sécurité sociale|rijksregister|registre national|idnr|"
    r"steuer|insee|social security|pesel|dni|nie|documento|codice fiscale|dowód|numer)\W{0,3}(?:\w+\W{1,3}){0,3}$",
    re.IGNORECASE,
)


class NationalIdRecognizer(LocalRecognizer):
    """National identity numbers whose check digits python-stdnum confirms."""

    CONTEXT = ["id", "identity", "number", "personnummer", "fødselsnummer", "cpr", "bsn", "nir", "hetu", "pesel", "dni"]

    def __init__(self, language: str):
        self.formats = [(re.compile(rf"(?<![\w.+-])(?:{n.pattern})(?![\w]|[.-]\d)"), n) for n in IDENTITY_NUMBERS]
        super().__init__(supported_entities=[NATIONAL_ID], supported_language=language, context=self.CONTEXT)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        spans: dict[tuple[int, int], float] = {}
        for regex, number in self.formats:
            for match in regex.finditer(text):
                if self._confirmed(text, match, number):
                    spans[match.span()] = 0.85 if number.country == "NL" else 0.95
        return [_result(self, NATIONAL_ID, start, end, score) for (start, end), score in spans.items()]

    @staticmethod
    def _confirmed(text: str, match: re.Match, number: IdentityNumber) -> bool:
        if number.needs_context and not ID_CONTEXT.search(text[max(0, match.start() - 40) : match.start()]):
            return False
        return number.is_valid(match.group())


# --- phone numbers ---------------------------------------------------------

PHONE_REGIONS: tuple[str, ...] = ("NO", "DK", "SE", "FI", "BE", "FR", "DE", "NL", "GB", "IE", "AT", "ES", "IT", "PL")
_DIGIT = re.compile(r"\d")
_DIGIT_GROUP = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
# Regions whose national numbers need not start with a 0 (Norwegian and Danish
# 8-digit numbers, Spanish, Italian and Polish 9-digit ones); the others' always do.
NO_TRUNK_PREFIX = frozenset({"NO", "DK", "ES", "IT", "PL"})
NEVER_STARTS_WITH_ZERO = frozenset({"NO", "DK", "ES", "PL"})
# Where a phone number can be: digits with the separators numbers are written with.
_DIGIT_RUN = re.compile(r"(?<![\w+])(?:\(?\+|\()?\d[\d \t().\-/]{4,24}\d\)?(?!\w)")


class EuropeanPhoneRecognizer(LocalRecognizer):
    """Numbers that phonenumbers holds valid in one of the European regions,
    written nationally ("06 12 34 56 78") or internationally ("0047 41234567")."""

    CONTEXT = ["phone", "telephone", "tel", "mobile", "cell", "call", "téléphone", "portable", "telefon", "mobil"]
    SCORE = 0.75

    def __init__(self, language: str, regions: tuple[str, ...] = PHONE_REGIONS):
        self.regions = regions
        super().__init__(supported_entities=[PHONE_NUMBER], supported_language=language, context=self.CONTEXT)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Each run of digits is matched alone, in the regions its first
        digits allow: 13 regions over whole paragraphs cost 0.5 s a practice."""
        spans = set()
        for run in _DIGIT_RUN.finditer(text):
            for region in self._regions_for(run.group()):
                for match in phonenumbers.PhoneNumberMatcher(run.group(), region, leniency=Leniency.VALID):
                    start, end = run.start() + match.start, run.start() + match.end
                    if _looks_like_phone(text, start, end):
                        spans.add(_without_lone_bracket(text, start, end))
        return [_result(self, PHONE_NUMBER, start, end, self.SCORE) for start, end in spans]

    def _regions_for(self, run: str) -> tuple[str, ...]:
        groups = _DIGIT_GROUP.findall(run)
        if sum(map(len, groups)) < 6 or all(_YEAR.fullmatch(g) for g in groups) or max(map(len, groups)) < 2:
            return ()  # too short, a list of years ("2016 2017 2018"), or single digits ("1 2 3 4 5 6")
        number = run.lstrip("(")
        if number.startswith(("+", "00")):
            return self.regions[:1]  # international: any one region reads it
        if number.startswith("0"):
            return tuple(r for r in self.regions if r not in NEVER_STARTS_WITH_ZERO)
        return tuple(r for r in self.regions if r in NO_TRUNK_PREFIX)


def _looks_like_phone(text: str, start: int, end: int) -> bool:
    """False for year ranges ("2014-2015"), dates ("07.07.2003") and numbered
    references ("case 2019/0412")."""
    raw = text[start:end].strip("()[] ")
    if patterns.YEAR_RANGE.match(raw) or patterns.DATE_LIKE.match(raw):
        return False
    return not patterns.NOT_A_PHONE_BEFORE.search(text[max(0, start - 30) : start])


def _without_lone_bracket(text: str, start: int, end: int) -> tuple[int, int]:
    """Brackets balanced: "(06-12345678" -> "06-12345678" (phonenumbers keeps an
    opening bracket that belongs to the sentence), and "+47) 1234 5678" ->
    "(+47) 1234 5678" (it drops the one that opens the number), so that
    redaction leaves no fragment."""
    raw = text[start:end]
    opened, closed = raw.count("("), raw.count(")")
    if closed > opened and start > 0 and text[start - 1] == "(":
        start -= 1
    elif raw.startswith("(") and opened > closed:
        start += 1
    elif raw.endswith(")") and closed > opened:
        end -= 1
    return start, end


LABELLED_PHONE_SCORE = 0.6
_PHONE_DIGITS = range(8, 16)  # a national number with its 0, or a country code and number (E.164: at most 15)


def _phone_shaped(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A labelled number with the digits of a phone number, and no date or reference."""
    if len(_DIGIT.findall(text, start, end)) not in _PHONE_DIGITS or not _looks_like_phone(text, start, end):
        return None
    return _without_lone_bracket(text, start, end)


def labelled_phone_recognizer(language: str) -> EntityRecognizer:
    """A number after a phone label ("Tel.:", "puh.", "M"), in a phone's shape, that
    phonenumbers holds invalid: invented or mistyped, it may still reach a person.
    Scored below the valid ones."""
    return RegexRecognizer(
        entity=PHONE_NUMBER,
        regexes=[patterns.LABELLED_PHONE],
        score=LABELLED_PHONE_SCORE,
        language=language,
        name="LabelledPhoneRecognizer",
        accept=_phone_shaped,
    )


# --- email -----------------------------------------------------------------


def email_recognizer(language: str) -> EntityRecognizer:
    """Every email-shaped string, whatever its domain (see patterns.EMAIL), and addresses
    written to escape harvesters ("pieter [at] stad-gent [dot] be")."""
    return RegexRecognizer(
        entity=EMAIL_ADDRESS,
        regexes=[patterns.EMAIL, patterns.OBFUSCATED_EMAIL],
        score=1.0,
        language=language,
        name="EmailRecognizer",
    )


# --- names and places from spaCy -------------------------------------------

# Regions above countries, and words the NER likes to call a name or a place.
NOT_PLACES_OR_NAMES = frozenset(
    {
        "eu",
        "ue",
        "europe",
        "europa",
        "european union",
        "union européenne",
        "scandinavia",
        "scandinavie",
        "nordic",
        "balkans",
        "western balkans",
        "middle east",
        "moyen-orient",
        "africa",
        "afrique",
        "asia",
        "asie",
        "north africa",
        "afrique du nord",
        "internet",
        "covid",
        "covid-19",
        "islam",
        "allah",
    }
)
_EDGE = " \t\r\n,;:!?()[]{}\"'«»“”‘’*_|#>•-–—/."
_ELISION = re.compile(r"^(?:[dlDL]|[Qq]u|[Jj]usqu)['’]")


class FilteredSpacyRecognizer(SpacyRecognizer):
    """spaCy's PERSON and LOCATION, cut at line ends and trimmed, without
    countries, acronyms, spans holding digits, links or emails, or a lone
    common word ("Favoriser" heading a list item)."""

    def __init__(self, language: str):
        super().__init__(supported_language=language, supported_entities=[PERSON, LOCATION], name=NER_NAME)

    def analyze(self, text, entities, nlp_artifacts=None):
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts) + self._names_called_organisations(nlp_artifacts):
            for start, end in _tidy_pieces(text, result.start, result.end):
                if self._keeps(result.entity_type, text, start, end, nlp_artifacts.tokens):
                    kept.append((result, start, end))
        doubtful = [(start, end) for result, start, end in kept if result.entity_type == PERSON]
        words = _words_heading_lines(text, doubtful, self.supported_language)
        return [
            _result(self, result.entity_type, start, end, result.score)
            for result, start, end in kept
            if result.entity_type != PERSON or (start, end) not in words
        ]

    @staticmethod
    def _keeps(entity: str, text: str, start: int, end: int, doc) -> bool:
        if _lone_common_word(doc, start, end):
            return False
        if entity == PERSON and not _reads_as_a_person(text[start:end]):
            return False
        heading = patterns.INITIAL_NAME.fullmatch(text, start, end) and not _not_a_heading(text, start, end, doc)
        return not (entity == PERSON and heading)

    def _names_called_organisations(self, nlp_artifacts) -> list[RecognizerResult]:
        """The small models often label a full name an organisation
        ("Urie Bronfenbrenner", "Insoo Kim Berg"): an ORG made only of
        capitalised proper nouns and particles, with no word an
        organisation's name uses, is reported as a PERSON, less surely."""
        if nlp_artifacts is None:
            return []
        return [
            _result(self, PERSON, ent.start_char, ent.end_char, ORG_AS_PERSON_SCORE)
            for ent in nlp_artifacts.tokens.ents
            if ent.label_ == "ORG" and _reads_as_a_name(ent)
        ]


def _reads_as_a_person(span: str) -> bool:
    """Whether an NER "person" can be a name. Not a phrase holding a lower-case word
    other than a particle ("Las ayudas se", "Rekening van de moeder", "Il progetto di
    Milano": the English model reads other languages' capitalised sentence starts as
    names), nor one opening with an article ("Der Bewährungshelfer"), nor a name
    already anonymised ("Mme Y.", "Mr X.", "A.B.")."""
    words = span.split()
    if any(not _name_word(word) for word in words):
        return False
    if any(word.rstrip(".") in _SAINTS for word in words[:-1]):
        return False  # "St Patrick's", "Sankt Georg": a saint's day, church or place
    if words[0].casefold() in patterns.ARTICLES:
        return False
    untitled = [word for word in words if word.rstrip(".").casefold() not in _TITLE_WORDS]
    return not all(_INITIALS_ONLY.fullmatch(word) for word in untitled)


_TITLE_WORDS = frozenset(title.casefold() for title in patterns.TITLES)
_SAINTS = frozenset("St Ste Saint Sainte Sankt Sint".split())
_INITIALS_ONLY = re.compile(r"(?:\w\.?-?){1,3}")


def _name_word(word: str) -> bool:
    """Capitalised, or a particle ("van", "al-Khatib", "d'Ornano")."""
    word = word.strip(".,;:()\"'«»“”")
    if not word or not word[0].isalpha() or word[0].isupper():
        return True
    head = re.split(r"[-'’]", word, maxsplit=1)[0]
    return head.casefold() in _PARTICLES or (len(head) == 1 and head != word)


ORG_AS_PERSON_SCORE = 0.5
_PARTICLES = patterns.NAME_PARTICLES


def _reads_as_a_name(ent) -> bool:
    words = [token for token in ent if not token.is_space]
    if not 2 <= len(words) <= 4 or not words[0].is_title or not words[-1].is_title:
        return False
    for token in words:
        if token.lower_ in patterns.ORGANISATION_WORDS:
            return False
        if not (token.lower_ in _PARTICLES or _is_initial(token.text) or _capitalised_proper_noun(token)):
            return False
    return True


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _capitalised_proper_noun(token) -> bool:
    return token.is_title and token.is_alpha and _coarse_pos(token) == "PROPN"


_NAME_POS = frozenset({"PROPN", "NOUN", "X", ""})  # "" when the pipeline has no tagger
_PTB_POS = {"NNP": "PROPN", "NN": "NOUN", "VB": "VERB", "JJ": "ADJ", "RB": "ADV", "FW": "X"}


def _lone_common_word(doc, start: int, end: int) -> bool:
    """One word that the tagger reads as no noun, or as no proper noun while
    heading a line ("Fiches de questions", "- Réduire les traumatismes")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [token for token in span if token.is_alpha] if span is not None else []
    if len(words) != 1:
        return False
    pos = _coarse_pos(words[0])
    return pos not in _NAME_POS or (pos not in ("PROPN", "") and _heads_line(doc.text, start))


def _words_heading_lines(text: str, spans: list[tuple[int, int]], language: str) -> set[tuple[int, int]]:
    """The spans that are a lone capitalised word heading a line or a list item, a word of the
    language and no known given name, which the model reads as no name once written in lower
    case: "- Réduire les traumatismes" (the French model calls "Réduire" a person, and tags it
    a proper noun, only for its capital). "Baker met the family" stays a name: in lower case
    the model still reads an entity there. The lines' openings are read in one batch."""
    from wordfreq import zipf_frequency

    from .given_names import _known_name

    openings: dict[tuple[int, int], str] = {}
    for start, end in spans:
        word = text[start:end]
        if " " in word or not word.isalpha() or not _heads_line(text, start) or _known_name(word):
            continue
        if zipf_frequency(word.lower(), language, wordlist="small"):
            following = _NEXT_WORDS.match(text, end)
            openings[(start, end)] = word.lower() + (following.group() if following else "")
    if not openings:
        return set()
    from .engine import pipeline  # the pipeline this recogniser's doc came from, already built

    nlp = pipeline(language)
    docs = nlp.pipe(list(openings.values()), batch_size=64)
    return {span for span, doc in zip(openings, docs, strict=True) if _no_name_first(doc)}


# The words after the first that the model reads it with: enough for its part of speech, and
# short, so that a list of hundreds of items costs little ("- Réduire les risques de …").
_NEXT_WORDS = re.compile(r"(?:[ \t]+[^\s]+){1,4}")


def _no_name_first(doc) -> bool:
    """Whether the model reads the first word as a verb, an adjective or another word that is
    no noun, and outside any entity."""
    first = next((token for token in doc if token.is_alpha), None)
    return first is not None and not first.ent_type_ and _coarse_pos(first) not in _NAME_POS


def _heads_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t-–•*#>0123456789.)")


def _coarse_pos(token) -> str:
    """Universal POS from the French morphologizer, or from the English
    tagger's Penn Treebank tag (no attribute ruler is loaded)."""
    if token.pos_:
        return token.pos_
    return _PTB_POS.get(token.tag_[:3], _PTB_POS.get(token.tag_[:2], "OTHER" if token.tag_ else ""))


def _tidy_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, offset = [], start
    for line in text[start:end].split("\n"):
        span = _trim(text, offset, offset + len(line))
        if span:
            span = _whole_words(text, *span)
        if span and _plausible_name_or_place(text[span[0] : span[1]]):
            pieces.append(span)
        offset += len(line) + 1
    return pieces


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to whole hyphenated words: the tokenizer splits "Ole-Martin", and
    the NER may keep only "Martin", which redaction would turn into "Ole-[name]"."""
    while start >= 2 and text[start - 1] in "-‐" and text[start - 2].isalpha():
        start -= 2
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    while end + 1 < len(text) and text[end] in "-‐" and text[end + 1].isalpha():
        end += 2
        while end < len(text) and text[end].isalpha():
            end += 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    elision = _ELISION.match(text[start:end])
    if elision:
        start += elision.end()
    while end > start and text[end - 1] in _EDGE and not _is_initial_dot(text, end):
        end -= 1
    return (start, end) if end - start >= 2 else None


def _is_initial_dot(text: str, end: int) -> bool:
    return text[end - 1] == "." and end >= 2 and text[end - 2].isupper() and (end < 3 or not text[end - 3].isalpha())


def _plausible_name_or_place(span: str) -> bool:
    if not span[0].isupper() or any(ch.isdigit() for ch in span):
        return False
    if "@" in span or "://" in span or span.lower().startswith("www."):
        return False
    if all(word.isupper() for word in span.split()):  # acronyms: RAN, NIBR, RAN YF&C
        return False
    if span.lower() in NOT_PLACES_OR_NAMES or span.lower() in patterns.CONTACT_LABELS:
        return False
    return not _is_country(span)


def _is_country(span: str) -> bool:
    code, name = find_country(span)
    return code is not None and len(name) == len(span.strip())


def _plausible_place(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    word = text[start:end].lower()
    if word in patterns.NOT_PLACES or word.rstrip(".") in patterns.MONTHS:
        return None
    return (start, end) if _plausible_name_or_place(text[start:end]) else None


def _a_persons_place(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A place after a word tying it to a person, unless a month, a country, an acronym or
    an organisation ("moved to Social Services")."""
    if names_an_organisation(text[start:end]):
        return None
    return _plausible_place(text, start, end, doc)


def place_after_cue_recognizer(language: str) -> EntityRecognizer:
    """A capitalised name right after "lives in", "vecina de", "abita a", "wohnt in"...
    (patterns.PLACE_AFTER_CUE): tied to a person by the words before it, so it is reported
    like an address, and wins over the NER's reading ("de Alcalá" as a name)."""
    return RegexRecognizer(
        entity=LOCATION,
        regexes=[patterns.PLACE_AFTER_CUE],
        score=0.7,
        language=language,
        name="PlaceAfterPersonCueRecognizer",
        accept=_a_persons_place,
    )


def place_after_preposition_recognizer(language: str) -> EntityRecognizer:
    """A capitalised name after "in", "from", "à", "la commune de"...: catches
    small places the NER misses or calls an organisation ("in Ravnstad").
    Treated like NER output: it gives way to every precise finding."""
    return RegexRecognizer(
        entity=LOCATION,
        regexes=[patterns.PLACE_AFTER_PREPOSITION],
        score=0.6,
        language=language,
        name=PLACE_NAME,
        accept=_plausible_place,
    )


def all_recognizers(language: str) -> list[EntityRecognizer]:
    """Every recogniser the engine registers for ``language``."""
    return [
        FilteredSpacyRecognizer(language),
        place_after_preposition_recognizer(language),
        place_after_cue_recognizer(language),
        email_recognizer(language),
        IbanRecognizer(supported_language=language),
        EuropeanPhoneRecognizer(language),
        labelled_phone_recognizer(language),
        NationalIdRecognizer(language),
        plate_recognizer(language),
        *person_recognizers(language),
        *place_and_date_recognizers(language),
        *institution_recognizers(language),
    ]
