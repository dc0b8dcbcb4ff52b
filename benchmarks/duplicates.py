"""The near-duplicate rule of search/hits.py, measured on real pairs.

Documents: the hand-written demo practices (practices/fixtures/demo), plus

- translations: benchmarks/data/translated_practices.json, five demo practices written
  again in another language (EN->FR, EN->DE, FR->EN);
- second imports: each of those five sources imported again with its last paragraph dropped
  and its whitespace changed (the same template pasted twice, one copy trimmed);
- practices written in one organisation's words: the generated demo practices' write-ups
  (practices/demo.py, eight methods in English and in French), each a sentence saying what
  the practice does and the same six sentences around it, with another organisation and year:
  different practices that share nearly all their sentences (the method's English and French
  write-ups are translations of one another and are left out as a pair).

Duplicate pairs: a source, its translation and its second import, pairwise (15). Every other
pair is not (the demo practices hold same-theme practices in other languages: hard
negatives). Vectors as search stores them (search.embedding.store): the document's (title +
description, pooled) and one per sentence of the description, int8-quantised.

Scores: ``document`` (cosine of the document vectors) and ``sentences`` (search/hits.py
``alignment``: for each sentence of one description the cosine of its closest sentence in the
other, averaged; the higher of the two directions). Prints precision and recall per
threshold, for pairs of the same language and of different languages apart, then those of
the rule search applies (search/hits.py ``is_copy``: the average and each sentence). No
database.

    .venv/bin/python benchmarks/duplicates.py
"""

import json
import re
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from relevance import setup_django  # noqa: E402

setup_django()

from search import embedding  # noqa: E402
from search.embedding.chunks import sentences  # noqa: E402
from search.embedding.store import MAX_SENTENCES, SENTENCE_WORDS  # noqa: E402
from search.embedding.vectors import dequantise, quantise_int8  # noqa: E402
from search.hits import alignment, is_copy  # noqa: E402

DEMO = ROOT / "practices" / "fixtures" / "demo"
TRANSLATIONS = ROOT / "benchmarks" / "data" / "translated_practices.json"
TITLE = re.compile(r"^(?:Name of the practice|Nom de la pratique|[^:\n]{3,40})\s*:\s*(.+)$", re.MULTILINE)
THRESHOLDS = (0.85, 0.88, 0.89, 0.90, 0.91, 0.92, 0.94, 0.96, 0.97, 0.98)


def demo_document(path: Path) -> tuple[str, str]:
    """(title, description) of a template file: the first "…: title" line, and the lines
    between the description heading and the peer-review line."""
    lines = path.read_text().splitlines()
    title = next(match.group(1) for line in lines[1:] if (match := TITLE.match(line)))
    start = next(
        i
        for i, line in enumerate(lines)
        if line.lower().startswith(("description", "beskrivelse", "beschreibung", "beschrijving", "beskrivning"))
    )
    end = next(
        i
        for i in range(start + 1, len(lines))
        if re.match(r"^\S[^:]{3,40}:\s*(Yes|No|Oui|Non|Ja|Nej|Nee|Nein)\b", lines[i])
    )
    return title, "\n".join(lines[start + 1 : end]).strip()


def organisation_write_ups() -> dict[str, tuple[str, str, str]]:
    """name -> (language, title, description) of the generated demo practices' write-ups."""
    from practices.demo import METHODS, WRITE_UP

    made = {}
    for language, methods in METHODS.items():
        for number, (title, summary) in enumerate(methods):
            organisation = f"Service {number} of the town" if language == "en" else f"Service {number} de la ville"
            description = WRITE_UP[language]["description"].format(
                summary=summary, organisation=organisation, start=2008 + number
            )
            made[f"write-up-{language}-{number}"] = (language, title, description)
    return made


def second_import(title: str, description: str) -> tuple[str, str]:
    paragraphs = [p for p in description.split("\n\n") if p.strip()]
    kept = paragraphs[:-1] if len(paragraphs) > 1 else paragraphs
    return title.upper() if len(title) < 20 else title, "\n\n".join("  ".join(p.split(" ")) for p in kept)


def stored_vector(title: str, description: str) -> np.ndarray:
    vector = embedding.embed_document([title, description])
    return dequantise(quantise_int8(vector[None, :]))[0]


def stored_sentences(description: str) -> np.ndarray:
    said = [" ".join(sentence.split()[:SENTENCE_WORDS]) for sentence in sentences(description)[:MAX_SENTENCES]]
    return dequantise(quantise_int8(embedding.embed_chunks(said)))


def table(scored: list[tuple[float, bool]], thresholds) -> None:
    positives = sum(positive for _score, positive in scored)
    print("| threshold | pairs above | precision | recall |\n|---|---|---|---|")
    for threshold in thresholds:
        above = [positive for score, positive in scored if score >= threshold]
        precision = sum(above) / len(above) if above else 1.0
        print(f"| {threshold:.2f} | {len(above)} | {precision:.3f} | {sum(above) / max(positives, 1):.3f} |")


def main() -> None:
    embedding.load()
    documents = {path.stem: demo_document(path) for path in sorted(DEMO.glob("*.txt"))}
    language = {name: name.split("-", 1)[0] for name in documents}
    families = []
    for number, entry in enumerate(json.loads(TRANSLATIONS.read_text())):
        source = documents[entry["source"]]
        documents[f"translation-{number}"] = (entry["title"], entry["description"])
        documents[f"import-{number}"] = second_import(*source)
        language[f"translation-{number}"] = entry["language"]
        language[f"import-{number}"] = language[entry["source"]]
        families.append({entry["source"], f"translation-{number}", f"import-{number}"})
    positives = {frozenset(pair) for family in families for pair in combinations(sorted(family), 2)}
    for name, (spoken, title, description) in organisation_write_ups().items():
        documents[name], language[name] = (title, description), spoken
    translated = {frozenset((f"write-up-en-{number}", f"write-up-fr-{number}")) for number in range(len(documents))}
    names = list(documents)
    vectors = {name: stored_vector(*documents[name]) for name in names}
    said = {name: stored_sentences(documents[name][1]) for name in names}
    print(f"{len(names)} documents, {len(positives)} duplicate pairs, model {embedding.MODEL_VERSION}")
    for kind, score in (
        ("document", lambda a, b: float(vectors[a] @ vectors[b])),
        ("sentences", lambda a, b: alignment(said[a], said[b])),
    ):
        for same in (True, False):
            scored = [
                (score(a, b), frozenset((a, b)) in positives)
                for a, b in combinations(names, 2)
                if (language[a] == language[b]) == same and frozenset((a, b)) not in translated
            ]
            print(f"\n{kind}, {'same' if same else 'different'} languages ({len(scored)} pairs):\n")
            table(scored, THRESHOLDS)
    print("\nthe rule (is_copy):\n\n| pairs | copies found | precision | recall |\n|---|---|---|---|")
    for same in (True, False):
        judged = [
            (is_copy(said[a], said[b], same_language=same), frozenset((a, b)) in positives)
            for a, b in combinations(names, 2)
            if (language[a] == language[b]) == same and frozenset((a, b)) not in translated
        ]
        found = [positive for copy, positive in judged if copy]
        positives_here = sum(positive for _copy, positive in judged)
        print(
            f"| {'same' if same else 'different'} languages ({len(judged)}) | {len(found)} | "
            f"{sum(found) / len(found) if found else 1.0:.3f} | {sum(found) / max(positives_here, 1):.3f} |"
        )


if __name__ == "__main__":
    main()
