"""Places tied to a person: street addresses and postcodes, a place after "lives in" or
a preposition, a school, mosque, club or workplace tied to a person; and dates of birth."""

import re

from presidio_analyzer import EntityRecognizer

from .. import patterns
from ..findings import DATE_OF_BIRTH, LOCATION
from ..given_names import PERSON_WORDS
from .base import RegexRecognizer, _is_country, _plausible_name_or_place, names_an_organisation

PLACE_NAME = "PlaceAfterPrepositionRecognizer"


_TOWN_AFTER_STREET = re.compile(r",?[ \t]+(?:w|we|in|à|en|i|a|em|na|te|u|v|vo|ve)[ \t]+(?P<town>[^\d]+)$")


# Round 14: an office named where something happens, then a comma and its address ("školení probíhá na
# Magistrátu města Brna, Dominikánské náměstí 1", "im Rathaus Neukölln, Karl-Marx-Straße 83"): the office's
# address, no one's home. Not a contact's lines ("Sarpsborg kommune, Boks 237, N-1702 Sarpsborg": no preposition).
_ORGANISATION_BEFORE = re.compile(
    r"(?<![\w])(?i:na|v|ve|vo|w|we|at|in|im|am|au|à|en|al|alla|nel|nella|no|în|la|в|на|bei|beim|op|i|på|u|pri)"
    r"[ \t]+(?P<words>(?:[^\s,.;:!?()]+[ \t]+){0,3}[^\s,.;:!?()]+)[ \t]*,[ \t]*$"
)


def _an_organisations_address(text: str, start: int) -> bool:
    before = _ORGANISATION_BEFORE.search(text[max(0, start - 80) : start])
    if not before:
        return False
    words = before.group("words")
    return names_an_organisation(words) and not _RELATIVE_OR_CLIENT.search(words)


def _address_span(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """The address, without the words after it that name no town: "14 Station Road in March",
    "Storgata 5 i Norge" end at the street; none after an organisation's name and a comma."""
    if _an_organisations_address(text, start):
        return None
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
    number = patterns.SCHOOL_NUMBER.match(text, start, end)  # "2ο Γυμνάσιο Αιγάλεω"
    named_from = number.end() if number else start
    kind = _A_SCHOOLS_KIND.match(text, named_from, end)  # "scuola media Giovanni Pascoli" (round 14)
    named_from = kind.end() if kind else named_from
    words = [word.strip(".,'’").casefold() for word in text[named_from:end].split()]
    if words[0] in patterns.MONTHS or words[0] in patterns.NOT_PLACES:
        return None
    if any(
        word in patterns.ORGANISATION_WORDS and word not in _PLACE_KINDS and not patterns.SCHOOL_WORD.fullmatch(word)
        for word in words
    ):
        return None
    if _SCHOOLS_AFTER.match(text, end):
        return None  # "Year 10 at Ravnstad schools": the town's schools, no one school
    if len(words) == 1 and words[0] in _KINDS_OF_SCHOOL:
        return None  # "die 9. Klasse der Gesamtschule", "Year 9 at Grammar": a kind of school, not one
    return _address_span(text, start, end) if _plausible_name_or_place(text[named_from:end]) else None


_A_SCHOOLS_KIND = re.compile(rf"{patterns.SCHOOL_WORD.pattern}[ \t]+{patterns.KIND_OF_SCHOOL}[ \t]+")


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


# A sentence ends at a full stop, not at an initial's ("Matka, Anna K., pracuje w…").
_SENTENCE_END = re.compile(r"(?<![\s.(][A-ZÀ-Þ])[.!?](?![\w,])|\n")
# Relatives, and the words for a young person that name no profession too ("youth worker",
# "jeune" in "les jeunes", "Jugendarbeiter" are practitioners').
_CLIENTS = frozenset(PERSON_WORDS) - frozenset(
    "youth student participant mentee jeune adolescent jugendliche jugendlicher teilnehmer teilnehmerin jongere "
    "deelnemer ungdomen ungdommen giovane studente studentessa joven jovem nuori".split()
)
_RELATIVE_OR_CLIENT = re.compile(
    rf"(?<![\w])(?i:{'|'.join(map(re.escape, sorted([*patterns.KIN_WORDS, *_CLIENTS], key=len, reverse=True)))})"
    r"(?i:s)?(?![\w])"  # "The girls attend St Anne's College"
)


def _a_relatives_workplace(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A workplace after "works at", "travaille comme caissière au"... (or a school after "attends"):
    a relative's or a young person's, not a practitioner's ("the mentor works at Exit Sweden",
    "She works at Fryshuset as a mentor": practitioners' workplaces are the practice's partners).
    See ``_worked_by_a_client``."""
    if not _worked_by_a_client(text, start):
        return None
    if _PRACTITIONERS_ROLE_AFTER.match(text, end) and _nearest_is_a_pronoun(text, start):
        return None  # "She works at Fryshuset as a mentor"; "His father works at Tesco as a security officer" is his
    return _a_named_place(text, start, end, doc)


def _nearest_is_a_pronoun(text: str, start: int) -> bool:
    """Whether no one or only a pronoun is named before ``start`` in the sentence."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 160), start)), default=0)
    named = _people_named(text[max(sentence_start, start - 160) : start])
    return not named or named[-1][1] == "pronoun"


def _not_a_practitioners_place(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A school, mosque or club a person attends ("He attended the Al-Noor Mosque"), unless a
    practitioner is the one nearest before it in the sentence ("Our staff attend the Al-Huda
    Mosque open day")."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 160), start)), default=0)
    named = _people_named(text[max(sentence_start, start - 160) : start])
    if named and named[-1][1] == "practitioner":
        return None
    return _a_named_place(text, start, end, doc)


# Practitioners, the practice's own people: their workplace is no one's secret ("After Karim's
# arrest, the youth worker who works at Fryshuset called us").
_PRACTITIONERS = re.compile(
    r"(?<![\w])(?i:mentors?|coach|youth[ \t]+workers?|social[ \t]+workers?|case[ \t]*workers?|coordinators?|"
    r"counsell?ors?|probation[ \t]+officers?|police[ \t]+officers?|officers?|staff|team|teams|colleagues?|we|our|"
    r"éducat(?:eur|rice)s?|référente?s?|conseill(?:er|ère)s?|animat(?:eur|rice)s?|travailleurs?[ \t]+sociaux|"
    r"travailleur[ \t]+social|assistante?s?[ \t]+sociales?|équipe|nous|cpip|"
    r"mentorin|sozialarbeiter(?:in)?|berater(?:in)?|fachkraft|kolleg(?:e|in)|bewährungshelfer(?:in)?|streetworker(?:in)?|"
    r"wir|jongerenwerker|wijkagent|casemanager|begeleider|hulpverlener|wij|"
    r"fältassistent(?:en)?|socialsekreterare(?:n)?|handläggare(?:n)?|sagsbehandler(?:en)?|rådgiver(?:en)?|"
    r"miljøterapeut(?:en)?|konsulent(?:en)?|vi|"
    r"educador(?:a)?|trabajador(?:a)?[ \t]+social|técnic[oa]|psicólog[oa]|equipo|nosotros|"
    r"educat(?:ore|rice)|assistente[ \t]+sociale|mentore|operat(?:ore|rice)|coordinat(?:ore|rice)|noi|"
    r"equipa|nós|pedagog|kurator(?:ka)?|pracownik[ \t]+socjalny|zespół|"
    r"ohjaaja|työntekijä|sosiaalityöntekijä|mentori|"
    # Romanian, Hungarian, Greek ("el" and "mi" are Spanish's article and Italian's "me" too)
    r"mentorul|mentora|asistentul[ \t]+social|asistenta[ \t]+socială|consilierul|consiliera|echipa|colegul|colega|"
    r"noi|szociális[ \t]+munkás|mentorunk|csapat|kolléga|munkatárs|κοινωνικός[ \t]+λειτουργός|"
    r"κοινωνική[ \t]+λειτουργός|ομάδα|συνάδελφος|εμείς)(?![\w])"
)
# Pronouns that stand for a person already named: the workplace is theirs when that person is a
# relative or a young person ("His mother, Samira, raised him alone. She works at Lidl").
_PRONOUNS = re.compile(
    r"(?<![\w])(?i:he|she|il|elle|er|sie|hij|zij|ze|han|hon|hun|él|ella|lui|lei|ele|ela|hän|ea|ő|αυτός|αυτή)(?![\w])"
)


# A practitioner's role after the workplace: "works at Kruispunt, a youth organisation, as coordinator".
_PRACTITIONERS_ROLE_AFTER = re.compile(
    r"[^.!?\n]{0,60}?(?<![\w])(?i:as|als|comme|som|come|como|jako)[ \t]+"
    r"(?:(?i:a|an|un|une|ein|eine|een|en|et|uno|una|um|uma)[ \t]+)?(?:[\w-]+[ \t]+)?"
    + _PRACTITIONERS.pattern.removeprefix(r"(?<![\w])")
)


def _people_named(text: str) -> list[tuple[int, str]]:
    """Where ``text`` names someone, in order: a relative or a young person (``client``), a
    practitioner, or a pronoun."""
    from ..given_names import _known_name, _never_a_name  # Faker's lists: loaded by warm_up() or the first check

    found = [(m.end(), "practitioner") for m in _PRACTITIONERS.finditer(text)]
    found += [(m.end(), "pronoun") for m in _PRONOUNS.finditer(text)]
    found += [(m.end(), "client") for m in _RELATIVE_OR_CLIENT.finditer(text)]
    found += [
        (m.end(), "client")
        for m in re.finditer(rf"\b[{patterns.UPPER}][\w-]+", text)
        if _known_name(m.group()) and not _never_a_name(m.group().casefold(), set())
    ]
    return sorted(found)


def _worked_by_a_client(text: str, start: int) -> bool:
    """Whether the person nearest before ``start`` in the sentence is a relative, a young person
    or someone named, not a practitioner; a pronoun stands for any relative, young person or
    someone named before it in the sentence (a missed workplace costs more than a click), or else
    for the person named last in the sentence before, or for anyone when no one is named there."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 160), start)), default=0)
    named = _people_named(text[max(sentence_start, start - 160) : start])
    if named and named[-1][1] != "pronoun":
        return named[-1][1] == "client"
    if not named:
        return False
    earlier = [kind for _, kind in named if kind != "pronoun"]
    if earlier:  # "The father told the mentor he works at…": he may be either, so it is reported
        return "client" in earlier
    previous_start = max(
        (m.end() for m in _SENTENCE_END.finditer(text, max(0, sentence_start - 240), max(0, sentence_start - 1))),
        default=0,
    )
    before = [kind for _, kind in _people_named(text[max(previous_start, sentence_start - 240) : sentence_start])]
    before = [kind for kind in before if kind != "pronoun"]
    # No one named in the sentence before ("She works as a cashier at Lidl" opening a text): she may
    # be the mentor or the mother; a missed workplace costs more than a click, so it is reported.
    return not before or before[-1] == "client"


def _a_prison(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A prison after a word for being held in it: not a month, a country, or an organisation
    that is no prison ("sitter i Stockholms kommun"); after a verb that offices and meetings take
    too ("sitzt in", "sitter i", "held in"), only a name with a prison's word."""
    words = [word.strip(".,'’").casefold() for word in text[start:end].split()]
    if words[0] in patterns.MONTHS or words[0] in patterns.NOT_PLACES:
        return None
    if any(word in patterns.ORGANISATION_WORDS and word not in patterns.PRISON_WORDS for word in words):
        return None
    if any(word in patterns.PRISON_WORDS or word.endswith(_PRISON_ENDINGS) for word in words):
        return start, end
    if patterns.SITTING_BEFORE.search(text, max(0, start - 40), start):
        return None  # "Die Beratungsstelle sitzt in Bonn", "The training was held in Vienna"
    return _plausible_place(text, start, end, doc)


# Prisons' names written as one word: "Kumlaanstalten", "Hallfängelset", "Horsensfængsel".
_PRISON_ENDINGS = tuple(word for word in patterns.PRISON_WORDS if len(word) >= 6)


# Above the NER's 0.85, which Presidio would otherwise keep alone on the same span: a school the
# NER calls a place ("Kvarnbyskolan") is then a loose finding, dropped when no cue it knows is near.
INSTITUTION_SCORE = 0.9


def institution_recognizers(language: str) -> list[EntityRecognizer]:
    """A school after a pupil's class, a mosque, church or club after a word for attending, a
    relative's workplace (patterns.SCHOOL_OF_A_PUPIL...): tied to a person, reported as places."""
    return [
        RegexRecognizer(
            entity=LOCATION,
            regexes=[
                patterns.SCHOOL_OF_A_PUPIL,
                patterns.SCHOOL_OF_A_PUPIL_IN_A_BARE_CLASS,
                patterns.INSTITUTION_OF_A_PERSON,
                patterns.SCHOOL_IN_A_CASE_ENDING,
            ],
            score=INSTITUTION_SCORE,
            language=language,
            name="AttendedPlaceRecognizer",
            accept=_not_a_practitioners_place,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.WORKPLACE_OF_A_PERSON, patterns.SCHOOL_OF_AN_ATTENDER],
            score=INSTITUTION_SCORE,
            language=language,
            name="WorkplaceRecognizer",
            accept=_a_relatives_workplace,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.PRISON_OF_A_PERSON],
            score=INSTITUTION_SCORE,
            language=language,
            name="PrisonRecognizer",
            accept=_a_prison,
        ),
    ]


def _a_persons_birth(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """A year or a place after a word for being born, unless a project, an organisation or an
    idea is what was born (patterns.a_thing_is_born)."""
    if patterns.a_thing_is_born(text[max(0, start - 120) : start]):
        return None
    return start, end


def _a_persons_birthplace(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    return _a_persons_birth(text, start, end, doc) and _a_persons_place(text, start, end, doc)


_CASE_ENDINGS = re.compile(
    r"(?:ssa|ssä|sta|stä|lla|llä|lta|ltä|ban|ben|ból|ből|ról|ről|st|lt|on|en|ön|s|l|n|oje|ėje|yje|uje|iuose|uose|e|ā|ē|ī|ū|os|ās|ēs|īs)$"
)


def _a_persons_place_in_a_case_ending(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """ "asuu Hervannassa", "elab Tartus", "él Miskolcon": not a country in its case ending
    ("asuu Suomessa", "kotoisin Somaliasta", "Turkissa", "Eestis", "Magyarországon")."""
    word = text[start:end]
    for ending in _CASE_ENDINGS.finditer(word):
        stem = word[: ending.start()]
        # the stem as the country is named: "Suome-" for Suomi, "Turki-" for Turkki
        # and Lithuanian's "Lietuv-" for Lietuva
        variants = {stem, stem[:-1] + "i", stem[:-2] + stem[-2] + stem[-2:] if len(stem) > 2 else stem, stem + "a"}
        if any(_is_country(variant) for variant in variants if variant):
            return None
    return _a_persons_place(text, start, end, doc)


def _town_of_initials(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """The town after "A.K. from": not after a degree ("a B.A. from Ghent", "her M.A. from Leeds")."""
    if _A_DEGREE.search(text, max(0, start - 40), start):
        return None
    return _a_persons_place(text, start, end, doc)


_A_DEGREE = re.compile(rf"(?<![\w])(?i:an?|her|his|their|my|our|a[ \t]+\w+)[ \t]+{patterns.INITIALS}[^.\n]*$")


def _town_of_a_given_name_and_initial(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    """The town after "Kamil S.": when the word before the initial is a known given name."""
    from ..given_names import _known_name  # Faker's lists: loaded by warm_up() or the first check

    given = patterns.GIVEN_INITIAL_BEFORE.search(text, max(0, start - 80), start)
    if not given or not _known_name(given.group("given")):
        return None
    return _a_persons_place(text, start, end, doc)


def birth_and_initials_recognizers(language: str) -> list[EntityRecognizer]:
    """A year and a place of birth ("born 2003 in Grimsby", "classe 2005"), a place in a case
    ending after a word for living ("asuu Hervannassa", "elab Tartus", "él Miskolcon"), the town
    of a person's initials ("A.K. from Hartlepool", "Kamil S. z Wadowic")."""
    return [
        RegexRecognizer(
            entity=DATE_OF_BIRTH,
            regexes=[patterns.BIRTH_YEAR],
            score=0.85,
            language=language,
            name="BirthYearRecognizer",
            accept=_a_persons_birth,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.BIRTH_PLACE],
            score=INSTITUTION_SCORE,  # above the NER's, which would keep its loose reading of the same span
            language=language,
            name="BirthPlaceRecognizer",
            accept=_a_persons_birthplace,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.PLACE_IN_A_CASE_ENDING],
            score=INSTITUTION_SCORE,
            language=language,
            name="PlaceInACaseEndingRecognizer",
            accept=_a_persons_place_in_a_case_ending,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.INITIALS_WITH_TOWN],
            score=INSTITUTION_SCORE,
            language=language,
            name="TownOfInitialsRecognizer",
            accept=_town_of_initials,
        ),
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.GIVEN_INITIAL_WITH_TOWN],
            score=INSTITUTION_SCORE,
            language=language,
            name="TownOfGivenNameAndInitialRecognizer",
            accept=_town_of_a_given_name_and_initial,
        ),
    ]


def place_and_date_recognizers(language: str) -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            entity=LOCATION,
            regexes=[patterns.STREET_ADDRESS, patterns.POSTCODE_ADDRESS, patterns.STREET_AFTER_CUE],
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


# Platforms one "lives" on, in any case ending ("žive na Facebooku", "lebt auf TikTok"), round 13.
_PLATFORM = re.compile(
    r"(?i:facebook|instagram|tiktok|youtube|telegram|discord|snapchat|whatsapp|twitter|reddit|twitch|roblox|"
    r"steam|signal|threads|vkontakte|odnoklassniki)[^\W\d_]{0,4}"
)


def _plausible_place(text: str, start: int, end: int, doc=None) -> tuple[int, int] | None:
    word = text[start:end].lower()
    if word in patterns.NOT_PLACES or word.rstrip(".") in patterns.MONTHS or _PLATFORM.fullmatch(word):
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
