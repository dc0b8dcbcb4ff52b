"""The language each paragraph is written in.

Practitioners answer in the language they work in: a German answer in a
practice declared English, an English paragraph in a Norwegian one. Each
paragraph is checked in its own language when a guess says so surely, so that
a German answer gets the rules of a language without a model of its own (a lone
NER "person" is dropped) and an English one the English model's names. Short
texts are guessed badly ("Tel.: +32 …" reads as Norwegian), so a paragraph of
fewer than ``MIN_WORDS`` words takes its field's language, and a field of fewer
the practice's. Pure Python: the language identifier (py3langid, already used by
search) loads on the first guess, about one second.
"""

import re
from collections.abc import Iterator

from search.analysis import guess_language

MIN_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{2,}")
_ADDRESSES = re.compile(r"[^\s@]{1,64}@\S{1,255}|https?://\S+|www\.\S+")  # bounded: linear on long runs
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each non-blank paragraph of ``text``."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            yield start, text[start : match.start()]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


def written_in(text: str, declared: str) -> str:
    """The language ``text`` is surely written in, else ``declared``."""
    if len(_WORD.findall(_ADDRESSES.sub(" ", text))) < MIN_WORDS:
        return declared
    return guess_language(text) or declared


def paragraph_languages(text: str, declared: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of each paragraph of ``text`` in a practice declared in
    ``declared``; a short paragraph takes the field's language."""
    declared = (declared or "").lower()[:2]
    field = written_in(text, declared)
    return [(offset, offset + len(part), written_in(part, field)) for offset, part in paragraphs(text)]


def language_at(spans: list[tuple[int, int, str]], position: int, declared: str) -> str:
    """The language of the paragraph holding ``position``."""
    for start, end, language in spans:
        if start <= position < end:
            return language
    return (declared or "").lower()[:2]
