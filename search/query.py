"""The search box's query language, parsed once into a small tree every engine translates.

    family support          both words (AND)
    "family support"        the words side by side, in this order
    family OR parents       either word; OR binds tighter than AND:
                            ``mentor family OR parents`` = mentor AND (family OR parents)
    -prison  -"prison exit" documents without that word or phrase (``NOT prison`` too)
    family AND support      both words (AND is a stop word)
    title:mentoring         the word, in any field (a field's name before a colon is dropped)
    mentor^2 prison~        the words (Lucene's boosts and fuzziness are dropped)

Words are matched by their stems, and in their other English spelling ("radicalisation" also
asks for "radicalization", "organisers" for "organizers", "programme" for "program"), a Portuguese
noun in -ão in its other number ("prisão", "prisões") and a word in Portugal's spelling before 1990
without its silent consonant ("projecto", "projeto"); a word
written with inner punctuation ("multi-agency", "P/CVE") is a phrase of its parts or the word
written whole ("multiagency", "PCVE"), except a French or Italian elided article, preposition or
pronoun, which is dropped ("l'extrémisme" is the word "extrémisme", "d'anciens" is "anciens",
"dell'odio" is "odio"); two words joined by a slash
ask for either of them too ("re-integration/follow-up"; "Rechts-/Linksextremismus" completed); a
word cut by a hyphen at a line's end (pasted from a PDF) is one word. Common English and French words
("the", "de", "for"...) are dropped unless the query holds nothing else.
Nothing in a query can be a syntax error: what is not understood is a word. A letter and its
combining accent count as the precomposed letter (the query is read in Unicode's NFC form).

No dead ends: when no document has every clause, the engines answer with the documents
matching most of them (``some_words``): each clause of a content word counts once (a
phrase only as a phrase, an OR group once whichever of its terms matches), exclusions
still exclude, and stop words of any of the portal's languages count for nothing.
"""

import functools
import gc
import re
import threading
import unicodedata
from dataclasses import dataclass

import numpy as np
from stop_words import get_stop_words

from search import exonyms
from search.analysis import STOP_WORDS, fold, words

MAX_TERMS = 32
# Words a "some of your words" answer never counts: the interface's list, the function words
# of German, Dutch, Danish and Norwegian (the Snowball lists of the stop-words package), and
# Swedish's commonest (that package's Swedish list holds "haft", German for custody, and
# "beslut", a decision; its English, French, Spanish, Italian and Finnish lists hold content
# words such as "young" or "research"). Words of those lists that say something in English
# ("men", "war", "over") still count.
_SWEDISH = (
    "och att som för på är av med till den det ett de om från inte har var jag vi ni han hon"
    " dem deras sig sin sitt sina när eller denna detta dessa vid hos än"
)
_CONTENT_WORDS = frozenset("men man war over under".split())
FALLBACK_STOP_WORDS: frozenset[str] = (
    STOP_WORDS
    | frozenset(fold(word) for word in _SWEDISH.split())
    | frozenset(
        fold(word) for language in ("german", "dutch", "danish", "norwegian") for word in get_stop_words(language)
    )
) - _CONTENT_WORDS

# A word or a phrase, after a field's name if one is typed ("title:mentoring", 'title:"exit
# work"', the syntax of web search engines and Lucene): no field can be asked for, so the name is
# dropped and the words are searched in every field. A name is a word of four letters or more in
# lower case, glued to its colon and to what follows: "10:30", "prisons: mentoring", a German noun
# ("Title:x" too) and the German inclusive form ("lehrer:innen") stay as typed.
_SCAN = re.compile(r'(?P<neg>-?)(?:[a-z]{4,}:(?!(?i:innen|in)\b)(?=["\w]))?(?:"(?P<phrase>[^"]*)"?|(?P<word>\S+))')
# Lucene's boost and fuzziness, as people used to other search engines type them ("mentor^2",
# "prison~", '"exit work"~3'): no engine is asked for them, and their numbers are no words.
_BOOST_OR_FUZZINESS = re.compile(r"(?<=[^\s^~])(?:[\^~]\d*(?:\.\d+)?)+(?=\s|$)")
# Finnish writes the case ending of an acronym, a number or an abbreviation after a colon
# ("RAN:n", "EU:ssa", "2015:stä", "ry:n"): the word is what stands before it.
_FINNISH_ENDING = re.compile(r"^(?P<head>[^\W_]+):(?P<ending>[a-zäö]{1,3})$")


def _ending_after_colon(head: str, ending: str) -> bool:
    """Whether ``ending`` (after a colon) is a Finnish case ending of ``head``: an acronym, a
    number, a name, or a short abbreviation, not a field's name ("title:ran")."""
    return bool(_FINNISH_ENDING.match(f"{head}:{ending}")) and (
        len(head) <= 3 or any(c.isupper() or c.isdigit() for c in head)
    )


# Elided articles, prepositions and pronouns (straight or typographic apostrophe), dropped as
# Elasticsearch's French and Italian analyzers drop them: French l'école, d'anciens, qu'il,
# jusqu'à...; Italian dell'odio, nell'ambito, all'interno, un'altra, quest'anno, degl'istituti...
# (Lucene's Italian list, with quell', quest', anch', tutt'; 2026-12-07, the 24th sweep: the
# database engines asked for the phrase "dell odio", which a text writing "sull'odio" lacks)
_ELIDED = re.compile(
    r"^-?(?:(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)"
    # Italian: before a word of two letters or more (English "all's" keeps its word)
    r"|(?:v|all|dall|dell|nell|sull|coll|pell|gl|agl|dagl|degl|negl|sugl|un|quell|quest|anch|tutt)['’](?=\w\w))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several words that must follow each other."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def is_stop_word(self) -> bool:
        return len(self.words) == 1 and fold(self.words[0]) in STOP_WORDS


@dataclass(frozen=True)
class Clause:
    """Any of its terms (OR)."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """All of the clauses (AND) and none of the excluded terms (NOT)."""

    clauses: tuple[Clause, ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.clauses and not self.excluded

    @property
    def positive_terms(self) -> tuple[Term, ...]:
        return tuple(term for clause in self.clauses for term in clause.terms)


@dataclass(frozen=True)
class _Item:
    terms: tuple[Term, ...]  # (): the OR keyword; else the word or phrase and its other spellings
    negated: bool = False


# British and American spellings of the same word ("radicalisation", "radicalization"): each
# asks for the other too. Stemmers do not meet them: English stems "radicalization" "radic",
# "radicalisation" "radicalis".
# Only "-is-"/"-iz-" before an English ending, in an ASCII word: "prise", "crise" stay as typed.
_ENGLISH_SPELLING = re.compile(
    r"^(?P<head>[a-z]{3,}i)(?P<letter>[sz])(?P<tail>ation|ations|e|ed|es|ing|er|ers)$", re.IGNORECASE | re.ASCII
)


# Other British and American spellings, word by word (the rule above would take "colour" or
# "programme" for no English word): the British spelling, the American one. A word asks for
# the other when it begins with one of them and ends with one of ``_ENDINGS``.
_BRITISH_AMERICAN = {
    "programme": "program",
    "behaviour": "behavior",
    "neighbour": "neighbor",
    "labour": "labor",
    "colour": "color",
    "favour": "favor",
    "honour": "honor",
    "centre": "center",
    "theatre": "theater",
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "counsell": "counsel",
    "travell": "travel",
    "modell": "model",
    "labell": "label",
    "enrolment": "enrollment",
    "judgement": "judgment",
    "ageing": "aging",
    "analys": "analyz",
    "paralys": "paralyz",
}
_AMERICAN_BRITISH = {american: british for british, american in _BRITISH_AMERICAN.items()}
_ENDINGS = frozenset(
    {"", "s", "d", "e", "ed", "es", "ing", "er", "ers", "or", "ors", "al", "ite", "ites", "able", "hood", "hoods"}
)
_DOUBLED = ("counsell", "travell", "modell", "labell")  # doubled before an ending only: "counselling"
_DOUBLED_ENDINGS = frozenset({"ing", "ed", "er", "ers", "or", "ors"})
_HEADS = sorted({*_BRITISH_AMERICAN, *_AMERICAN_BRITISH}, key=len, reverse=True)
_WORD_SPELLING = re.compile("^(?P<head>" + "|".join(_HEADS) + ")(?P<tail>[a-z]*)$", re.IGNORECASE)


def _listed_spelling(word: str) -> str:
    match = _WORD_SPELLING.match(word)
    if not match or match.group("tail").lower() not in _ENDINGS:
        return word
    head = match.group("head")
    doubled = head.lower() in _DOUBLED or head.lower() in (_BRITISH_AMERICAN[british] for british in _DOUBLED)
    if doubled and match.group("tail").lower() not in _DOUBLED_ENDINGS:
        return word
    other = _BRITISH_AMERICAN.get(head.lower()) or _AMERICAN_BRITISH[head.lower()]
    if head.isupper():
        other = other.upper()
    elif head[0].isupper():
        other = other.capitalize()
    return other + match.group("tail")


def _other_spelling(word: str) -> str:
    match = _ENGLISH_SPELLING.match(word)
    if not match:
        return _listed_spelling(word)
    letter = "z" if match.group("letter").lower() == "s" else "s"
    letter = letter.upper() if match.group("letter").isupper() else letter
    return match.group("head") + letter + match.group("tail")


# Inclusive forms: German "Sozialarbeiter:innen", "Lehrer*innen", "Lehrer_innen", "Lehrer/innen",
# "LehrerInnen" (the plural only: not "LinkedIn"); French "éducateur·rice·s", "radicalisé·es",
# "étudiant.e.s", "élu-e-s". The text may write the masculine ("Sozialarbeiter", "éducateurs"),
# the feminine or the inclusive form: the first word is asked for too. A hyphen before "in" is
# English ("drop-in", "check-in").
_INCLUSIVE = re.compile(
    r"^(?P<base>[^\W_]{3,})(?:[:*_/]-?(?:in|innen)|(?:[·.\-](?:e|es|s|x|rice|rices|trice|trices|ne|nes|le|les"
    r"|euse|euses|ère|ères|ive|ives))+)$",
    re.IGNORECASE,
)
_BINNEN_I = re.compile(r"^(?P<base>[^\W_]{2,}[a-zäöüß])I(?P<tail>nnen)$")  # not "LinkedIn"


def _inclusive(word: str) -> tuple[str, ...]:
    """The words an inclusive form also asks for: its first word ("Sozialarbeiter:innen":
    "Sozialarbeiter"; "LehrerInnen": "Lehrer" and "Lehrerinnen"); none for another word."""
    if match := _INCLUSIVE.match(word):
        return (match.group("base"),)
    if match := _BINNEN_I.match(word):
        return (match.group("base"), match.group("base") + "i" + match.group("tail"))
    return ()


# Portuguese nouns in -ão make their plural in -ões ("prisão", "prisões"; "intervenção",
# "intervenções"), which Snowball stems apart ("prisa" and "prisoe", folded): a word in -ão also
# asks for its form in -ões and the reverse, typed with the tilde or, after c, ç, s or i, without
# it ("prisao", "intervencoes", "religioes"; no English word ends so). Words of three letters are
# left as typed ("não", "São", "mão"); an -ão word whose plural is -ães or -ãos ("alemão",
# "irmão") asks for a form no text writes, which finds nothing more.
_BARE_BEFORE = "cçsi"


def _portuguese_number(word: str) -> str:
    """``word`` in the other number if it is a Portuguese noun in -ão or -ões, else ``word``."""
    low = word.casefold()
    if low.endswith("ão") and len(low) > 3:
        return word[:-2] + "ões"
    if low.endswith("ões") and len(low) > 4:
        return word[:-3] + "ão"
    if low.endswith("ao") and len(low) > 4 and low[-3] in _BARE_BEFORE:
        return word[:-2] + "oes"
    if low.endswith("oes") and len(low) > 5 and low[-4] in _BARE_BEFORE:
        return word[:-3] + "ao"
    return word


# Dutch nouns in -ee and -ie make their plural in -ën ("moskee", "moskeeën"; "strategie",
# "strategieën", "categorieën", "knieën"), which Snowball's Dutch leaves whole ("moskeeen", folded),
# so neither form finds the other (2026-12-08, the 26th sweep): a word in -ee or -ie also asks for
# its form in -ën, and one in -eeën or -ieën (typed with the diaeresis or without it) for the word
# without it. Not -tie: Dutch writes "organisaties", "situaties", and French "sortie", "partie" are
# typed more than any Dutch -tie word in -ën. English words so made ("committeeën", "movieën") are
# no word of any text: nothing more is found.
def _dutch_number(word: str) -> str:
    """``word`` in the other number if it may be a Dutch noun in -ee or -ie, else ``word``."""
    low = word.casefold()
    if len(low) > 5 and low[-4:] in ("eeën", "ieën", "eeen", "ieen"):
        return word[:-2]
    if len(low) > 3 and (low.endswith("ee") or (low.endswith("ie") and not low.endswith("tie"))) and low.isalpha():
        return word + "ën"
    return word


# Norway's two written standards spell many words apart: bokmål "skole", "voldelig", "forskning",
# nynorsk "skule", "valdeleg", "forsking" (2026-12-08, the 26th sweep). Stemmed alike in
# Norwegian, a word of one standard (any form: "skolen", "skular") also asks for the other's word,
# which then finds each of its forms ("skule" finds "skulen"). The words of this list are the
# commonest content words of the field that differ (function words are stop words already); a
# stem that another word shares ("led" of "leder" is "lede"'s too) widens an answer, never
# narrows it.
_BOKMAL_NYNORSK = (
    ("skole", "skule"),
    ("ungdomsskole", "ungdomsskule"),
    ("grunnskole", "grunnskule"),
    ("voldelig", "valdeleg"),
    ("vold", "vald"),
    ("forskning", "forsking"),
    ("holdning", "haldning"),
    ("fremmedfrykt", "framandfrykt"),
    ("hjem", "heim"),
    ("hjemme", "heime"),
    ("sted", "stad"),
    ("venner", "vener"),
    ("leder", "leiar"),
    ("foresatte", "føresette"),
    ("fremme", "fremje"),
    ("sammen", "saman"),
    ("veileder", "rettleiar"),
    ("veiledning", "rettleiing"),
    ("ansatte", "tilsette"),
    ("gutter", "gutar"),
    ("tilbud", "tilbod"),
    ("deltakere", "deltakarar"),
    ("trygghet", "tryggleik"),
    ("mulighet", "moglegheit"),
    ("videregående", "vidaregåande"),
    ("forebygge", "førebyggje"),
    ("forebyggende", "førebyggjande"),
    ("tilhørighet", "tilhøyrsle"),
    ("utenforskap", "utanforskap"),
    ("tro", "tru"),
    ("hvit", "kvit"),
)


@functools.cache
def _norwegian_standards() -> dict[str, str]:
    """The Norwegian stem (folded) of each word of ``_BOKMAL_NYNORSK`` -> the other standard's word."""
    from search.analysis import stem

    found: dict[str, str] = {}
    for bokmal, nynorsk in _BOKMAL_NYNORSK:
        found[fold(stem(bokmal, "no"))] = nynorsk
        found[fold(stem(nynorsk, "no"))] = bokmal
    return found


@functools.lru_cache(maxsize=4096)
def _other_norwegian(word: str) -> str:
    """``word`` in Norway's other written standard if it is a listed word, else ``word``."""
    if len(word) < 3 or not word.isalpha():
        return word
    from search.analysis import stem

    return _norwegian_standards().get(fold(stem(word.casefold(), "no")), word)


# Portugal's spelling before the 1990 agreement, still typed and in older texts, writes a c or p
# no longer pronounced: "acção", "direcção", "projecto", "colectivo", "actividade", "óptimo" for
# "ação", "direção", "projeto", "coletivo", "atividade", "ótimo". Such a word also asks for the
# word without it: a c or p after a vowel, before ç, or before a t that begins one of these
# endings (English "actor", "practice", "active" are left as typed; Spanish "proyecto" asks for
# "proyeto" too, which no text writes).
_SILENT_CONSONANT = re.compile(r"(?<=[aeiouáéíóúâêô])[cp](?=ç|t(?:[oa]s?|iv[oa]s?|ividades?|im[oa]s?)$)", re.IGNORECASE)


def _portuguese_before_1990(word: str) -> str:
    return _SILENT_CONSONANT.sub("", word) if len(word) > 4 else word


# Finnish consonant gradation: a stem's last consonant (or consonants) between vowels changes
# with the ending ("Turku", "Turussa"; "Helsinki", "Helsingin"; "vertaistuki", "vertaistuen"),
# which Snowball's Finnish does not undo ("turku" / "turu", "helsink" / "helsing", "vertaistuk" /
# "vertaistue"). A Finnish word (more frequent in Finnish than in English: wordfreq's lists, read
# by the compound splitter too) also asks for its Snowball stem with that consonant in the other
# grade, strong for weak and weak for strong, which Snowball stems as the text's other forms:
# "Turku" also "turu", "Turussa" "turku", "Helsinki" "helsing", "vertaistuen" "vertaistuke"
# (2026-12-07, the 25th sweep). Where a grade has two readings both are asked for ("tuki": "tui"
# and "tukki", a log): an answer widened, never narrowed.
_FINNISH_WORD = re.compile(r"^[a-zåäö]{4,}$")
_FINNISH_VOWELS = "aeiouyäö"
_FINNISH_DIPHTHONGS = frozenset("ai ei oi ui yi äi öi au eu iu ou ey iy äy öy ie uo yö".split())
_GRADES: dict[str, tuple[str, ...]] = {
    **{"kk": ("k",), "pp": ("p",), "tt": ("t",), "k": ("", "kk"), "p": ("v", "pp"), "t": ("d", "tt")},
    **{"nk": ("ng",), "ng": ("nk",), "mp": ("mm",), "mm": ("mp",), "lt": ("ll",), "ll": ("lt",)},
    **{"nt": ("nn",), "nn": ("nt",), "rt": ("rr",), "rr": ("rt",), "v": ("p",), "d": ("t",)},
    **{"lk": ("l", "lj"), "rk": ("r", "rj"), "hk": ("h",), "lj": ("lk",), "rj": ("rk",)},
    **{"l": ("lk",), "r": ("rk",), "h": ("hk",)},
}


_finnish: "np.ndarray | None" = None  # the words more common in Finnish than in English, sorted (_finnish_words)
_finnish_lock = threading.Lock()
FINNISH_LONGEST = 32  # letters of the longest word kept (a query word longer is not graded)


def _finnish_words() -> "np.ndarray":
    """The words of wordfreq's Finnish list more common in Finnish than in English (as the compound splitter
    reads them: ``compounds.frequencies``, ``compounds.english``), read once per process into one sorted
    fixed-width array: the lists themselves, kept, made a web process 70 MB larger at its first search
    (docs/PERFORMANCE.md, "Sixteenth round"); this is about 10 MB, the lists freed once read."""
    global _finnish
    if _finnish is None:
        with _finnish_lock:
            if _finnish is None:
                from search.compounds import english, frequencies

                finnish, common = frequencies.__wrapped__("fi"), english.__wrapped__()
                kept = sorted(
                    word.encode()
                    for word, zipf in finnish.items()
                    if len(word) <= FINNISH_LONGEST and zipf > common.get(word, 0.0)
                )
                del finnish, common
                _finnish = np.array(kept, dtype=f"S{FINNISH_LONGEST * 2}")
                del kept
                gc.collect()
    return _finnish


def _is_finnish(word: str) -> bool:
    words = _finnish_words()
    key = word.encode()
    at = int(np.searchsorted(words, key))
    return at < len(words) and words[at] == key


def _finnish_grades(word: str) -> tuple[str, ...]:
    """The stems of ``word`` in the other consonant grade if it is a Finnish word, else ()."""
    from search.analysis import _stemmer

    low = word.casefold()
    if not _FINNISH_WORD.match(low) or low in STOP_WORDS or not _is_finnish(low):
        return ()  # not Finnish, or a function word ("ning" stays one)
    stemmed = _stemmer("finnish").stemWord(low)
    vowels = len(stemmed)
    while vowels and stemmed[vowels - 1] in _FINNISH_VOWELS:
        vowels -= 1
    tail = stemmed[vowels:]
    if len(tail) == 2 and tail not in _FINNISH_DIPHTHONGS and tail[0] != tail[1]:
        return (stemmed[: vowels + 1] + "k" + tail[1],)  # "vertaistue": "vertaistuke"
    start = vowels
    while start and stemmed[start - 1] not in _FINNISH_VOWELS:
        start -= 1
    if (
        not start
        or stemmed[start:vowels] not in _GRADES
        or (not tail and vowels - start == 1 and stemmed[start] in "lrh")
    ):
        return ()  # a stem ending in a lone l, r or h ("tamper"): no weak grade of lk, rk, hk
    head, cluster = stemmed[:start], stemmed[start:vowels]
    return tuple(head + other + tail for other in _GRADES[cluster] if head + other + tail != stemmed)


def spellings(written: tuple[str, ...], *, one_word: bool, also: tuple[str, ...] = ()) -> tuple[Term, ...]:
    """The term the words make, then the same words in their other English spelling, then in their
    other number if they are Portuguese nouns in -ão or -ões (``_portuguese_number``), then without
    the consonant Portugal no longer writes (``_portuguese_before_1990``), then in the other number
    if they are Dutch nouns in -ee or -ie (``_dutch_number``), then in Norway's other written
    standard (``_other_norwegian``), then a Finnish word's
    stem in its other consonant grade (``_finnish_grades``), then, for a
    word written with inner punctuation (``one_word``: "multi-agency", "P/CVE", "Covid-19"), the
    word written whole ("multiagency", "PCVE", "Covid19"), then the words of ``also`` (an
    inclusive form's, ``_inclusive``)."""
    other = tuple(_other_spelling(word) for word in written)
    found = [
        Term(written),
        Term(other),
        Term(tuple(_portuguese_number(word) for word in written)),
        Term(tuple(_portuguese_before_1990(word) for word in written)),
        Term(tuple(_dutch_number(word) for word in written)),
        Term(tuple(_other_norwegian(word) for word in written)),
    ]
    if one_word and len(written) > 1:
        found.append(Term(("".join(written),)))
    graded = [_finnish_grades(word) for word in written]
    if any(graded):
        found.append(Term(tuple(grades[0] if grades else word for grades, word in zip(graded, written, strict=True))))
        if len(written) == 1:
            found.extend(Term((grade,)) for grade in graded[0][1:])
    found.extend(Term((word,)) for word in also)
    return tuple(dict.fromkeys(found))


# The field's acronyms and their long forms (2026-12-08, the 26th sweep): each form asks for the
# others, so "NGO" finds "a non-governmental organisation", "Radicalisation Awareness Network"
# finds "the RAN", "countering violent extremism" finds "P/CVE"... An acronym is read as one when
# typed with two capitals or more, or when it is no common English word ("ran" is the past of
# "run": "RAN" is the network); a long form when its words stand in a row in the query (typed
# apart or as a quoted phrase; the last one may take a plural s). Its other forms are added to
# each of those words' clauses: a text with the acronym meets every clause, one with the words
# apart still does (the answer is widened, never narrowed).
_ACRONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "NGO",
        "ONG",
        "non-governmental organisation",
        "nongovernmental organisation",
        "organisation non gouvernementale",
        "organización no gubernamental",
        "organização não governamental",
        "organizzazione non governativa",
        "organizație neguvernamentală",
        "Nichtregierungsorganisation",
        "niet-gouvernementele organisatie",
        "organizacja pozarządowa",
        "nevládní organizace",
    ),
    ("RAN", "Radicalisation Awareness Network"),
    ("CVE", "countering violent extremism"),
    ("PVE", "preventing violent extremism"),
    ("FTF", "foreign terrorist fighter"),
)
COMMON_ENGLISH = 4.0  # Zipf frequency from which a word typed in lower case is English ("ran", "exit")


def _folded_words(form: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in words(form))


def _form_terms(form: str) -> tuple[Term, ...]:
    """A form as the query asks for it: its words (a phrase), an English one in its other spelling
    too ("non-governmental organization")."""
    written = tuple(words(form))
    found = [Term(written)]
    if form.isascii() and " " in form:
        found.append(Term(tuple(_other_spelling(word) for word in written)))
    return tuple(dict.fromkeys(found))


_LONG_FORMS: dict[tuple[str, ...], int] = {}
_ACRONYMS: dict[str, int] = {}
for _group, _forms in enumerate(_ACRONYM_GROUPS):
    for _form in _forms:
        if len(_folded_words(_form)) > 1:
            for _term in _form_terms(_form):
                _LONG_FORMS[tuple(fold(word) for word in _term.words)] = _group
        else:
            _ACRONYMS["".join(_folded_words(_form))] = _group


_LONG_FORM_STARTS = frozenset(form[:1] for form in _LONG_FORMS)
_LONGEST_FORM = max(map(len, _LONG_FORMS))


def _other_forms(group: int, typed: tuple[str, ...]) -> tuple[Term, ...]:
    """The terms of the group's forms but the one typed (its folded words)."""
    found = (term for form in _ACRONYM_GROUPS[group] for term in _form_terms(form))
    return tuple(term for term in dict.fromkeys(found) if tuple(fold(word) for word in term.words) != typed)


def _acronym_group(raw: str) -> int | None:
    """The group of ``raw`` typed as an acronym ("NGO", "NGOs", "cve"), if it is one."""
    key = fold(raw)
    group = _ACRONYMS.get(key)
    if group is None and key.endswith("s") and raw.endswith("s"):
        group = _ACRONYMS.get(key[:-1])
    if group is None:
        return None
    if sum(c.isupper() for c in raw) >= 2:
        return group
    from search.compounds import english

    return group if english().get(key, 0.0) < COMMON_ENGLISH else None


def _with_other_forms(clauses: list[Clause]) -> list[Clause]:
    """The clauses, those that spell a long form in a row (``_LONG_FORMS``) with its group's other
    forms added to each (the acronym too)."""
    heads = [tuple(fold(word) for word in clause.terms[0].words) for clause in clauses]
    for start in range(len(clauses)):
        if heads[start][:1] not in _LONG_FORM_STARTS:
            continue
        row: tuple[str, ...] = ()
        for end in range(start, len(clauses)):
            row += heads[end]
            if len(row) > _LONGEST_FORM:
                break
            group = _LONG_FORMS.get(row)
            if group is None and row[-1].endswith("s"):
                group = _LONG_FORMS.get((*row[:-1], row[-1][:-1]))
            if group is None:
                continue
            others = _other_forms(group, row)
            for index in range(start, end + 1):
                clause = clauses[index]
                if not all(term.is_stop_word for term in clause.terms):
                    clauses[index] = Clause(tuple(dict.fromkeys((*clause.terms, *others)))[:MAX_TERMS])
            break
    return clauses


# Two words joined by a slash ("re-integration/follow-up", "Rechts-/Linksextremismus"): either.
_SLASHED = re.compile(r"^(?P<left>[^\W\d_][\w-]*?)(?P<cut>-?)/(?P<right>[^\W\d_][\w-]*)$")
MIN_SIDE = 3  # letters of each side: "P/CVE", "km/h", "TCP/IP" are one word


def _either_side(raw: str) -> tuple[str, ...]:
    """The words a word written with a slash also asks for, each alone: its two sides
    ("re-integration", "follow-up"); a side cut short by a hyphen (German, Dutch, Scandinavian
    "Rechts-/Linksextremismus") completed by each ending of the other ("Rechtsextremismus" among
    them: which ending is the compound's last word is not known; the others are no words)."""
    match = _SLASHED.match(raw)
    if not match or match.group("right").casefold() in ("in", "innen"):
        return ()
    left, right = match.group("left"), match.group("right")
    if min(len(left), len(right)) < MIN_SIDE:
        return ()
    if not match.group("cut"):
        return (left, right)
    endings = (right[i:] for i in range(MIN_SIDE, len(right) - MIN_SIDE))
    return (right, *(left + ending for ending in endings if ending.isalpha()))


def _scan(text: str) -> list[_Item]:
    items: list[_Item] = []
    not_before = False  # "NOT" typed before this word or phrase: it is left out, as "-word"
    for match in _SCAN.finditer(text):
        if match.group("word") == "OR":
            items.append(_Item(()))
            not_before = False
            continue
        if match.group("word") == "NOT" and not match.group("neg"):
            not_before = True
            continue
        raw = match.group("phrase") if match.group("word") is None else match.group("word")
        word = match.group("word")
        if word and (ending := _FINNISH_ENDING.match(word)) and _ending_after_colon(*ending.groups()):
            raw = ending.group("head")  # "RAN:n", "ry:n"
        typed_not = not_before
        negated = not_before or bool(match.group("neg")) or (match.group("word") or "").startswith("-")
        not_before = False
        if match.group("word") is not None:
            raw = _ELIDED.sub("-" if negated else "", raw)
        found = tuple(words(raw))
        if found:
            also = _inclusive(raw.lstrip("-")) if word else ()
            terms = spellings(found[:MAX_TERMS], one_word=word is not None, also=also)
            for side in _either_side(raw.lstrip("-")) if word else ():
                terms += spellings(tuple(words(side)), one_word=True)
            if word and (group := _acronym_group(raw.lstrip("-"))) is not None:
                terms += _other_forms(group, ("".join(fold(part) for part in found),))
            if word and len(found) == 1:
                terms += tuple(Term((name,)) for name in exonyms.other_names(found[0]))
            terms = tuple(dict.fromkeys(terms))[:MAX_TERMS]
            if negated and all(term.is_stop_word for term in terms):
                # "-the" would leave out nearly every text of a language: nothing is left out;
                # "NOT in prison" leaves out the word after the stop word
                not_before = typed_not
                continue
            items.append(_Item(terms, negated))
    return items[: MAX_TERMS * 2]


def _without_stop_words(clauses: list[Clause]) -> list[Clause]:
    useful = [clause for clause in clauses if not all(term.is_stop_word for term in clause.terms)]
    return useful or clauses


# Emoji and pictographs (with the joiner and the variation selector that build them) separate
# words: "radicalisation🙂jeunes" is two words, not a phrase of them.
_PICTOGRAPHS = re.compile("[\u200d\ufe0e\ufe0f\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]+")
# "or" written in the query's language between two words ("familles ou parents", "Schule oder
# Verein", "cárceles o barrios", "mentorer eller fritidsledare", "nuoret tai koulut"): OR, only in
# a query of words alone (no operator, no quote, no exclusion), the connector in lower case with a
# word on each side that is no stop word. Elsewhere it stays what it was (French "ou" a stop word;
# "où", "O", "ou" alone are words). French and Portuguese "ou", German "oder", Spanish and Italian
# "o", Swedish, Danish and Norwegian "eller", Finnish "tai", Greek "ή" (with its accent: "η" is the
# article), Hungarian "vagy", Romanian "sau".
# Since the 23rd session (2026-12-07) also Polish "lub" and "albo", Czech "nebo", Slovak "alebo",
# Croatian "ili", Bulgarian "или", Lithuanian "arba", Estonian "või", Irish "nó" (with their
# accents); not Slovenian "ali" (a name), Maltese "jew" (an English word) nor Latvian "vai" (Portuguese
# "goes": "quem vai ajudar as famílias" shows no Portuguese to ``_reads_portuguese``).
_CONNECTORS = frozenset(
    {"ou", "oder", "o", "eller", "tai", "ή", "vagy", "sau"}
    | {"lub", "albo", "nebo", "alebo", "ili", "или", "arba", "või", "nó"}
)
# Dutch "of" is English "of" too: OR only between two words no English list knows
# ("gedetineerden of jongerenwerkers"), never in "prevention of radicalisation" (_connects).
_DUTCH_OR = "of"
# Portuguese "o" is its article ("combater o extremismo"); its "or" is "ou". In a query that shows
# Portuguese (one of these words, or ã/õ) "o" stays a word.
_PORTUGUESE = frozenset("do da dos das nos nas em um uma ao aos pelo pela pelos pelas com não são é à às".split())
_OPERATOR = re.compile(r'"|(?:^|\s)[-+]|\b(?:OR|AND|NOT)\b')


def _reads_portuguese(tokens: list[str]) -> bool:
    return any(token.casefold() in _PORTUGUESE or any(c in token.casefold() for c in "ãõ") for token in tokens)


def _connects(connector: str, before: str, after: str, *, portuguese: bool) -> bool:
    """Whether ``connector`` between ``before`` and ``after`` is OR (see ``_CONNECTORS``)."""
    if before in _CONNECTORS or after in _CONNECTORS or before == _DUTCH_OR or after == _DUTCH_OR:
        return False
    if fold(before) in STOP_WORDS or fold(after) in STOP_WORDS:
        return False
    if connector == _DUTCH_OR:
        from search.compounds import english

        known = english()
        return before.casefold() not in known and after.casefold() not in known
    if connector == "o":
        return not portuguese
    return connector in _CONNECTORS


def _connectors_as_or(text: str) -> str:
    if _OPERATOR.search(text):
        return text
    tokens = text.split()
    portuguese = _reads_portuguese(tokens)
    for i in range(1, len(tokens) - 1):
        if _connects(tokens[i], tokens[i - 1], tokens[i + 1], portuguese=portuguese):
            tokens[i] = "OR"
    return " ".join(tokens)


def _unquoted_last(text: str) -> str:
    """An odd quotation mark, the last one, is left out: '"unclosed quote mentoring' (a pasted
    fragment) are three words, not a phrase no text holds."""
    if text.count('"') % 2:
        cut = text.rindex('"')
        return text[:cut] + " " + text[cut + 1 :]
    return text


# Pasted from a PDF: a word cut at the end of a line by a hyphen or a soft hyphen ("radi-\ncalised")
# is one word again; a soft hyphen elsewhere is invisible. ("multi-\nagency" becomes "multiagency",
# which finds a text writing "multi-agency" too: docs/SEARCH.md, "Compounds: words written in parts".)
_CUT_AT_LINE_END = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010][ \t]*(?:\r\n|\r|\n)\s*(?=[^\W\d_])")
# Arabic's short vowels, its tatweel and Hebrew's points, optional marks texts rarely write and
# which break a word in two for the tokenizer ("التَّطَرُّف" is "التطرف").
_OPTIONAL_MARKS = re.compile("[\u00ad\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")


def _as_typed(text: str) -> str:
    """The query as its words would be indexed: composed (a letter typed as a base and a
    combining accent, "e" + U+0301, is one character, as in the indexed text, not a word break),
    pictographs as spaces, words cut at a line's end joined, optional marks left out."""
    text = _PICTOGRAPHS.sub(" ", unicodedata.normalize("NFC", text or ""))
    return _OPTIONAL_MARKS.sub("", _CUT_AT_LINE_END.sub("", text))


def parse(text: str) -> ParsedQuery:
    clauses: list[Clause] = []
    excluded: list[Term] = []
    pending_or = False
    text = _as_typed(text)
    for item in _scan(_connectors_as_or(_unquoted_last(_BOOST_OR_FUZZINESS.sub("", text)))):
        if not item.terms:
            pending_or = bool(clauses)
        elif item.negated:
            excluded.extend(item.terms)
            pending_or = False
        elif pending_or:
            clauses[-1] = Clause((*clauses[-1].terms, *item.terms))
            pending_or = False
        else:
            clauses.append(Clause(item.terms))
    return ParsedQuery(tuple(_without_stop_words(_with_other_forms(clauses))), tuple(excluded))


def typed_terms(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """``terms`` (a clause's, or the exclusions) as typed: without the other spellings, numbers and
    words written whole that ``spellings`` added to each, which parsing them again adds back."""
    kept: list[Term] = []
    added: set[Term] = set()
    for term in terms:
        if term not in added:
            kept.append(term)
            added.update(spellings(term.words, one_word=True)[1:])
            typed = tuple(fold(word) for word in term.words)
            group = _LONG_FORMS.get(typed, _ACRONYMS.get("".join(typed)))
            if group is not None:
                added.update(_other_forms(group, typed))
            if len(term.words) == 1:
                added.update(Term((name,)) for name in exonyms.other_names(term.words[0]))
    return tuple(kept)


def any_of(text: str, limit: int = 24) -> ParsedQuery:
    """A query matching documents that share any (non-stop) word of ``text``: for similar()."""
    seen: dict[str, Term] = {}
    for word in words(text):
        key = fold(word)
        if key not in STOP_WORDS and len(key) > 2 and key not in seen:
            seen[key] = Term((word,))
    terms = tuple(seen.values())[:limit]
    return ParsedQuery((Clause(terms),) if terms else ())


def _says_something(clause: Clause) -> bool:
    return any(len(term.words) > 1 or fold(term.words[0]) not in FALLBACK_STOP_WORDS for term in clause.terms)


def some_words(parsed: ParsedQuery) -> tuple[ParsedQuery, ...]:
    """The queries a "some of your words" answer counts, one per clause that says something
    (each with the exclusions); empty when the query has fewer than two clauses (then the
    answer with every word is the only one) or only stop words."""
    if len(parsed.clauses) < 2:
        return ()
    return tuple(ParsedQuery((clause,), parsed.excluded) for clause in parsed.clauses if _says_something(clause))


def any_word(parsed: ParsedQuery) -> ParsedQuery:
    """One clause of every term ``some_words`` counts: what a partial answer marks."""
    terms = tuple(dict.fromkeys(term for part in some_words(parsed) for term in part.positive_terms))
    return ParsedQuery((Clause(terms),) if terms else (), parsed.excluded)
