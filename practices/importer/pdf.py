"""PDF templates (a filled-in template saved or printed as PDF), read with pdfplumber.

A PDF keeps where words stand and in which font, not what they are. Table rows
are found from the ruling lines (``find_tables``): a row of two or more cells is a
label cell with its answer; the text outside tables is running text, down each
page. Within a region, lines are read with their font: a line set larger than
the page's body text is a heading, a line all in bold is bold text (the
parser's label lines), a line starting with a bullet or a number is a list
item, a gap wider than the line spacing ends a paragraph, and lines that wrap
are joined. Every word is kept.
"""

import re
from collections import Counter
from dataclasses import replace
from io import BytesIO
from statistics import median

from django.utils.translation import gettext as _

from .cells import Cell, add_loose, tidy_markdown, without_row_number
from .layout import hyphens_rejoined, rejoined_words
from .result import UnreadableDocument

MAX_PAGES = 100  # the template fills 3 to 6 pages; a report with annexes about 40
HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading
PARAGRAPH_GAP = 0.45  # a gap between lines over this share of the font size ends a paragraph
# A bullet: the usual characters, "o" (Word's second level), a Symbol or Wingdings glyph with no
# Unicode mapping (pdfminer writes "(cid:127)") or in the private use area (U+F0B7…).
_BULLET = re.compile(r"^(?:[•◦▪‣·●○■□➢►*\-–—o]\s+|(?:[\uf000-\uf0ff]|\(cid:\d+\))\s*(?=\S))")
_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_LINE_END_HYPHEN = re.compile(r"[^\W\d_]{2}-$")


def read_pdf(data: bytes) -> list[Cell]:
    import pdfplumber  # loaded only when a PDF comes

    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise UnreadableDocument(
                    _("The PDF has %(count)s pages; at most %(limit)s can be imported.")
                    % {"count": len(pdf.pages), "limit": MAX_PAGES}
                )
            if not any(char["text"].strip() for page in pdf.pages for char in page.chars):
                raise UnreadableDocument(
                    _(
                        "The PDF holds no text, only images (a scan?). Upload the document it was made from, "
                        "or paste the text into the form."
                    )
                )
            cells: list[Cell] = []
            for page in _without_running_lines(pdf.pages):
                _page_cells(page, cells)
            return [_hyphens_joined(cell) for cell in cells]
    except UnreadableDocument:
        raise
    except Exception as error:  # pdfminer raises many kinds of errors on damaged files
        raise UnreadableDocument(_("The file is not a valid PDF document, so it cannot be read.")) from error


# Where a page's header and footer stand: its top and bottom eighths, apart from the body by a gap of twice a
# line's height at least.
RUNNING_BAND = 0.125
RUNNING_GAP = 2.0


def _margin_lines(page) -> list[tuple[str, dict]]:
    """The lines of the page's top and bottom bands that stand apart from its body: ("top" or "foot", line)."""
    lines = sorted(page.extract_text_lines(strip=True), key=lambda line: line["top"])
    _, top, _, bottom = page.bbox
    band = (bottom - top) * RUNNING_BAND
    found: list[tuple[str, dict]] = []
    for where, ordered in (("top", lines), ("foot", lines[::-1])):
        for number, line in enumerate(ordered):
            if (line["top"] > top + band) if where == "top" else (line["bottom"] < bottom - band):
                break
            following = ordered[number + 1] if number + 1 < len(ordered) else None
            gap = (
                None
                if following is None
                else (following["top"] - line["bottom"] if where == "top" else line["top"] - following["bottom"])
            )
            if gap is None or gap >= RUNNING_GAP * (line["bottom"] - line["top"]):
                found += [(where, margin) for margin in ordered[: number + 1]]
                break
    return found


def _like_page_numbers(numbers: list[tuple[int, list[int]]]) -> bool:
    """Whether the numbers of a line on each page (page index, its numbers) are each the same on every page or
    the page's number plus a constant ("Page 2 of 5"), as a header's or footer's are; not a year or an answer's."""
    if len({len(found) for _, found in numbers}) != 1:
        return False
    return all(
        len({found[position] for _, found in numbers}) == 1
        or len({found[position] - index for index, found in numbers}) == 1
        for position in range(len(numbers[0][1]))
    )


def _without_running_lines(pages: list) -> list:
    """The pages without the lines repeated at the top or the foot of most of them, apart from the body: the
    document's header and footer, which Google Docs, Word and LibreOffice print on every page with its number
    ("Page 2 of 5", "3", "Bridges – draft"). A document of one page keeps every line."""
    if len(pages) < 2:
        return list(pages)
    by_key: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for index, page in enumerate(pages):
        for where, line in _margin_lines(page):
            key = (where, re.sub(r"\d+", "#", " ".join(line["text"].split())))
            by_key.setdefault(key, []).append((index, line))
    running: dict[int, list[tuple[str, dict]]] = {}
    for (where, _text), found in by_key.items():
        on_pages = {index for index, _line in found}
        numbers = [(index, [int(n) for n in re.findall(r"\d+", line["text"])]) for index, line in found]
        if len(on_pages) >= max(2, (len(pages) + 1) // 2) and _like_page_numbers(numbers):
            for index, line in found:
                running.setdefault(index, []).append((where, line))
    cropped = []
    for index, page in enumerate(pages):
        x0, top, x1, bottom = page.bbox
        for where, line in running.get(index, ()):
            if where == "top":
                top = max(top, line["bottom"])
            else:
                bottom = min(bottom, line["top"])
        # within_bbox: only the objects wholly inside (crop would keep the header's letters touching the edge)
        cropped.append(page if index not in running else page.within_bbox((x0, top, x1, bottom)))
    return cropped


def _hyphens_joined(cell: Cell) -> Cell:
    """The cell with its words hyphenated at a wrapped line's end joined ("neigh-" / "bourhood"), named in
    ``joined`` for the writer to check, as the text reader does for a PDF converter's text."""
    if "-\n" not in cell.body:
        return cell
    words = tuple(rejoined_words(cell.body))
    return replace(cell, body=hyphens_rejoined(cell.body).replace("-\n", "- "), joined=cell.joined + words)


def _page_cells(page, cells: list[Cell]) -> None:
    """The page's tables and the text between them, top to bottom."""
    body_size = _body_size(page)
    x0, top, x1, bottom = page.bbox
    for table in sorted(page.find_tables(), key=lambda table: table.bbox[1]):
        add_loose([_region(page, (x0, top, x1, table.bbox[1]), body_size)], cells)
        for row in table.rows:
            texts = without_row_number([_region(page, box, body_size) for box in row.cells if box is not None], str)
            if len(texts) >= 2 and texts[0]:
                label = " ".join(re.sub(r"^#+ |\*\*", "", texts[0], flags=re.M).split())
                cells.append(Cell(label, tidy_markdown("\n\n".join(text for text in texts[1:] if text))))
            else:
                add_loose(texts, cells)
        top = table.bbox[3]
    add_loose([_region(page, (x0, top, x1, bottom), body_size)], cells)


def _body_size(page) -> float:
    sizes = Counter(round(char["size"], 1) for char in page.chars if char["text"].strip())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _region(page, box: tuple, body_size: float) -> str:
    """The Markdown of the text inside ``box`` (x0, top, x1, bottom)."""
    x0, top, x1, bottom = box
    if bottom - top < 1 or x1 - x0 < 1:
        return ""
    lines = page.crop((x0, top, x1, bottom)).extract_text_lines(return_chars=True, strip=True)
    return lines_to_markdown(lines, body_size)


def lines_to_markdown(lines: list[dict], body_size: float) -> str:
    """pdfplumber's text lines (text, top, bottom, chars) as Markdown blocks."""
    blocks: list[str] = []
    kinds: list[str] = []
    previous_bottom = None
    for line in lines:
        text, chars = line["text"].strip(), [char for char in line["chars"] if char["text"].strip()]
        if not text or not chars:
            continue
        size = median(char["size"] for char in chars)
        gap = line["top"] - previous_bottom if previous_bottom is not None else 0.0
        previous_bottom = line["bottom"]
        kind = _kind(text, chars, size, body_size)
        joins = blocks and kinds[-1] == kind and gap <= PARAGRAPH_GAP * size and kind in ("text", "heading", "bold")
        if (kind == "text" and blocks and kinds[-1] == "item" and gap <= PARAGRAPH_GAP * size) or joins:
            # a wrapped line (of a list item too); after a hyphen at the line's end, the break is kept for
            # _hyphens_joined to tell a word's hyphenation from a compound's hyphen
            blocks[-1] += ("\n" if _LINE_END_HYPHEN.search(blocks[-1]) else " ") + text
        else:
            blocks.append(_item(text) if kind == "item" else text)
            kinds.append(kind)
    return tidy_markdown(_join(blocks, kinds))


def _kind(text: str, chars: list[dict], size: float, body_size: float) -> str:
    if size >= body_size * HEADING_RATIO:
        return "heading"
    bold = all(_BOLD.search(char.get("fontname", "")) for char in chars)
    if _BULLET.match(text) or (_NUMBER.match(text) and not bold):
        return "item"  # a numbered line all in bold is a numbered label ("1. Name of the practice")
    return "bold" if bold else "text"


def _item(text: str) -> str:
    if _BULLET.match(text):
        return _BULLET.sub("- ", text, count=1)
    return _NUMBER.sub(lambda match: f"{match.group(1)}. ", text, count=1)


def _join(blocks: list[str], kinds: list[str]) -> str:
    """Paragraphs apart by a blank line, items of one list on consecutive lines."""
    parts: list[str] = []
    for number, (block, kind) in enumerate(zip(blocks, kinds, strict=True)):
        text = f"## {block}" if kind == "heading" else f"**{block}**" if kind == "bold" else block
        if number and kind == "item" and kinds[number - 1] == "item":
            parts.append("\n" + text)
        else:
            parts.append(("\n\n" if parts else "") + text)
    return "".join(parts)
