"""Highlighted snippets as safe HTML: the text is escaped, only <mark> is added.

Engines mark matches with two control characters (``START``/``END``), which
never occur in indexed text (``clean`` removes them), and ``render`` escapes
the rest before turning the markers into ``<mark>`` elements.
"""

from django.utils.html import escape

from search.analysis import token_spans

START = "\x02"
END = "\x03"
SNIPPET_WORDS = 32
ELLIPSIS = "…"


def clean(text: str) -> str:
    return (text or "").replace(START, "").replace(END, "")


def render(marked: str) -> str:
    return escape(marked).replace(START, "<mark>").replace(END, "</mark>")


def _best_window(count: int, marked: set[int], width: int) -> int:
    """The first token of the ``width``-token window holding the most marked tokens."""
    if not marked or count <= width:
        return 0
    flags = [1 if i in marked else 0 for i in range(count)]
    inside = best_count = sum(flags[:width])
    best = 0
    for start in range(1, count - width + 1):
        inside += flags[start + width - 1] - flags[start - 1]
        if inside > best_count:
            best, best_count = start, inside
    first_mark = min(i for i in marked if i >= best)
    return max(0, min(best, first_mark - 3))


def snippet(text: str, marked: set[int], width: int = SNIPPET_WORDS) -> str:
    """A window of ``text`` around its marked tokens (token positions), as safe HTML."""
    spans = token_spans(text)
    if not spans:
        return ""
    first = _best_window(len(spans), marked, width)
    last = min(len(spans), first + width) - 1
    parts = [ELLIPSIS if first else ""]
    position = spans[first][0] if first else 0
    for index in range(first, last + 1):
        start, end = spans[index]
        parts.append(text[position:start])
        word = text[start:end]
        parts.append(START + word + END if index in marked else word)
        position = end
    parts.append(ELLIPSIS if last < len(spans) - 1 else text[position:].rstrip(" \n"))
    return render("".join(parts)).strip()
