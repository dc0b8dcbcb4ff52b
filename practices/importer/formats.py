"""Read a template document (txt, html, md, docx, odt, rtf, pdf, eml) into cells of Markdown text.

A cell is a label cell with its answer (a table row, a tab-separated line),
a continuation of the previous answer, or running text in which the parser
looks for label lines (headings, bold labels, ``Label: answer``).
"""

import codecs
import itertools
import re
from collections.abc import Callable

from bs4 import BeautifulSoup, Tag
from django.utils.translation import gettext as _
from markdownify import MarkdownConverter

from .cells import Cell, add_loose, tidy_markdown, without_row_number
from .cleaning import match_label, match_label_line, reads_as_guidance
from .layout import (
    columns_as_boxes,
    rejoined,
    rejoined_words,
    tabbed_columns_as_boxes,
    two_columns_as_tabs,
    without_page_furniture,
)
from .result import UnreadableDocument

_HTML_TAG = re.compile(r"</?(?:p|ul|ol|li|h[1-6]|u|b|i|em|strong|a|br|div|span|table|tr|td|th|sup|sub)\b[^>]*>", re.I)
_CONVERTER = MarkdownConverter(heading_style="ATX", bullets="-", escape_underscores=False, newline_style="backslash")
# Line breaks as the Word reader writes them (a plain newline, once tidy_markdown trims the
# two spaces): for documents that pandoc renders in HTML, whose lists are often lines.
_SOFT_BREAKS = MarkdownConverter(heading_style="ATX", bullets="-", escape_underscores=False, newline_style="spaces")


def _fix_inline_bullets(soup: BeautifulSoup | Tag) -> None:
    """Lists written as ``<ul> • one • two`` (no ``<li>``) become real lists;
    such a list without any bullet becomes a paragraph."""
    for listing in soup.find_all(["ul", "ol"]):
        if listing.find("li"):
            continue
        inner = listing.decode_contents()
        items = [item.strip() for item in inner.split("•") if item.strip()]
        html = f"<p>{inner}</p>" if "•" not in inner else "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        listing.replace_with(BeautifulSoup(html, "html.parser"))


_BULLET = re.compile(r"^\s*[•◦▪‣·]\s*")


def _fix_bullet_paragraphs(soup: BeautifulSoup) -> None:
    """Runs of paragraphs that start with a bullet character (Rich Text lists, text pasted
    from Word) become a real list."""
    for paragraph in soup.find_all("p"):
        if paragraph.name != "p" or paragraph.parent is None or not _BULLET.match(paragraph.get_text()):
            continue  # already moved into a list
        listing = soup.new_tag("ul")
        paragraph.insert_before(listing)
        item: Tag | None = paragraph
        while item is not None and item.name == "p" and _BULLET.match(item.get_text()):
            following = item.find_next_sibling()
            first = item.find(string=True)
            if first is not None:
                first.replace_with(_BULLET.sub("", str(first), count=1))
            item.name = "li"
            listing.append(item.extract())
            item = following


def _ticks_as_boxes(soup: BeautifulSoup) -> None:
    """Check boxes and radio buttons of a form (``<input type="checkbox" checked>``, as pandoc renders an
    OpenDocument's ☒ / ☐ and as a saved web form holds them) written as the ☒ / ☐ the checklists are read by:
    dropped, their ticks would be lost and every entry read as chosen."""
    for box in soup.find_all("input"):
        if str(box.get("type", "")).lower() in ("checkbox", "radio"):
            box.replace_with("☒ " if box.has_attr("checked") else "☐ ")


def _drop_trailing_breaks(soup: BeautifulSoup) -> None:
    """A line break that ends a paragraph or list item breaks nothing (Word and pandoc leave them)."""
    for br in soup.find_all("br"):
        after = [node for node in br.next_siblings if not (isinstance(node, str) and not node.strip())]
        if not after and br.parent is not None and br.parent.name in _BLOCKS:
            br.decompose()


_BLOCKS = {"p", "li", "td", "th", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


def html_to_markdown(html: str | Tag, converter: MarkdownConverter = _CONVERTER) -> str:
    soup = BeautifulSoup(str(html), "html.parser")
    _ticks_as_boxes(soup)
    _fix_inline_bullets(soup)
    _fix_bullet_paragraphs(soup)
    _drop_trailing_breaks(soup)
    return tidy_markdown(converter.convert_soup(soup))


def _line_to_markdown(line: str) -> str:
    if _HTML_TAG.search(line):
        return "\n\n" + html_to_markdown(line) + "\n\n"
    return line


def lines_to_markdown(lines: list[str]) -> str:
    """Lines of a text export, some holding HTML fragments, as Markdown."""
    return tidy_markdown("\n".join(_line_to_markdown(line) for line in lines))


# --- decoding -----------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Bytes as text: UTF-16 with a BOM, else UTF-8 (with or without BOM), reading each byte
    that is not UTF-8 as cp1252: a file in cp1252, or text pasted together from several
    sources whose UTF-8 holds a few cp1252 characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16")
    return _decode(data, "utf-8-sig", errors=_CP1252_FALLBACK)


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """The bytes UTF-8 could not decode, as cp1252; a byte cp1252 leaves out is an error."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1252"), error.end


_CP1252_FALLBACK = "practices.importer.cp1252"
codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def _decode(data: bytes, encoding: str, errors: str = "strict") -> str:
    try:
        return _check_text(data.decode(encoding, errors))
    except UnicodeDecodeError as error:
        raise UnreadableDocument(_("The file is not text in a known encoding, so it cannot be read.")) from error


def _check_text(text: str) -> str:
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if "\x00" in text or controls > max(3, len(text) // 100):
        raise UnreadableDocument(_("The file holds binary data, not text, so it cannot be read."))
    return text


# --- plain text -----------------------------------------------------------------


# An e-mail's quoted line: "> ", "> > ", ">>" before it.
_QUOTED = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?")
MAIL_QUOTED_LABELS = 3  # labels in the quoted lines, at least, for a document to be a template pasted in a mail


# A forwarded message's header, as mail programs write it above the message in English, French, German, Dutch,
# Swedish, Danish, Norwegian, Spanish, Portuguese, Italian, Polish and Finnish: the marker line, then its fields
# ("From:", "De :", "Von:", "Van:", "Od:", "Lähettäjä:"…).
_FORWARDED = re.compile(
    r"^\s*-{2,}\s*(?:forwarded message|original message|message transf[ée]r[ée]|message d'origine|"
    r"weitergeleitete nachricht|urspr[üu]ngliche nachricht|doorgestuurd bericht|oorspronkelijk bericht|"
    r"vidarebefordrat meddelande|ursprungligt meddelande|mensaje reenviado|mensaje original|messaggio inoltrato|"
    r"messaggio originale|videresendt (?:meddelelse|melding)|oprindelig meddelelse|opprinnelig melding|"
    r"mensagem encaminhada|mensagem original|wiadomo[śs][ćc] przekazana dalej|oryginalna wiadomo[śs][ćc]|"
    r"v[äa]litetty viesti|alkuper[äa]inen viesti)\s*-{2,}\s*$"
    # Apple Mail's marker, a sentence ending in a colon: "Begin forwarded message:", "Début du message réexpédié :"…
    r"|^\s*(?:begin forwarded message|d[ée]but du message r[ée]exp[ée]di[ée]|anfang der weitergeleiteten nachricht|"
    r"begin doorgestuurd bericht|b[öo]rjan p[åa] vidarebefordrat (?:brev|meddelande)|"
    r"vidarebefordrat (?:brev|meddelande)|"
    r"start p[åa] videresendt (?:besked|meddelelse)|videresendt (?:besked|meddelelse|melding)|"
    r"begynnelse p[åa] videresendt melding|inicio del mensaje reenviado|inizio (?:del )?messaggio inoltrato|"
    r"in[íi]cio da mensagem (?:reencaminhada|encaminhada)|pocz[aą]tek przekazanej wiadomo[śs]ci|"
    r"v[äa]litetty viesti alkaa|forwarded message)\s*:\s*$",
    re.I,
)
# The fields that name who wrote a message, opening a forwarded header that has no marker line (Outlook
# writes a rule of underscores, then "From:", "Sent:", "To:", "Subject:").
_SENDER_FIELD = re.compile(
    r"^\s*(?:from|de|von|van|fr[åa]n|fra|od|da|l[äa]hett[äa]j[äa]|remitente|mittente|remetente)\s*:", re.I
)
HEADER_BLOCK_FIELDS = 3  # header fields in a row, a sender's first, for a forwarded header without a marker
_HEADER_FIELD = re.compile(
    r"^\s*(?:from|sent|date|to|cc|bcc|reply-to|subject|de|envoy[ée]|[àa]|cci?|objet|von|gesendet|datum|an|kopie|"
    r"betreff|van|verzonden|aan|onderwerp|fr[åa]n|skickat|till|kopia|[äa]mne|fra|sendt|til|kopi|emne|dato|enviado|"
    r"para|asunto|fecha|da|inviato|oggetto|data|enviada|assunto|od|do|dw|wys[łl]ano|temat|l[äa]hett[äa]j[äa]|"
    r"vastaanottaja|l[äa]hetetty|aihe|kopio|p[äa]iv[äa]m[äa][äa]r[äa])\s*:",
    re.I,
)


# The header fields of a forwarded message that name who received it, or say nothing of who wrote it: its
# recipients ("To:", "Cc:", "À :", "An:", "Aan:", "Till:"…), date and subject. Only "From:" (its sender, who may
# be the practice's contact) stays with the mail's own text.
_NOT_THE_SENDER = re.compile(
    r"^\s*(?:to|cc|bcc|sent|date|subject|reply-to|[àa]|cci?|envoy[ée]|objet|an|kopie|gesendet|datum|betreff|aan|"
    r"verzonden|onderwerp|till|kopia|skickat|[äa]mne|para|enviado|enviada|fecha|asunto|assunto|inviato|oggetto|"
    r"data|til|kopi|sendt|emne|dato|do|dw|wys[łl]ano|temat|vastaanottaja|l[äa]hetetty|aihe|kopio|"
    r"p[äa]iv[äa]m[äa][äa]r[äa])\s*:",
    re.I,
)
GREETING_WORDS = 6  # a first line this short, ending in "," or "!", is the greeting ("Hi Anna,", "Liebe Frau Berg,")


def sender_text(own: str) -> str:
    """What of an e-mail's own text may be the practice's contact: its sentences, its "From:" and "… wrote:"
    lines and its signature, without the greeting (it names the addressee), a forwarded message's marker
    line, nor the header lines naming its recipients (To, Cc), its date or subject: the people a contributor
    wrote or copied to are nobody the practice's readers should be given."""
    lines = [line for line in own.split("\n") if not (_FORWARDED.match(line) or _NOT_THE_SENDER.match(line))]
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        greeting = lines[first].strip()
        if greeting.endswith((",", "!")) and len(greeting.split()) <= GREETING_WORDS:
            del lines[first]
    return tidy_markdown("\n".join(lines))


def _forwarded(lines: list[str]) -> int:
    """The number of lines up to the end of a forwarded message's header (0: none): after its marker line
    (``_FORWARDED``), or, without one, a block of ``HEADER_BLOCK_FIELDS`` header fields or more in a row that
    opens with its sender ("From:", "Van:"…) and names a recipient or a subject."""
    for number, line in enumerate(lines):
        if _FORWARDED.match(line) or _header_block(lines, number):
            end = number + 1
            while end < len(lines) and (_HEADER_FIELD.match(lines[end]) or not lines[end].strip()):
                end += 1
            return end
    return 0


def _header_block(lines: list[str], start: int) -> bool:
    if not _SENDER_FIELD.match(lines[start]):
        return False
    block = list(itertools.takewhile(lambda line: bool(_HEADER_FIELD.match(line)), lines[start:]))
    return len(block) >= HEADER_BLOCK_FIELDS and any(_NOT_THE_SENDER.match(line) for line in block[1:])


def unquoted_mail(text: str) -> tuple[str, str]:
    """A template pasted into an e-mail: its quoted lines without the quote marks, and the mail's own text
    before and after them (greeting, "On … wrote:", signature), which holds no label; or a forwarded template, and
    the mail's text down to the end of the forwarded message's header ("From:", "Subject:"). Any other text:
    itself and ""."""
    lines = text.split("\n")
    quoted = [number for number, line in enumerate(lines) if _QUOTED.match(line)]
    if not quoted:
        end = _forwarded(lines)
        header, rest = lines[:end], lines[end:]
        if not end or any(match_label_line(line.split("\t")[0]) for line in header):
            return text, ""
        if sum(1 for line in rest if match_label_line(line.split("\t")[0])) < MAIL_QUOTED_LABELS:
            return text, ""
        return "\n".join(rest), "\n".join(header)
    first, last = quoted[0], quoted[-1]
    inner = [_QUOTED.sub("", line, count=1) for line in lines[first : last + 1]]
    if sum(1 for line in inner if match_label_line(line.split("\t")[0])) < MAIL_QUOTED_LABELS:
        return text, ""
    outside = [*lines[:first], *lines[last + 1 :]]
    if any(match_label_line(line.split("\t")[0]) for line in outside):
        return text, ""  # the template's own text, part of it quoted (a Markdown block quote): no e-mail
    # The quoted mail's own text before the template's first label ("> Dear colleagues, please answer…") is the
    # mail's, not an answer: with the mail's text, not at the head of the description.
    head = next(number for number, line in enumerate(inner) if match_label_line(line.split("\t")[0]))
    return "\n".join(inner[head:]), "\n".join([*lines[:first], *inner[:head], *lines[last + 1 :]])


def _mail_cells(text: str) -> tuple[str, list[Cell]]:
    """``text`` without an e-mail's quoting, and the mail's own text as a cell for the contact details: it
    holds who wrote and sent it (``sender_text``: never whom to), not an answer of the template."""
    inner, own = unquoted_mail(text)
    own = sender_text(own)
    return inner, [Cell(None, lines_to_markdown(own.split("\n")), field="contact")] if own else []


def read_text(data: bytes) -> list[Cell]:
    """Tab-separated rows (label, TAB, answer); lines without a tab continue
    the answer. Text without any tab is running text. A template quoted in an e-mail is read without its
    quote marks, the mail's own text going to the contact details."""
    text, mail = _mail_cells(decode_text(data).replace("\r\n", "\n").replace("\r", "\n"))
    text = without_page_furniture(text)  # a PDF copied as text: page numbers, headers and footers
    text = tabbed_columns_as_boxes(text)  # a checklist in yes / no columns set with tabs
    if "\t" not in text:
        text = two_columns_as_tabs(text)  # a PDF in two columns (labels, answers) copied as text
    if "\t" not in text:
        joined = tuple(rejoined_words(text))
        text = columns_as_boxes(rejoined(text))  # a PDF converter's broken lines; a checklist in columns
        return [Cell(None, lines_to_markdown(text.split("\n")), loose=True, joined=joined), *mail]
    cells: list[Cell] = []
    label, lines = None, []
    for line in text.split("\n"):
        if "\t" not in line:
            lines.append(line)
            continue
        cells.append(Cell(label, lines_to_markdown(lines)))
        head, *answer = without_row_number(line.split("\t"), _plain_label)  # "3<TAB>Key themes<TAB>..."
        label = _plain_label(head) or None
        lines = ["\n".join(answer)]  # an answer of several cells ("Name\tType of organisation: NGO"): its lines
    cells.append(Cell(label, lines_to_markdown(lines)))
    return cells + mail


def _plain_label(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


# --- Markdown -------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|[\s:|-]+\|\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")  # "\|" is a pipe inside a cell (GitHub tables)


def read_markdown(data: bytes) -> list[Cell]:
    """Running Markdown; rows of a pipe table with two or more columns are label cells. A template quoted in
    an e-mail is read as ``read_text`` reads it."""
    text, mail = _mail_cells(decode_text(data).replace("\r\n", "\n").replace("\r", "\n"))
    text = without_page_furniture(text)  # a PDF copied as text: page numbers, headers and footers
    lines = text.split("\n")
    cells: list[Cell] = []
    loose: list[str] = []
    for number, line in enumerate(lines):
        parts = _pipe_row(line)
        parts = parts and without_row_number(parts, markdown_label)
        if parts is None:
            loose.append(line)
            continue
        if not parts or (_next_is_rule(lines, number) and match_label(markdown_label(parts[0])) is None):
            continue  # the rule line, and a header row such as "| Field | Answer |"
        add_loose(["\n".join(loose)], cells)
        loose = []
        cells.append(Cell(markdown_label(parts[0]) or None, _pipe_cell(" | ".join(parts[1:]))))
    add_loose(["\n".join(loose)], cells)
    return cells + mail


def _pipe_row(line: str) -> list[str] | None:
    """The cells of a pipe-table row of two or more columns; [] for a rule line."""
    row = _PIPE_ROW.match(line)
    if row is None:
        return None
    if _PIPE_RULE.match(line):
        return []
    parts = [part.strip().replace("\\|", "|") for part in _UNESCAPED_PIPE.split(row.group(1))]
    return parts if len(parts) >= 2 else None


def _next_is_rule(lines: list[str], number: int) -> bool:
    return number + 1 < len(lines) and bool(_PIPE_RULE.match(lines[number + 1]))


def markdown_label(text: str) -> str:
    return " ".join(re.sub(r"\*\*|__", "", text).split())


def _pipe_cell(text: str) -> str:
    return tidy_markdown(re.sub(r"<br\s*/?>", "\n", text, flags=re.I))


# --- HTML -----------------------------------------------------------------------


def read_html(data: bytes) -> list[Cell]:
    """Two-cell table rows are label cells; everything else is running text."""
    return _html_cells(decode_text(data))


def _html_cells(html: str, converter: MarkdownConverter = _CONVERTER) -> list[Cell]:
    soup = BeautifulSoup(html, "html.parser")
    for junk in soup.find_all(["script", "style", "head", "title", "meta"]):
        junk.decompose()
    _without_page_chrome(soup)
    _ticks_as_boxes(soup)
    root = soup.body or soup
    cells: list[Cell] = []
    _walk_html(root, cells, converter)
    return [cell for cell in cells if cell.body or cell.label]


# What a web page saved from a browser puts around the template: its menus, buttons, footer and the cookie or
# consent banner (by its id, class or role).
_CHROME_TAGS = ["nav", "footer", "aside", "button", "noscript", "iframe", "svg", "template", "select", "dialog"]
_BANNER = re.compile(r"cookie|consent|gdpr|onetrust|cookiebot|navbar|menu|breadcrumb", re.I)


def _without_page_chrome(soup: BeautifulSoup) -> None:
    """A saved web page without its navigation, footer and banners: never the template's text, which sits in the
    page's main part. A page header (``<header>``) outside a ``<main>`` goes too."""
    for junk in soup.find_all(_CHROME_TAGS):
        junk.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marks = " ".join(str(tag.get(name) or "") for name in ("id", "class", "role"))
        if marks.strip() and _BANNER.search(marks) and tag.name not in ("body", "main", "table", "tr", "td"):
            tag.decompose()
    if soup.find("main") is not None:
        for header in soup.find_all("header"):
            if header.find_parent("main") is None:
                header.decompose()


def _walk_html(element: Tag, cells: list[Cell], converter: MarkdownConverter) -> None:
    loose: list[str] = []
    for child in _without_guidance(list(element.children), at_head=False):
        if isinstance(child, Tag) and (child.name == "table" or child.find("table")):
            add_loose(loose, cells)
            loose = []
            if child.name == "table":
                _table_cells(child, cells, converter)
            else:
                _walk_html(child, cells, converter)
        elif isinstance(child, Tag):
            loose.append(html_to_markdown(child, converter))
        elif str(child).strip():
            loose.append(str(child).strip())
    add_loose(loose, cells)


def _without_guidance(children: list, *, at_head: bool = True) -> list:
    """The children without the template's guidance the writer left in, as in a Word file (word.py): paragraphs all
    in italics (<em>, <i>) that read as guidance (``reads_as_guidance``), at the head of an answer (a table's answer
    cell, or after a heading or a paragraph all in bold) when a paragraph not in italics follows them there."""
    kept: list = []
    pending: list = []  # italic paragraphs at an answer's head, not yet known to be guidance
    for child in children:
        if not isinstance(child, Tag) or not child.get_text(strip=True):
            (pending if pending else kept).append(child)
            continue
        if child.name in ("h1", "h2", "h3", "h4", "h5", "h6") or _all_within(child, ("strong", "b")):
            kept += pending
            pending = []
            kept.append(child)
            at_head = True
        elif at_head and child.name == "p" and _all_within(child, ("em", "i")) and reads_as_guidance(child.get_text()):
            pending.append(child)
        else:
            pending = []  # guidance: an answer not in italics follows it
            kept.append(child)
            at_head = False
    return kept + pending


def _all_within(tag: Tag, names: tuple[str, ...]) -> bool:
    """Whether all the text of ``tag`` stands inside elements named ``names`` (a paragraph all in italics)."""

    def inside(text) -> bool:
        for parent in text.parents:
            if parent is tag:
                return False
            if parent.name in names:
                return True
        return False

    texts = [text for text in tag.find_all(string=True) if text.strip()]
    return bool(texts) and all(inside(text) for text in texts)


def _table_cells(table: Tag, cells: list[Cell], converter: MarkdownConverter) -> None:
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        columns = without_row_number(row.find_all(["td", "th"], recursive=False), lambda column: column.get_text(" "))
        if row.find_parent("thead") and not (columns and match_label(columns[0].get_text(" "))):
            continue  # a header row such as "Field | Answer"; a label there (pandoc's ODT) is a row
        if len(columns) >= 2:
            label = " ".join(columns[0].get_text(" ").split())
            body = "\n\n".join(
                html_to_markdown("".join(str(part) for part in _without_guidance(list(column.children))), converter)
                for column in columns[1:]
            )
            cells.append(Cell(label or None, tidy_markdown(body)))
        elif columns:
            _walk_html(columns[0], cells, converter)


# --- Word -----------------------------------------------------------------------


def read_docx(data: bytes) -> list[Cell]:
    """Word documents; python-docx is loaded only when one comes."""
    from .word import read_docx as read  # word.py imports only .cells: no import circle

    return read(data)


def read_odt(data: bytes) -> list[Cell]:
    """OpenDocument text (LibreOffice, OpenOffice), as pandoc renders it in HTML."""
    from .pandoc import to_html

    return _html_cells(to_html(data, "odt"), _SOFT_BREAKS)


def read_rtf(data: bytes) -> list[Cell]:
    """Rich Text, as pandoc renders it in HTML."""
    from .pandoc import to_html

    return _html_cells(to_html(data, "rtf"), _SOFT_BREAKS)


def read_pdf(data: bytes) -> list[Cell]:
    """A template saved as PDF: table rows from the ruling lines, text in reading order."""
    from .pdf import read_pdf as read

    return read(data)


def read_eml(data: bytes) -> list[Cell]:
    """A saved e-mail: its attached template, or the template in its body (mail.py)."""
    from .mail import read_eml as read

    return read(data)


READERS: dict[str, Callable[[bytes], list[Cell]]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".dotx": read_docx,  # a Word template filled in and sent as it was
    ".docm": read_docx,  # a Word document with macros (never run)
    ".odt": read_odt,
    ".rtf": read_rtf,
    ".pdf": read_pdf,
    ".eml": read_eml,
}
