"""Numbers that identify a person: national identity numbers whose check digits
python-stdnum confirms, number plates, and the file numbers of services and courts."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, LocalRecognizer
from stdnum.at import vnr
from stdnum.be import nn
from stdnum.bg import egn
from stdnum.cz import rc
from stdnum.de import idnr
from stdnum.dk import cpr
from stdnum.ee import ik
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.gr import amka
from stdnum.hr import oib
from stdnum.it import codicefiscale
from stdnum.lt import asmens
from stdnum.lv import pvn
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pl import pesel
from stdnum.pt import cc, nif
from stdnum.ro import cnp
from stdnum.se import personnummer
from stdnum.si import emso

from .. import patterns
from ..findings import CASE_NUMBER, NATIONAL_ID, VEHICLE_PLATE
from .base import RegexRecognizer, _result

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


# --- file numbers of services and courts ---------------------------------------


# A person near a file number: a relative, a young person, a family, an age ("16 ans", "(17)").
_FAMILY_WORDS = (
    "family familie famille familia famiglia família gezin perhe rodzina rodina obitelj семейството семейство "
    "familien familjen perheen rodziny"
)
_PERSON_NEAR = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(sorted(map(re.escape, set(patterns.KIN_WORDS)), key=len, reverse=True))}|"
    rf"{'|'.join(_FAMILY_WORDS.split())}|boy|girl|youth|teenager|pupil|client|garçon|jeune|adolescente?|élève|"
    r"junge|mädchen|jugendliche[rn]?|schüler(?:in)?|klient(?:in)?|jongen|meisje|jongere|leerling|cliënt|pojken|"
    r"flickan|drengen|pigen|gutten|jenta|ragazz[oa]|chic[oa]|joven|menor|chłopak|dziewczyna|rapaz|rapariga|"
    r"poika|tyttö|nuori|"
    # round 14: Latvian, Slovenian, Czech, Slovak, Romanian, Hungarian, Bulgarian, Lithuanian, Estonian, Greek
    r"zēns|meitene|puisis|jaunietis|jauniete|fant|deklica|dekle|mladostnik|mladostnica|chlapec|dívka|holka|"
    r"dievča|băiatul|băiat|fata|fiú|lány|момчето|момиче|момичето|berniukas|mergaitė|poiss|tüdruk|"
    r"αγόρι|κορίτσι|chłopiec|dziewczynka)(?![\w-])"
    r"|\b\d{1,2}[ \t]*(?i:ans|years?|jahre|jaar|år|vuotta|años|anni|anos|lat|let|ani|éves)\b|\(\d{1,2}\)"
)
_CAPITALISED_WORD = re.compile(rf"(?<![\w-])[{patterns.UPPER}][{patterns.LOWER}]{{2,}}(?![\w-])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def case_number_span(text: str, start: int, end: int, doc=None, language: str = "en") -> tuple[int, int] | None:
    """A reference, not a date, a year, a range of years or a law's number ("dossier 2019-2021"),
    with a person near it in its paragraph (a name, a relative, a young person, a family, an age):
    "Sagen har journalnr. 2023-118734. Familien bor…" is a person's file; the practice's own
    funding file ("Dossier n° 2018-04-117" closing a paragraph about the practice) or a closed
    proceeding cited alone ("Das Verfahren (Az. 2 Js 1234/19) wurde 2020 eingestellt") is not."""
    reference = text[start:end]
    if patterns.YEAR_RANGE.match(reference) or patterns.DATE_LIKE.match(reference):
        return None
    if re.fullmatch(r"(?:19|20)\d\d", reference):
        return None
    return (start, end) if _a_person_near(text, start, end, language) else None


def _a_person_near(text: str, start: int, end: int, language: str) -> bool:
    from ..given_names import _known_name, ordinary_word  # loaded by warm_up() or the first check

    before = _PARAGRAPH_BREAK.split(text[max(0, start - 200) : start])[-1]
    after = _PARAGRAPH_BREAK.split(text[end : end + 200])[0]
    for window in (before, after):
        if _PERSON_NEAR.search(window):
            return True
        for word in _CAPITALISED_WORD.findall(window):
            if _known_name(word) and not ordinary_word(word.casefold(), language):
                return True
    return False


def case_number_recognizer(language: str) -> EntityRecognizer:
    """A file number after a word naming it ("dossier n° 2021/334-B", "Aktenzeichen 41 F 233/22"),
    with a person near it."""
    return RegexRecognizer(
        entity=CASE_NUMBER,
        regexes=[patterns.CASE_NUMBER],
        score=0.7,
        language=language,
        name="CaseNumberRecognizer",
        accept=lambda text, start, end, doc: case_number_span(text, start, end, doc, language),
    )


# --- identity numbers ------------------------------------------------------


@dataclass(frozen=True)
class IdentityNumber:
    country: str
    pattern: str
    is_valid: Callable[[str], bool]
    needs_context: bool = False  # numbers that any random digits pass too often
    # The words that must name this very number, three words at most before it ("NIF do pai:", "TAJ-száma:", "OIB
    # djeteta", "Sozialversicherungsnummer des Jugendlichen ist"); without them, any word of ID_CONTEXT names it. A
    # number with one check digit can be another number named nearby: "PESEL …, tel. matki 512 345 678" is a valid
    # Portuguese NIF after "PESEL".
    named_by: str = ""
    # Round 14: the number holds its holder's birth date, which the check confirms with the check digit, so
    # one written without its word is still read beside a person ("Oliwia Zając (09262104622)", "Meitene,
    # 210709-23015,"): see ``_beside_a_person``.
    holds_a_birth_date: bool = False


def _taj_is_valid(number: str) -> bool:
    """Hungarian TAJ (social security) number: nine digits, the last the sum of the first eight
    weighted 3, 7, 3, 7… modulo 10 (python-stdnum has no module for it)."""
    digits = re.sub(r"\D", "", number)
    if len(digits) != 9:
        return False
    total = sum(int(digit) * (3 if index % 2 == 0 else 7) for index, digit in enumerate(digits[:8]))
    return total % 10 == int(digits[8])


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
    IdentityNumber("PL", r"\d{11}", pesel.is_valid, needs_context=True, holds_a_birth_date=True),
    # Czech and Slovak rodné číslo, written with its slash ("065812/1002"): a birth date (women's
    # month plus 50) and, since 1954, a number divisible by 11. Ten digits without the slash read
    # like phone numbers and references: only after a word naming them ("Rodné číslo: 0703145608").
    IdentityNumber("CZ", r"\d{6}/\d{3,4}", rc.is_valid),
    IdentityNumber("CZ", r"\d{10}", rc.is_valid, True, r"rodné\s+číslo|rodného\s+čísla|r\.\s?č\.|rč"),
    # Romanian CNP: sex and century, a birth date, a county and a check digit; thirteen digits that
    # phone numbers and references do not make.
    IdentityNumber("RO", r"[1-9]\d{12}", cnp.is_valid),
    # Portuguese Cartão de Cidadão ("00000000 0 ZZ4"): digits, two letters, a check digit.
    IdentityNumber("PT", r"\d{8}[ -]?\d[ -]?[A-Z]{2}\d", cc.is_valid),
    # One check digit over nine, ten or eleven digits: one random number in ten or eleven passes,
    # so only next to a word naming it. Portuguese NIF, Hungarian TAJ, Greek AMKA (a birth date and
    # Luhn), Bulgarian EGN (a birth date and a check digit), Croatian OIB.
    IdentityNumber("PT", r"\d{3}\s?\d{3}\s?\d{3}", nif.is_valid, True, r"nif|contribuinte|identificação\s+fiscal"),
    IdentityNumber("HU", r"\d{3}[ -]?\d{3}[ -]?\d{3}", _taj_is_valid, True, r"taj"),
    IdentityNumber("GR", r"\d{11}", amka.is_valid, True, r"amka|αμκα|α\.μ\.κ\.α\.", True),
    IdentityNumber("BG", r"\d{10}", egn.is_valid, True, r"егн|egn|единен\s+граждански\s+номер", True),
    IdentityNumber("HR", r"\d{11}", oib.is_valid, True, r"oib"),
    # Round 13: the Estonian isikukood and the Lithuanian asmens kodas (sex and century, a birth
    # date, a serial and one check digit), the Latvian personas kods (a birth date and a check
    # digit; since 2017 "32…" and no date), the Slovenian EMŠO (a birth date, a region and one
    # check digit), the Austrian social insurance number (a serial, a check digit and a birth date):
    # one check digit each, so only after their words.
    IdentityNumber("EE", r"[1-6]\d{10}", ik.is_valid, True, r"isikukood\w*", True),
    IdentityNumber("LT", r"[1-6]\d{10}", asmens.is_valid, True, r"asmens\s+kod\w*|a\.\s?k\.", True),
    # the old personas kods, with its date ("32…" since 2017 holds none: only after its word)
    IdentityNumber("LV", r"\d{6}-?\d{5}", pvn.is_valid, True, r"personas\s+kod\w*|p\.\s?k\.", True),
    IdentityNumber("SI", r"\d{13}", emso.is_valid, True, r"em[šs]o|enotn\w+\s+matičn\w+\s+številk\w+", True),
    IdentityNumber(
        "AT", r"\d{4}[ ]?\d{6}", vnr.is_valid, True, r"sv-?nummer|sozialversicherungsnummer|versicherungsnummer|vsnr"
    ),
)
ID_CONTEXT = re.compile(
    r"(?:id|identity|identité|identification|number|numéro|nummer|nr|no|personnummer|fødselsnummer|cpr|hetu|"
    r"henkilötunnus|bsn|burgerservicenummer|nir|sécurité sociale|rijksregister|registre national|idnr|"
    r"steuer|insee|social security|pesel|dni|nie|documento|codice fiscale|dowód|numer)\W{0,3}(?:\w+\W{1,3}){0,3}$",
    re.IGNORECASE,
)


# Round 14: "number" naming another document's ("nr umowy 09262104622", the contract's; "invoice no."):
# no identity number's word, whatever its digits.
_ANOTHER_DOCUMENTS_NUMBER = re.compile(
    r"(?<![\w])(?i:nr|no|number|numer|numéro|nummer|numero|número)\.?[ \t]+(?i:umowy|projektu|faktury|sprawy|"
    r"wniosku|konta|contract|invoice|project|file|dossier|contrat|facture|projet|vertrags?|rechnung|projekt[se]?|"
    r"contratto|fattura|progetto|contrato|fatura|projeto|smlouvy|projektu|contractului|facturii|proiectului)"
    r"\W{0,3}$"
)


class NationalIdRecognizer(LocalRecognizer):
    """National identity numbers whose check digits python-stdnum confirms."""

    CONTEXT = ["id", "identity", "number", "personnummer", "fødselsnummer", "cpr", "bsn", "nir", "hetu", "pesel", "dni"]

    def __init__(self, language: str):
        self.formats = [(re.compile(rf"(?<![\w.+-])(?:{n.pattern})(?![\w]|[.-]\d)"), n) for n in IDENTITY_NUMBERS]
        self.named_by = {
            n.named_by: re.compile(rf"(?<!\w)(?:{n.named_by})\W{{0,3}}(?:\w+\W{{1,3}}){{0,3}}$", re.IGNORECASE)
            for n in IDENTITY_NUMBERS
            if n.named_by
        }
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

    def _confirmed(self, text: str, match: re.Match, number: IdentityNumber) -> bool:
        context = self.named_by[number.named_by] if number.named_by else ID_CONTEXT
        # 60 characters: "Sozialversicherungsnummer des Jugendlichen ist " is 47 (round 13)
        window = text[max(0, match.start() - 60) : match.start()]
        if number.needs_context and (not context.search(window) or _ANOTHER_DOCUMENTS_NUMBER.search(window)):
            if not (number.holds_a_birth_date and _beside_a_person(text, match.start(), match.end())):
                return False
            if number.country == "LV" and match.group().startswith("32"):
                return False  # the new personas kods holds no date
        return number.is_valid(match.group())


# Round 14: a number in brackets or between commas right after a person ("Oliwia Zając (09262104622)",
# "Meitene, 210709-23015,", "Fant Luka Kovačič, 1205009505002, je…"): a name or a young person's word
# at most four words before it in its sentence, and nothing but the number in the brackets or commas.
_BEFORE_A_BESIDE_NUMBER = re.compile(r"(?P<words>(?:[^\s.!?]+[ \t]+){0,3}[^\s.!?,(]+)[ \t]*(?:\(|,)[ \t]*$")
_AFTER_A_BESIDE_NUMBER = re.compile(r"[ \t]*(?:\)|,|;)")


def _beside_a_person(text: str, start: int, end: int) -> bool:
    before = _BEFORE_A_BESIDE_NUMBER.search(text[max(0, start - 80) : start])
    if not before or not _AFTER_A_BESIDE_NUMBER.match(text, end):
        return False
    return _a_person_near(before.group("words"), len(before.group("words")), len(before.group("words")), "en")
