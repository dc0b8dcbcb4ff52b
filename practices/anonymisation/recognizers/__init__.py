"""Presidio recognisers for the ten finding types.

spaCy's NER gives PERSON and LOCATION; everything else is a pattern checked
by the library that owns the rule: phonenumbers for phone numbers,
python-stdnum for identity-number checksums, Presidio's own IBAN checksum,
and a pattern for everything email-shaped (no list of domains).
Imported only when the engine is built, never at Django start-up.

One module a concern: ``base`` (the pattern recogniser and the judgements several
share), ``people`` (names found by patterns), ``places`` (addresses, places tied to a
person, schools and workplaces, dates of birth), ``contact`` (emails and phone numbers),
``identifiers`` (identity numbers and number plates), ``ner`` (spaCy's names and places),
``practitioners`` (a practitioner's small place after the role);
this package lists them for the engine.
"""

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import IbanRecognizer

from .contact import EuropeanPhoneRecognizer, email_recognizer, ip_address_recognizer, labelled_phone_recognizer
from .identifiers import NationalIdRecognizer, case_number_recognizer, plate_recognizer
from .ner import NER_NAME, FilteredSpacyRecognizer
from .people import person_recognizers
from .places import (
    PLACE_NAME,
    birth_and_initials_recognizers,
    institution_recognizers,
    place_after_cue_recognizer,
    place_after_preposition_recognizer,
    place_and_date_recognizers,
)
from .practitioners import PractitionersPlaceRecognizer

# Statistical or loose recognisers: any precise finding wins over theirs.
LOOSE_RECOGNIZERS = frozenset({NER_NAME, PLACE_NAME})


def all_recognizers(language: str) -> list[EntityRecognizer]:
    """Every recogniser the engine registers for ``language``."""
    return [
        FilteredSpacyRecognizer(language),
        place_after_preposition_recognizer(language),
        place_after_cue_recognizer(language),
        email_recognizer(language),
        ip_address_recognizer(language),
        IbanRecognizer(supported_language=language),
        EuropeanPhoneRecognizer(language),
        labelled_phone_recognizer(language),
        NationalIdRecognizer(language),
        plate_recognizer(language),
        case_number_recognizer(language),
        *person_recognizers(language),
        *place_and_date_recognizers(language),
        *institution_recognizers(language),
        *birth_and_initials_recognizers(language),
        PractitionersPlaceRecognizer(language),
    ]
