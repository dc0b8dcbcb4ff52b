"""What one import may cost: refused early, with a message fit for the user.

- a Word file's members, uncompressed, before anything parses them (a few KB of highly
  compressed XML can unpack to gigabytes);
- its paragraphs, table cells, runs and nesting depth, counted by a streaming pass over
  the XML that stops at the first limit (python-docx would build the whole tree);
- the characters of the whole document (a field over settings.PRACTICE_FIELD_MAX_CHARS is kept
  whole and flagged, ``over_character_limit`` in build.py: the writer shortens it before saving);
- HTML nested deeper than the readers' recursion allows;
- the time of the whole import (settings.PRACTICE_IMPORT_SECONDS), where a timer can be set.

``bounded_import`` wraps ``import_document``'s reading; the limits are generous for any
real template (docs/OPERATIONS.md, "Input limits").
"""

import signal
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from lxml import etree

from .result import UnreadableDocument

T = TypeVar("T")

MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024  # all members of a .docx together
MAX_XML_PART_BYTES = 16 * 1024 * 1024  # any one XML member (word/document.xml…)
MAX_PARAGRAPHS = 20_000  # a 200-page report has about 5,000
MAX_CELLS = 5_000  # the template has about 40
MAX_RUNS = 100_000
MAX_DEPTH = 64  # XML elements inside one another
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_COUNTED = {
    _W + "p": "paragraphs", _W + "tc": "cells", _W + "r": "runs",  # Word
    _TEXT + "p": "paragraphs", _TEXT + "h": "paragraphs", _TABLE + "table-cell": "cells", _TEXT + "span": "runs",  # ODF
}  # fmt: skip
_INVALID = {  # marked here, translated when raised
    ".docx": gettext_noop("The file is not a valid Word (.docx) document, so it cannot be read."),
    ".dotx": gettext_noop("The file is not a valid Word (.docx) document, so it cannot be read."),
    ".docm": gettext_noop("The file is not a valid Word (.docx) document, so it cannot be read."),
    ".odt": gettext_noop("The file is not a valid OpenDocument (.odt) document, so it cannot be read."),
}
ARCHIVES = tuple(_INVALID)  # the zip-based formats, checked before anything unpacks them
_MAXIMA = {"paragraphs": MAX_PARAGRAPHS, "cells": MAX_CELLS, "runs": MAX_RUNS}


def _too_large() -> UnreadableDocument:
    return UnreadableDocument(
        _(
            "The document is too large or too complex to be read (it unpacks to much more than a filled-in "
            "template). Remove images and long annexes, or paste the text into the form."
        )
    )


def _invalid(extension: str) -> UnreadableDocument:
    return UnreadableDocument(_(_INVALID[extension]))


def check_archive(data: bytes, extension: str) -> None:
    """Refuse a .docx or .odt whose members unpack too large or whose XML holds too much."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _invalid(extension) from error
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise _too_large()
    with archive:
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _check_xml(archive, member, extension)


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, extension: str) -> None:
    if member.file_size > MAX_XML_PART_BYTES:
        raise _too_large()
    counts = dict.fromkeys(_MAXIMA, 0)
    depth = 0
    try:
        with archive.open(member) as stream:
            for event, element in etree.iterparse(_capped(stream), events=("start", "end"), huge_tree=False):
                if event == "end":
                    depth -= 1
                    element.clear(keep_tail=False)
                    continue
                depth += 1
                kind = _COUNTED.get(element.tag)
                if kind:
                    counts[kind] += 1
                if depth > MAX_DEPTH or (kind and counts[kind] > _MAXIMA[kind]):
                    raise _too_large()
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():  # libxml2's own nesting limit, met before ours
            raise _too_large() from error
        raise _invalid(extension) from error
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _invalid(extension) from error


class _capped:
    """A member's stream that stops at MAX_XML_PART_BYTES whatever its header claims."""

    def __init__(self, stream) -> None:
        self.stream, self.read_so_far = stream, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(65536 if size < 0 else size)
        self.read_so_far += len(chunk)
        if self.read_so_far > MAX_XML_PART_BYTES:
            raise _too_large()
        return chunk


def check_text_size(cells: list) -> None:
    """Refuse a document holding far more text than every field at its limit together."""
    total = sum(len(cell.body) + len(cell.label or "") for cell in cells)
    if total > 20 * settings.PRACTICE_FIELD_MAX_CHARS:
        raise _too_large()


def bounded(read: Callable[[], T]) -> T:
    """Run ``read`` within the import's time limit; refuse nesting too deep to read."""
    try:
        with _time_limit(settings.PRACTICE_IMPORT_SECONDS):
            return read()
    except RecursionError as error:
        raise UnreadableDocument(
            _("The document nests its elements too deeply to be read. Save it again as a plain document.")
        ) from error


class _TimeUp(BaseException):
    """Not an Exception: the readers' ``except Exception`` (a damaged file) must not catch it."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM: only in a process's main thread, as in
    gunicorn's sync workers and the command line; elsewhere gunicorn's own --timeout bounds it)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def time_up(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp as error:
        raise UnreadableDocument(
            _(
                "Reading the document took too long (more than %(seconds)s seconds), so it was stopped. "
                "Remove long annexes and tables, or paste the text into the form."
            )
            % {"seconds": f"{seconds:g}"}
        ) from error
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
