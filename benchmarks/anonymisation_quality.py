"""Recall and precision of the anonymisation check on the planted corpus.

    .venv/bin/python benchmarks/anonymisation_quality.py            # prints; rewrites the figures in the doc
    .venv/bin/python benchmarks/anonymisation_quality.py --dry-run  # prints only

The corpus is tests/practices/anonymisation_corpus.py: a development set (the
recognisers were tuned on it), a held-out set (written afterwards), and the
three fixture templates with their real personal data listed. Per finding
type: items planted, recall (a finding of the type overlaps the item),
precision (findings that overlap an item of their type), and coverage (share
of the planted characters inside such findings: what redaction would hide).
Misses and false positives are listed by text. Rewrites only what lies
between the quality markers of docs/ANONYMISATION.md.
"""

import argparse
import os
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

DOC = PROJECT_DIR / "docs" / "ANONYMISATION.md"
START, END = "<!-- quality:start -->", "<!-- quality:end -->"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key")
    import django

    django.setup()


def table(title: str, evaluation) -> list[str]:
    lines = [f"**{title}**", "", "| type | planted | recall | precision | coverage |", "|---|---:|---:|---:|---:|"]
    for kind in sorted(evaluation.scores):
        s = evaluation.scores[kind]
        lines.append(
            f"| {kind} | {s.planted} | {s.recall:.2f} ({s.recalled}/{s.planted}) |"
            f" {s.precision:.2f} ({s.correct}/{s.reported}) | {s.coverage:.2f} |"
        )
    t = evaluation.total
    lines.append(
        f"| all | {t.planted} | {t.recall:.2f} ({t.recalled}/{t.planted}) |"
        f" {t.precision:.2f} ({t.correct}/{t.reported}) | {t.coverage:.2f} |"
    )
    lines.append("")
    missed = ", ".join(f"{m.kind} “{m.text}”" for m in evaluation.missed) or "none"
    wrong = ", ".join(f"{f.type} “{f.text}”" for _, f in evaluation.false_positives) or "none"
    lines += [f"Missed: {missed}. False positives: {wrong}.", ""]
    return lines


def report(development, held_out, real, counts: dict[str, int], command: str) -> str:
    lines = [
        START,
        f"`{command}` — {time.strftime('%Y-%m-%d')}. Planted corpus: {counts['items']} items, {counts['decoys']}"
        f" decoys and {counts['not_ids']} wrong-checksum identity numbers in two English and two French practices;"
        f" real practices: {counts['real']} items of personal data in the three fixture templates.",
        "",
        *table("Development set (the recognisers were tuned on it)", development),
        *table("Held-out set (written after tuning; see below for what changed after its first run)", held_out),
        *table(
            "Real practices (the importer's fixture templates, written by others; every other word is"
            " a chance for a false positive)",
            real,
        ),
        END,
    ]
    return "\n".join(lines)


def write(section: str) -> None:
    text = DOC.read_text()
    if START not in text or END not in text:
        raise SystemExit(f"{DOC} has no {START} … {END} markers")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    DOC.write_text(before + section + after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dry-run", action="store_true", help="print the figures, do not touch docs/ANONYMISATION.md")
    args = parser.parse_args()
    setup_django()
    from practices.anonymisation import check_fields, warm_up
    from tests.practices.anonymisation_corpus import HELD_OUT, SAMPLES, evaluate, real_samples

    warm_up()
    real = real_samples()
    marks = [m for sample in SAMPLES + HELD_OUT for m in sample.marks]
    counts = {
        "items": sum(m.kind not in ("DECOY", "NOT_ID") for m in marks),
        "decoys": sum(m.kind == "DECOY" for m in marks),
        "not_ids": sum(m.kind == "NOT_ID" for m in marks),
        "real": sum(len(sample.marks) for sample in real),
    }
    command = " ".join([".venv/bin/python", "benchmarks/anonymisation_quality.py", *sys.argv[1:]])
    evaluations = [evaluate(check_fields, samples) for samples in (SAMPLES, HELD_OUT, real)]
    section = report(*evaluations, counts, command)
    print(section)
    if not args.dry_run:
        write(section)
        print(f"{DOC.relative_to(PROJECT_DIR)}: quality figures written")


if __name__ == "__main__":
    main()
