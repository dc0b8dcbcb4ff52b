"""Plain text laid out by a tool or by hand, put back into lines the parser reads.

A PDF turned into text by a converter (pdftotext, a copy from a PDF viewer) breaks lines where the page did: in
the middle of a label ("Key" / "themes: Family support") and inside words, hyphenated at the line's end
("radicali-" / "sation"). A checklist typed as columns ("Target audience:   Yes   No", then "Families   X")
marks each entry under a yes or a no. ``rejoined`` and ``columns_as_boxes`` give the lines the writer meant.
"""

import re

from .cleaning import match_label, match_label_line
from .text import NO_WORDS, YES_WORDS, fold

# A word hyphenated at the line's end: two letters or more, a hyphen, and the next line going on with a letter
# ("radicali-" / "sation"). A dash after a space ("Budget -") and a number ("2019-") are no such break.
_HYPHENATED = re.compile(r"(?<=[^\W\d_]{2})-[ \t]*\n[ \t]*(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"^[^\W\d_]+")
_A_WORD = 2.5  # wordfreq's Zipf scale: a word at least this frequent in English or French is one
BROKEN_LABEL_WORDS = 4  # a label broken over two lines: its first line has this many words at most


def rejoined(text: str) -> str:
    """``text`` with words hyphenated at a line's end joined, and a label broken over two lines ("Country of" /
    "origin: Netherlands") on one."""
    lines = _HYPHENATED.sub(lambda match: _unbroken(text, match), text).split("\n")
    out: list[str] = []
    for line in lines:
        previous = out[-1].strip() if out else ""
        if previous and _label_start(previous) and match_label_line(f"{previous} {line.strip()}"):
            out[-1] = f"{previous} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _unbroken(text: str, match: re.Match) -> str:
    """What stands for a hyphen and a line break inside a word: nothing ("radicali-" / "sation", "Last up-" /
    "date"), or the hyphen when the two halves are words and the whole is none, or the next half starts with a
    capital: a compound's own hyphen ("self-" / "esteem", "multi-" / "agency", "Rotterdam-" / "Zuid")."""
    before = _WORD_BEFORE.search(text, 0, match.start())
    after = _WORD_AFTER.search(text[match.end() :])
    first, second = (before[0] if before else ""), (after[0] if after else "")
    if second[:1].isupper():
        return "-"
    if _is_word(first) and _is_word(second) and not _is_word(first + second):
        return "-"
    return ""


def _is_word(word: str) -> bool:
    from wordfreq import zipf_frequency  # loaded when a text has a word hyphenated at a line's end

    return any(zipf_frequency(word.lower(), language) >= _A_WORD for language in ("en", "fr"))


def _label_start(line: str) -> bool:
    """A short line that may be a label's first words: no label itself, no sentence, no answer after a colon."""
    return (
        len(line.split()) <= BROKEN_LABEL_WORDS
        and not re.search(r"[:：.!?;,]", line)
        and match_label(line) is None
        and match_label_line(line) is None
    )


_YES_NO = "|".join(sorted(YES_WORDS | NO_WORDS, key=len, reverse=True))
# The head of a checklist in columns: "Target audience:     Yes     No" (two spaces at least before each).
_COLUMNS_HEAD = re.compile(rf"^(?P<before>.*?)\s{{2,}}(?P<first>{_YES_NO})\s{{2,}}(?P<second>{_YES_NO})\s*$", re.I)
# An entry with its mark in a column: "Families          X".
_COLUMN_ENTRY = re.compile(r"^(?P<entry>\s*\S.*?)\s{2,}(?P<mark>[xX✓✔☒■])\s*$")


def columns_as_boxes(text: str) -> str:
    """A checklist typed as a yes and a no column, each entry marked under one of them, with boxes: the entries
    marked under the yes ticked, the others not; the columns' heads dropped. Any other text as it is."""
    lines = text.split("\n")
    out: list[str] = []
    number = 0
    while number < len(lines):
        head = _COLUMNS_HEAD.match(lines[number])
        yes_no = head and {fold(head["first"]) in YES_WORDS, fold(head["second"]) in YES_WORDS}
        if not head or yes_no != {True, False}:
            out.append(lines[number])
            number += 1
            continue
        yes_at = head.start("first" if fold(head["first"]) in YES_WORDS else "second")
        no_at = head.start("second" if yes_at == head.start("first") else "first")
        entries = []
        for line in lines[number + 1 :]:
            entry = _COLUMN_ENTRY.match(line)
            if entry is None:
                break
            ticked = abs(entry.start("mark") - yes_at) < abs(entry.start("mark") - no_at)
            entries.append(("☒ " if ticked else "☐ ") + entry["entry"].strip())
        if len(entries) < 2:
            out.append(lines[number])
            number += 1
            continue
        out += [head["before"].rstrip(), *entries]
        number += 1 + len(entries)
    return "\n".join(out)
