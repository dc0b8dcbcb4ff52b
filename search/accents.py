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

import gc
import math
import threading
from itertools import islice

import numpy as np

from search.analysis import _TOKEN, fold

# wordfreq's languages among the practice languages (Norwegian is "nb" there; Croatian is in
# "sh"), the ones written with diacritics.
LANGUAGES = ("es", "it", "pt", "pl", "fi", "el", "hu", "ro", "cs", "sk", "sl", "sh", "fr", "de", "nl", "da", "sv", "nb")
WORDS_PER_LANGUAGE = 30_000  # the commonest words of each list (English's: words as typed only)
MARGIN = 1.0  # Zipf: the accented spelling is used when ten times as frequent as the word as typed
SHORTEST = 4  # shorter words stay as typed ("dla", "sau", acronyms)

# The folded words whose accented spelling wins by ``MARGIN`` (decided once, when the lists are
# read), sorted, and the commonest word written so with accents, each as UTF-8 in one fixed-width
# array: two allocations (about 5 MB) instead of 250,000 strings in a dictionary, whose building
# left the process 70 MB larger (the lists' words freed around the kept ones).
_index: "tuple[np.ndarray, np.ndarray] | None" = None
_lock = threading.Lock()


def load() -> None:
    """Read the word lists once for this process (about 2 s on one core), wordfreq's "small"
    lists, one language's at a time in memory (wordfreq keeps each list it reads: its large
    lists, all of them, held 600 MB)."""
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
    winners = sorted(
        (folded.encode(), _final_sigma(word).encode())
        for folded, (word, zipf) in best.items()
        if zipf >= typed.get(folded, 0.0) + MARGIN
    )
    del best, typed
    index = (np.array([key for key, _ in winners]), np.array([value for _, value in winners]))
    del winners
    gc.collect()
    with _lock:
        _index = index


def _final_sigma(word: str) -> str:
    if word.endswith("σ") and any("\u0370" <= c <= "\u03ff" for c in word):
        return word[:-1] + "ς"  # wordfreq's lists write Greek's final sigma as σ
    return word


def is_loaded() -> bool:
    return _index is not None


def restored(text: str) -> str:
    """``text`` with each word typed without accents given the accents it most likely has (see
    the module's docstring); the rest as typed."""
    index = _index
    if index is None:
        return text
    pieces, end = [], 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        accented = _accented(word, index)
        if accented != word:
            pieces += [text[end : match.start()], accented]
            end = match.end()
    return "".join([*pieces, text[end:]]) if pieces else text


def _accented(word: str, index: "tuple[np.ndarray, np.ndarray]") -> str:
    lowered = word.casefold()
    if len(lowered) < SHORTEST or fold(lowered) != lowered or word.isupper():
        return word  # short, an acronym, or typed with its accents
    keys, values = index
    key = lowered.encode()
    at = int(np.searchsorted(keys, key))
    if at == len(keys) or keys[at] != key:
        return word
    best = values[at].decode()
    return best[:1].upper() + best[1:] if word[:1].isupper() else best
