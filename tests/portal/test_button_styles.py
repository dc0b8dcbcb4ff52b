"""Buttons that destroy, refuse or end something are GOV.UK warning buttons (``button-danger``),
never styled like the action they sit beside (Approve / Decline, Hide / Dismiss…)."""

import re
from pathlib import Path

from django.conf import settings

BUTTON = re.compile(r"<button\b(?P<attributes>[^>]*)>(?P<label>.*?)</button>", re.DOTALL)
DESTRUCTIVE = re.compile(
    r"\b(decline|reject|remove|ban|delete|revoke|hide|discard|withdraw|leave|purge|close my account)\b", re.IGNORECASE
)
# Labels that carry one of those words without destroying anything.
HARMLESS = re.compile(r"lift the ban|hide the filters|show", re.IGNORECASE)


def _buttons():
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            for match in BUTTON.finditer(path.read_text()):
                label = " ".join(re.sub(r"<[^>]+>", " ", match["label"]).split())
                yield path.name, match["attributes"], match["label"], label


def test_every_destructive_button_is_a_warning_button():
    wrong = [
        f"{name}: {label.strip()}"
        for name, attributes, raw, label in _buttons()
        if DESTRUCTIVE.search(raw) and not HARMLESS.search(raw) and "button-danger" not in attributes
    ]
    assert wrong == []


def test_no_warning_button_on_an_action_that_destroys_nothing():
    wrong = [
        f"{name}: {label.strip()}"
        for name, attributes, raw, label in _buttons()
        if "button-danger" in attributes and not DESTRUCTIVE.search(raw) and "{% if" not in attributes
    ]
    assert wrong == []


def test_the_scan_sees_the_decisions_it_checks():
    labels = " ".join(raw for _name, _attributes, raw, _label in _buttons())
    for verb in ("Approve", "Decline", "Reject", "remove and ban", "Yes, hide it", "Yes, revoke"):
        assert verb in labels
