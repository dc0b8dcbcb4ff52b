"""Plain text laid out by a tool or by hand, put back into lines the parser reads.

A PDF turned into text by a converter (pdftotext, a copy from a PDF viewer) breaks lines where the page did: in
the middle of a label ("Key" / "themes: Family support") and inside words, hyphenated at the line's end
("radicali-" / "sation"). A checklist typed as columns ("Target audience:   Yes   No", then "Families   X")
marks each entry under a yes or a no. ``rejoined`` and ``columns_as_boxes`` give the lines the writer meant.
"""

import re

from .cleaning import label_words, match_label, match_label_line
from .text import NO_WORDS, YES_WORDS, fold, markdown_to_plain

# A word hyphenated at the line's end: two letters or more, a hyphen, and the next line going on with a letter
# ("radicali-" / "sation"). A dash after a space ("Budget -") and a number ("2019-") are no such break.
_HYPHENATED = re.compile(r"(?<=[^\W\d_]{2})-[ \t]*\n[ \t]*(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"^[^\W\d_]+")
_A_WORD = 2.5  # wordfreq's Zipf scale: a word at least this frequent in English or French is one
BROKEN_LABEL_WORDS = 4  # a label broken over two lines: its first line has this many words at most
BROKEN_LABEL_LINES = 5  # a label broken over this many lines at most, its answer starting on the last


# A page's number on a line of its own, as a PDF converter copies it: "Page 2 of 5", "Seite 2", "Strona 2 z 5",
# "- 2 -", "2 / 5".
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|seite|pagina|p[aá]g\.?|p\.|strona|strana|stran|stranica|σελίδα|σελ\.|oldal|lehekülg|lk\.?|"
    r"pagină|lapa|puslapis|sida|side|sivu|blz\.?|blad)\s*(?P<number>\d{1,3})"
    r"(?:\s*(?:of|von|de|di|du|sur|z|ze|od|από|/|van|av|af|iš|no|из|от)\s*(?P<pages>\d{1,3}))?"
    r"|[-–—]\s*(?P<dashed>\d{1,3})\s*[-–—]|(?P<first>\d{1,3})\s*/\s*(?P<of>\d{1,3}))\s*$",
    re.I,
)


def _page_number(line: str) -> bool:
    found = _PAGE_NUMBER.match(line)
    if found is None:
        return False
    number, pages = found["number"] or found["first"], found["pages"] or found["of"]
    return not (number and pages) or int(number) <= int(pages)


def without_page_furniture(text: str) -> str:
    """Text copied from a PDF without what its pages repeat: the page numbers on lines of their own ("Page 2 of
    5"), the form feeds between pages, and a header or footer line written at a page's edge each time it appears
    ("RAN Collection of Inspiring Practices – Bridges"), when the text shows its pages (a form feed or two page
    numbers). A line said twice elsewhere, and a label, are kept."""
    lines = text.replace("\f", "\n\f\n").split("\n")
    numbers = [index for index, line in enumerate(lines) if _page_number(line)]
    breaks = [index for index, line in enumerate(lines) if line == "\f"]
    if not breaks and len(numbers) < 2:
        return _without_repeated_furniture(text)
    edges = set(numbers) | set(breaks)
    filled = [index for index, line in enumerate(lines) if line.strip() and index not in edges]

    previous, following = [-1] * len(lines), [len(lines)] * len(lines)  # the nearest line with text each side
    for index in range(1, len(lines)):
        previous[index] = index - 1 if lines[index - 1].strip() else previous[index - 1]
    for index in range(len(lines) - 2, -1, -1):
        following[index] = index + 1 if lines[index + 1].strip() else following[index + 1]

    def at_edge(place: int) -> bool:
        return (
            previous[place] < 0
            or previous[place] in edges
            or following[place] >= len(lines)
            or (following[place] in edges)
        )

    seen: dict[str, list[int]] = {}
    for index in filled:
        seen.setdefault(" ".join(lines[index].split()), []).append(index)
    furniture = {
        index
        for line, places in seen.items()
        if len(places) >= 2 and all(at_edge(place) for place in places) and match_label_line(line) is None
        for index in places
    }
    return "\n".join(line for index, line in enumerate(lines) if index not in edges | furniture)


FURNITURE_REPEATS = 3  # a line said this many times, word for word, in text that shows no page: a header
FURNITURE_MAX_WORDS = 12
FURNITURE_MIN_WORDS = 3  # "No", "N/A", "Families; Formers" said three times are answers, not a header
# A footer's page number at the end of a line of its own: "example.org | page 2", "Bridges – p. 3", "Seite 2".
_NUMBERED_FOOTER = re.compile(
    r"(?:^|[\s|–—-])(?:page|seite|pagina|p[aá]g\.?|p\.|strona|strana|sida|side|sivu|blz\.?)\s*\d{1,3}"
    r"(?:\s*(?:of|von|de|di|sur|z|/|van|av)\s*\d{1,3})?\s*$",
    re.I,
)


def _without_repeated_furniture(text: str) -> str:
    """Text copied from a PDF with no form feed nor page number of its own line, without the header or footer its
    pages repeat: a short line said ``FURNITURE_REPEATS`` times word for word, or a line ending in a page's
    number said on two pages or more with the number changing ("example.org | page 1", "… | page 2"). A label,
    and a line said only twice, are kept."""
    lines = text.split("\n")
    groups: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        words = line.split()
        if words and len(words) <= FURNITURE_MAX_WORDS:
            groups.setdefault(re.sub(r"\d+", "#", " ".join(words)), []).append(index)
    furniture: set[int] = set()
    for shape, places in groups.items():
        if len(places) < 2 or match_label_line(lines[places[0]]) is not None:
            continue
        said = {" ".join(lines[place].split()) for place in places}
        numbered = "#" in shape and len(said) == len(places) and all(_NUMBERED_FOOTER.search(line) for line in said)
        header = len(said) == 1 and len(places) >= FURNITURE_REPEATS and len(shape.split()) >= FURNITURE_MIN_WORDS
        if numbered or header:
            furniture.update(places)
    if not furniture:
        return text
    return "\n".join(line for index, line in enumerate(lines) if index not in furniture)


def rejoined(text: str) -> str:
    """``text`` with words hyphenated at a line's end joined, and a label broken over two or three lines
    ("Country of" / "origin: Netherlands", "Linked to other EU" / "initiatives or EU" / "funding: ISF") on one."""
    lines = _HYPHENATED.sub(lambda match: _unbroken(text, match), text).split("\n")
    out: list[str] = []
    skip: set[int] = set()  # lines already joined to a label by ``_bracket_goes_on``
    for number, line in enumerate(lines):
        if number in skip:
            continue
        previous = out[-1].strip() if out else ""
        if (
            previous
            and (_label_start(previous) or _label_goes_on(previous, line.strip()))
            and match_label_line(f"{previous} {line.strip()}")
        ):
            out[-1] = f"{previous} {line.strip()}"
        elif closing := _bracket_goes_on(previous, lines[number : number + BRACKET_LINES]):
            out[-1] = " ".join([previous, *(part.strip() for part in closing)])
            skip.update(range(number + 1, number + len(closing)))
        elif broken := next(
            (count for count in range(2, BROKEN_LABEL_LINES) if _broken_label(out[-count:], line.strip())), 0
        ):
            out[-broken:] = [" ".join([*(part.strip() for part in out[-broken:]), line.strip()])]
        else:
            out.append(line)
    return "\n".join(out)


BRACKET_LINES = 8  # a label's instructions in brackets broken over this many lines at most
BRACKET_LINE_WORDS = 6


def _bracket_goes_on(previous: str, following: list[str]) -> list[str]:
    """The lines that close a label's instructions in brackets broken over several lines by a narrow label column
    ("Description" / "(max. 300" / "words)", "Start of the practice (year; end" / "year if no" / "longer" /
    "active)"): ``previous`` a label with nothing after it but a bracket left open, or alone before a line opening
    one; each line short; the last closing the bracket, an answer after it only after a colon. [] when not."""
    found = match_label(previous) if previous else None
    if found is None or not following:
        return []
    opened = found.rest.count("(") - found.rest.count(")")
    if opened <= 0 and not (found.rest == "" and following[0].lstrip().startswith("(")):
        return []
    if opened > 0 and not found.rest.lstrip().startswith("("):
        return []
    for count, line in enumerate(following, start=1):
        words = line.split()
        if not words or len(words) > BRACKET_LINE_WORDS:
            return []
        opened += line.count("(") - line.count(")")
        if opened <= 0:
            after = line[line.rfind(")") + 1 :].strip()
            return following[:count] if not after or after[0] in ":：" else []
    return []


def _broken_label(before: list[str], last: str) -> bool:
    """Whether lines are one label broken over them, and its answer on the ``last``: the lines ``before`` short,
    none a label nor ending a sentence, the label running on into the last line (a label's instructions in brackets
    may break too: "Start of the" / "practice (year; end" / "year if no longer active): 2018")."""
    if len(before) < 2:
        return False
    first, *middle = (line.strip() for line in before)
    if not (first and all(middle) and _label_start(first)):
        return False
    for line in middle:
        if len(line.split()) > BROKEN_LABEL_WORDS + 1 or re.search(r"[:：.!?]\s*$|:", line):
            return False
        if match_label(line) or match_label_line(line):
            return False
    found = match_label_line(" ".join([first, *middle, last]))
    return found is not None and len(markdown_to_plain(found.rest)) < len(markdown_to_plain(last))


def _label_goes_on(previous: str, line: str) -> bool:
    """Whether a line that is a label alone ("Linked to other EU initiatives", a shorter label of the same field)
    goes on into the next: joined, they name the field with a label as long at least ("… or EU funding"), and
    the next line's words are the label's or its instructions' ("(max. 100 words): Erasmus+")."""
    alone = match_label_line(previous)
    if alone is None or alone.rest:
        return False
    joined = match_label_line(f"{previous} {line}")
    return (
        joined is not None
        and joined.code == alone.code
        and len(joined.label) >= len(alone.label)
        and len(markdown_to_plain(joined.rest)) < len(markdown_to_plain(line))
    )


def hyphens_rejoined(text: str) -> str:
    """``text`` with only its words hyphenated at a line's end joined (``_unbroken``), its lines otherwise kept."""
    return _HYPHENATED.sub(lambda match: _unbroken(text, match), text)


def rejoined_words(text: str) -> list[str]:
    """The words ``rejoined`` joins that a hyphen broke at a line's end, as it writes them ("sessions",
    "self-esteem")."""
    words = []
    for match in _HYPHENATED.finditer(text):
        before = _WORD_BEFORE.search(text, 0, match.start())
        after = _WORD_AFTER.search(text[match.end() :])
        if before and after:
            words.append(before[0] + _unbroken(text, match) + after[0])
    return words


def _unbroken(text: str, match: re.Match) -> str:
    """What stands for a hyphen and a line break inside a word: nothing ("radicali-" / "sation", "Last up-" /
    "date"), or the hyphen when the two halves are words and the whole is none, or the next half starts with a
    capital: a compound's own hyphen ("self-" / "esteem", "multi-" / "agency", "Rotterdam-" / "Zuid")."""
    before = _WORD_BEFORE.search(text, 0, match.start())
    after = _WORD_AFTER.search(text[match.end() :])
    first, second = (before[0] if before else ""), (after[0] if after else "")
    if second[:1].isupper():
        return "-"
    if fold(first + second) in label_words():  # a word of the template's labels: "transfer-" / "ability"
        return ""
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


def tabbed_columns_as_boxes(text: str) -> str:
    """A checklist whose yes and no columns are set with tabs ("Target audience:<TAB>Yes<TAB>No", then
    "Families<TAB>X<TAB>"), as ``columns_as_boxes`` reads spaced ones: the entries marked under the yes ticked, the
    others not. The head keeps a tab after its label when other lines of the text are tab-separated rows (a form's
    export: the label is a row's label cell), none when the checklist's are the only tabs."""
    lines = text.split("\n")
    found: list[tuple[int, int, list[str]]] = []  # (first line, lines, replacement) of each checklist
    number = 0
    while number < len(lines):
        head = [cell.strip() for cell in lines[number].split("\t")]
        marks = [fold(cell) for cell in head[1:]]
        if len(head) < 3 or not head[0] or {mark in YES_WORDS for mark in marks if mark} != {True, False}:
            number += 1
            continue
        columns = [index for index, mark in enumerate(marks, 1) if mark]
        if len(columns) != 2:
            number += 1
            continue
        yes = next(index for index in columns if fold(head[index]) in YES_WORDS)
        entries = []
        for line in lines[number + 1 :]:
            cells = [cell.strip() for cell in line.split("\t")]
            ticks = [index for index, cell in enumerate(cells[1:], 1) if cell]
            if not cells[0] or len(ticks) != 1 or not _TICK.fullmatch(cells[ticks[0]]) or ticks[0] not in columns:
                break
            entries.append(("☒ " if ticks[0] == yes else "☐ ") + cells[0])
        if len(entries) >= 2:
            found.append((number, 1 + len(entries), [head[0], *entries]))
            number += 1 + len(entries)
        else:
            number += 1
    if not found:
        return text
    inside = {line for first, count, _ in found for line in range(first, first + count)}
    rows = any("\t" in line for number, line in enumerate(lines) if number not in inside)
    out, number = [], 0
    for first, count, replacement in found:
        out += lines[number:first]
        out += [replacement[0] + ("\t" if rows else ""), *replacement[1:]]
        number = first + count
    return "\n".join(out + lines[number:])


_TICK = re.compile(r"[xX✓✔☒■]")


# A PDF laid out in two columns (labels left, answers right) copied as text: each line the label column's words,
# spaces, then the answer column's words from the same place; a line of the answer alone starts with spaces.
_COLUMN_GAP = re.compile(r"\S(?P<gap>\s{3,})(?=\S)")
TWO_COLUMN_ROWS = 3  # lines with a label on the left and an answer on the right, at one place, to read columns
COLUMN_SLACK = 2  # characters the answer column's start may move from line to line


def two_columns_as_tabs(text: str) -> str:
    """A two-column layout copied as text as rows of ``label<TAB>answer`` (``read_text`` reads them), the lines of
    each column joined: a row starts on a line whose left part starts a label; the lines after it add their left
    part to its label, their right part to its answer. Other text as it is."""
    lines = text.split("\n")
    column = _answer_column(lines)
    if column is None:
        return text
    rows: list[tuple[list[str], list[str]]] = []
    before: list[str] = []
    for line in lines:
        left, right = _split_at(line, column)
        if left and match_label(left) is not None:
            rows.append(([left], [right] if right else []))
        elif rows:
            rows[-1][0].extend([left] if left else [])
            rows[-1][1].extend([right] if right else [])
        else:
            before.append(line)
    out = list(before)
    for label, answer in rows:
        out.append(f"{' '.join(label)}\t{answer[0] if answer else ''}")
        out.extend(answer[1:])
    return "\n".join(out)


def _split_at(line: str, column: int) -> tuple[str, str]:
    """A line's label-column and answer-column parts, cut at the gap nearest ``column``."""
    if len(line) - len(line.lstrip()) >= column - COLUMN_SLACK:
        return "", line.strip()  # the answer column's line alone
    for gap in _COLUMN_GAP.finditer(line):
        if abs(gap.end("gap") - column) <= COLUMN_SLACK:
            return line[: gap.start("gap")].strip(), line[gap.end("gap") :].strip()
    return line.strip(), ""


def _answer_column(lines: list[str]) -> int | None:
    """Where the answer column starts when at least ``TWO_COLUMN_ROWS`` lines hold a label, a gap of three spaces
    or more and an answer starting at that place; None otherwise."""
    starts: dict[int, int] = {}
    for line in lines:
        gap = _COLUMN_GAP.search(line)
        if gap and match_label(line[: gap.start("gap") + 1].strip()) is not None:
            starts[gap.end("gap")] = starts.get(gap.end("gap"), 0) + 1
    if not starts:
        return None
    column = max(starts, key=lambda place: sum(n for p, n in starts.items() if abs(p - place) <= COLUMN_SLACK))
    near = sum(n for place, n in starts.items() if abs(place - column) <= COLUMN_SLACK)
    return column if near >= TWO_COLUMN_ROWS else None
