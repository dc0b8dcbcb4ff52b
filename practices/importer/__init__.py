"""Import a filled-in RAN Collection practice template (txt, html, md, docx, odt, rtf, pdf, a saved e-mail).

    parsed = import_document(data, "practice.docx")
    parsed.as_json()  # title, language, key_themes, ..., fields, warnings

Every word of the answers is kept; only the template's own labels and
instructions are dropped. Nothing here touches the database except
``Vocabulary.from_database()``.
"""

from pathlib import PurePath

from django.utils.translation import gettext as _

from .build import build_practice
from .cells import composed
from .formats import READERS
from .limits import ARCHIVES, bounded, check_archive, check_text_size
from .parser import assemble
from .result import ImportWarning, ParsedOrganisation, ParsedPractice, UnreadableDocument
from .vocabulary import Vocabulary

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "WARNING_CODES",
    "ImportWarning",
    "ParsedOrganisation",
    "ParsedPractice",
    "UnreadableDocument",
    "Vocabulary",
    "import_document",
]

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(READERS)

# Every ImportWarning.code the importer gives.
WARNING_CODES: tuple[str, ...] = (
    "missing_field",  # title or description not found; or the organisation's name
    "over_word_limit",  # text kept whole, over the field's word limit
    "over_character_limit",  # text kept whole, over settings.PRACTICE_FIELD_MAX_CHARS: shorten it to save
    "unknown_theme",  # words in Key themes that name no theme
    "unknown_audience",  # words in Target audience that name no audience
    "respelt_term",  # a misspelt word of Key themes or Target audience read as the list's word it is near
    "read_from_prose",  # Key themes or Target audience written as sentences: the terms named in them
    # were read (quoted), the text kept at the end of the description; or terms in a clause saying not.
    # Also a Country of origin (kept at the end of the scope) or a type of organisation (kept in the
    # organisation's description) written as sentences
    "unknown_organisation_type",  # a "Type of organisation" naming no known type
    "unknown_country",  # a Country of origin naming no country
    "unrecognised_value",  # Peer reviewed not yes/no, Last update without a year
    "unknown_label",  # a label cell naming no field; its text was kept in the field before
    "guessed_label",  # a label in other words than the template's ("Aimed public"), read as the field named
    "unplaced_text",  # text before the first field (put at the head of the description), a closed-list
    # answer written as sentences (put at the end of the description), or
    # an answer that says more than its yes/no, country or year (quoted whole in the message)
    "rejoined_words",  # words a hyphen broke at a line's end (a PDF converter's text) were joined: named to check
    "repeated_field",  # a field appearing twice; its parts were joined
    "contact_moved",  # a contact person written in the organisation's answer, moved to the contact details
    "numbered_terms",  # Key themes or Target audience given as the numbers of the template's list: read in its order
    "refers_to_annex",  # an answer that only points to an annex or attachment, not uploaded with the template
    "several_templates",  # an e-mail with several attached templates: the first was read, the others named
    "mail_text",  # a template in an e-mail: the mail's own text (sentences, sender, signature) is in contact
    "unmapped_document",  # no field found at all; all the text is the description
)


# Formats contributors send that no reader here reads, with what to send instead.
_OLD_FORMATS = {
    ".doc": lambda: _(
        "An old Word file (.doc) cannot be read. Open it in Word or LibreOffice, save it as .docx and upload that."
    ),
    ".msg": lambda: _(
        "An Outlook message (.msg) cannot be read. Save the template attached to it and upload that, or save the "
        "message as .eml."
    ),
}


def import_document(data: bytes, filename: str, *, vocabulary: Vocabulary | None = None) -> ParsedPractice:
    """Read a template document into a ParsedPractice.

    Raises UnreadableDocument, with a message fit for the user, when the file
    cannot be read at all (damaged, binary, empty, or of an unsupported type).
    """
    extension = PurePath(filename or "").suffix.lower()
    reader = READERS.get(extension)
    if reader is None and extension in _OLD_FORMATS:
        raise UnreadableDocument(_OLD_FORMATS[extension]())
    if reader is None:
        raise UnreadableDocument(
            _("Files of type “%(extension)s” cannot be imported. Use one of: %(formats)s.")
            % {"extension": extension or filename, "formats": ", ".join(sorted(SUPPORTED_EXTENSIONS))}
        )
    if not data or not data.strip():
        raise UnreadableDocument(_("The file is empty."))
    if extension in ARCHIVES:
        check_archive(data, extension)  # before anything unpacks it (limits.py)

    def read() -> ParsedPractice:
        cells = composed(reader(data))  # every reader's text in NFC form (cells.py)
        if not any(cell.body.strip() or cell.label for cell in cells):
            raise UnreadableDocument(_("The file holds no text."))
        check_text_size(cells)
        return build_practice(assemble(cells), vocabulary or Vocabulary.from_lists())

    return bounded(read)
