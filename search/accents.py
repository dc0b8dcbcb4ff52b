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

import threading

from search.analysis import _TOKEN, fold

# wordfreq's languages among the practice languages (Norwegian is "nb" there; Croatian is in
# "sh"), the ones written with diacritics.
LANGUAGES = ("es", "it", "pt", "pl", "fi", "el", "hu", "ro", "cs", "sk", "sl", "sh", "fr", "de", "nl", "da", "sv", "nb")
WORDS_PER_LANGUAGE = 30_000  # the commonest words of each list
MARGIN = 1.0  # Zipf: the accented spelling is used when ten times as frequent as the word as typed
SHORTEST = 4  # shorter words stay as typed ("dla", "sau", acronyms)

_index: dict[str, list[tuple[str, str]]] | None = None  # folded word -> (language, word with accents)
_lock = threading.Lock()


def load() -> None:
    """Read the word lists once for this process (about 4 s)."""
    global _index
    if _index is not None:
        return
    from wordfreq import top_n_list

    index: dict[str, list[tuple[str, str]]] = {}
    for language in LANGUAGES:
        for word in top_n_list(language, WORDS_PER_LANGUAGE):
            folded = fold(word)
            if folded and folded != word and folded.isalnum():
                index.setdefault(folded, []).append((language, word))
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


def _accented(word: str, index: dict[str, list[tuple[str, str]]]) -> str:
    lowered = word.casefold()
    if len(lowered) < SHORTEST or fold(lowered) != lowered or word.isupper():
        return word  # short, an acronym, or typed with its accents
    candidates = index.get(lowered)
    if not candidates:
        return word
    from wordfreq import zipf_frequency

    typed = max(zipf_frequency(lowered, language) for language in ("en", *LANGUAGES))
    language, best = max(candidates, key=lambda candidate: zipf_frequency(candidate[1], candidate[0]))
    if zipf_frequency(best, language) < typed + MARGIN:
        return word
    if language == "el" and best.endswith("σ"):
        best = best[:-1] + "ς"  # wordfreq's lists write Greek's final sigma as σ
    return best[:1].upper() + best[1:] if word[:1].isupper() else best
