"""Read a Word (.docx) template into cells.

Rows of two-column tables are label cells; paragraphs outside tables
(headings, lists, plain paragraphs) are running text. Text is read from the
XML, so words inside content controls (the form's drop-downs and text boxes)
and hyperlinks are kept too.
"""

import io
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import PartFactory
from docx.oxml.ns import qn
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from .cells import Cell, add_loose, tidy_markdown, without_row_number
from .cleaning import match_label, reads_as_guidance
from .result import UnreadableDocument
from .text import fold

_P, _TBL, _SDT, _SDT_CONTENT, _PPR = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent"), qn("w:pPr")
_SDT_PR, _SHOWING_PLACEHOLDER = qn("w:sdtPr"), qn("w:showingPlcHdr")
_HYPERLINK, _RID, _ID = qn("w:hyperlink"), qn("r:id"), qn("w:id")
_FOOTNOTE_REFERENCE, _FOOTNOTE = qn("w:footnoteReference"), qn("w:footnote")
_ENDNOTE_REFERENCE, _ENDNOTE = qn("w:endnoteReference"), qn("w:endnote")
_TEXT, _TAB, _BREAKS = qn("w:t"), qn("w:tab"), {qn("w:br"), qn("w:cr")}
_CHECK_BOX, _CHECKED, _DEFAULT, _VAL = qn("w:checkBox"), qn("w:checked"), qn("w:default"), qn("w:val")
_SYM, _FONT, _CHAR = qn("w:sym"), qn("w:font"), qn("w:char")
_RUN, _RPR, _BOLD, _ITALIC = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:i")
# A text box's paragraphs; Word saves a box twice, as DrawingML (mc:Choice) and as VML for older readers
# (mc:Fallback): the fallback is not read.
_TEXT_BOX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Tracked changes left in: a deletion's text (w:delText, never read) and a moved passage's old place (w:moveFrom,
# which holds plain w:t) are not the document's text; an insertion (w:ins) and a move's new place (w:moveTo) are.
_NOT_TEXT = {_FALLBACK, qn("w:moveFrom"), qn("w:del")}
# A short paragraph all in bold outside tables is a label line, as the Markdown and PDF readers mark it
# ("**Partners:**"): a section the template lacks then starts a row of its own instead of running on in the
# answer before it.
BOLD_LINE_MAX_WORDS = 12
# Check boxes written as symbols of a Wingdings font, by font and character code: as box
# characters, which the importer reads as ticked or not (text.ticked_only).
_SYMBOL_BOXES = {
    "wingdings": {"FE": "☑", "FD": "☒", "78": "☒", "A8": "☐", "6F": "☐", "71": "☐", "FC": "✓"},
    "wingdings 2": {"52": "☑", "53": "☒", "54": "☒", "A3": "☐", "2A": "☐", "50": "✓"},
}


# A Word template (.dotx) and a document or template with macros (.docm, .dotm) hold the same WordprocessingML
# as a .docx; only their main part's content type differs, which python-docx's Document() refuses. They are
# read as documents (their macros are never run: python-docx reads XML only).
_WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
for _content_type in _WORD_MAIN_TYPES:
    PartFactory.part_type_for.setdefault(_content_type, DocumentPart)


def _opened(data: bytes):
    """The Word document in ``data``: a .docx, or a template or macro document (_WORD_MAIN_TYPES)."""
    part = Package.open(io.BytesIO(data)).main_document_part
    if not isinstance(part, DocumentPart):
        raise ValueError(f"not a Word document: {part.content_type}")
    return part.document


def read_docx(data: bytes) -> list[Cell]:
    try:
        document = _opened(data)
    except Exception as error:  # python-docx raises many kinds of error on a damaged file
        raise UnreadableDocument(_("The file is not a valid Word (.docx) document, so it cannot be read.")) from error
    _with_references_written(document)
    cells: list[Cell] = []
    paragraphs: list = []
    for block in _blocks(document.element.body):
        if block.tag == _TBL:
            add_loose([_paragraphs_markdown(paragraphs, document, bold_lines=True)], cells)
            paragraphs = []
            _table_cells(Table(block, document), document, cells)
        else:
            paragraphs.append(block)
    add_loose([_paragraphs_markdown(paragraphs, document, bold_lines=True)], cells)
    return cells


def _with_references_written(document) -> None:
    """Write into the document's text what Word keeps elsewhere and a reader sees beside the words: a link's
    address after the link's words when they do not show it ("our handbook (https://…)"), and a footnote's or an
    endnote's text at its reference, in brackets (the source of an evaluation's figures)."""
    body = document.element.body
    rels = document.part.rels
    for link in list(body.iter(_HYPERLINK)):
        rel = rels.get(link.get(_RID) or "")
        if rel is None or not rel.is_external:
            continue
        address = rel.target_ref.strip()
        shown = fold("".join(node.text or "" for node in link.iter(_TEXT)))
        bare = re.sub(r"^(?:mailto:|https?://)(?:www\.)?", "", address).rstrip("/")
        if address and fold(bare) not in shown:
            link.addnext(_run_of(f" ({address.removeprefix('mailto:')})"))
    notes: dict[tuple[str, str | None], str] = {}
    for rel in rels.values():
        if rel.is_external or rel.reltype not in (RT.FOOTNOTES, RT.ENDNOTES):
            continue
        part = rel.target_part
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
        for note in root:
            words = " ".join(
                "".join(node.text or "" for node in paragraph.iter(_TEXT)).strip() for paragraph in note.iter(_P)
            )
            notes[(note.tag, note.get(_ID))] = " ".join(words.split())
    for tag, note_tag in ((_FOOTNOTE_REFERENCE, _FOOTNOTE), (_ENDNOTE_REFERENCE, _ENDNOTE)):
        for reference in list(body.iter(tag)):
            note = notes.get((note_tag, reference.get(_ID)))
            if note:
                reference.addnext(_text_node(f" [{note}]"))


def _run_of(words: str):
    run = etree.Element(_RUN)
    run.append(_text_node(words))
    return run


def _text_node(words: str):
    node = etree.Element(_TEXT)
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    node.text = words
    return node


def _blocks(element) -> Iterator:
    """Paragraph and table elements in reading order, looking inside content controls; a text box's
    paragraphs follow the paragraph it is anchored in, each a paragraph of its own."""
    for child in element.iterchildren():
        if child.tag == _P:
            yield child
            for box in _own_nodes(child, _TEXT_BOX):
                yield from _blocks(box)
        elif child.tag == _TBL:
            yield child
        elif child.tag == _SDT and not _placeholder_shown(child):
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


def _placeholder_shown(sdt) -> bool:
    """Whether a content control is not filled in: it shows its placeholder ("Click or tap here to enter text.",
    in the language of the writer's Word), which is no answer."""
    properties = sdt.find(_SDT_PR)
    shown = properties.find(_SHOWING_PLACEHOLDER) if properties is not None else None
    return shown is not None and shown.get(_VAL) not in ("0", "false", "off")


def _table_cells(table: Table, document, cells: list[Cell]) -> None:
    rows = [
        without_row_number(_unique(row.cells), lambda column: _cell_markdown(column._tc, document))
        for row in table.rows
    ]
    labelled = any(len(columns) >= 2 for columns in rows)
    if _figures_table(rows, document):
        lines = [" | ".join(_cell_markdown(column._tc, document) for column in columns) for columns in rows]
        add_loose(["\n".join(line for line in lines if line.strip(" |"))], cells)
        return
    for columns in rows:
        if len(columns) >= 2:
            label = " ".join(_cell_markdown(columns[0]._tc, document).replace("#", " ").split())
            body = "\n\n".join(_answer_markdown(label, column._tc, document) for column in columns[1:])
            cells.append(Cell(label or None, tidy_markdown(body)))
        elif columns:
            text = _cell_markdown(columns[0]._tc, document)
            if labelled and _section_row(text):  # "Part 2 – The organisation" across the table: a row of its own
                cells.append(Cell(" ".join(text.replace("#", " ").split()), ""))
            else:
                add_loose([text], cells)


def _figures_table(rows: list[list], document) -> bool:
    """A table of three columns or more whose first column names no field of the template (an evaluation's figures
    by year, a budget's lines): read as "a | b | c" lines of the answer it stands in, not as label rows."""
    return (
        bool(rows)
        and all(len(columns) >= 3 for columns in rows)
        and not any(match_label(_cell_markdown(columns[0]._tc, document)) for columns in rows)
    )


def _section_row(text: str) -> bool:
    """A cell merged across a table of labels and answers that names a section of the form, not a field: one short
    line ("Part 2 – The organisation"). Read as a row naming no field, its text kept with a warning, not run into
    the answer above it."""
    line = text.strip().strip("#* ")
    return "\n" not in line and 0 < len(line.split()) <= BOLD_LINE_MAX_WORDS and match_label(line) is None


def _unique(row_cells: list) -> list:
    """A merged cell repeats in python-docx's row; keep it once."""
    seen: set[int] = set()
    unique = []
    for cell in row_cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


# The closed lists a writer may answer by leaving the template's whole list in the cell and setting the chosen terms
# apart (in bold, highlighted or shaded), a term a paragraph of a few words.
_CHOICE_FIELDS = ("key_themes", "target_audiences")
CHOICE_MIN_TERMS = 3
CHOICE_TERM_MAX_WORDS = 8
_HIGHLIGHT, _SHADING, _FILL = qn("w:highlight"), qn("w:shd"), qn("w:fill")
_BOXES = re.compile(r"[☐☑☒✓✔✗✘]|\[[ xX]?\]")


def _answer_markdown(label: str, tc, document) -> str:
    """An answer cell's Markdown; a closed list's whole list with the chosen terms set apart as a checklist
    ("☒ Prison and probation", "☐ Formers"), which is read as the ticked terms."""
    found = match_label(label) if label else None
    if found is not None and found.code in _CHOICE_FIELDS and (choice := _emphasised_choice(tc)):
        return choice
    return _cell_markdown(tc, document)


def _emphasised_choice(tc) -> str:
    """The cell's terms as a checklist when they are a list (a term a paragraph) of which some, not all, are set
    apart by the writer's emphasis: all in bold, highlighted or shaded; "" otherwise."""
    paragraphs = [(element, _text(element).strip()) for element in _blocks(tc) if element.tag == _P]
    terms = [(element, words) for element, words in paragraphs if words]
    if len(terms) < CHOICE_MIN_TERMS or any(
        len(words.split()) > CHOICE_TERM_MAX_WORDS or _BOXES.search(words) for _, words in terms
    ):
        return ""
    chosen = [_emphasised(element) for element, _ in terms]
    if all(chosen) or not any(chosen):
        return ""
    return "\n".join(f"{'☒' if mark else '☐'} {words}" for (_, words), mark in zip(terms, chosen, strict=True))


def _emphasised(element) -> bool:
    """Whether every run of the paragraph that holds text is bold, highlighted or shaded (a run's own format)."""
    runs = [
        run for run in _own_nodes(element, _RUN) if any((node.text or "").strip() for node in _own_nodes(run, _TEXT))
    ]

    def marked(run) -> bool:
        properties = run.find(_RPR)
        if properties is None:
            return False
        highlight = properties.find(_HIGHLIGHT)
        shading = properties.find(_SHADING)
        return (
            _is_bold(run)
            or (highlight is not None and highlight.get(_VAL) not in (None, "none"))
            or (shading is not None and (shading.get(_FILL) or "auto").lower() not in ("auto", "ffffff", "none"))
        )

    return bool(runs) and all(marked(run) for run in runs)


def _cell_markdown(tc, document) -> str:
    """A table cell's paragraphs as Markdown; a table inside it as "a | b" lines."""
    parts, paragraphs = [], []
    for block in _blocks(tc):
        if block.tag == _P:
            paragraphs.append(block)
            continue
        parts.append(_paragraphs_markdown(paragraphs, document))
        paragraphs = []
        parts.append(_nested_table(Table(block, document), document))
    parts.append(_paragraphs_markdown(paragraphs, document))
    return tidy_markdown("\n\n".join(part for part in parts if part))


NESTED_LABEL_MAX_WORDS = 6


def _nested_table(table: Table, document) -> str:
    """A table inside an answer's cell, one line a row: "a | b | c"; a table of two columns whose first cells are
    short labels ("Name | Bridge Builders Foundation", "Type of organisation | NGO"), as "label: answer" lines, so
    that an organisation's details are read as its sub-fields."""
    rows = [[_cell_markdown(cell._tc, document) for cell in _unique(row.cells)] for row in table.rows]
    labelled = all(
        len(row) == 2 and "\n" not in row[0] and 0 < len(row[0].split()) <= NESTED_LABEL_MAX_WORDS for row in rows
    )
    if labelled:
        return "\n".join(f"{label.rstrip(' :')}: {answer}" for label, answer in rows)
    return "\n".join(" | ".join(row) for row in rows)


def _paragraphs_markdown(paragraphs: list, document, *, bold_lines: bool = False) -> str:
    """Paragraphs as Markdown: list items on consecutive lines, others apart; outside tables
    (``bold_lines``) a short paragraph all in bold marked as such. The template's guidance left in (``_guidance``)
    is left out."""
    chunks: list[str] = []
    previous_was_item = False
    for _element, (line, is_item) in _without_guidance(paragraphs, document, in_cell=not bold_lines):
        separator = "\n" if is_item and previous_was_item else "\n\n"
        chunks.append((separator if chunks else "") + line)
        previous_was_item = is_item
    return tidy_markdown("".join(chunks))


def _without_guidance(paragraphs: list, document, *, in_cell: bool) -> list[tuple]:
    """The paragraphs holding text, each with its (line, is_item), without the template's guidance the writer left
    in: paragraphs all in italics at the head of an answer (a table's answer cell, or after a heading or a bold
    line) that a paragraph not in italics follows in the same answer. The template prints its guidance in italics
    ("Describe in a few sentences what is done…"); an answer all in italics, or a word in italics within it, stays."""
    kept: list[tuple] = []
    pending: list[tuple] = []  # italic paragraphs at an answer's head, not yet known to be guidance
    at_head = in_cell
    for element in paragraphs:
        line, is_item = _paragraph_line(element, document, bold_lines=not in_cell)
        if not line:
            continue
        label = line.startswith(("#", "**"))
        if label:
            kept += pending
            pending = []
            kept.append((element, (line, is_item)))
            at_head = True
        elif at_head and _all_italic(element, document) and reads_as_guidance(line):
            pending.append((element, (line, is_item)))
        else:
            pending = []  # guidance: an answer not in italics follows it
            kept.append((element, (line, is_item)))
            at_head = False
    return kept + pending


def _paragraph_line(element, document, *, bold_lines: bool = False) -> tuple[str, bool]:
    text = _text(element).strip()
    if not text:
        return "", False
    style = Paragraph(element, document).style
    name = (style.name if style is not None else "") or ""
    heading = re.match(r"Heading (\d)", name)
    if heading:
        return "#" * int(heading.group(1)) + " " + text, False
    if name == "Title":
        return "# " + text, False
    indent = _LIST_INDENT * _list_depth(name)
    if name.startswith("List Number"):
        return indent + "1. " + text, True
    numbered = element.pPr is not None and element.pPr.numPr is not None
    if name.startswith("List") or numbered:
        return indent + "- " + text, True
    if bold_lines and "\n" not in text and len(text.split()) <= BOLD_LINE_MAX_WORDS and _all_bold(element):
        return f"**{text}**", False
    return text, False


def _all_bold(element) -> bool:
    """Whether every run of the paragraph that holds text is bold (not a style's bold: that is a heading's)."""
    runs = [
        run for run in _own_nodes(element, _RUN) if any((node.text or "").strip() for node in _own_nodes(run, _TEXT))
    ]
    return bool(runs) and all(_is_bold(run) for run in runs)


def _all_italic(element, document) -> bool:
    """Whether every run of the paragraph that holds text is in italics, by its own format or the paragraph's
    style's."""
    runs = [
        run for run in _own_nodes(element, _RUN) if any((node.text or "").strip() for node in _own_nodes(run, _TEXT))
    ]
    if not runs:
        return False
    style = Paragraph(element, document).style
    styled = bool(style is not None and style.font is not None and style.font.italic)
    return all(_is_italic(run, styled) for run in runs)


def _is_italic(run, styled: bool) -> bool:
    properties = run.find(_RPR)
    italic = properties.find(_ITALIC) if properties is not None else None
    if italic is None:
        return styled
    return italic.get(_VAL) not in ("0", "false")


def _is_bold(run) -> bool:
    properties = run.find(_RPR)
    bold = properties.find(_BOLD) if properties is not None else None
    return bold is not None and bold.get(_VAL) not in ("0", "false")


_LIST_INDENT = "    "  # one level of a nested Markdown list
_LIST_LEVEL = re.compile(r"^List (?:Bullet|Number|Continue)? ?(?P<level>[2-9])$")


def _list_depth(style_name: str) -> int:
    """How deep a list style nests its items: "List Bullet 2" once, "List Number 3" twice."""
    level = _LIST_LEVEL.match(style_name)
    return int(level.group("level")) - 1 if level else 0


def _own_nodes(element, tag: str | None = None) -> Iterator:
    """The element's descendants (of ``tag``), outside its text boxes (which are read as paragraphs of their own)
    and outside the fallbacks Word saves beside a drawing, a tracked deletion and a moved passage's old place."""
    for child in element.iterchildren():
        if child.tag in _NOT_TEXT or (child.tag == _SDT and _placeholder_shown(child)):
            continue
        if tag is None or child.tag == tag:
            yield child
        if child.tag != _TEXT_BOX:
            yield from _own_nodes(child, tag)


def _text(paragraph) -> str:
    """All the text of a paragraph, including hyperlinks and content controls, not its text boxes'."""
    parts: list[str] = []
    for child in paragraph.iterchildren():
        if child.tag == _PPR or child.tag in _NOT_TEXT or (child.tag == _SDT and _placeholder_shown(child)):
            continue
        for node in (child, *_own_nodes(child)):
            if node.tag == _TEXT:
                parts.append(node.text or "")
            elif node.tag == _TAB:
                parts.append(" ")
            elif node.tag in _BREAKS:
                parts.append("\n")
            elif node.tag == _CHECK_BOX:
                parts.append("☒ " if _is_checked(node) else "☐ ")
            elif node.tag == _SYM:
                parts.append(_symbol_box(node))
    return "".join(parts)


def _is_checked(box) -> bool:
    """A legacy form check box (FORMCHECKBOX): its state, else its default state."""
    state = box.find(_CHECKED)
    if state is None:
        state = box.find(_DEFAULT)
        if state is None:
            return False
    return state.get(_VAL, "1").lower() in ("1", "true", "on")


def _symbol_box(sym) -> str:
    """A Wingdings check box or tick as its character; other symbols as nothing (as before)."""
    code = (sym.get(_CHAR) or "").upper()
    code = code[2:] if len(code) == 4 and code[:2] in ("F0", "00") else code
    box = _SYMBOL_BOXES.get((sym.get(_FONT) or "").lower(), {}).get(code, "")
    return f"{box} " if box else ""
