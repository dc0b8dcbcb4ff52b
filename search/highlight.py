"""Highlighted snippets as safe HTML: the text is escaped, only <mark> is added.

Engines mark matches with two control characters (``START``/``END``), which
never occur in indexed text (``clean`` removes them), and ``render`` escapes
the rest before turning the markers into ``<mark>`` elements.
"""

from bisect import bisect_left

from django.utils.html import escape

from search.analysis import token_count, token_spans

START = "\x02"
END = "\x03"
SNIPPET_WORDS = 32
ELLIPSIS = "…"


def clean(text: str) -> str:
    return (text or "").replace(START, "").replace(END, "")


def render(marked: str) -> str:
    return escape(marked).replace(START, "<mark>").replace(END, "</mark>")


def _best_window(count: int, marked: set[int], width: int) -> int:
    """The first token of the ``width``-token window holding the most marked tokens.

    Only where a marked token enters the window can the count grow, so only those starts
    (and 0) are tried, in order: the first holding the most wins."""
    if not marked or count <= width:
        return 0
    inside = sorted(i for i in marked if i < count)
    best, best_count = 0, bisect_left(inside, width)
    for mark in inside:
        start = mark - width + 1
        if 1 <= start <= count - width:
            held = bisect_left(inside, start + width) - bisect_left(inside, start)
            if held > best_count:
                best, best_count = start, held
    first_mark = min(i for i in marked if i >= best)
    return max(0, min(best, first_mark - 3))


def snippet(text: str, marked: set[int], width: int = SNIPPET_WORDS, *, count: int | None = None) -> str:
    """A window of ``text`` around its marked tokens (token positions), as safe HTML. Only the
    window's tokens are read one by one (the rest is counted in C, unless the caller knows
    ``count``, the text's number of tokens)."""
    if not marked:
        return _opening(text, width)
    if count is None:
        count = token_count(text)
    if not count:
        return ""
    first = _best_window(count, marked, width)
    last = min(count, first + width) - 1
    parts = [ELLIPSIS if first else ""]
    position = 0
    for index, (start, end) in enumerate(token_spans(text, first, last + 1), first):
        if index == first and first:
            position = start
        parts.append(text[position:start])
        word = text[start:end]
        parts.append(START + word + END if index in marked else word)
        position = end
    parts.append(ELLIPSIS if last < count - 1 else text[position:].rstrip(" \n"))
    return render("".join(parts)).strip()


def _opening(text: str, width: int) -> str:
    """``snippet`` without marks: the text up to its ``width``-th token, with an ellipsis when more
    tokens follow (one pass over ``width`` + 1 tokens: a list without words shows one per card)."""
    spans = token_spans(text, 0, width + 1)
    if not spans:
        return ""
    opening = text[: spans[width - 1][1]] + ELLIPSIS if len(spans) > width else text.rstrip(" \n")
    return render(opening).strip()
