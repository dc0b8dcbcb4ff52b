"""Markdown answers as the blocks of a Word cell: paragraphs, headings, list items.

Blocks follow Python-Markdown's reading (``portal.text.render_markdown``): a
list or heading starts a block only after a blank line; a line that runs on
without a blank line stays in the same paragraph or list item, as a line break.
Inline Markdown (emphasis, links) is kept as written. A list item indented by four
spaces (or a tab) more than the one before it is nested in it, as Python-Markdown reads it;
the lines after a paragraph's first keep their indentation (the lines of a code block).

A list that follows another list after a blank line (a loose list) is kept as
a paragraph of its lines as written: Word lists are read back as one tight list.
"""

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?P<text>.*)$")
_NUMBER = re.compile(r"^\s{0,3}\d{1,9}[.)]\s+(?P<text>.*)$")
# An item of a list at any depth: its indentation, its marker, its text.
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:(?P<bullet>[-*+])|\d{1,9}[.)])\s+(?P<text>.*)$")
_INDENT = 4  # spaces (or a tab) per level of a nested list (Python-Markdown's tab_length)
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading", "bullet", "number"
    lines: tuple[str, ...]  # lines joined by line breaks
    level: int = 0  # heading level; a list item's depth (0: not nested)


def markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    after_list = False
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip("\n")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        starts_list = bool(_BULLET.match(lines[0]) or _NUMBER.match(lines[0]))
        if starts_list and after_list:
            blocks.append(Block("paragraph", tuple(lines)))
        else:
            blocks += _chunk_blocks(lines)
        after_list = starts_list or (after_list and bool(blocks) and blocks[-1].kind in ("bullet", "number"))
    return blocks


def _chunk_blocks(lines: list[str]) -> list[Block]:
    if not lines:
        return []
    heading = _HEADING.match(lines[0])
    if heading:
        block = Block("heading", (heading.group("text"),), len(heading.group("marks")))
        return [block, *_chunk_blocks(lines[1:])]
    for kind, pattern in (("bullet", _BULLET), ("number", _NUMBER)):
        if pattern.match(lines[0]):
            return _list_items(lines, kind, pattern)
    return [Block("paragraph", (lines[0].strip(), *lines[1:]))]


def _list_items(lines: list[str], kind: str, pattern: re.Pattern) -> list[Block]:
    """The items of a list; an item of another kind or a deeper one only where it is nested."""
    items: list[tuple[str, int, list[str]]] = []
    for line in lines:
        item, depth = _ITEM.match(line), 0
        if item:
            depth = len(item.group("indent").expandtabs(_INDENT)) // _INDENT
            depth = min(depth, items[-1][1] + 1) if items else 0
        if item and (pattern.match(line) or depth > 0):
            items.append(("bullet" if item.group("bullet") else "number", depth, [item.group("text")]))
        else:
            items[-1][2].append(line.strip())
    return [Block(item_kind if depth else kind, tuple(text), depth) for item_kind, depth, text in items]
