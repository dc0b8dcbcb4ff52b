"""Years in free text: when a practice started, ended, was last updated."""

import datetime
import re

from .text import fold

_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?!\d|[.,]\d)")
_RANGE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)\s*[-–—]\s*(19[5-9]\d|20\d\d)(?!\d)")
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


def _plausible(year: int) -> bool:
    return 1950 <= year <= datetime.date.today().year


def years_in(text: str) -> list[int]:
    """Plausible years (1950 to this year) in order of appearance."""
    return [int(match) for match in _YEAR.findall(text) if _plausible(int(match))]


def start_year(text: str) -> int | None:
    """The earliest plausible year in the text."""
    years = years_in(text)
    return min(years) if years else None


def end_year(text: str) -> int | None:
    """The year the text says the practice ended ("ended in 2019", "jusqu'en
    2019", "a pris fin en 2019", "2015-2019"), or None if it goes on."""
    candidates = [int(end) for _, end in _RANGE.findall(text) if _plausible(int(end))]
    for sentence in _SENTENCE_END.split(fold(text)):
        candidates += _years_ended(sentence)
    first = start_year(text)
    candidates = [year for year in candidates if first is None or year >= first]
    return max(candidates) if candidates else None


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
    years = years_in(text)
    return max(years) if years else None
