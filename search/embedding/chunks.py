"""Cutting a practice's text into chunks a sentence-embedding model reads well: whole
sentences, at most ``max_words`` words each (a longer sentence is cut at ``max_words``)."""

import re
from collections.abc import Iterator

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def chunks(text: str, *, max_words: int) -> list[str]:
    """Consecutive sentences packed into chunks of at most ``max_words`` words."""
    result: list[str] = []
    current: list[str] = []
    for words in _sentence_words(text, max_words):
        if current and len(current) + len(words) > max_words:
            result.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        result.append(" ".join(current))
    return result


def _sentence_words(text: str, max_words: int) -> Iterator[list[str]]:
    for sentence in sentences(text):
        words = sentence.split()
        for start in range(0, len(words), max_words):
            yield words[start : start + max_words]
