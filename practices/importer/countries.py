"""Country names in English, French or the country's own languages -> ISO 3166-1 alpha-2.

The names come from the Unicode CLDR through Babel; django-countries supplies
the list of ISO codes.
"""

from collections.abc import Mapping
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from django_countries.data import COUNTRIES

from .instructions import TRANSLATED_LABELS
from .text import PhraseIndex

NAME_LOCALES = ("en", "fr")
# The other languages whose template labels are read ("Kraj pochodzenia", "Država izvora"): a writer names a
# neighbouring country in them too ("Hrvaška", "Ausztria", "Läti"). Read after English, French and the
# country's own languages, without the names that are an everyday word or a city in a language the portal
# reads: "Man" (the Isle of Man in Norwegian), "Tai" (Thailand in Finnish: "or"), "Norra" (Norway in Estonian:
# "northern" in Swedish), "Gana" (Ghana in Spanish: "wins"), "Indie" (India in Czech), "Granada" (Grenada
# in Spanish, a Spanish city).
OTHER_NAME_LOCALES = tuple(sorted({language for labels in TRANSLATED_LABELS.values() for language in labels}))
NOT_COUNTRY_NAMES = frozenset({"Man", "Tai", "Norra", "Gana", "Indie", "Granada"})

# Everyday names that CLDR does not list as a territory's name, and the formal names of the European states
# that do not hold their short name, in English and in their own languages, as writers put them in a form
# ("Česká republika", "Hellenic Republic", "Suomen tasavalta"; "Republika Slovenija" holds "Slovenija").
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("UK", "Great Britain", "Britain"),
    "CZ": ("Czech Republic", "République tchèque", "Česká republika"),
    "NL": ("Holland", "The Netherlands", "Koninkrijk der Nederlanden"),
    "US": ("USA", "United States of America"),
    "MK": ("Macedonia",),
    "SK": ("Slovak Republic", "Slovenská republika"),
    "GR": ("Hellenic Republic", "Ελληνική Δημοκρατία"),
    "CY": ("Κυπριακή Δημοκρατία",),
    "LT": ("Lietuvos Respublika",),
    "LV": ("Latvijas Republika",),
    "PT": ("Portuguese Republic", "República Portuguesa"),
    "FR": ("French Republic", "République française"),
    "IT": ("Italian Republic", "Repubblica Italiana"),
    "FI": ("Suomen tasavalta",),
}


def _territory_names(locale_id: str) -> Mapping[str, str]:
    try:
        return Locale.parse(locale_id).territories
    except (UnknownLocaleError, ValueError):
        return {}


def _own_languages(code: str) -> tuple[str, ...]:
    return get_official_languages(code, de_facto=True)


@lru_cache(maxsize=1)
def _index() -> PhraseIndex:
    index = PhraseIndex()  # first name added wins a clash: English, French, then own languages
    for locale_id in NAME_LOCALES:
        names = _territory_names(locale_id)
        index.add_all((names[code], code) for code in COUNTRIES if code in names)
    for code, extra in EXTRA_NAMES.items():
        index.add_all((name, code) for name in extra)
    for code in COUNTRIES:
        for language in _own_languages(code):
            name = _territory_names(language).get(code) or _territory_names(f"{language}_{code}").get(code)
            if name:
                index.add(name, code)
    for locale_id in OTHER_NAME_LOCALES:
        names = _territory_names(locale_id)
        index.add_all((names[code], code) for code in COUNTRIES if names.get(code) not in (None, *NOT_COUNTRY_NAMES))
    return index


def find_country(text: str) -> tuple[str | None, str]:
    """The ISO code of the first country named in ``text`` and the name as
    written there; (None, "") when no country is named."""
    matches, _ = _index().scan(text or "")
    if not matches:
        return None, ""
    return matches[0].key, text[matches[0].start : matches[0].end]


def country_code(text: str) -> str | None:
    """The ISO code of the first country named in ``text``, or None."""
    return find_country(text)[0]


@lru_cache(maxsize=512)
def country_names(code: str) -> tuple[str, ...]:
    """The names of country ``code`` in English, French and its own languages."""
    names: list[str] = []
    for locale_id in (*NAME_LOCALES, *_own_languages(code)):
        name = _territory_names(locale_id).get(code)
        if name and name not in names:
            names.append(name)
    return tuple(names)
