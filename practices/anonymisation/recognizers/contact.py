"""Contact details: phone numbers (phonenumbers' valid ones, and labelled ones in a
phone's shape) and email addresses."""

import ipaddress
import re

import phonenumbers
from phonenumbers import Leniency
from presidio_analyzer import EntityRecognizer, LocalRecognizer

from .. import patterns
from ..findings import EMAIL_ADDRESS, IP_ADDRESS, PHONE_NUMBER
from .base import RegexRecognizer, _result

# --- phone numbers ---------------------------------------------------------

PHONE_REGIONS: tuple[str, ...] = (
    "NO",
    "DK",
    "SE",
    "FI",
    "BE",
    "FR",
    "DE",
    "NL",
    "GB",
    "IE",
    "AT",
    "ES",
    "IT",
    "PL",
    "PT",
    "GR",
    "HU",
    "RO",
    "CZ",
    "SK",
    "HR",
    "BG",
    "LT",
)
_DIGIT = re.compile(r"\d")
_DIGIT_GROUP = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")
# Regions whose national numbers need not start with a 0 (Norwegian and Danish
# 8-digit numbers, Spanish, Italian, Polish, Portuguese and Czech 9-digit ones, Greek
# 10-digit ones, Lithuanian ones after their trunk prefix 8); the others' always do.
NO_TRUNK_PREFIX = frozenset({"NO", "DK", "ES", "IT", "PL", "PT", "GR", "CZ", "LT"})
NEVER_STARTS_WITH_ZERO = frozenset({"NO", "DK", "ES", "PL", "PT", "GR", "CZ", "LT"})
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


# --- IP addresses ------------------------------------------------------------

# Four numbers with dots, or IPv6's groups with colons: the address a message came from points to
# one home's connection ("the messages came from IP address 91.214.46.102"). Python's ipaddress
# decides, and only public addresses count; four one-digit numbers ("section 3.2.1.4") only after
# the word "IP".
IP_ADDRESS_SHAPE = re.compile(
    r"(?<![\w.:])(?P<pii>\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w:]|\.\d)"
)
_IP_WORD = re.compile(r"(?<![\w])(?i:ip)(?![^\W_])")


def _an_ip_address(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    candidate = text[start:end]
    if ":" in candidate and candidate.count(":") < 7 and "::" not in candidate:
        return None  # "21:14:05" is a time
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return None
    one_digit_each = address.version == 4 and all(len(part) == 1 for part in candidate.split("."))
    if one_digit_each and not _IP_WORD.search(text, max(0, start - 40), start):
        return None  # "section 3.2.1.4", "version 1.2.0.1"
    if address.is_private or address.is_loopback or address.is_link_local or address.is_multicast:
        return None  # "10.0.0.1", "192.168.1.20", "::1": a network's inside, no one's connection
    if address.is_unspecified or address.is_reserved:
        return None
    return start, end


def ip_address_recognizer(language: str) -> EntityRecognizer:
    """An IPv4 or IPv6 address (see ``IP_ADDRESS_SHAPE``)."""
    return RegexRecognizer(
        entity=IP_ADDRESS,
        regexes=[IP_ADDRESS_SHAPE],
        score=0.9,
        language=language,
        name="IpAddressRecognizer",
        accept=_an_ip_address,
    )
