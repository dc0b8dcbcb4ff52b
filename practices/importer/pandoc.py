"""OpenDocument text (.odt) and Rich Text (.rtf) documents, read through pandoc.

Pandoc (the binary the ``pypandoc-binary`` wheel carries) turns the document into
HTML, which ``formats.read_html`` reads like any HTML template: two-cell table rows
are label cells, the rest running text. Pandoc runs with ``--sandbox`` (it reads
nothing but its input), a memory cap and the import's time limit.
"""

import re
import subprocess
import tempfile
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _

from .result import UnreadableDocument

NAMES = {"odt": "OpenDocument (.odt)", "rtf": "Rich Text (.rtf)"}
MEMORY_CAP = "-M512m"  # pandoc's own heap limit (GHC runtime)
# A Unicode character with a literal fallback character (``\u8211?``, ``\u8211-``): pandoc's
# RTF reader skips one character too many after it ("2018–019"); the same fallback written
# as a hex escape (``\'3f``, as Word and LibreOffice mostly write it) reads right.
_LITERAL_FALLBACK = re.compile(rb"(\\u-?\d+)(?!\d) ?([^\\{}\r\n])")


# The code page a Rich Text file's \'xx escapes are written in (\ansicpg1250: Central European, as WordPad and
# older Word write Czech, Polish or Romanian): pandoc reads every \'xx as Windows-1252 ("Rodièe" for "Rodiče"). The
# one-byte Windows code pages other than 1252 are written as \u escapes before pandoc reads the file; a \'xx that
# is a \u escape's fallback (right after it) is left.
_ANSI_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,4})")
_ONE_BYTE_PAGES = {874, 1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258}
_HEX_ESCAPE = re.compile(rb"(\\u-?\d+ ?(?:\\'[0-9a-fA-F]{2})?)|\\'([0-9a-fA-F]{2})")


def _code_page_escapes(data: bytes) -> bytes:
    found = _ANSI_CODE_PAGE.search(data[:2000])
    page = int(found.group(1)) if found else 1252
    if page not in _ONE_BYTE_PAGES:
        return data

    def written(match: re.Match) -> bytes:
        if match.group(1):
            return match.group(1)
        char = bytes.fromhex(match.group(2).decode()).decode(f"cp{page}", errors="replace")
        code = ord(char)
        return b"\\u%d\\'3f" % (code if code < 32768 else code - 65536)

    return _HEX_ESCAPE.sub(written, data)


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    import pypandoc  # loaded only when such a document comes

    return pypandoc.get_pandoc_path()


def to_html(data: bytes, kind: str) -> str:
    """The document as HTML; UnreadableDocument when pandoc cannot read it."""
    if kind == "rtf" and not data.lstrip().startswith(b"{\\rtf"):
        raise _invalid(kind)  # pandoc would read any bytes as Rich Text
    if kind == "rtf" and b"\\uc0" not in data:  # \uc0: no fallback characters at all
        data = _LITERAL_FALLBACK.sub(rb"\1\\'3f", data)
    if kind == "rtf":
        data = _code_page_escapes(data)
    with tempfile.NamedTemporaryFile(suffix=f".{kind}") as source:
        source.write(data)
        source.flush()
        command = [
            pandoc_path(),
            "--sandbox",
            "-f",
            kind,
            "-t",
            "html",
            "--wrap=none",
            source.name,
            "+RTS",
            MEMORY_CAP,
            "-RTS",
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=_seconds(), check=False)
        except subprocess.TimeoutExpired as error:
            raise UnreadableDocument(
                _("Reading the document took too long, so it was stopped. Save it as .docx and try again.")
            ) from error
    if done.returncode != 0:
        raise _invalid(kind)
    return done.stdout.decode("utf-8", errors="replace")


def _invalid(kind: str) -> UnreadableDocument:
    return UnreadableDocument(
        _("The file is not a valid %(kind)s document, so it cannot be read.") % {"kind": NAMES[kind]}
    )


def _seconds() -> float:
    return settings.PRACTICE_IMPORT_SECONDS or 60
