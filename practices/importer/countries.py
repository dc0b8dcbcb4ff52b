"""Country names in English, French or the country's own languages -> ISO 3166-1 alpha-2.

The names come from the Unicode CLDR through Babel; django-countries supplies
the list of ISO codes.
"""

from collections.abc import Mapping
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from django_countries.data import COUNTRIES

from .text import PhraseIndex

NAME_LOCALES = ("en", "fr")

# Everyday names that CLDR does not list as a territory's name.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("UK", "Great Britain", "Britain"),
    "CZ": ("Czech Republic", "République tchèque"),
    "NL": ("Holland", "The Netherlands"),
    "US": ("USA", "United States of America"),
    "MK": ("Macedonia",),
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
