"""A practitioner's small place after the role: "Der Jugendsozialarbeiter aus Kleinhausen", "the
youth worker from Nordby", "l'éducateur de Saint-Firmin", "de jongerenwerker uit Zandvoort-Noord".

The product owner's decision (docs/ANONYMISATION.md, "A practitioner's small place"): in a small
community a role and the place name one person, so the place is a LOCATION finding (a hint to the
moderator: a false alarm costs a click, a missed identity is the worst bug). A large town, one of
GeoNames' towns of 5,000 people or more (``towns.towns()``), is no finding by this rule ("der
Streetworker aus Berlin", "the youth worker from Rotterdam"): many people hold the role there. An
organisation after the role is none either ("der Streetworker aus dem Jugendzentrum", "the youth
worker from the Youth Centre"): an article, or an organisation's word, comes before or in it.

The roles are those of the languages the checker knows practitioners in (``places._PRACTITIONERS``,
``hints.ROLES``), with the compounds of German, Dutch and the Scandinavian languages
("Schulsozialarbeiterin", "straathoekwerker", "SSP-konsulenten"); Finnish and Hungarian write the
place in a case ending without a preposition and are not read.
"""

import functools
import re

from presidio_analyzer import LocalRecognizer

from .. import patterns
from ..findings import LOCATION
from ..towns import towns
from .base import _plausible_name_or_place, _result, names_an_organisation

PRACTITIONERS_PLACE_NAME = "PractitionersPlaceRecognizer"
SCORE = 0.9  # a pattern's: above the NER's, whose reading of the same span ("Saint-Firmin" a person) loses

# Heads of compound roles, written as one word with what they work on ("Jugendsozialarbeiter",
# "Schulsozialarbeiterin", "straathoekwerker", "SSP-konsulenten", "fritidsledare").
_COMPOUND_HEADS = (
    r"arbeiter(?:in|innen)?|pädagog(?:e|in|en|innen)|berater(?:in|innen)?|betreuer(?:in|innen)?|"
    r"helfer(?:in|innen)?|lehrer(?:in|innen)?|trainer(?:in|innen)?|worker(?:in|innen|s)?|polizist(?:in|en)?|"
    r"werk(?:er|ster|ers)|medewerker(?:s)?|agent(?:e|en)?|assistent(?:en|ene|erna)?|sekreterare(?:n)?|"
    r"terapeut(?:en|er)?|rådgiver(?:en|e)?|rådgivare(?:n)?|arbejder(?:en|e)?|arbeider(?:en|e)?|"
    r"medarbejder(?:en|e)?|konsulent(?:en|er)?|ledare(?:n)?|leder(?:en|e)?|pedagog(?:en|er)?|lærer(?:en|e)?|"
    r"lärare(?:n)?|handläggare(?:n)?|behandler(?:en|e)?|hulpverlener(?:s)?|begeleider(?:s)?"
)
# Roles of one or more words, as each language writes them (lower case; matched in any case).
_ROLES = (
    # English
    "youth workers?|social workers?|street workers?|streetworkers?|outreach workers?|case ?workers?|"
    "family workers?|support workers?|mentors?|coach(?:es)?|imams?|priests?|pastors?|vicars?|chaplains?|rabbis?|"
    "head ?teachers?|teachers?|headmaster|principal|counsell?ors?|counselors?|probation officers?|"
    "police officers?|prevention officers?|liaison officers?|community officers?|nurses?|doctors?|"
    "psychologists?|coordinators?|librarians?|"
    # German
    "streetworker(?:in|innen)?|mentor(?:in|innen)|imame?|pfarrer(?:in)?|rabbiner(?:in)?|ärztin|arzt|"
    "psycholog(?:e|in)|koordinator(?:in)?|beamtin|beamter?|"
    # French
    "éducat(?:eur|rice)s?(?: spécialisée?s?| de rue)?|animat(?:eur|rice)s?|médiat(?:eur|rice)s?|"
    "assistante?s? sociale?s?|travailleu(?:r|se)s? sociale?s?|travailleurs sociaux|conseill(?:er|ère)s?|"
    "référente?s?|prêtres?|pasteurs?|curés?|aumôniers?|rabbins?|enseignante?s?|professeure?s?|"
    "institut(?:eur|rice)s?|polici(?:er|ère)s?|gendarmes?|infirmi(?:er|ère)s?|psychologues?|médecins?|"
    "coordinat(?:eur|rice)s?|"
    # Dutch
    "jongerenwerkers?|straathoekwerkers?|wijkagent(?:en)?|maatschappelijk werkers?|casemanagers?|leraar|"
    "leraren|docent(?:en)?|predikant|dominee|pastoor|"
    # Swedish, Danish, Norwegian
    "fältassistent(?:en)?|socialsekreterare(?:n)?|kurator(?:n)?|socialrådgiver(?:en)?|miljøterapeut(?:en)?|"
    "sagsbehandler(?:en)?|sosialarbeider(?:en)?|imam(?:en)|präst(?:en)?|præst(?:en)?|prest(?:en)?|"
    "polis(?:en)|politibetjent(?:en)?|"
    # Spanish, Italian, Portuguese
    "educador(?:a|es|as)?(?: social(?:es)?| de calle)?|trabajador(?:a)? social|mediador(?:a)?|monitor(?:a)?|"
    "técnic[oa]|psicólog[oa]|profesor(?:a)?|maestr[oa]|imán|sacerdote|párroco|"
    "educat(?:ore|rice)(?: di strada| professionale)?|operat(?:ore|rice)|assistente sociale|mediat(?:ore|rice)|"
    "animat(?:ore|rice)|insegnante|professor(?:e|essa)|parroco|prete|psicolog[oa]|"
    "assistente social|animador(?:a)?|professor(?:a)?|"
    # Polish, Romanian, Greek
    "pedagog(?:ul)?|kurator(?:ka)?|pracownik socjalny|wychowawc(?:a|zyni)|nauczyciel(?:ka)?|dzielnicowy|"
    "ksiądz|psycholog|asistentul social|asistenta socială|consilierul|consiliera|mentorul|mentora|profesorul|"
    "profesoara|preotul|imamul|educatorul|educatoarea|mediatorul|polițistul|"
    "κοινωνικ(?:ός|ή) λειτουργός|ψυχολόγος|εκπαιδευτικός|δάσκαλ(?:ος|α)|ιερέας|ιμάμης"
)
# The words for "from" (or "of", for a place) that tie a role to its place, in those languages.
_FROM = r"(?:from|aus|de|d['’]|uit|van|från|fra|da|di|do|z|ze|din|από)"
# A place's name: capitalised words, hyphenated ("Saint-Firmin", "Zandvoort-Noord",
# "Saint-Jean-de-Luz"), with a particle inside ("Villanueva del Rebollar", "Frankfurt am Main").
_WORD = (
    rf"[{patterns.UPPER}][{patterns.LOWER}]+(?:-(?:[{patterns.LOWER}]+-){{0,2}}[{patterns.UPPER}][{patterns.LOWER}]+)*"
)
_PARTICLE = r"(?:de|del|de la|di|da|do|dos|das|sur|sous|en|am|an der|im|upon|on|aan|aan de|bei|ob|pri)"
ROLE_AND_PLACE = re.compile(
    rf"(?<![\w-])(?:(?i:{_ROLES})|[{patterns.UPPER}{patterns.LOWER}][\w-]*?(?i:{_COMPOUND_HEADS}))"
    rf"[ \t]+(?P<from>(?i:{_FROM}))[ \t]*(?<=['’ \t])"
    rf"(?P<place>{_WORD}(?:[ \t]+{_WORD})?(?:[ \t]+{_PARTICLE}[ \t]+{_WORD})?)(?![\w'’-])"
)
# The words for "from" after which a town is declined ("z Warszawy", "z Krakowa", "από Αθήνα"): a big
# town is known by its stem there. (The recogniser's language is the model's, not the practice's.)
_DECLINING = frozenset("z ze από".split())


@functools.cache
def _stems() -> frozenset[str]:
    """GeoNames' towns of one word without their last one or two letters ("Warszaw", "Warsza")."""
    return frozenset(stem for name in towns() if " " not in name and len(name) >= 5 for stem in (name[:-1], name[:-2]))


def a_large_town(place: str, preposition: str = "") -> bool:
    """Whether ``place`` is a GeoNames town of 5,000 people or more (or a big town's name in another
    language), or, after a preposition that declines it, a form of one ("z Warszawy", "z Krakowa")."""
    if place in towns():
        return True
    if preposition.casefold() not in _DECLINING or " " in place or len(place) < 5:
        return False
    return any(place[:-cut] in towns() or place[:-cut] in _stems() for cut in (1, 2, 3))


def _not_a_small_place(place: str, preposition: str) -> bool:
    from ..given_names import _known_name  # Faker's lists: loaded by warm_up() or the first check

    first = place.split()[0]
    return (
        a_large_town(place, preposition)
        or not _plausible_name_or_place(place)
        or names_an_organisation(place)
        or first.casefold() in patterns.MONTHS
        or first.casefold() in patterns.NOT_PLACES
        or (_known_name(first) and "-" not in first)  # "l'éducatrice de Léa", "de mentor van Daan": a person
    )


def town_after_a_role(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a large town right after a role and "from" ("The youth worker from
    Rotterdam"): a place, no person."""
    for match in ROLE_AND_PLACE.finditer(text, max(0, start - 80), min(len(text), end + 80)):
        if match.span("place") == (start, end) and a_large_town(match.group("place"), match.group("from")):
            return True
    return False


class PractitionersPlaceRecognizer(LocalRecognizer):
    """A small place after a practitioner's role and "from" (module docstring)."""

    def __init__(self, language: str):
        super().__init__(supported_entities=[LOCATION], supported_language=language, name=PRACTITIONERS_PLACE_NAME)

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        return [
            _result(self, LOCATION, *match.span("place"), SCORE)
            for match in ROLE_AND_PLACE.finditer(text)
            if not _not_a_small_place(match.group("place"), match.group("from"))
        ]
