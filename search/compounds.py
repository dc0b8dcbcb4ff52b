"""Compound words of the compounding practice languages, split into the words they are made of.

German, Dutch, Swedish, Danish, Norwegian, Finnish and Hungarian write a compound as one word:
"Rechtsextremismus", "radicaliseringspreventie", "avradikaliseringsarbete", "nuorisotyö",
"radikalizálódásmegelőzés". A
search for one of its words ("Extremismus") meets no token of the text, so the documents of
those languages also index the parts of their compounds (practices/indexing.py, the
``compounds`` text field), stemmed like any other field by every engine.

The split is frequency-based (Koehn & Knight, "Empirical Methods for Compound Splitting",
EACL 2003): a word is cut into parts of at least ``MIN_PART`` letters, each a known word of the
language (a linking element such as German "-s-", "-es-", "-n-", "-en-", "-er-" may follow a
part that is not the last: "Ausstieg|s|beratung"), and the cut with the highest geometric mean
of its parts' frequencies is kept when it beats the whole word's own frequency. Common words are
therefore never cut ("Beratung", "Verein"), while a compound rarer than its parts is
("Rechtsextremismus": rechts, extremismus). Frequencies come from ``wordfreq`` (its "large"
lists, the "small" one for Danish and Hungarian, which have no large list of their own), words at least as
frequent as once per ten million (Zipf 2), read from the package's files once per process and
language, only when a document of that language is indexed (docs/SEARCH.md, "Compounds").

The same field holds, in every language, the words a text writes in parts written whole
(``joined_text``): "multi-agency" is also "multiagency", "P/CVE" "PCVE", "Covid-19" "Covid19",
"Anti-Gewalt-Training" "AntiGewaltTraining" (and "AntiGewalt", "GewaltTraining"), "U.K." "UK",
and a number written with a thousands separator its digits ("1,500", "1 500", "1.500": "1500"),
so that a word typed whole finds the text that writes it apart. (The reverse needs nothing: a
query's "multi-agency" asks for its parts side by side too, search/query.py.)
"""

import re
import threading
from bisect import bisect_left
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

# Practice language -> wordfreq's language and list.
WORDLISTS: dict[str, tuple[str, str]] = {
    "de": ("de", "large"),
    "nl": ("nl", "large"),
    "sv": ("sv", "large"),
    "no": ("nb", "large"),
    "da": ("da", "small"),
    "fi": ("fi", "large"),
    "hu": ("hu", "small"),  # no large list either
}
COMPOUNDING: frozenset[str] = frozenset(WORDLISTS)

# What may join a part to the next one (besides nothing): German Fugenelemente, Dutch tussenklanken,
# the Scandinavian genitive -s- and -e-. Finnish joins its parts as they are ("nuoriso|työ").
LINKS: dict[str, tuple[str, ...]] = {
    "de": ("s", "es", "n", "en", "e", "er", "ens"),
    "nl": ("s", "e", "en"),
    "sv": ("s", "e", "a", "u"),
    "no": ("s", "e"),
    "da": ("s", "e"),
    "fi": (),
    "hu": (),  # as Finnish: "radikalizálódás|megelőzés"
}
# A German part may drop its final -e ("Schul|sozialarbeit": Schule).
DROPPED_E: frozenset[str] = frozenset({"de"})

MIN_PART = 4  # letters of a part
MIN_LAST = 3  # ... but the last part may be shorter ("Jugend|amt", "nuoriso|työ") when common:
MIN_SHORT_ZIPF = 4.8
MIN_ZIPF = 2.0  # rarer words are unknown: once per 10 million words
MIN_PART_ZIPF = 2.5  # a word of a split is at least this common (rare words are splinters: "alis")
MAX_PARTS = 4
MARGIN = 0.3  # Zipf the parts' mean must beat the whole word by ("forebygging" is not fore|bygging)
MIN_WORD = MIN_PART + MIN_LAST
# A Hungarian compound's last part has five letters or more: the word lists hold suffixes and
# their combinations as words ("ában", "ének"), and short words that read as one ("pártfogó",
# a probation officer, is no párt|fogó, party and holder; "önkéntesek" no önként|esek).
LONGER_LAST: dict[str, int] = {"hu": 5}
# Function words are no parts: "Ausstieg" is not aus|stieg, "förebyggande" not före|byggande.
STOP_WORD_LISTS: dict[str, str] = {
    "de": "german",
    "nl": "dutch",
    "sv": "swedish",
    "no": "norwegian",
    "da": "danish",
    "fi": "finnish",
    "hu": "hungarian",
}

# Suffixes a word list holds as words (a tokenizer cut "2015-ben" in two), which are no parts:
# Hungarian case endings, else "iskolákban" is iskolák|ban. An inflected compound is then split
# when its inflected last part is a known word, else not ("munkakeresésben" is not; its stem
# "munkakeresés" is found by the stemmer).
SUFFIXES: dict[str, tuple[str, ...]] = {
    "hu": tuple(
        "ban ben nak nek val vel hoz hez höz nál nél tól től ból ből ról ről ért ként kor ra re ba be"
        " on en ön an ig ul ül vá vé ként képp okkal ekkel akkal ökkel kal kel".split()
    ),
}

# The prevention field's own words, which general corpora hold rarely or never
# ("deradikalisierung": Zipf 1.6, "avradikalisering": absent): known here as ordinary words
# (``FIELD_ZIPF``), so the compounds they start or end are split like any other
# ("Deradikalisierungsprogramm": deradikalisierung, programm).
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "de": (
        "deradikalisierung",
        "radikalisierung",
        "extremismus",
        "islamismus",
        "salafismus",
        "dschihadismus",
        "distanzierung",
        "resozialisierung",
        "demokratieförderung",
        "bewährungshilfe",
    ),
    "nl": ("deradicalisering", "radicalisering", "polarisatie", "extremisme", "jihadisme", "salafisme", "reclassering"),
    "sv": ("avradikalisering", "radikalisering", "våldsbejakande", "extremism", "jihadism", "avhoppare", "frivård"),
    "no": ("avradikalisering", "radikalisering", "ekstremisme", "jihadisme", "kriminalomsorg"),
    "da": ("afradikalisering", "radikalisering", "ekstremisme", "jihadisme", "kriminalforsorg"),
    "fi": ("radikalisoituminen", "deradikalisaatio", "ääriliike", "ääriajattelu", "irtautuminen", "ennaltaehkäisy"),
    "hu": ("radikalizálódás", "radikalizáció", "deradikalizáció", "megelőzés", "szélsőségesség", "erőszakmentesség"),
}
FIELD_ZIPF = 3.0

_lock = threading.Lock()


@lru_cache(maxsize=len(WORDLISTS))
def frequencies(language: str) -> dict[str, float]:
    """Word -> Zipf frequency (log10 per billion words) of the words of ``language``'s list at
    least as frequent as ``MIN_ZIPF``, function words left out, read once per process."""
    from stop_words import get_stop_words
    from wordfreq import available_languages, read_cBpack

    code, wordlist = WORDLISTS[language]
    with _lock:  # one reading per process, whichever thread comes first
        buckets = read_cBpack(available_languages(wordlist)[code])
    last = round((9 - MIN_ZIPF) * 100)  # bucket i holds the words of frequency 10^(-i/100)
    zipfs = {index: 9 - index / 100 for index in range(last + 1)}
    kept = enumerate(buckets[: last + 1])
    known = {word: zipfs[index] for index, bucket in kept for word in bucket if word.isalpha()}
    for word in (*get_stop_words(STOP_WORD_LISTS[language]), *SUFFIXES.get(language, ())):
        known.pop(word.casefold(), None)
    for word in FIELD_WORDS[language]:
        known[word] = max(known.get(word, 0.0), FIELD_ZIPF)
    return known


def split(word: str, language: str) -> tuple[str, ...]:
    """The words of ``word`` when it is a compound of ``language``, in lower case, linking
    elements left out ("Ausstiegsberatungsstelle" -> ("ausstiegsberatung", "ausstieg",
    "beratung", "stelle"): its parts, and the known compounds among them with their own), else ().
    An English word in the text ("Template", "Support": more common in English) is never split."""
    if language not in COMPOUNDING or len(word) < MIN_WORD or not word.isalpha():
        return ()
    lowered = word.casefold()
    if english().get(lowered, 0.0) > frequencies(language).get(lowered, 0.0):
        return ()
    return _split(lowered, language, True).words


@lru_cache(maxsize=1)
def english() -> dict[str, float]:
    """wordfreq's small English list (Zipf), to leave English words in a text unsplit."""
    from wordfreq import available_languages, read_cBpack

    buckets = read_cBpack(available_languages("small")["en"])
    return {word: 9 - index / 100 for index, bucket in enumerate(buckets) for word in bucket if word.isalpha()}


@dataclass(frozen=True)
class _Reading:
    words: tuple[str, ...]  # what the document gets: known words, and the parts of split ones
    leaves: int  # the parts it counts as: a known word is one, whatever it holds
    score: float  # the mean Zipf frequency of those parts (the log of their geometric mean)
    weakest: float  # the Zipf frequency of its rarest part

    def key(self) -> tuple[int, float]:
        """Fewest parts first, then the most frequent: Islamismus|prävention, not Islam|ismus|prävention."""
        return (self.leaves, -self.score)


_NONE = _Reading((), 0, 0.0, 0.0)


@lru_cache(maxsize=100_000)
def _split(word: str, language: str, final: bool) -> _Reading:
    """The best cut of ``word`` in two, each side a known word or itself cut, kept when its parts'
    mean frequency beats the word's own by ``MARGIN``; else no words. ``final``: the word ends
    the compound (its last part may be short)."""
    own = frequencies(language).get(word, 0.0)
    readings = []
    for cut in range(MIN_PART, len(word) - (MIN_LAST if final else MIN_PART) + 1):
        head, tail = _side(word[:cut], language, last=False), _side(word[cut:], language, last=final)
        if head is None or tail is None:
            continue
        leaves, weakest = head.leaves + tail.leaves, min(head.weakest, tail.weakest)
        score = (head.score * head.leaves + tail.score * tail.leaves) / leaves
        if leaves <= MAX_PARTS and weakest >= MIN_PART_ZIPF and score >= own + MARGIN:
            readings.append(_Reading((*head.words, *tail.words), leaves, score, weakest))
    return min(readings, key=_Reading.key, default=_NONE)


def _side(piece: str, language: str, *, last: bool) -> _Reading | None:
    """A side of a cut: a known word (itself, without a linking element, or with the -e it
    dropped) with its own parts if it has some, or an unknown word cut in parts; None when it is
    neither. ``last``: the side ends the whole compound."""
    known = frequencies(language)
    candidates = [piece]
    if not last:
        candidates += [piece[: -len(link)] for link in LINKS[language] if piece.endswith(link)]
        if language in DROPPED_E and len(piece) >= MIN_PART:
            candidates.append(piece + "e")
    readings = []
    for candidate in dict.fromkeys(candidates):
        inner = _split(candidate, language, last) if len(candidate) >= MIN_WORD else _NONE
        if candidate in known and _long_enough(candidate, known[candidate], last=last, language=language):
            readings.append(_Reading((candidate, *inner.words), 1, known[candidate], known[candidate]))
        elif inner.words:
            readings.append(inner)
    return min(readings, key=_Reading.key, default=None)


def _long_enough(word: str, zipf: float, *, last: bool, language: str) -> bool:
    """A part has ``MIN_PART`` letters; the last one of a compound may have ``MIN_LAST`` if common,
    or must have ``LONGER_LAST`` of its language."""
    if last and len(word) < LONGER_LAST.get(language, 0):
        return False
    return len(word) >= MIN_PART or (last and len(word) >= MIN_LAST and zipf >= MIN_SHORT_ZIPF)


def parts_text(text: str, language: str) -> str:
    """The parts of every compound of ``text`` in order (none for a language that does not
    compound), then the words it writes in parts written whole (``joined_text``), then its words
    without their accents where they stem otherwise (``unaccented_text``), separated by spaces:
    what the ``compounds`` field of a document holds."""
    parts = _compound_parts(text, language) if language in COMPOUNDING else []
    return " ".join(filter(None, [" ".join(parts), joined_text(text), unaccented_text(text, language)]))


def _compound_parts(text: str, language: str) -> list[str]:
    """The parts of every compound of ``text`` in order; a compound written after a hyphen has the
    hyphenated word's parts before it ahead of its own: "Anti-radikaliseringsindsats" holds "Anti
    radikalisering indsats", so that the phrase a query typed with the hyphen asks for
    ("anti-radikaliserings": "anti radikalisering") is there (2026-12-07, the 25th sweep)."""
    from search.analysis import tokens, words

    parts: list[str] = []
    for token in tokens(text):
        found = split(token.text, language)
        if found and (before := _HYPHENATED_BEFORE.search(text, max(0, token.start - 128), token.start)):
            parts.extend(word.casefold() for word in words(before.group()))
        parts.extend(found)
    return parts


# Languages whose stemmers read accents that their endings hold (search.analysis.STEMMER_LETTERS):
# a word typed without them is stemmed otherwise than the word written with them.
UNACCENTED_TOO: frozenset[str] = frozenset({"hu", "ro", "pl", "cs", "lt", "et", "ga"})


def unaccented_text(text: str, language: str) -> str:
    """The words of ``text`` (in a language of ``UNACCENTED_TOO``) written without their accents
    where that changes their stem, each with its stem read with them, once each: Hungarian
    "szülőkkel" (stem "szulo") is also "szulokkel" ("szul", as a query typed without accents or
    with ö for ő is stemmed) and "szulo"; "iskolákban" ("iskola") also "iskolakban" ("iskol", as
    "iskola"); Romanian "deținuților" ("detinut") also "detinutilor" ("detin"), with a cedilla or
    a comma alike. The stem is for Elasticsearch, which stems every text folded: there
    "Börtönből" is "bortonbol" (-ből is an ending only with its accent), and "borton", its stem
    read with the accents, meets "börtön". Empty in other languages."""
    from search.analysis import fold, stem, words

    if language not in UNACCENTED_TOO:
        return ""
    found: dict[str, None] = {}
    for word in words(text):
        if word.isascii() or (bare := fold(word)) in found:
            continue
        if stem(bare, language) != (kept := stem(word, language)):
            found[bare] = None
            found[kept] = None
    return " ".join(found)


# A word written in parts joined by hyphens or slashes (hyphen-minus, Unicode's hyphen and
# non-breaking hyphen): "multi-agency", "P/CVE", "Covid-19", "Anti-Gewalt-Training".
_HYPHENATED = re.compile(r"[^\W_]+(?:[-/\u2010\u2011][^\W_]+)+")
MAX_JOINED = 4  # parts of a run written whole: "Anti-Gewalt-Training"
MAX_HYPHENATED = 6  # parts of a hyphenated word: more make a path or a list ("a/b-c/d-e-f/g")
# The parts of a hyphenated word before its last one ("Anti-" of "Anti-radikaliseringsindsats"),
# as many as a run written whole holds
_HYPHENATED_BEFORE = re.compile(rf"(?<![^\W_])(?:[^\W_]{{1,40}}[-\u2010\u2011]){{1,{MAX_JOINED - 1}}}$")
# Single letters each followed by a full stop: "U.K.", "P.C.V.E." (not "e.g" inside a word).
_DOTTED = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}(?![^\W_])")
# A number grouped by thousands, one separator throughout (comma, full stop, apostrophe, space,
# no-break and thin spaces): "1,500", "12.500.000", "1 500". Its first group has one to three
# digits and every other three, and no digit follows it (nor, for a mark, the mark and a digit):
# "2020 500", "1.2345", "1,500,00" or "1.200.3" are no numbers written whole, and a year is
# never made of two numbers. A space may end one number before the next: "1 500 2 000".
_GROUPED = re.compile(r"(?<![\d.,'])\d{1,3}(?P<sep>[,.' \u00a0\u202f\u2009])\d{3}(?:(?P=sep)\d{3})*(?!\d)")


def joined_text(text: str) -> str:
    """The words ``text`` writes in parts, each written whole, separated by spaces: every run of
    two to ``MAX_JOINED`` parts of a hyphenated or slashed word holding a letter ("multi-agency"
    -> "multiagency"; "Anti-Gewalt-Training" -> "AntiGewalt AntiGewaltTraining GewaltTraining";
    "Covid-19" -> "Covid19", but "2019-2020" and "20/20" make no number), dotted initials ("U.K."
    -> "UK") and numbers grouped by thousands ("1,500" -> "1500")."""
    return " ".join(dict.fromkeys(word for word, _start, _parts in _joined(text)))


def _joined(text: str) -> Iterator[tuple[str, int, int]]:
    """Each word ``text`` writes in parts (``joined_text``) with where it is: the character where
    its first part starts and its number of parts (tokens)."""
    from search.analysis import token_spans, words

    for match in _HYPHENATED.finditer(text):
        spans = token_spans(match.group())
        if len(spans) > MAX_HYPHENATED:
            continue
        parts = [match.group()[start:end] for start, end in spans]
        for start in range(len(parts) - 1):
            for stop in range(start + 2, min(len(parts), start + MAX_JOINED) + 1):
                if not all(part.isdigit() for part in parts[start:stop]):
                    yield "".join(parts[start:stop]), match.start() + spans[start][0], stop - start
    for match in [*_DOTTED.finditer(text), *(m for m in _GROUPED.finditer(text) if _ends(m, text))]:
        parts = words(match.group())
        yield "".join(parts), match.start(), len(parts)


def holders(text: str, found: AbstractSet[str]) -> set[int]:
    """The positions of the tokens of ``text`` (as search.analysis counts them) that a document's
    ``compounds`` field turned into one of the words ``found`` (in lower case): a compound holding
    one as a part ("Rechtsextremismus" for "extremismus", "Schulsozialarbeit" for "schule"), and
    every part of a word written in parts that joins into one ("multi" and "agency" of
    "multi-agency" for "multiagency"). No word list is read: a longer word holding a part is taken
    for its compound, so the words a snippet marks are those its hit was found through."""
    from search.analysis import fold, tokens

    if not found:
        return set()
    # only the words the text holds are looked for token by token (a part, a word in parts once
    # its separators are left out): the text is scanned in C first
    lowered_text = text.casefold()
    parts = [word for word in found if word.isalpha() and len(word) >= MIN_LAST and _holds(lowered_text, word)]
    squeezed = _SEPARATORS.sub("", lowered_text)
    joined = {word for word in found if word in squeezed}
    marked: set[int] = set()
    if parts:
        for index, token in enumerate(tokens(text)):
            lowered = token.text.casefold()
            if len(lowered) >= MIN_WORD and any(_holds(lowered, part) for part in parts):
                marked.add(index)
    unaccented = {word for word in found if word.isascii() and word.isalpha()}
    if unaccented:  # a word without its accents (``unaccented_text``): the word as written
        marked.update(
            index
            for index, token in enumerate(tokens(text))
            if not token.text.isascii() and fold(token.text) in unaccented
        )
    if joined:
        starts = [token.start for token in tokens(text)]
        for word, start, count in _joined(text):
            if word.casefold() in joined:
                first = bisect_left(starts, start)
                marked.update(range(first, first + count))
    return marked


_SEPARATORS = re.compile(r"[-/\u2010\u2011.,' \u00a0\u202f\u2009]")


def _holds(word: str, part: str) -> bool:
    """``word`` is longer than ``part`` and holds it, or holds it less the -e a German compound
    drops ("Schul|sozialarbeit")."""
    if len(word) <= len(part):
        return False
    return part in word or (part.endswith("e") and len(part) > MIN_PART and part[:-1] in word)


def _ends(number: re.Match[str], text: str) -> bool:
    """The grouped ``number`` ends where it stops: not "1,500" of "1,500,00" (a space may part
    two numbers)."""
    sep, after = number.group("sep"), text[number.end() : number.end() + 2]
    return sep.isspace() or not (after[:1] == sep and after[1:].isdigit())
