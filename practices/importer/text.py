"""Small text helpers shared by the importer: folding, plain text, phrase matching."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

WORD_RE = re.compile(r"\w+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"})


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents, keeping its length, so that a
    span found in the folded text is the same span in the original."""
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


@dataclass
class PhraseIndex:
    """Finds known phrases in text, word by word, ignoring case and accents.

    At each word the longest known phrase starting there wins, so labels
    written one after another without separators are still told apart.
    """

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 0

    def add(self, phrase: str, key: str) -> None:
        words = tuple(tokens(phrase))
        if words and words not in self.phrases:
            self.phrases[words] = key
            self.longest = max(self.longest, len(words))

    def add_all(self, pairs: Iterable[tuple[str, str]]) -> None:
        for phrase, key in pairs:
            self.add(phrase, key)

    def scan(self, text: str) -> tuple[list[PhraseMatch], list[tuple[int, int]]]:
        """Known phrases in order of appearance, and the spans of the words
        that matched nothing."""
        words = list(WORD_RE.finditer(fold(text)))
        matches: list[PhraseMatch] = []
        leftovers: list[tuple[int, int]] = []
        index = 0
        while index < len(words):
            size, key = self._longest_at(words, index)
            if key is None:
                leftovers.append(words[index].span())
                index += 1
                continue
            matches.append(PhraseMatch(key, words[index].start(), words[index + size - 1].end()))
            index += size
        return matches, leftovers

    def _longest_at(self, words: list[re.Match], index: int) -> tuple[int, str | None]:
        upper = min(self.longest, len(words) - index)
        for size in range(upper, 0, -1):
            key = self.phrases.get(tuple(w.group() for w in words[index : index + size]))
            if key is not None:
                return size, key
        return 0, None


# Check boxes as writers tick them: the box characters (Word's check-box content controls
# write ☐ and ☒), a filled square, a tick mark, or "[x]" and "[ ]" in plain text and Markdown.
_EMPTY_BOX = r"[☐□❏❑▢]|\\?\[\s*\\?\]"
_BOX = re.compile(rf"(?P<empty>{_EMPTY_BOX})|[☒☑✅■▣⊠✓✔]|\\?\[\s*[xX✓✔✗✘vV*]\s*\\?\]")
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


def x_marks_as_boxes(text: str) -> str:
    """A checklist of lines in which a lone "X" before an entry ticks it, with boxes:
    the lines marked with X ticked, the other lines unticked. Other text as it is."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or _BOX.search(text) or not _X_LINE.search(text):
        return text
    ticked = _X_LINE.sub(r"\1☒", text)
    return "\n".join(
        line if "☒" in line or not line.strip() else _LIST_MARK.sub(r"\1☐ ", line, count=1)
        for line in ticked.split("\n")
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
