"""Personal-data detection for practice write-ups.

    from practices.anonymisation import check_fields, redact, warm_up

    warm_up()  # once per worker process: loads the spaCy models (a few seconds)
    findings, hints = check_fields({"description": text, "contact": contact}, "fr")
    clean = redact(text, [f for f in findings if f.field == "description"])

Findings are personal data (PERSON, EMAIL_ADDRESS, PHONE_NUMBER, NATIONAL_ID,
IBAN_CODE, LOCATION, DATE_OF_BIRTH, VEHICLE_PLATE, IP_ADDRESS, CASE_NUMBER) with exact character spans; hints are
combinations that may identify a person without naming them. Importing this
package loads neither spaCy nor Presidio: the first check (or ``warm_up()``)
does, once per process. See docs/ANONYMISATION.md.
"""

from .checks import check_fields, check_text
from .findings import FINDING_TYPES, HINT_KINDS, PLACEHOLDERS, Finding, Hint, SpanMismatch, redact

__all__ = [
    "FINDING_TYPES",
    "HINT_KINDS",
    "PLACEHOLDERS",
    "Finding",
    "Hint",
    "SpanMismatch",
    "check_fields",
    "check_text",
    "redact",
    "warm_up",
]


def warm_up() -> None:
    """Load the models and run every recogniser once; safe to call again."""
    from .engine import warm_up as load

    load()
