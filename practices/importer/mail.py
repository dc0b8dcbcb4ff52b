"""A saved e-mail (.eml): the template in its body, or attached to it.

Mail programs save a message as MIME text (RFC 5322): headers, then a body in quoted-printable or base64, often
in several parts. The template is read from the first attachment of a type the importer reads (a Word file, a PDF…),
the mail's own text (its sentences and signature; never its greeting nor the people it was sent or copied to)
going to the contact details; without such an attachment the body is read as a text file is (a template quoted
with "> " or forwarded, `formats.read_text`), or as an HTML file when the mail has no plain-text body. The
headers (sender, recipients, subject) are not read.
"""

from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from pathlib import PurePath

from django.utils.translation import gettext as _

from .cells import Cell, tidy_markdown
from .result import UnreadableDocument

MAX_NESTING = 3  # a message forwarded as an attachment of a message forwarded as an attachment…
MAX_ATTACHMENTS = 10  # attachments read to find the template among them


def read_eml(data: bytes) -> list[Cell]:
    from .formats import _check_text

    _check_text(data.decode("latin-1"))  # MIME is text: binary junk is refused as a text file's is
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise UnreadableDocument(_("The file is not a saved e-mail (.eml), so it cannot be read."))
    return _message_cells(message, 0)


def _message_cells(message: EmailMessage, depth: int) -> list[Cell]:
    from .formats import read_html, read_text

    body = message.get_body(preferencelist=("plain", "html"))
    content = _content(body) if body is not None else ""
    is_html = body is not None and body.get_content_subtype() == "html"
    attached = _attached(message, depth)
    templates = [(name, cells) for name, cells in attached if _names_fields(cells)]
    if templates:
        (name, cells), left = templates[0], [other for other, _ in templates[1:]]
        note = [Cell(None, "", attachments=(name, *left))] if left else []
        return _with_own_text(cells, content, is_html) + note
    body_cells = (read_html if is_html else read_text)(content.encode()) if content.strip() else []
    if attached and not _names_fields(body_cells):  # no template anywhere: the first attachment, as it is
        return _with_own_text(attached[0][1], content, is_html)
    if not content.strip():
        raise UnreadableDocument(_("The e-mail holds no text and no attached template, so it cannot be read."))
    return body_cells


def _attached(message: EmailMessage, depth: int) -> list[tuple[str, list[Cell]]]:
    """(name, cells) of the message's attachments of a type read here, in their order (a logo, a calendar invitation
    passed over; a message forwarded as an attachment read as a whole), at most ``MAX_ATTACHMENTS``."""
    from .formats import READERS
    from .limits import ARCHIVES, check_archive

    found: list[tuple[str, list[Cell]]] = []
    for part in message.iter_attachments():
        if len(found) >= MAX_ATTACHMENTS:
            break
        if part.get_content_type() == "message/rfc822" and depth < MAX_NESTING:
            inner = part.get_content()
            if isinstance(inner, EmailMessage):
                found.append((part.get_filename() or _("the forwarded message"), _message_cells(inner, depth + 1)))
            continue
        name = part.get_filename() or ""
        extension = PurePath(name).suffix.lower()
        if extension not in READERS or extension == ".eml":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        try:
            if extension in ARCHIVES:
                check_archive(payload, extension)
            found.append((name, READERS[extension](payload)))
        except UnreadableDocument as error:
            raise UnreadableDocument(
                _("The attached file “%(name)s” cannot be read: %(reason)s") % {"name": name, "reason": error}
            ) from error
    return found


def _names_fields(cells: list[Cell]) -> bool:
    """Whether the cells are a template's: a label of the template names a field in them (a flyer, a letter or a
    programme names none)."""
    from .parser import assemble

    return bool(cells) and bool(assemble(cells).sections)


def _content(part: MIMEPart) -> str:
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset: read as the bytes allow
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _with_own_text(cells: list[Cell], content: str, is_html: bool) -> list[Cell]:
    """The attached template's cells and the mail's own text (``formats.sender_text``: without its greeting
    nor the lines naming its recipients), for the contact details."""
    from .formats import html_to_markdown, lines_to_markdown, sender_text

    if is_html:
        own = tidy_markdown(sender_text(html_to_markdown(content)))
    else:
        own = tidy_markdown(lines_to_markdown(sender_text(content).split("\n")))
    return [*cells, Cell(None, own, field="contact")] if own.strip() else cells
