"""Import filled-in practice templates from files or a folder of files."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from practices.anonymisation import check_fields
from practices.importer import SUPPORTED_EXTENSIONS, ParsedPractice, UnreadableDocument, Vocabulary, import_document
from practices.services import practice_import
from practices.template_fields import NARRATIVE_FIELD_CODES

SUPPORTED_SUFFIXES = set(SUPPORTED_EXTENSIONS)


class Command(BaseCommand):
    help = (
        "Read filled-in RAN Collection templates (text, HTML, Markdown, Word, OpenDocument, RTF, PDF, a saved e-mail "
        "with the template attached). With --json, print the parsed draft of one file and save nothing; otherwise "
        "save each as a draft (or publish with --publish). In a folder, the files of other types are named and left."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A template document, or a folder of them.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the parsed draft as JSON; save nothing."
        )
        parser.add_argument("--organisation", help="Save under this organisation instead of the one named inside.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish at once: for administrators migrating an already-public curated collection.",
        )

    def handle(self, *args, path: str, as_json: bool, organisation: str | None, publish: bool, **options):
        target = Path(path)
        if not target.exists():
            raise CommandError(f"No such file or folder: {target}")
        vocabulary = Vocabulary.from_database()
        if as_json:
            if target.is_dir():
                raise CommandError("--json reads one file, not a folder.")
            parsed = self._parse(target, vocabulary)
            self.stdout.write(_dumps({**parsed.as_json(), "pii": _personal_data(parsed)}))
            return
        files = _documents_in(target)
        if target.is_dir():
            left = sorted(p.name for p in target.iterdir() if p.is_file() and p not in files)
            if left:  # named, not read: a .doc or .msg among them would otherwise go unnoticed
                self.stderr.write(f"Left {len(left)} file(s) of other types: {', '.join(left)}")
        if not files:
            raise CommandError(f"No template documents ({', '.join(sorted(SUPPORTED_SUFFIXES))}) in {target}")
        failures = self._import_all(files, vocabulary, organisation=organisation, publish=publish)
        self._summarise(len(files), failures)

    def _parse(self, file: Path, vocabulary: Vocabulary):
        try:
            return import_document(file.read_bytes(), file.name, vocabulary=vocabulary)
        except UnreadableDocument as exc:
            raise CommandError(f"{file}: {exc}") from exc

    def _import_all(self, files, vocabulary, *, organisation, publish) -> list[tuple[Path, str]]:
        failures = []
        progress = tqdm(files, desc="Importing", unit="file", disable=len(files) == 1, file=self.stderr)
        for file in progress:
            try:
                parsed = import_document(file.read_bytes(), file.name, vocabulary=vocabulary)
                practice = practice_import(parsed=parsed, organisation_name=organisation, publish=publish)
            except (UnreadableDocument, ValidationError, OSError) as exc:
                failures.append((file, "; ".join(getattr(exc, "messages", [str(exc)]))))
                continue
            state = "published" if practice.is_published else "draft"
            progress.write(f"{file.name}: {state} #{practice.pk} “{practice.title}” ({len(parsed.warnings)} warnings)")
        return failures

    def _summarise(self, total: int, failures: list[tuple[Path, str]]) -> None:
        imported = total - len(failures)
        self.stdout.write(f"Imported {imported} of {total} documents.")
        for file, reason in failures:
            self.stderr.write(f"FAILED {file}: {reason}")
        if failures and not imported:
            raise CommandError("No document could be imported.")


def _documents_in(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    return sorted(p for p in target.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)


def _personal_data(parsed: ParsedPractice) -> list[dict]:
    """Personal data found in every narrative field, the contact included."""
    fields = {"title": parsed.title} | {code: parsed.fields.get(code, "") for code in NARRATIVE_FIELD_CODES}
    findings, _hints = check_fields(fields, parsed.language, context={"organisation": parsed.organisation.name})
    return [finding.as_json() for finding in findings]


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
