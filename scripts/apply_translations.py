"""Fill French catalogue entries from JSON files of msgid -> msgstr (plurals: "msgid|plural" ->
[singular, plural]), clear their fuzzy flag, and list what is still untranslated or fuzzy.

    .venv/bin/python manage.py makemessages -l fr --no-obsolete -i ".venv/*" -i "tests/*" -i "benchmarks/*"
    .venv/bin/python scripts/apply_translations.py translations.json [more.json ...]
    .venv/bin/python manage.py compilemessages -l fr
"""

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def main(paths: list[str]) -> int:
    translations: dict = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    catalogue = polib.pofile(str(CATALOGUE))
    filled = 0
    for entry in catalogue:
        key = f"{entry.msgid}|{entry.msgid_plural}" if entry.msgid_plural else entry.msgid
        if entry.msgctxt and f"{entry.msgctxt}\u0004{key}" in translations:  # "context\u0004msgid" keys
            key = f"{entry.msgctxt}\u0004{key}"
        if key not in translations:
            continue
        value = translations[key]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
        filled += 1
    catalogue.save()
    missing = [e for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    print(f"{filled} entries filled; {len(missing)} still untranslated or fuzzy")
    for entry in missing:
        print(f"  {entry.msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
