"""The importer and the personal-data check on the real-document corpus.

    .venv/bin/python benchmarks/anonymisation_real.py             # development set
    .venv/bin/python benchmarks/anonymisation_real.py --held-out  # both sets (the held-out one last)
    .venv/bin/python benchmarks/anonymisation_real.py --verbose   # also every miss, false alarm and wrong field

The corpus is tests/practices/real/ (see its corpus.py and docs/ANONYMISATION.md).
Per type: items, recall (a finding of the type overlaps the item), precision
(findings that overlap an item of their type); importer fields right out of
title, country, organisation name and type, themes and audiences.
"""

import argparse
import os
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key")
    import django

    django.setup()


def table(title: str, evaluation, accuracy: tuple[int, int, list[str]], verbose: bool) -> list[str]:
    lines = [f"**{title}**", "", "| type | items | recall | precision |", "|---|---:|---:|---:|"]
    for kind in sorted(evaluation.scores):
        s = evaluation.scores[kind]
        lines.append(
            f"| {kind} | {s.planted} | {s.recall:.2f} ({s.recalled}/{s.planted}) |"
            f" {s.precision:.2f} ({s.correct}/{s.reported}) |"
        )
    t = evaluation.total
    lines.append(
        f"| all | {t.planted} | {t.recall:.2f} ({t.recalled}/{t.planted}) |"
        f" {t.precision:.2f} ({t.correct}/{t.reported}) |"
    )
    right, total, wrong = accuracy
    lines += ["", f"Importer fields right: {right}/{total} ({right / total:.0%}).", ""]
    if verbose:
        lines += [f"- missed {m.kind} “{m.text}” ({m.field})" for m in evaluation.missed]
        lines += [f"- false alarm in {doc}: {f.type} “{f.text}” ({f.field})" for doc, f in evaluation.false_positives]
        lines += [f"- wrong field: {line}" for line in wrong]
        lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--held-out", action="store_true", help="also score the held-out set")
    parser.add_argument("--verbose", action="store_true", help="list misses, false alarms and wrong fields")
    args = parser.parse_args()
    setup_django()
    from practices.anonymisation import warm_up
    from tests.practices.real.corpus import evaluate_personal_data, import_all, importer_accuracy

    started = time.perf_counter()
    warm_up()
    sets = ["dev", "held_out"] if args.held_out else ["dev"]
    print(
        f"`.venv/bin/python benchmarks/anonymisation_real.py {' '.join(sys.argv[1:])}`".replace(" `", "`")
        + f" — {time.strftime('%Y-%m-%d')}"
    )
    print()
    for which in sets:
        imported = import_all(which)
        title = f"{'Development' if which == 'dev' else 'Held-out'} set: {len(imported)} documents"
        print("\n".join(table(title, evaluate_personal_data(imported), importer_accuracy(imported), args.verbose)))
    print(f"({time.perf_counter() - started:.0f} s, models included)")


if __name__ == "__main__":
    main()
