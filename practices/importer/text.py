"""Small text helpers shared by the importer: folding, plain text, phrase matching."""

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from search.analysis import stem

WORD_RE = re.compile(r"\w+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"})


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    if lowered == "ς":  # the Greek final sigma: a word typed in capitals ("ΠΡΑΚΤΙΚΗΣ") lowers to "σ"
        return "σ"
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents, keeping its length, so that a
    span found in the folded text is the same span in the original; the Greek final sigma is folded
    as the other, as a word written in capitals has no final sigma."""
    return "".join(_fold_char(char) for char in text.translate(_APOSTROPHES))


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return WORD_RE.findall(fold(text))


_MD_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s*)|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)", re.M)


# A backslash that escapes Markdown: before a character that would be markup ("\\*", "\\#", "\\\\"), the
# full stop of a number that would start a list ("3\\."), or a line's end (a hard line break). Any other
# backslash is the writer's own ("a\\b", "..\\.."), kept.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]<>()#+!|~-])|(?<=\d)\\(?=[.)])|\\$", re.M)


_ESCAPED = 0xF0000  # escaped characters stand in the private use plane while markers are dropped


def markdown_to_plain(text: str) -> str:
    """Drop Markdown heading, quote and emphasis markers and escapes, and join lines."""
    held = _MD_ESCAPE.sub(lambda m: chr(_ESCAPED + ord(m.group(1))) if m.group(1) else "", text)
    plain = _MD_MARKUP.sub("", held)
    return squash(re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - _ESCAPED), plain))


@dataclass(frozen=True)
class PhraseMatch:
    key: str
    start: int  # character offsets in the original text
    end: int
    phrase: tuple[str, ...] = ()  # the known phrase's folded words (it may be written in another form)


# The endings by which a word read by its stem may differ from the known word it stands for, after
# the letters they share (folded): inflections ("Jugendlichen" / "Jugendliche", "ungdomarna" /
# "ungdomar", "lärarna" / "lärare", "famiglia" / "famiglie", "family" / "families"), not a derived
# word the stemmer cuts back to the same stem ("publications" / "public", "enseignement" /
# "enseignants", "educational" / "educators"), nor a word of another language ("politica", Italian,
# is not "politi", Danish for police). A language without endings here is not read by stems.
ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset({"", "s", "es", "y", "ies"}),
    "fr": frozenset({"", "s", "e", "es", "x"}),
    "de": frozenset({"", "e", "en", "n", "r", "er", "ern", "s", "es", "em"}),
    "nl": frozenset({"", "s", "e", "en", "n"}),
    "sv": frozenset({"", "a", "an", "e", "en", "er", "ar", "or", "n", "r", "na", "et", "arna", "erna", "orna"}),
    "da": frozenset({"", "e", "en", "er", "et", "n", "r", "ne", "ene", "erne"}),
    "no": frozenset({"", "e", "en", "er", "et", "n", "r", "ne", "ene", "erne", "a"}),
    "es": frozenset({"", "s", "es", "a", "as", "o", "os"}),
    "it": frozenset({"", "a", "e", "i", "o", "he", "hi"}),
}


def _joined_endings(stems: str, cases: str) -> frozenset[str]:
    """Every ending of a stem's ending followed by a case's (Hungarian "ok" + "nak", Estonian "e" + "tele")."""
    return frozenset(stem + case for stem in ["", *stems.split()] for case in ["", *cases.split()])


_SOUTH_SLAVIC = frozenset("a e i o u om em am ov ev ih im ima ama ami ah ega emu imi mi ma ja ju je jem ji".split())
# The same for the languages without a stemmer here, whose terms are read only by the letters they share and
# these endings (``translations_eu.py``): "rodzinami" / "rodziny", "noortele" / "noored", "fiataloknak" /
# "fiatalok", "tinerilor" / "tineri". Folded, and the Greek final sigma written as "σ".
OTHER_ENDINGS: dict[str, frozenset[str]] = {
    "pl": frozenset(
        "a e i y o u ie ia ii iu om ami ach ow em ego ej emu ych ym ymi ich im imi iem owie owi iom iami iach".split()
    )
    | {""},
    "cs": frozenset("a e i y u o ou em um am ach ami emi ove ovi ich im imi eho emu ych ym ymi ech iho imu".split())
    | {""},
    "sl": _SOUTH_SLAVIC | {""},
    "hr": _SOUTH_SLAVIC | {""},
    "pt": frozenset({"", "s", "es", "a", "as", "o", "os", "l", "is"}),
    "el": frozenset("σ ν ι οι ων ουσ εσ α ασ η ησ ο ου οσ ε εισ ει ια ιεσ ιων ιασ εων".split()) | {""},
    "hu": _joined_endings(
        "k ok ek ak",
        "nak nek t ot et at ra re ba be ban ben bol tol hoz hez ert ig on en rol nal nel kal kel val vel al el kent "
        "i ai ei jai jei aik eik jaik jeik",
    ),
    "et": _joined_endings(
        "e a i u",
        "d t te de le l lt ga ks s st sse ni na ta id tele tel telt dele del delt dega tega desse tesse des tes "
        "dest test ile il ilt iga is ist isse",
    ),
    "ro": frozenset({"", "i", "ii", "ul", "ului", "lor", "ilor", "le", "elor", "e", "a", "ei", "ea", "u", "ile"}),
    "sk": frozenset("a e i y u o ou om em am ach ami och ov ovi ia ie iu ich im imi eho emu ych ym ymi ej mi".split())
    | {""},
    "bg": frozenset("а я и е о та то те ът ят ия ите ата ето ове овете ища ищата".split()) | {""},
    "lv": frozenset("s i a u e as es is us am em im um iem ai ei ij os ie ais ajiem ajam ajai ajos".split()) | {""},
    "lt": frozenset(
        "as is ys us a e i o u ai ei ui ams ems ims oms ums ais omis emis imis iais uose ose ese yse iu ios iai ies "
        "iems os es ius".split()
    )
    | {""},
}
# A word and the term's word share their letters as far as they go, into the ending ("mladim" / "mladi" differ
# by "m", the end of "-im"): every end of an ending is one too.
OTHER_ENDINGS = {
    language: frozenset(ending[cut:] for ending in endings for cut in range(len(ending) + 1))
    for language, endings in OTHER_ENDINGS.items()
}
OTHER_FORM_SHARED = 4  # letters a word shares with the term's word it is another form of, at least

# The consonants a stem's last letters change into before some endings, in the languages of ``OTHER_ENDINGS``
# (folded): Slavic palatalisation, "žiak" / "žiaci" / "žiakov" (pupil), "učenik" / "učenici" / "učenike",
# "psiholog" / "psiholozi" / "psihologinje", "psycholog" / "psycholodzy" / "psycholożki", "ученик" / "ученици",
# "психолог" / "психолози". Each set holds the forms one stem's consonant takes; a word is another form of a
# term's word when the two differ by such a change before their endings.
ALTERNATIONS: dict[str, tuple[frozenset[str], ...]] = {
    "pl": (
        frozenset({"k", "c"}),
        frozenset({"g", "dz", "z"}),
        frozenset({"ch", "s"}),
        # a masculine personal plural: "młody" / "młodzi" (young), "student" / "studenci", "doktor" / "doktorzy"
        frozenset({"d", "dz"}),
        frozenset({"t", "c"}),
        frozenset({"r", "rz"}),
    ),
    "cs": (frozenset({"k", "c"}), frozenset({"h", "z"}), frozenset({"ch", "s"})),
    "sk": (frozenset({"k", "c"}), frozenset({"h", "z"}), frozenset({"ch", "s"})),
    "sl": (frozenset({"k", "c"}), frozenset({"g", "z"}), frozenset({"h", "s"})),
    "hr": (frozenset({"k", "c"}), frozenset({"g", "z"}), frozenset({"h", "s"})),
    "bg": (frozenset({"к", "ц"}), frozenset({"г", "з"}), frozenset({"х", "с"})),
}


# Vowels a stem changes between its forms (folded): Romanian "tânăr" / "tineri" (a young person, young people),
# "fată" / "fete", "școală" / "școli", "seară" / "seri". Each set holds the forms one vowel of the stem takes; a
# word is another form of a term's word when the two differ by at most two such changes before their endings.
VOWEL_ALTERNATIONS: dict[str, tuple[frozenset[str], ...]] = {
    "ro": (frozenset({"a", "e"}), frozenset({"a", "i"}), frozenset({"oa", "o"}), frozenset({"ea", "e"})),
}
VOWEL_CHANGES = 2  # vowels of a stem changed at most


def _vowel_variants(stem: str, language: str) -> set[str]:
    """``stem`` with one or two of its vowels changed as ``VOWEL_ALTERNATIONS`` allows (not itself)."""
    variants, frontier = {stem}, {stem}
    for _ in range(VOWEL_CHANGES):
        following: set[str] = set()
        for word in frontier:
            for forms in VOWEL_ALTERNATIONS.get(language, ()):
                for form in forms:
                    for at in (match.start() for match in re.finditer(f"(?={re.escape(form)})", word)):
                        following.update(word[:at] + other + word[at + len(form) :] for other in forms if other != form)
        frontier = following - variants
        variants |= following
    return variants - {stem}


@functools.cache
def alternate_stems(known: str, language: str) -> frozenset[str]:
    """The stems folded ``known`` takes with its last consonant changed (``ALTERNATIONS``) or its vowels
    (``VOWEL_ALTERNATIONS``), each to be followed by one of the language's endings: "ziaci" gives "ziak",
    "psiholozi" "psiholog", "psycholodzy" "psycholog" and "psycholoz", Romanian "tineri" "tanar". Stems of fewer
    than ``OTHER_FORM_SHARED`` letters are not given."""
    endings = OTHER_ENDINGS.get(language, frozenset())
    stems: set[str] = set()
    for end in range(OTHER_FORM_SHARED - 1, len(known) + 1):
        if known[end:] not in endings:
            continue
        if end >= OTHER_FORM_SHARED:
            stems |= _vowel_variants(known[:end], language)
        for forms in ALTERNATIONS.get(language, ()):
            # the longest form ending there: "dz" in "psycholodzy", not its "z"
            form = max((form for form in forms if known[:end].endswith(form)), key=len, default="")
            if form:
                stems.update(known[: end - len(form)] + other for other in forms if other != form)
    # a stem of three letters with its consonant changed ("žák", "žáci", "žákům": pupils) is given too
    return frozenset(stem for stem in stems if len(stem) >= OTHER_FORM_SHARED - 1)


# A feminine agent noun stands for the masculine or common form the lists name: the folded ending written
# and the one it stands for ("Lehrerinnen" / "Lehrer", "éducatrices" / "éducateurs", "educatrice" /
# "educatore", "trabajadoras" / "trabajadores"). The form found must still be a known word.
FEMININE: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (("innen", ""), ("in", "")),
    "fr": (
        ("rices", "eurs"), ("rice", "eur"), ("euses", "eurs"), ("euse", "eur"), ("ennes", "ens"), ("enne", "en"),
        ("elles", "els"), ("elle", "el"), ("eres", "ers"), ("ere", "er"),
    ),
    "it": (("trici", "tori"), ("trice", "tore"), ("esse", "i"), ("essa", "e")),
    "es": (("oras", "ores"), ("ora", "or")),
    "nl": (("sters", "ers"), ("ster", "er")),
    "pt": (("oras", "ores"), ("ora", "or")),
    "pl": (("kami", "e"), ("kach", "e"), ("kom", "e"), ("ek", "e"), ("ki", "e"), ("ka", "e")),
    "cs": (("kami", "e"), ("kach", "e"), ("kam", "e"), ("ek", "e"), ("ky", "e"), ("ka", "e")),
    "sl": (("vke", "vci"), ("vka", "vec"), ("nke", "nci"), ("inje", "i"), ("ice", "i"), ("ke", "i")),
    "hr": (("inje", "i"), ("ice", "i")),
    "ro": (("oarelor", "orilor"), ("oarele", "orii"), ("oare", "ori")),
    "el": (("τριεσ", "τεσ"), ("τρια", "τησ")),  # folded: the final sigma is "σ"
    "sk": (("kami", "ia"), ("kam", "ia"), ("ky", "ia"), ("ka", "ia")),
    "bg": (("ките", "ите"), ("ки", "и")),
}  # fmt: skip
# Gender-inclusive writing in any language: "Lehrer*innen", "Schüler:innen", "Lehrer/-innen", "Lehrer_innen",
# "éducateur·rice·s", "enseignant.e.s", "enseignant(e)s", "éducateurs/trices": one word, read as its first form.
_INCLUSIVE = r"(?:[*:_/]-?(?:innen|in)|[·•‧./]-?(?:e|rice|trice|euse|ne|le|trices|rices|euses|es)(?:[·•‧.]?s)?|\(e\)s?)"
FORM_WORD_RE = re.compile(rf"\w+(?:{_INCLUSIVE}(?!\w))?")
_INCLUSIVE_END = re.compile(rf"{_INCLUSIVE}$")


def common_form(word: str, language: str) -> str:
    """The masculine or common form a (lower-case) feminine or gender-inclusive ``word`` stands for, or the
    word itself ("lehrer*innen" -> "lehrer", "éducateur·rice·s" -> "éducateurs", in French "éducatrices" ->
    "éducateurs"). Offsets are not kept: only for looking the word up."""
    inclusive = _INCLUSIVE_END.search(word)
    if inclusive:
        base = word[: inclusive.start()]
        plural = inclusive.group().rstrip(")").endswith("s") and not base.endswith("s")
        return base + ("s" if plural else "")
    folded = fold(word)
    for feminine, common in FEMININE.get(language, ()):
        if folded.endswith(feminine) and len(folded) - len(feminine) >= 3:
            return word[: len(word) - len(feminine)] + common
    return word


# Languages writing compounds as one word, and the linking elements between their parts.
LINKS: dict[str, frozenset[str]] = {
    "de": frozenset({"", "s", "es", "n", "en", "e", "er"}),
    "nl": frozenset({"", "s", "e", "en"}),
    "sv": frozenset({"", "s", "a", "e", "u", "o"}),
    "da": frozenset({"", "s", "e"}),
    "no": frozenset({"", "s", "e"}),
}
COMPOUNDING = frozenset(LINKS)


def near_form(word: str, known: str, language: str, shared_at_least: int = 0) -> bool:
    """Whether folded ``word`` can be an inflected form of folded ``known`` in ``language``, sharing its first
    ``shared_at_least`` letters at least."""
    shared = 0
    while shared < min(len(word), len(known)) and word[shared] == known[shared]:
        shared += 1
    endings = ENDINGS.get(language) or OTHER_ENDINGS.get(language, frozenset({""}))
    return shared >= shared_at_least and word[shared:] in endings and known[shared:] in endings


def _sigma(folded: str) -> str:
    """The Greek final sigma as the other ("οικογένειες" and "ΟΙΚΟΓΈΝΕΙΕΣ" alike)."""
    return folded.replace("ς", "σ")


def other_form(written: str, known: str, language: str) -> bool:
    """Whether the (lower-case) word ``written`` is folded ``known`` of a language without a stemmer here, or
    another form of it: its endings (``OTHER_ENDINGS``) after 4 letters shared at least, the same with its stem's
    last consonant changed (``ALTERNATIONS``: "žiakov" for "žiaci"), or a feminine form (``FEMININE``). A short
    word must be the same."""
    known = _sigma(known)
    for word in dict.fromkeys((_sigma(fold(written)), _sigma(fold(common_form(written, language))))):
        if word == known or (len(known) >= OTHER_FORM_SHARED and near_form(word, known, language, OTHER_FORM_SHARED)):
            return True
        if any(
            word.startswith(base) and word[len(base) :] in OTHER_ENDINGS[language]
            for base in alternate_stems(known, language)
        ):
            return True
    return False


def _same_accents(written: list[str], known: tuple[str, ...]) -> bool:
    """Whether each letter of the words ``written`` that is, folded, the letter of the ``known`` words at its
    place is also written with the same accent (a changed letter is not compared)."""
    return all(
        a.lower() == b.lower()
        for word, other in zip(written, known, strict=True)
        for a, b in zip(word, other, strict=False)
        if fold(a) == fold(b)
    )


# Words whose singular is another word (suppletion), lower case as written: a phrase of the lists naming the plural
# is also read in the singular ("Młodzi ludzie", young people: "młody człowiek", a young person; "Young people":
# "a young person"), in its forms too.
SUPPLETIVE: dict[str, tuple[str, ...]] = {
    "people": ("person",),  # English
    "children": ("child",),
    "ludzie": ("człowiek",),  # Polish
    "dzieci": ("dziecko",),
    "lidé": ("člověk",),  # Czech
    "děti": ("dítě",),
    "ľudia": ("človek",),  # Slovak
    "deti": ("dieťa",),
    "ljudje": ("človek",),  # Slovenian
    "ljudi": ("čovjek",),  # Croatian
    "хора": ("човек",),  # Bulgarian
}


@dataclass
class PhraseIndex:
    """Finds known phrases in text, word by word, ignoring case and accents.

    At each word the longest known phrase starting there wins, so labels
    written one after another without separators are still told apart. Given
    a language, a phrase is also found in another form of its words: the same
    Snowball stems (``search.analysis.stem``), differing only by the language's
    endings (``near_form``), unless the text's word, alone, is one of
    ``unstemmed`` (it stems like a known word but names something else: "Lehre"
    is no "Lehrer") or the stems name two keys.
    """

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 0
    unstemmed: frozenset[str] = frozenset()  # folded words never read by their stem alone
    forms: bool = False  # feminine and gender-inclusive forms, and compounds' parts, read too
    heads: dict[str, frozenset[str]] = field(default_factory=dict)  # words for the work done, by language
    _written: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # words as written
    _languages: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # read by OTHER_ENDINGS
    _by_start: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # those, by their first letters
    _stemmed: dict[str, dict[tuple[str, ...], list[tuple[str, ...]]]] = field(default_factory=dict)

    def add(self, phrase: str, key: str, language: str = "") -> None:
        """A phrase naming ``key``; of a ``language`` of ``OTHER_ENDINGS``, also read in another form; a plural
        of ``SUPPLETIVE`` in its singular too."""
        words = tuple(tokens(phrase))
        if not words:
            return
        for written in WORD_RE.findall(phrase):
            for singular in SUPPLETIVE.get(written.lower(), ()):
                self.add(re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", singular, phrase), key, language)
        if words not in self.phrases:
            self.phrases[words] = key
            self._written[words] = tuple(WORD_RE.findall(phrase))
            self.longest = max(self.longest, len(words))
            self._stemmed.clear()
        if language in OTHER_ENDINGS and self.phrases[words] == key:  # the same words in several languages
            first = _sigma(words[0])
            for start in {first[:OTHER_FORM_SHARED]} | {
                stem[:OTHER_FORM_SHARED] for stem in alternate_stems(first, language)
            }:
                if words not in self._by_start.setdefault(start, []):
                    self._by_start[start].append(words)
            self._languages[words] = tuple(dict.fromkeys((*self._languages.get(words, ()), language)))

    def written_phrases(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """The known phrases as written, with their keys and their languages of ``OTHER_ENDINGS`` if any."""
        return [
            (" ".join(self._written[words]), key, self._languages.get(words, ())) for words, key in self.phrases.items()
        ]

    def add_all(self, pairs: Iterable[tuple[str, str]], language: str = "") -> None:
        for phrase, key in pairs:
            self.add(phrase, key, language)

    def stemmed(self, language: str) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
        """The known phrases by their words' stems in ``language``."""
        if language not in self._stemmed:
            by_stems: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
            for words, written in self._written.items():
                if len(written) != len(words):
                    continue
                by_stems.setdefault(tuple(stem(word, language) for word in written), []).append(words)
            self._stemmed[language] = by_stems
        return self._stemmed[language]

    def scan(self, text: str, language: str = "") -> tuple[list[PhraseMatch], list[tuple[int, int]]]:
        """Known phrases in order of appearance, and the spans of the words
        that matched nothing. With a language, phrases written in another form too."""
        words = list((FORM_WORD_RE if self.forms else WORD_RE).finditer(fold(text)))
        written = [text[word.start() : word.end()].lower() for word in words]
        common = [common_form(word, language) if self.forms else word for word in written]
        matches: list[PhraseMatch] = []
        leftovers: list[tuple[int, int]] = []
        index = 0
        while index < len(words):
            size, phrase = self._longest_at(written, common, index, language)
            if not phrase:
                leftovers.append(words[index].span())
                index += 1
                continue
            end = words[index + size - 1].end()
            matches.append(PhraseMatch(self.phrases[phrase], words[index].start(), end, phrase))
            index += size
        return matches, leftovers

    def _longest_at(
        self, written: list[str], common: list[str], index: int, language: str
    ) -> tuple[int, tuple[str, ...]]:
        upper = min(self.longest, len(written) - index)
        for size in range(upper, 0, -1):
            phrase = self._known(written[index : index + size], common[index : index + size], language)
            if phrase:
                return size, phrase
        if self.forms and language in COMPOUNDING:
            phrase = self._in_compound(written[index], language)
            if phrase:
                return 1, phrase
        return 0, ()

    def _known(self, written: list[str], common: list[str], language: str) -> tuple[str, ...]:
        """The known phrase the words ``written`` are, or stand for: as they are, in their common form
        (``common_form``), or in another form of their words (by stems, ``_by_stems``)."""
        found = tuple(fold(word) for word in written)
        if found in self.phrases:
            return found
        forms = [written] if common == written else [written, common]
        if len(found) == 1 and found[0] in self.unstemmed:
            return tuple(fold(common[0])) if (fold(common[0]),) in self.phrases and common != written else ()
        for words in forms:
            folded = tuple(fold(word) for word in words)
            if folded in self.phrases:
                return folded
            if language in ENDINGS:
                phrase = self._by_stems(folded, words, language)
                if phrase:
                    return phrase
        return self._other_form(written)

    def _other_form(self, written: list[str]) -> tuple[str, ...]:
        """The known phrase of a language without a stemmer here that the words ``written`` are another form
        of (``other_form``), if exactly one key has such a phrase; when several have, the phrases whose letters
        the words share carry the same accents ("tânăr" is Romanian "tineri", young people, not Hungarian
        "tanárok", teachers; "tanar" without accents could be either, and is not read)."""
        if not self._by_start:
            return ()
        first = _sigma(fold(written[0]))
        forms = [
            phrase
            for phrase in dict.fromkeys(
                (
                    *self._by_start.get(first[:OTHER_FORM_SHARED], ()),
                    *self._by_start.get(first[: OTHER_FORM_SHARED - 1], ()),  # a three-letter stem's ("žák")
                )
            )
            if len(phrase) == len(written)
            and any(
                all(other_form(word, known, language) for word, known in zip(written, phrase, strict=True))
                for language in self._languages[phrase]
            )
        ]
        accented = any(fold(letter) != letter.lower() for word in written for letter in word)
        if accented and len({self.phrases[phrase] for phrase in forms}) > 1:
            forms = [phrase for phrase in forms if _same_accents(written, self._written[phrase])]
        return forms[0] if forms and len({self.phrases[phrase] for phrase in forms}) == 1 else ()

    def _by_stems(self, found: tuple[str, ...], written: list[str], language: str) -> tuple[str, ...]:
        """The known phrase ``found`` is another form of, if exactly one key has such a phrase. A word
        whose stem differs from its other forms' ("joven", "jóvenes": Snowball stems "jov" and "joven")
        is also compared by the stems of its forms with one of the language's endings."""
        endings = ("", *sorted(ENDINGS[language] - {""})) if len(written) == 1 else ("",)
        for ending in endings:
            stems = tuple(stem(word + ending, language) for word in written)
            forms = [
                phrase
                for phrase in self.stemmed(language).get(stems, [])
                if all(near_form(word, known, language) for word, known in zip(found, phrase, strict=True))
            ]
            if forms:
                return forms[0] if len({self.phrases[phrase] for phrase in forms}) == 1 else ()
        return ()

    def _in_compound(self, word: str, language: str) -> tuple[str, ...]:
        """The known word a compound ends with ("Grundschullehrer", "Schulsozialarbeiterinnen": a kind of
        teacher, of social worker), or begins with before a word for the work done with or for it
        ("Familienarbeit", "Ausstiegsberatung": ``heads``). Parts of 3 letters and more, the head 4."""
        folded = fold(word)
        for cut in range(3, len(word) - 3):  # the longest head first
            head = word[cut:]
            if fold(head) in self.heads.get(language, ()):
                modifier = word[:cut]
                for link in sorted(LINKS.get(language, ()), key=len, reverse=True):
                    if folded[:cut].endswith(link) and cut - len(link) >= 3:
                        part = modifier[: cut - len(link)]
                        phrase = self._known([part], [common_form(part, language)], language)
                        if phrase:
                            return phrase
                continue
            phrase = self._known([head], [common_form(head, language)], language)
            if phrase:
                return phrase
        return ()


# Check boxes as writers tick them: the box characters (Word's check-box content controls
# write ☐ and ☒), a filled square, a tick mark, or "[x]" and "[ ]" in plain text and Markdown.
# Also "(X)" and "( )", as a form's radio buttons are typed: a round box before a word ("(X) No", "( ) Yes").
_EMPTY_BOX = r"[☐□❏❑▢]|\\?\[\s*\\?\]|(?<!\w)\(\s*\)(?=\s*\w)"
_BOX = re.compile(rf"(?P<empty>{_EMPTY_BOX})|[☒☑✅■▣⊠✓✔]|\\?\[\s*[xX✓✔✗✘vV*]\s*\\?\]|(?<!\w)\(\s*[xX✓✔]\s*\)(?=\s*\w)")
# A checklist ticked with a lone "X" before the ticked lines, the others left unmarked.
_X_LINE = re.compile(r"^(\s*(?:[-*+•]\s+)?)[xX](?=\s+\w)", re.M)
_LIST_MARK = re.compile(r"^(\s*(?:[-*+•]\s+)?)", re.M)


def ticked_only(text: str) -> str:
    """A checklist (``☒ Family support ☐ Exit strategies``, ``[x] Families [ ] Formers``)
    as the ticked entries only; text before the first box is kept. Text without boxes
    is returned as it is."""
    boxes = list(_BOX.finditer(text))
    if not boxes:
        return text
    kept = [text[: boxes[0].start()]]
    for box, following in zip(boxes, [*boxes[1:], None], strict=True):
        if box.group("empty") is None:
            kept.append(text[box.end() : following.start() if following else len(text)])
    return " ".join(part.strip() for part in kept if part.strip())


# A line that starts with a tick (a ticked box or a tick mark), after a list mark if any.
_TICKED_LINE = re.compile(rf"^\s*(?:[-*+•]\s+)?(?!{_EMPTY_BOX})(?:{_BOX.pattern})")


def x_marks_as_boxes(text: str) -> str:
    """A checklist of lines in which a lone "X" before an entry ticks it, with boxes:
    the lines marked with X ticked, the other lines unticked. The same for a checklist in which
    a tick starts the chosen lines ("✓ Families") and the others have no box at all: the unmarked
    lines after the first tick are unticked. Other text as it is."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return text
    if _BOX.search(text):
        return _unmarked_lines_unticked(text)
    if not _X_LINE.search(text):
        return text
    ticked = _X_LINE.sub(r"\1☒", text)
    return "\n".join(
        line if "☒" in line or not line.strip() else _LIST_MARK.sub(r"\1☐ ", line, count=1)
        for line in ticked.split("\n")
    )


def _is_entry(line: str) -> bool:
    """A line that may be a list's entry left unticked: short, without a box, not a sentence (a sentence
    after a checklist is the writer's text and stays, as any other line)."""
    words = line.split()
    return 0 < len(words) <= 8 and not _BOX.search(line) and not line.rstrip().endswith((".", "!", "?"))


def _unmarked_lines_unticked(text: str) -> str:
    """Lines without a box after the first line starting with a tick, unticked; only when no box is
    left empty (then the writer marked the unchosen entries, and a line without a box is text)."""
    if re.search(_EMPTY_BOX, text):
        return text
    lines = text.split("\n")
    first = next((number for number, line in enumerate(lines) if _TICKED_LINE.match(line)), None)
    if first is None or _ticks_are_bullets(lines):
        return text
    return "\n".join(
        line if number <= first or not _is_entry(line) else _LIST_MARK.sub(r"\1☐ ", line, count=1)
        for number, line in enumerate(lines)
    )


# A list's mark as writers type one before each entry: a bullet character of any kind, "1)", "2.", "a)".
_OWN_LIST_MARK = re.compile(r"^\s*(?:[-*+•▪◦‣–—·►➢→]|\d{1,2}[.)]|[a-zA-Z][)])\s+\S")
# A tick starting a line, with no list mark before it.
_BARE_TICK = re.compile(r"^\s*[✓✔]\s*\S")


def _ticks_are_bullets(lines: list[str]) -> bool:
    """A list whose entries each start with a mark of their own, a tick ("✓ Families") only one kind among
    others ("– Formers", "1) Authorities"): the tick is a bullet, the entries all chosen."""
    ticked = [line for line in lines if _TICKED_LINE.match(line)]
    others = [line for line in lines if line.strip() and not _TICKED_LINE.match(line)]
    return (
        bool(others)
        and all(_BARE_TICK.match(line) for line in ticked)
        and all(_OWN_LIST_MARK.match(line) for line in others)
    )


# Yes and no (folded) in the languages whose template labels the importer reads: the practice languages, Polish
# ("tak", "nie"), Portuguese ("sim", "não"), Czech ("ano", "ne"), Greek ("ναι", "όχι"), Slovenian ("da", "ne"),
# Hungarian ("igen", "nem"), Estonian ("jah", "ei"), Romanian ("da", "nu"), Croatian ("da", "ne"), Slovak ("áno",
# "nie"), Bulgarian ("да", "не"), Latvian ("jā", "nē") and Lithuanian ("taip", "ne").
YES_WORDS = frozenset("yes oui ja si kylla tak sim ano ναι da igen jah taip да".split())
NO_WORDS = frozenset("no non nein nej nei nee ei nie nao ne οχι nem nu не".split())
# Of those, the words that are also a common first word in another language ("Ne s'applique pas", "da
# verificare", Dutch and Danish "nu", now; Bulgarian "да" before a verb, "не" before a verb: "Не се прилага",
# not applicable): a yes or a no only when they are the whole answer.
YES_NO_ALONE_ONLY = frozenset({"da", "ne", "nu", "да", "не"})

# A checklist answered with a yes or a no beside each entry ("Family support: yes", "Exit strategies – no",
# "Soutien de la famille : oui", "Tværfagligt samarbejde (ja)"), in those languages.
_YES_NO_LINE = re.compile(
    r"^(?P<entry>\s*(?:[-*+•]\s+)?\S.*?)(?:\s*[:=\t–—-]\s*\(?|\s+\()"
    rf"(?P<answer>{'|'.join(sorted(YES_WORDS | NO_WORDS))})\)?\s*[.!]?\s*$",
    re.I,
)


def yes_no_marks_as_boxes(text: str) -> str:
    """A checklist of two lines or more, each an entry with a yes or a no beside it, with boxes: the
    entries answered yes ticked, the others not. Any other text as it is."""
    lines = [line for line in text.split("\n") if line.strip()]
    found = [_YES_NO_LINE.match(fold(line)) for line in lines]
    if len(lines) < 2 or not all(found):
        return text
    return "\n".join(
        ("☒ " if match.group("answer").lower() in YES_WORDS else "☐ ") + line[: match.end("entry")].strip()
        for line, match in zip(lines, found, strict=True)
        if match
    )


def group_spans(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Join neighbouring word spans (only whitespace or punctuation between
    them) into the phrases of the original text."""
    phrases: list[str] = []
    start = end = None
    for span_start, span_end in spans:
        if end is not None and not WORD_RE.search(text[end:span_start]) and _adjacent(text, end, span_start):
            end = span_end
            continue
        if start is not None:
            phrases.append(text[start:end])
        start, end = span_start, span_end
    if start is not None:
        phrases.append(text[start:end])
    return phrases


def _adjacent(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return not any(mark in gap for mark in ",;\n|")
