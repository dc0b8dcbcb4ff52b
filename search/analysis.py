"""Text analysis shared by the database engines: tokens, accent folding, Snowball stems.

SQLite's FTS5 only ships the Porter (English) stemmer, so the SQLite engine stems
in Python, with the Snowball algorithms of the ``snowballstemmer`` package, both
when it indexes and when it queries. A token is a run of letters and digits
(the same rule as FTS5's ``unicode61`` tokenizer), so the stemmed text can be
matched back to the original words position by position.
"""

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import snowballstemmer

# Practice language code -> Snowball algorithm (and PostgreSQL text search configuration).
STEMMERS: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "nl": "dutch",
    "no": "norwegian",
    "da": "danish",
    "sv": "swedish",
    "fi": "finnish",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "el": "greek",
    "hu": "hungarian",
    "ro": "romanian",
    "pl": "polish",
    "cs": "czech",
    "lt": "lithuanian",
    "et": "estonian",
    "ga": "irish",
}
# Practice languages no well-kept stemmer of ours reads (Snowball has none): folded and lower-cased
# only, on every engine, and never stemmed by another language's stemmer (Czech's for Slovak,
# Serbian's for Croatian), which would merge words the language keeps apart. Bulgarian and Latvian
# are stemmed by Elasticsearch (its built-in analyzers), not by the database engines
# (docs/SEARCH.md, "Which engine stems which language").
FOLDED_ONLY: tuple[str, ...] = ("sk", "sl", "hr", "bg", "lv", "mt")
# Every language a text may be recognised in (guess_language): the practice languages.
KNOWN_LANGUAGES: tuple[str, ...] = (*STEMMERS, *FOLDED_ONLY)

# Query words that say nothing on their own: English and French (the interface languages), and the
# commonest prepositions and conjunctions of the practice languages added in 2026-12 (Polish,
# Czech, Slovak, Slovenian, Croatian, Bulgarian, Lithuanian, Latvian, Estonian, Irish, Maltese),
# of two letters or more, none a word elsewhere that says something ("ali" a name, "pie", "ant",
# "jew", "mal", "fil", "go" are left out), written folded as a query word is compared: a
# practitioner's "praca dla więźniów" asks for "praca" and "więźniów" whether the text has "dla".
_NEW_LANGUAGES_FUNCTION_WORDS = """
    dla oraz lub albo we ze na do od po przez przy ze sie jest sa
    ve pro pri nebo ani jsou
    aj vo zo pre alebo
    ter iz ob je so
    te sa ili su
    във със на до за от по при към или че се са
    ir bei is su apie prie per uz yra arba kad
    un ar uz no par pec bez ir vai ka
    ja ning ka voi on ei kui
    agus na ar le do sa on ag no
    ta tal ghal bil lil minn fuq li
"""
# The same for the other practice languages (2026-12-07, the 25th sweep: "radikalisering och skola"
# was only "some of your words" for a Norwegian text, which writes "og"): Danish, Norwegian (bokmål
# and nynorsk) and Swedish, Finnish, Greek, German, Dutch, Spanish, Italian, Portuguese, Hungarian
# and Romanian, folded ("på" is "pa", "από" "απο"). Left out: words that say something in English
# or another language ("die", "den", "door", "ale", "os", "lo", "al", "ed", "ai", "fur" for "für",
# Spanish "dos", two), the connectors read as OR ("eller", "tai", "ή": query._CONNECTORS), and
# Greek's one-letter articles ("η" typed without its accent is also "ή", or).
_OLDER_LANGUAGES_FUNCTION_WORDS = """
    og och samt av af pa til till med fra fran hos ved vid hja som att det ett eit i
    seka myos kanssa
    και του της των τον την τη το τα οι στο στη στην στον στα στις στους σε για απο με ως
    und mit von vom zum zur bei im dem der das ein eine einer einem einen zu auf aus nach sowie
    het een met voor bij naar uit van op te
    los las del con para por y el que
    il di della delle dei degli nel nella nei negli per che gli e da agli alle sul sulla
    das em com pelo pela ao aos um uma
    es az egy hogy
    si cu din pe pentru unui unei
"""
STOP_WORDS: frozenset[str] = (
    frozenset(
        """a an and are as at be by for from in into is it of on or the their this to with
        au aux avec ce ces dans de des du en et la le les leur leurs par pour sur un une""".split()
    )
    | frozenset(_NEW_LANGUAGES_FUNCTION_WORDS.split())
    | frozenset(_OLDER_LANGUAGES_FUNCTION_WORDS.split())
)

_TOKEN = re.compile(r"[^\W_]+")
_local = threading.local()  # per-thread Snowball stemmer objects (they are not thread-safe)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> Iterator[Token]:
    for match in _TOKEN.finditer(text):
        yield Token(match.group(), match.start(), match.end())


def token_spans(text: str, first: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each token (of tokens ``first`` to ``stop`` - 1): ``tokens`` without an
    object per token (snippets)."""
    return [match.span() for match in islice(_TOKEN.finditer(text), first, stop)]


def token_count(text: str) -> int:
    return len(_TOKEN.findall(text))


# Letters Unicode does not decompose into a base letter and a mark (a stroke, a ligature), folded
# as Elasticsearch's asciifolding folds them: "Tromsø" is found by "Tromso", "Łódź" by "Lodz",
# "sœurs" by "soeurs", "ældre" by "aeldre". (ß is "ss" already: casefold.)
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold(word: str) -> str:
    """Lower case without diacritics, keeping only letters and digits ("Éducation" -> "education",
    "Tromsø" -> "tromso")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if c.isalnum())


# The Snowball algorithm run in Python for a language whose PostgreSQL configuration and
# Elasticsearch analyzer run another one: Snowball 3's "dutch" is a new algorithm (it stems
# "Rotterdamse" "rotterdams", "gemeente" "meen", "begeleiden" "beleid", the word for policy),
# where PostgreSQL's "dutch" configuration and Elasticsearch's "dutch" analyzer run the original
# one, kept in Snowball 3 as "dutch_porter" ("rotterdam", "gemeent", "begeleid"): every engine
# then stems Dutch alike.
PYTHON_ALGORITHMS: dict[str, str] = {"dutch": "dutch_porter"}


def _stemmer(algorithm: str):
    cache = _local.__dict__.setdefault("stemmers", {})
    if algorithm not in cache:
        cache[algorithm] = snowballstemmer.stemmer(PYTHON_ALGORITHMS.get(algorithm, algorithm))
    return cache[algorithm]


# The accented letters each Snowball algorithm reads as letters of its language. Any other one
# is folded before stemming: an English stemmer takes the "é" of "éducation" for a consonant
# and stems it "éducat", where "education" stems "educ" (the word is then found by neither).
STEMMER_LETTERS: dict[str, frozenset[str]] = {
    "english": frozenset(),
    "french": frozenset("àâäçéèêëîïôöùûüÿœæ"),
    "german": frozenset("äöüß"),
    "dutch": frozenset("äëïöüáéíóú"),
    "norwegian": frozenset("æøåêòóô"),
    "danish": frozenset("æøå"),
    "swedish": frozenset("åäö"),
    "finnish": frozenset("äö"),
    "spanish": frozenset("áéíóúüñ"),
    "italian": frozenset("àèìòùáéíóú"),
    # none: Portuguese is often typed without its accents, and Snowball stems "radicalização"
    # "radicaliz" but "radicalizacao" "radicalizaca"; folded first, both stem "radicalizaca" (the
    # plural "radicalizações" then stems apart: "radicalizaco")
    "portuguese": frozenset(),
    # the Greek algorithm reads every Greek letter, accented or not (casefold has made "ς" "σ")
    "greek": frozenset("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰ"),
    # Hungarian and Romanian are read with their accents: their endings hold them ("Börtönből":
    # "borton", -ből; "educației": "educ"), and a word typed without them is stemmed otherwise
    # ("szulokkel" "szul" where "szülőkkel" is "szulo"; "detinutilor" "detin", "deținuților"
    # "detinut"): a text in these languages also indexes its words without their accents
    # (``compounds.unaccented_text``), so that such a query meets them stemmed as typed
    "hungarian": frozenset("áéíóöőúüű"),
    # both forms of ș and ț: with a comma (Romanian) and with a cedilla (older keyboards)
    "romanian": frozenset("ăâîșşțţ"),
    # read with their letters too, their words also indexed without them (compounds.UNACCENTED_TOO):
    # Polish "więźniów" and "wiezniow" stem apart
    "polish": frozenset("ąćęłńóśźż"),
    "czech": frozenset("áčďéěíňóřšťúůýž"),
    "lithuanian": frozenset("ąčęėįšųūž"),
    "estonian": frozenset("äöõüšž"),
    "irish": frozenset("áéíóú"),
}


def _known_letters_only(lowered: str, algorithm: str) -> str:
    """``lowered`` with every accented letter ``algorithm`` does not know folded ("é" -> "e")."""
    if lowered.isascii():
        return lowered
    known = STEMMER_LETTERS[algorithm]
    return "".join(c if c.isascii() or c in known else (fold(c) or c) for c in lowered)


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    """The folded Snowball stem of ``word`` in ``language`` (a practice language code); an
    accented letter the language's stemmer does not know is folded first.

    Unknown languages are only folded. Never empty for a non-empty token.
    """
    algorithm = STEMMERS.get(language)
    lowered = word.casefold()
    stemmed = _stemmer(algorithm).stemWord(_known_letters_only(lowered, algorithm)) if algorithm else lowered
    return fold(stemmed) or fold(word) or "0"


def stemmed_text(text: str, language: str) -> str:
    """One stem per token, separated by single spaces: position i is the i-th token of ``text``."""
    return " ".join([stem(word, language) for word in _TOKEN.findall(text)])


def words(text: str) -> list[str]:
    return _TOKEN.findall(text)


GUESS_CONFIDENCE = 0.8  # below it a text stays without a language (folded, not stemmed)


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's model, limited to the practice languages (loaded once, about 1 s): a Cyrillic
    Bulgarian text is not taken for Russian, Macedonian or Serbian, which the portal has not."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(KNOWN_LANGUAGES))
    return identifier


def guess_language(text: str) -> str:
    """The language code (of KNOWN_LANGUAGES) ``text`` is most likely written in, or "" when
    the text is too short or too mixed to tell. For texts that carry no language of their
    own, such as network posts."""
    if len(_TOKEN.findall(text)) < 3:
        return ""
    language, confidence = _identifier().classify(text[:5000])
    return language if confidence >= GUESS_CONFIDENCE and language in KNOWN_LANGUAGES else ""
