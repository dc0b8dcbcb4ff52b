"""The accents a query word typed without them most likely has, for the semantic half of hybrid
search (search/backends/hybrid.py, ``semantic_text``).

Practitioners type without accents (`teorias da conspiracao`, `kozossegi rendeszet`,
`radykalizacja w wiezieniu`). The lexical half finds such words already (every engine folds
them); the model does not read them as the words they are: on the judged set, the semantic
ranking of the twelve queries typed without accents went from 0.61 to 0.72 nDCG@10 when the
same queries were typed with them (tests/search/relevance, 2026-12-07). So a word the model
reads is given the accents of the commonest word of the practice languages that is written so
(wordfreq's lists), when that spelling is at least ten times as frequent (``MARGIN`` on the Zipf
scale) as the word as typed in any of those languages or English: "extreme" stays (English),
"teorias" too (Portuguese, as common as Spanish "teorías"), "conspiracao" is "conspiração",
"kozossegi" "közösségi". The lexical half reads the words as typed.

The lists are read when the model is loaded (``embedding.load``: at process start, never in a
request, a few seconds); until then words are left as typed.
"""

import math
import threading
from itertools import islice

from search.analysis import _TOKEN, fold

# wordfreq's languages among the practice languages (Norwegian is "nb" there; Croatian is in
# "sh"), the ones written with diacritics.
LANGUAGES = ("es", "it", "pt", "pl", "fi", "el", "hu", "ro", "cs", "sk", "sl", "sh", "fr", "de", "nl", "da", "sv", "nb")
WORDS_PER_LANGUAGE = 30_000  # the commonest words of each list (English's: words as typed only)
MARGIN = 1.0  # Zipf: the accented spelling is used when ten times as frequent as the word as typed
SHORTEST = 4  # shorter words stay as typed ("dla", "sau", acronyms)

# folded word -> (the commonest word written so with accents, its Zipf frequency, the Zipf
# frequency of the folded word itself in whichever list holds it most)
_index: dict[str, tuple[str, float, float]] | None = None
_lock = threading.Lock()


def load() -> None:
    """Read the word lists once for this process (about 3 s on one core), wordfreq's "small"
    lists, one language's at a time in memory (wordfreq keeps each list it reads: its large
    lists, all of them, held 600 MB). The process grows by about 80 MB, the index about 30."""
    global _index
    if _index is not None:
        return
    import wordfreq

    best: dict[str, tuple[str, float]] = {}
    typed: dict[str, float] = {}
    for language in ("en", *LANGUAGES):
        frequencies = wordfreq.get_frequency_dict(language, wordlist="small")
        for word in islice(wordfreq.iter_wordlist(language, wordlist="small"), WORDS_PER_LANGUAGE):
            folded = fold(word)
            zipf = math.log10(frequencies[word]) + 9  # wordfreq's Zipf scale
            if folded == word:
                typed[word] = max(typed.get(word, 0.0), zipf)
            elif folded and language != "en" and zipf > best.get(folded, ("", 0.0))[1]:
                best[folded] = (word, zipf)
        del frequencies
        wordfreq.get_frequency_dict.cache_clear()
        wordfreq.get_frequency_list.cache_clear()
    index = {folded: (word, zipf, typed.get(folded, 0.0)) for folded, (word, zipf) in best.items()}
    with _lock:
        _index = index


def is_loaded() -> bool:
    return _index is not None


def restored(text: str) -> str:
    """``text`` with each word typed without accents given the accents it most likely has (see
    the module's docstring); the rest as typed."""
    index = _index
    if not index:
        return text
    pieces, end = [], 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        accented = _accented(word, index)
        if accented != word:
            pieces += [text[end : match.start()], accented]
            end = match.end()
    return "".join([*pieces, text[end:]]) if pieces else text


def _accented(word: str, index: dict[str, tuple[str, float, float]]) -> str:
    lowered = word.casefold()
    if len(lowered) < SHORTEST or fold(lowered) != lowered or word.isupper():
        return word  # short, an acronym, or typed with its accents
    found = index.get(lowered)
    if found is None or found[1] < found[2] + MARGIN:
        return word
    best = found[0]
    if best.endswith("σ") and any("\u0370" <= c <= "\u03ff" for c in best):
        best = best[:-1] + "ς"  # wordfreq's lists write Greek's final sigma as σ
    return best[:1].upper() + best[1:] if word[:1].isupper() else best
