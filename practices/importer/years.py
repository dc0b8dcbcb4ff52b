"""Years in free text: when a practice started, ended, was last updated."""

import datetime
import functools
import re

from .text import fold

# Four digits standing alone; a year when the practice's year fields allow it (``year_bounds``).
_YEAR = re.compile(r"(?<![\d.,])(\d{4})(?!\d|[.,]\d)")
# A range of years (in folded text): "2015-2019", "2016-17", "from 2016 to 2020", "de 2013 a 2017",
# "von 2014 bis 2018", "between 2015 and 2019", "2018 – December 2021" (a word before the end year); in
# the other languages whose labels are read: "dal 2017 al 2021", "od 2015 do 2019", "fra 2014 til 2018",
# "desde 2012 hasta 2016", "de 2015 até 2019", "din 2016 până în 2020", "от 2015 до 2019", "nuo 2015 iki 2019",
# "no 2016. gada līdz 2020.", "από τον Σεπτέμβριο 2017 έως τον Δεκέμβριο 2020"; a month before the end year
# as a word or a number ("2018 – December 2021", "09/2017 - 12/2020"); a year may have the full stop Croatian,
# Latvian or Hungarian write after it ("od 2020. do 2023.", "2016.–2020.").
_RANGE = re.compile(
    r"(?<!\d)(?P<start>\d{4})\.?(?:[-–—](?P<short>\d\d)(?!\d)|(?:\s*[-–—]\s*|\s+(?:gada\s+)?(?P<word>to|a|au|al|"
    r"ate|bis|do|hasta|til|tot|till|and|et|und|pana (?:in|la)|до|iki|lidz|εω[σς]|μεχρι)\s+)(?:(?:τον|την|το)\s+)?"
    r"(?:[^\W\d_]+\.?\s+|\d{1,2}[/.])?"
    r"(?P<end>\d{4})(?![\d/.,]\d|\d))"
)
_BETWEEN = re.compile(r"\b(?:between|entre|zwischen)\s+$")
# Words saying the practice goes on after a range of years ("2014-2019 pilot, 2020 onwards",
# "since 2021 part of the city's programme"; not "since the attacks", which says why it began).
_ONGOING = re.compile(
    r"\b(?:ongoing|on-going|onwards|present|to date|still|continu\w*|en cours|toujours|aujourd'hui|"
    r"a ce jour|se poursuit|heute|laufend|fortlaufend|in corso|en curso|em curso|dosud|nadal|"
    r"in prezent|in desfasurare|i dalje|do danas|u tijeku|doteraz|dodnes|до момента|досега|продължава|"
    r"joprojam|lidz sim|iki siol|tebevyksta|σημερα|heden|nu|pagaende|obecnie|"
    r"(?:since|depuis|seit|dal|desde)\s+(?:[a-z]+\s+)?(?:19|20)\d\d)\b"
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


def _numbers_in_words() -> dict[str, int]:
    """The numbers a year written in words ends with, as written (folded), in English (1 to 99) and French
    (1 to 39): "nineteen", "twenty-one", "twenty one", "dix-neuf", "vingt et un", "vingt-et-un"."""
    english_units = "one two three four five six seven eight nine".split()
    english_teens = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    english_tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    french_units = "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
    numbers = {word: value for value, word in enumerate([*english_units, *english_teens], start=1)}
    numbers |= {word: value for value, word in enumerate(french_units, start=1)}
    numbers |= {f"dix-{unit}": 10 + value for value, unit in enumerate(french_units[6:9], start=7)}
    for tens, unit_words, first in ((english_tens, english_units, 20), (("vingt", "trente"), french_units[:9], 20)):
        for step, ten in enumerate(tens):
            numbers[ten] = first + 10 * step
            for value, unit in enumerate(unit_words, start=1):
                joined = f"{ten} et {unit}" if unit == "un" else f"{ten}-{unit}"
                numbers[joined] = first + 10 * step + value
    return numbers | {word.replace("-", " "): value for word, value in numbers.items()}


_NUMBERS = _numbers_in_words()
_NUMBER = "|".join(sorted(map(re.escape, _NUMBERS), key=len, reverse=True))
# A year in words: "two thousand and nineteen", "twenty nineteen", "nineteen ninety-eight", "deux mille dix-neuf".
_YEAR_IN_WORDS = re.compile(
    rf"\b(?:(?P<thousands>two thousand|deux mille)(?:(?:\s+and)?[\s-]+(?P<rest>{_NUMBER}))?"
    rf"|(?P<century>nineteen|twenty)[\s-]+(?P<decade>{_NUMBER}))\b"
)


def _year_digits(match: re.Match) -> str:
    if match.group("thousands"):
        return str(2000 + _NUMBERS.get(match.group("rest") or "", 0))
    decade = _NUMBERS[match.group("decade")]
    return str(_NUMBERS[match.group("century")] * 100 + decade) if decade >= 10 else match.group(0)


# A month and its year written with a full stop between them, as German and Central European writers date
# ("09.2017 – 12.2020"): the full stop would read the year as a decimal's digits.
_MONTH_DOT_YEAR = re.compile(r"(?<![\d.,])(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?![\d.,]\d|\d)")


# A school or academic year: two years in a row with a slash ("2019/20", "2019/2020"). It stands for its first year,
# or for its second as the end of a range ("2019/20 – 2022/23": from 2019 to 2023).
_SCHOOL_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)/(\d\d|(?:19|20)\d\d)(?![\d/]|[.,]\d)")
_RANGE_BEFORE = re.compile(
    r"(?:[-–—]|\b(?:to|a|au|al|ate|bis|do|hasta|til|tot|till|until|pana (?:in|la)|jusqu'en|jusqu'a|до|iki|lidz))\s*"
    r"(?:(?:the|l'annee|das|schuljahr|school|academic|year|annee|scolaire)\s+)*$"
)


def _school_year(text: str, match: re.Match) -> str:
    first, second = int(match.group(1)), match.group(2)
    later = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if later != first + 1:
        return match.group(0)  # not two years in a row: no school year
    return str(later if _RANGE_BEFORE.search(text, 0, match.start()) else first)


def with_year_digits(text: str) -> str:
    """``text`` (folded) with the years written in words written in digits ("two thousand and nineteen": 2019), a
    month before a year written "09/2017" instead of "09.2017", and a school year ("2019/20") as one year."""
    text = _MONTH_DOT_YEAR.sub(r"\1/\2", _YEAR_IN_WORDS.sub(_year_digits, text))
    return _SCHOOL_YEAR.sub(lambda match: _school_year(text, match), text)


def years_in(text: str) -> list[int]:
    """Plausible years (those a practice may hold) in order of appearance, in digits or in words."""
    return [int(match) for match in _YEAR.findall(with_year_digits(fold(text))) if _plausible(int(match))]


def start_year(text: str) -> int | None:
    """The earliest plausible year in the text."""
    years = years_in(text)
    return min(years) if years else None


def end_year(text: str) -> int | None:
    """The year the text says the practice ended ("ended in 2019", "jusqu'en
    2019", "a pris fin en 2019", "2015-2019"), or None if it goes on."""
    folded = with_year_digits(fold(text))
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
