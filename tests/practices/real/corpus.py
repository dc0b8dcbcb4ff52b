"""The real-document corpus: public practice descriptions, paraphrased.

Each document under ``dev/`` and ``held_out/`` has a JSON sidecar: the file,
the language the contributor would pick, the source, a note on what was
changed (contact persons are invented), the importer fields expected and
every piece of personal data with its type and exact text. ``held_out/`` is
never used for tuning: see docs/ANONYMISATION.md.

Scoring needs Django (the importer and the check): call from a test or a
benchmark.
"""

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("dev", "held_out")
IMPORTER_FIELDS = ("title", "country", "organisation_name", "organisation_type", "key_themes", "target_audiences")


@dataclass(frozen=True)
class RealDocument:
    path: Path
    sidecar: dict

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def data(self) -> bytes:
        source = self.sidecar.get("docx_source")
        if source:
            from tests.practices.real.make_docx import build

            return build(self.path.with_name(source))
        return self.path.read_bytes()

    @property
    def expected(self) -> dict:
        wanted = self.sidecar["expected"]
        return {
            "title": wanted["title"],
            "country": wanted["country"],
            "organisation_name": wanted["organisation"]["name"],
            "organisation_type": wanted["organisation"]["type"],
            "key_themes": sorted(wanted["key_themes"]),
            "target_audiences": sorted(wanted["target_audiences"]),
        }

    @property
    def personal_data(self) -> tuple[tuple[str, str], ...]:
        return tuple((kind, text) for kind, text in self.sidecar["personal_data"])


def documents(which: str) -> list[RealDocument]:
    folder = HERE / which
    found = []
    for sidecar_path in sorted(folder.glob("*.json")):
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        found.append(RealDocument(folder / sidecar["file"], sidecar))
    return found


@dataclass
class Imported:
    document: RealDocument
    parsed: object  # ParsedPractice

    @cached_property
    def actual(self) -> dict:
        parsed = self.parsed
        return {
            "title": " ".join(parsed.title.split()),
            "country": parsed.country,
            "organisation_name": " ".join(parsed.organisation.name.split()),
            "organisation_type": parsed.organisation.type,
            "key_themes": sorted(parsed.key_themes),
            "target_audiences": sorted(parsed.target_audiences),
        }

    def wrong_fields(self) -> list[tuple[str, object, object]]:
        expected = self.document.expected
        return [
            (code, expected[code], self.actual[code]) for code in IMPORTER_FIELDS if expected[code] != self.actual[code]
        ]

    def fields_to_check(self) -> dict[str, str]:
        """What the upload's personal-data check reads: the title and every narrative field."""
        from practices.template_fields import NARRATIVE_FIELD_CODES

        texts = {"title": self.parsed.title}
        texts |= {code: self.parsed.fields.get(code, "") for code in NARRATIVE_FIELD_CODES}
        return {code: text for code, text in texts.items() if text and text.strip()}

    def context(self) -> dict[str, str]:
        """The practice's own names, as the upload passes them to the check."""
        return {"organisation": self.parsed.organisation.name}


def import_all(which: str) -> list[Imported]:
    from practices.importer import import_document

    return [Imported(doc, import_document(doc.data, doc.path.name)) for doc in documents(which)]


def importer_accuracy(imported: list[Imported]) -> tuple[int, int, list[str]]:
    """(right, total, wrong lines) over the importer fields of every document."""
    total = len(imported) * len(IMPORTER_FIELDS)
    wrong = [
        f"{item.document.name}: {code} expected {want!r}, got {got!r}"
        for item in imported
        for code, want, got in item.wrong_fields()
    ]
    return total - len(wrong), total, wrong


def evaluate_personal_data(imported: list[Imported]):
    """Recall and precision per type (see anonymisation_corpus.evaluate)."""
    from practices.anonymisation import check_fields
    from tests.practices.anonymisation_corpus import (
        Evaluation,
        Sample,
        _mark_occurrences,
        _score_findings,
        _score_items,
    )

    result = Evaluation()
    for item in imported:
        fields = item.fields_to_check()
        gold = item.document.personal_data
        marked = {code: _mark_occurrences(text, _with_line_breaks(gold)) for code, text in fields.items()}
        sample = Sample(item.document.name, item.document.sidecar["language"], marked)
        findings, _hints = check_fields(sample.fields, sample.language, context=item.context())
        _score_items(result, sample.marks, findings)
        _score_absent(result, gold, sample.marks)
        _score_findings(result, sample.name, sample.marks, findings)
    return result


def _score_absent(result, gold: tuple[tuple[str, str], ...], marks: list) -> None:
    """An item of personal data the imported fields no longer hold verbatim
    (the importer changed or lost it) counts as missed, never as not there."""
    from tests.practices.anonymisation_corpus import Mark

    present = {mark.text.replace("\\\n", "\n").replace("\n\n", "\n") for mark in marks}
    for kind, text in gold:
        if text not in present:
            result.score(kind).planted += 1
            result.score(kind).planted_chars += len(text.replace(" ", ""))
            result.missed.append(Mark("(not in the imported text)", kind, text, 0, len(text)))


def _with_line_breaks(gold: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Each item, and the same with Markdown's hard line break ("\\" before the
    newline: an HTML <br> becomes one) or a blank line (a Word cell's
    paragraphs) where the sidecar has a new line."""
    breaks = ("\\\n", "\n\n")  # an HTML <br>; a Word cell's paragraphs
    return gold + tuple((kind, text.replace("\n", b)) for kind, text in gold if "\n" in text for b in breaks)
