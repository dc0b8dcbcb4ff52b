"""The French catalogue is complete: every extracted message has a translation, none fuzzy,
and the compiled catalogue is not older than its source (scripts/apply_translations.py)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "fr" / "LC_MESSAGES"


def test_every_french_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    missing = [
        entry.msgid for entry in catalogue if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert missing == []


def test_the_compiled_catalogue_holds_every_translation():
    source = {entry.msgid for entry in polib.pofile(str(LOCALE / "django.po")) if entry.translated()}
    compiled = {entry.msgid for entry in polib.mofile(str(LOCALE / "django.mo"))}
    assert source <= compiled
