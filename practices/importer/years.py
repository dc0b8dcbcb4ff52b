"""Years in free text: when a practice started, ended, was last updated."""

import datetime
import functools
import re

from .text import fold

# Four digits standing alone; a year when the practice's year fields allow it (``year_bounds``).
_YEAR = re.compile(r"(?<![\d.,])(\d{4})(?!\d|[.,]\d)")
# A range of years (in folded text): "2015-2019", "2016-17", "from 2016 to 2020", "de 2013 a 2017",
# "von 2014 bis 2018", "between 2015 and 2019", "2018 – December 2021" (a word before the end year).
_RANGE = re.compile(
    r"(?<!\d)(?P<start>\d{4})(?:[-–—](?P<short>\d\d)(?!\d)|(?:\s*[-–—]\s*|\s+(?P<word>to|a|au|bis|tot|till|"
    r"and|et|und)\s+)(?:[a-z]+\.?\s+)?(?P<end>\d{4})(?![\d/.,]\d|\d))"
)
_BETWEEN = re.compile(r"\b(?:between|entre|zwischen)\s+$")
# Words saying the practice goes on after a range of years ("2014-2019 pilot, 2020 onwards",
# "since 2021 part of the city's programme"; not "since the attacks", which says why it began).
_ONGOING = re.compile(
    r"\b(?:ongoing|on-going|onwards|present|to date|still|continu\w*|en cours|toujours|aujourd'hui|"
    r"a ce jour|se poursuit|heute|laufend|fortlaufend|(?:since|depuis|seit)\s+(?:[a-z]+\s+)?(?:19|20)\d\d)\b"
)
_SENTENCE_END = re.compile(r"[.;!?\n]+(?:\s|$)")
# Words saying the practice ended (folded: no accents, lower case). "until"
# and the like name the end year after them; the others may also follow it
# ("in 2019 the practice ended").
_UNTIL = r"until|till|jusqu'en|jusqu'a|jusqu'au"
_ENDED = re.compile(
    rf"\b(?:(?P<until>{_UNTIL})|ended|ending|came to an end|come to an end|was discontinued|discontinued|"
    r"stopped|no longer active|a pris fin|pris fin|prend fin|termine\w*|s'est acheve\w*|acheve\w*|"
    r"s'est arrete\w*|arrete\w*|a cesse|cesse en)\b"
)
_STILL_GOING = re.compile(r"\s*(?:now|today|present|the present|date|aujourd|maintenant|ce jour|nos jours)\b")


@functools.cache
def year_bounds() -> tuple[int, int]:
    """The first and last year a practice's year fields allow (their validators: 1900 to 2100), so
    that a practice planned to run until a later year keeps it."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    from practices.models import Practice

    validators = Practice._meta.get_field("start_year").validators
    low = next(v.limit_value for v in validators if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return int(low), int(high)


def _plausible(year: int) -> bool:
    low, high = year_bounds()
    return low <= year <= high


def years_in(text: str) -> list[int]:
    """Plausible years (those a practice may hold) in order of appearance."""
    return [int(match) for match in _YEAR.findall(text) if _plausible(int(match))]


def start_year(text: str) -> int | None:
    """The earliest plausible year in the text."""
    years = years_in(text)
    return min(years) if years else None


def end_year(text: str) -> int | None:
    """The year the text says the practice ended ("ended in 2019", "jusqu'en
    2019", "a pris fin en 2019", "2015-2019"), or None if it goes on."""
    folded = fold(text)
    candidates = [year for year in _range_ends(folded) if _plausible(year)]
    for sentence in _SENTENCE_END.split(folded):
        candidates += _years_ended(sentence)
    first = start_year(text)
    candidates = [year for year in candidates if first is None or year >= first]
    return max(candidates) if candidates else None


def _range_ends(folded: str) -> list[int]:
    """The end years of ranges of years after which the text does not say the practice goes on;
    a two-digit end year ("2016-17") in the start year's century."""
    ends = []
    for match in _RANGE.finditer(folded):
        start, short = int(match.group("start")), match.group("short")
        year = start // 100 * 100 + int(short) if short else int(match.group("end"))
        if not _plausible(start):
            continue
        between = match.group("word") not in ("and", "et", "und") or _BETWEEN.search(folded, 0, match.start())
        if year >= start and between and not _ONGOING.search(folded, match.end()):
            ends.append(year)
    return ends


def _years_ended(sentence: str) -> list[int]:
    """End years that ending words in one (folded) sentence point to."""
    found = []
    for phrase in _ENDED.finditer(sentence):
        after = sentence[phrase.end() :]
        if _STILL_GOING.match(after):
            continue
        years_after, years_before = years_in(after), years_in(sentence[: phrase.start()])
        if years_after:
            found.append(years_after[0])
        elif years_before and not phrase.group("until"):
            found.append(years_before[-1])
    return found


def latest_year(text: str) -> int | None:
    """The latest year up to this one ("2023, next review in 2030" was updated in 2023); the latest
    of all when every year is later than this one."""
    years = years_in(text)
    past = [year for year in years if year <= datetime.date.today().year]
    return max(past or years) if years else None
